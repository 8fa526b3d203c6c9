"""A purge backend for the app processes of tests/deploy/test_replicas.py: it records each
purge, with the text the replica shows at that moment for each quote it names, one JSON line
a purge in the file named by CMS_TEST_PURGE_LOG."""

import json
import os

from django.db import connections

from core.purge import PurgeBackend


class ReplicaViewBackend(PurgeBackend):
    def purge(self, keys):
        seen = {}
        for key in keys:
            kind, _, pk = key.partition("-")
            if kind == "quote" and pk.isdigit():
                with connections["replica1"].cursor() as cursor:
                    cursor.execute("SELECT text FROM quotes_quote WHERE id = %s", [int(pk)])
                    row = cursor.fetchone()
                seen[key] = row[0] if row else None
        with open(os.environ["CMS_TEST_PURGE_LOG"], "a") as log:
            log.write(json.dumps({"keys": list(keys), "replica_shows": seen}) + "\n")
