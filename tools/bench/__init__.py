"""The benchmark harness behind `manage.py bench`: the project against its floor, at scale.

`runner` orchestrates (load, prepare, serve, time, report), `prepare` works out what to hit
from inside Django, and `floor` is the bare WSGI app that runs the very same SQL.
"""
