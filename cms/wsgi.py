import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
django_application = get_wsgi_application()

from cms.cache import PageCacheFront  # noqa: E402 - needs the settings configured above

# Stored pages are answered before Django sees the request (see `PageCacheFront`).
application = PageCacheFront(django_application)
