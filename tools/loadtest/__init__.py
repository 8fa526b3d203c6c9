"""A bounded load test: anonymous readers and editors writing through the API, against gunicorn
on PostgreSQL, with every acknowledged write checked against the database afterwards.

`python manage.py loadtest` runs it (see cms/management/commands/loadtest.py); the locust
scenario is `locustfile.py`, the check `check.py`.
"""
