from django.core.management.base import BaseCommand

from articles.demo import load_demo


class Command(BaseCommand):
    help = "Load the Ballerina demo (idempotent: a second run changes nothing)."

    def handle(self, *args, **options) -> None:
        report = load_demo()
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Demo loaded. {report.summary()}"))
        else:
            self.stdout.write("Demo already loaded; nothing changed.")
