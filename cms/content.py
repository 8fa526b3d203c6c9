"""Whole-database export and import of the desk's content, built on Django's own serialisers.

`dumpdata`/`loaddata` already order rows, stream them, use natural keys for content types and
permissions (which every database numbers differently), and reset sequences after loading, so
the two commands only choose what is content and guard the target.
"""

import json
from pathlib import Path

from django.apps import apps

# Rows that migrate creates afresh in every database, or that are only transient state.
NOT_CONTENT = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
]
FORMAT = "quote-desk-content"
FORMAT_VERSION = 1
# Models whose rows mean the target database already holds content.
CONTENT_MODELS = ["articles.Article", "quotes.Quote", "quotes.Person", "quotes.Source"]


def target_is_empty() -> bool:
    return not any(apps.get_model(label).objects.exists() for label in CONTENT_MODELS)


def read_export(path: Path) -> list[dict]:
    """The rows of an export file, after checking it is one of ours."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ValueError(f"{path}: is a folder, not an export file") from None
    except PermissionError:
        raise ValueError(f"{path}: not readable (permission denied)") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"{path}: not a quote desk export (no “format”: “{FORMAT}”)")
    if document.get("version") != FORMAT_VERSION:
        raise ValueError(f"{path}: export format version {document.get('version')} is unknown")
    rows = document.get("objects")
    if not isinstance(rows, list):
        raise ValueError(f"{path}: “objects” must be a list")
    return rows
