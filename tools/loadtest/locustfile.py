"""The load test's scenario (run by `manage.py loadtest`, which sets LOADTEST_CONFIG and
LOADTEST_ACKS): readers browse the site and the API; editors create draft quotes, edit them
with If-Match and approve some. Every write the server acknowledges is appended to the
acknowledgements file as one JSON line, for `check.py` to find in the database."""

import json
import os
import random
import uuid
from pathlib import Path

from locust import HttpUser, between, task

CONFIG = json.loads(Path(os.environ["LOADTEST_CONFIG"]).read_text())
ACKS = open(os.environ["LOADTEST_ACKS"], "a", buffering=1)  # noqa: SIM115 (one for the run)


def acknowledge(kind: str, body: dict, etag: str) -> None:
    ACKS.write(
        json.dumps(
            {
                "kind": kind,
                "id": body["id"],
                "version": int(etag.strip('"').split(".")[0]),
                "text": body["text"],
                "state": body["state"],
            }
        )
        + "\n"
    )


class Reader(HttpUser):
    weight = 4
    wait_time = between(0.2, 1.0)

    @task(3)
    def home(self):
        self.client.get("/")

    @task(3)
    def article(self):
        self.client.get(f"/articles/{random.choice(CONFIG['articles'])}/", name="/articles/[slug]/")

    @task(2)
    def quote_list(self):
        self.client.get("/quotes/")

    @task(3)
    def quote(self):
        self.client.get(f"/quotes/{random.choice(CONFIG['quotes'])}/", name="/quotes/[id]/")

    @task(1)
    def search(self):
        self.client.get(
            f"/search/?q={random.choice(['eve', 'ballerina', 'wiseman'])}", name="/search/"
        )

    @task(2)
    def api_lists(self):
        self.client.get("/api/v1/quotes/", name="/api/v1/quotes/")
        self.client.get("/api/v1/articles/", name="/api/v1/articles/")


class Editor(HttpUser):
    weight = 1
    wait_time = between(0.3, 1.2)

    def on_start(self):
        token = random.choice(CONFIG["tokens"])
        self.client.headers["Authorization"] = f"Token {token}"
        self.mine: dict[int, str] = {}  # quote id -> the ETag last acknowledged

    @task(3)
    def create(self):
        text = f"Load test words {uuid.uuid4().hex}."
        payload = {"text": text, "speaker_person": CONFIG["speaker"], "source": CONFIG["source"]}
        with self.client.post(
            "/api/v1/quotes/", json=payload, name="POST /api/v1/quotes/", catch_response=True
        ) as response:
            if response.status_code == 201:
                body = response.json()
                acknowledge("quote", body, response.headers["ETag"])
                self.mine[body["id"]] = response.headers["ETag"]
            else:
                response.failure(f"create answered {response.status_code}: {response.text[:200]}")

    @task(4)
    def edit(self):
        if not self.mine:
            return
        pk = random.choice(list(self.mine))
        text = f"Edited words {uuid.uuid4().hex}."
        with self.client.patch(
            f"/api/v1/quotes/{pk}/",
            json={"text": text},
            headers={"If-Match": self.mine[pk]},
            name="PATCH /api/v1/quotes/[id]/",
            catch_response=True,
        ) as response:
            self.after_write(pk, response)

    @task(1)
    def approve(self):
        pending = [pk for pk in self.mine if pk not in getattr(self, "approved", set())]
        if not pending:
            return
        pk = random.choice(pending)
        with self.client.post(
            f"/api/v1/quotes/{pk}/approve/",
            headers={"If-Match": self.mine[pk]},
            name="POST /api/v1/quotes/[id]/approve/",
            catch_response=True,
        ) as response:
            self.after_write(pk, response)
            if response.status_code == 200:
                self.approved = {*getattr(self, "approved", set()), pk}

    def after_write(self, pk: int, response) -> None:
        if response.status_code == 200:
            acknowledge("quote", response.json(), response.headers["ETag"])
            self.mine[pk] = response.headers["ETag"]
        elif response.status_code == 412:
            # Someone else (another user sharing this token) saved first: the answer we want.
            response.success()
            fresh = self.client.get(f"/api/v1/quotes/{pk}/", name="/api/v1/quotes/[id]/")
            if fresh.status_code == 200:
                self.mine[pk] = fresh.headers["ETag"]
        else:
            response.failure(f"write answered {response.status_code}: {response.text[:200]}")
