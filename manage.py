#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    from django.core.management import execute_from_command_line
    from django.db import InterfaceError, OperationalError

    try:
        execute_from_command_line(sys.argv)
    except (OperationalError, InterfaceError) as exc:
        # A database that is down, unreachable or refusing the password is the operator's to
        # fix, not a bug: its reason on one line and exit status 1; --traceback shows the trace.
        if "--traceback" in sys.argv:
            raise
        command = " ".join(["manage.py", *sys.argv[1:2]])
        sys.stderr.write(f"{command}: the database failed: {exc}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
