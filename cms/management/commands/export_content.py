import io
import json
import os
import tempfile
from pathlib import Path

from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from cms import content_json
from cms.content import FORMAT, FORMAT_VERSION, NOT_CONTENT


class Command(BaseCommand):
    help = (
        "Export the whole desk (articles, quotes, people, films, sources, users, groups, "
        "history) as one JSON document that import_content loads into an empty database."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", "-o", default="-", help="File to write; - for stdout.")

    def handle(self, *args, output: str, **options) -> None:
        buffer = io.StringIO()
        serializers.register_serializer(content_json.FORMAT_NAME, "cms.content_json")
        call_command(
            "dumpdata",
            format=content_json.FORMAT_NAME,
            exclude=NOT_CONTENT,
            natural_foreign=True,
            natural_primary=True,
            indent=None,
            stdout=buffer,
        )
        document = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "objects": json.loads(buffer.getvalue()),
        }
        text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
        if output == "-":
            self.stdout.write(text)
        else:
            write_whole(Path(output), text + "\n")
            self.stderr.write(f"Exported {len(document['objects'])} rows to {output}.")


def write_whole(path: Path, text: str) -> None:
    """Written beside the target and renamed over it, so that a failed write (a full disk, a
    folder in the way) never leaves a truncated export, nor destroys the one already there. The
    file is readable by its owner only: it holds password hashes and API tokens."""
    partial = None
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
        ) as file:
            partial = Path(file.name)
            file.write(text)
        os.replace(partial, path)
    except OSError as exc:
        raise CommandError(f"{path}: cannot write it ({exc.strerror})") from None
    finally:
        if partial is not None:
            partial.unlink(missing_ok=True)
