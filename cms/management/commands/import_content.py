import json
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms.content import read_export, target_is_empty


class Command(BaseCommand):
    help = "Load an export_content document into an empty database, all or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        try:
            rows = read_export(Path(file))
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if not target_is_empty():
            raise CommandError(
                "The database already holds content; import into an empty, migrated database."
            )
        with tempfile.TemporaryDirectory() as folder:
            fixture = Path(folder) / "content.json"
            fixture.write_text(json.dumps(rows), encoding="utf-8")
            try:
                with transaction.atomic():
                    call_command("loaddata", str(fixture), verbosity=0)
            except Exception as exc:  # loaddata wraps every failure; none may half-load
                raise CommandError(f"Nothing was imported: {exc}") from None
        self.stdout.write(f"Imported {len(rows)} rows.")
