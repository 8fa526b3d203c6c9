"""The load test's scenario (run by `manage.py loadtest`, which sets LOADTEST_CONFIG,
LOADTEST_ACKS and LOADTEST_EVENTS): readers browse the site and the API; API clients page
through the API; editors create draft quotes, edit them with If-Match and approve some;
publishers approve a quote (readers then see it), then reject it (unpublish) and never bring it
back, so that a reader who gets its page after the rejection returned has read a stale page.

Every write the server acknowledges is appended to the acknowledgements file as one JSON line,
for `check.py` to find in the database; every request is one line of the events file (time,
status, failed or not, stale or not, a 503's Retry-After), for `check.py` to count by status and
by phase."""

import json
import os
import random
import time
import uuid
from pathlib import Path

from locust import HttpUser, between, events, task

CONFIG = json.loads(Path(os.environ["LOADTEST_CONFIG"]).read_text())
ACKS = open(os.environ["LOADTEST_ACKS"], "a", buffering=1)  # noqa: SIM115 (one for the run)
EVENTS = open(os.environ["LOADTEST_EVENTS"], "a", buffering=1)  # noqa: SIM115
STALE = "stale read after unpublish"
# Quotes a publisher approved (readers may see them) and those it then rejected, with when the
# rejection was acknowledged; locust's users share one process.
PUBLISHED: list[int] = []
UNPUBLISHED: dict[int, float] = {}


@events.request.add_listener
def record(request_type, name, response, exception, start_time, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    failed = exception is not None
    line = {"t": start_time, "status": status, "failed": failed, "name": name}
    if failed and STALE in str(exception):
        line["stale"] = True
    if status == 503:  # a fault's answers must tell clients when to come back
        line["retry_after"] = response.headers.get("Retry-After")
    EVENTS.write(json.dumps(line) + "\n")


def acknowledge(kind: str, body: dict, etag: str) -> None:
    ACKS.write(
        json.dumps(
            {
                "kind": kind,
                "id": body["id"],
                # A compressed answer's ETag is weak (W/"…"): the version is the same.
                "version": int(etag.removeprefix("W/").strip('"').split(".")[0]),
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

    @task(2)
    def published_for_a_moment(self):
        """A quote a publisher has just published: readers fill the cache with its page."""
        if not PUBLISHED:
            return
        pk = random.choice(PUBLISHED)
        with self.client.get(
            f"/quotes/{pk}/", name="/quotes/[published]/", catch_response=True
        ) as response:
            if response.status_code == 404 and pk not in PUBLISHED:
                response.success()  # unpublished while this request was on its way

    @task(3)
    def unpublished(self):
        """A quote whose unpublishing has returned: its page must be gone, for every reader."""
        if not UNPUBLISHED:
            return
        pk = random.choice(list(UNPUBLISHED))
        with self.client.get(
            f"/quotes/{pk}/", name="/quotes/[unpublished]/", catch_response=True
        ) as response:
            if response.status_code == 404:
                response.success()
            elif response.status_code == 200:
                response.failure(f"{STALE}: quote {pk} still shown")


class ApiClient(HttpUser):
    """A site consuming the API anonymously: lists, a page further, details."""

    weight = 2
    wait_time = between(0.2, 1.0)

    @task(2)
    def quotes(self):
        response = self.client.get("/api/v1/quotes/", name="/api/v1/quotes/")
        following = response.json().get("next") if response.status_code == 200 else None
        if following:
            self.client.get(following, name="/api/v1/quotes/?cursor=")

    @task(2)
    def quote(self):
        pk = random.choice(CONFIG["quotes"])
        self.client.get(f"/api/v1/quotes/{pk}/", name="/api/v1/quotes/[id]/")

    @task(1)
    def articles(self):
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


class Publisher(HttpUser):
    """Publishes a new quote (approve), lets readers see it, then unpublishes it (reject)."""

    weight = 1
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.client.headers["Authorization"] = f"Token {random.choice(CONFIG['tokens'])}"

    @task
    def publish_then_unpublish(self):
        payload = {
            "text": f"Published for a moment {uuid.uuid4().hex}.",
            "speaker_person": CONFIG["speaker"],
            "source": CONFIG["source"],
        }
        created = self.write("POST", "/api/v1/quotes/", "POST /api/v1/quotes/", payload)
        if created is None:
            return
        pk = created.json()["id"]
        approved = self.write(
            "POST",
            f"/api/v1/quotes/{pk}/approve/",
            "POST /api/v1/quotes/[id]/approve/",
            headers={"If-Match": created.headers["ETag"]},
        )
        if approved is None:
            return
        PUBLISHED.append(pk)
        time.sleep(random.uniform(0.5, 2.0))
        # No longer certainly published from the moment the rejection is sent: a reader whose
        # request crosses it may get a 404, and one whose answer fails (a fault after the
        # commit) leaves the quote's state unknown.
        PUBLISHED.remove(pk)
        rejected = self.write(
            "POST",
            f"/api/v1/quotes/{pk}/reject/",
            "POST /api/v1/quotes/[id]/reject/",
            headers={"If-Match": approved.headers["ETag"]},
        )
        if rejected is not None:
            UNPUBLISHED[pk] = time.time()

    def write(self, method, path, name, payload=None, headers=None):
        """The acknowledged answer, or None (a failure, e.g. the node it reached died)."""
        with self.client.request(
            method, path, json=payload, headers=headers, name=name, catch_response=True
        ) as response:
            if response.status_code in (200, 201):
                acknowledge("quote", response.json(), response.headers["ETag"])
                return response
            response.failure(f"write answered {response.status_code}: {response.text[:200]}")
            return None
