"""Reading an admin form the way a browser would, so a test can post it back."""

import datetime as dt

from django.urls import reverse


def admin_url(model, action: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=args)


def field_value(bound_field):
    value = bound_field.value()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def form_data(response, **overrides) -> dict:
    """The POST a browser would send for the admin change form in `response`, unchanged but
    for `overrides`, inline formsets included."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        data[form[name].html_name] = field_value(form[name])
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            bound = formset.management_form[name]
            data[bound.html_name] = field_value(bound)
        for subform in formset.forms:
            for name in subform.fields:
                data[subform[name].html_name] = field_value(subform[name])
    data = {key: value for key, value in data.items() if value != ""} | overrides
    return data


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def client_of(user):
    """A browser of its own, logged in as `user` (the `client` fixture is one browser)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
