"""An admin change form posted back as a browser would send it: the desk's timings
(`manage.py write_timings`) and the admin tests both save forms this way."""

import datetime as dt


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
