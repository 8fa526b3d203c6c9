from django.core.management.base import BaseCommand

from articles.roles import sync_roles


class Command(BaseCommand):
    help = "Create or re-sync the Writers and Editors groups (idempotent; the migration runs it)."

    def handle(self, *args, **options):
        counts = sync_roles()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} permissions")
