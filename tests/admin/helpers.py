"""Reading an admin form the way a browser would, so a test can post it back."""

from django.urls import reverse

from tools.admin_forms import field_value, form_data  # noqa: F401  (the tests' helpers)


def admin_url(model, action: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=args)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def client_of(user):
    """A browser of its own, logged in as `user` (the `client` fixture is one browser)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
