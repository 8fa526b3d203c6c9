"""Inline rows read together: a change form with an inline (a film's credits and box-office
figures, a source's quotes) ran queries for each row, shown or posted back: its choices
(an autocomplete's chosen record, to show it and again to check it) and, posted, Django's
validation of the row (a query a foreign key, a query in a savepoint a constraint).

`RowsReadTogetherInline` reads each foreign key's chosen records for all rows in one query
(`KnownChoiceField`, `AutocompleteAmongRows`); its formset (`RowsReadTogetherFormSet`)
validates the rows together (`core.validation.RowsValidatedTogether`, the models' mixin)."""

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.forms import ModelChoiceField
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property

from .validation import validating_rows


class KnownChoiceField(ModelChoiceField):
    """A foreign key's field whose chosen records the formset reads for all its rows at once
    (`know`): each row's copy shares `known` (a field's copy is shallow), and reads only a
    value not among them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known: dict[str, object] = {}

    def key(self) -> str:
        return self.to_field_name or "pk"

    def know(self, values) -> None:
        """Read the records of `values` (a row's values as posted or stored) in one query."""
        target = self.queryset.model._meta.get_field(self.key())
        wanted = set()
        for value in values:
            if value in self.empty_values or str(value) in self.known:
                continue
            try:
                wanted.add(target.to_python(value))
            except (ValidationError, TypeError, ValueError):
                continue  # refused by `to_python` when its row is cleaned
        if wanted:
            for record in self.queryset.filter(**{f"{self.key()}__in": wanted}):
                self.known[str(getattr(record, target.attname))] = record

    def to_python(self, value):
        if value not in self.empty_values and str(value) in self.known:
            return self.known[str(value)]
        return super().to_python(value)


class AutocompleteAmongRows(AutocompleteSelect):
    """An autocomplete showing its chosen record from its field's `known` records, read for
    every row together, rather than with a query of its own."""

    def optgroups(self, name, value, attr=None):
        field = self.choices.field
        known = getattr(field, "known", {})
        chosen = [str(v) for v in value if str(v) not in field.empty_values]
        if not all(v in known for v in chosen):
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        for index, option in enumerate(chosen, start=len(default[1])):
            label = field.label_from_instance(known[option])
            default[1].append(self.create_option(name, option, label, set(chosen), index))
        return [default]


class RowsReadTogetherFormSet(BaseInlineFormSet):
    """Its rows' chosen records read together (`KnownChoiceField.know`, from the posted rows or
    the stored ones), and its rows validated together (`core.validation.validating_rows`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {
            name: field
            for name, field in self.form.base_fields.items()
            if isinstance(field, KnownChoiceField)
        }
        if not fields:
            return
        if self.is_bound:
            try:
                count = self.total_form_count()
            except ValidationError:
                return  # a broken management form: the formset says so when cleaned
            for name, field in fields.items():
                field.know(self.data.get(f"{self.add_prefix(i)}-{name}") for i in range(count))
        else:
            rows = list(self.get_queryset())
            for name, field in fields.items():
                attname = self.model._meta.get_field(name).attname
                field.know(getattr(row, attname) for row in rows)

    def add_fields(self, form, index):
        """Each stored row's `id`, checked against the rows the formset read (Django's field
        reads its row again)."""
        super().add_fields(form, index)
        name = self.model._meta.pk.name
        field = form.fields.get(name)
        if type(field) is ModelChoiceField and form.instance.pk is not None:
            known = KnownChoiceField(
                field.queryset, initial=field.initial, required=False, widget=field.widget
            )
            known.known = self.stored_rows
            form.fields[name] = known

    @cached_property
    def stored_rows(self) -> dict[str, object]:
        """The formset's stored rows by their keys, as it read them (`get_queryset`)."""
        return {str(row.pk): row for row in self.get_queryset()}

    def full_clean(self):
        """The rows validated together: each row's own rules as Django runs them, what the
        database holds stored rows to (foreign keys, constraints) for the rows a form changes,
        in a fixed number of queries (`validating_rows`)."""
        changed = [
            form.instance for form in self.forms if form.instance.pk is None or form.has_changed()
        ]
        changed_ids = {id(row) for row in changed}
        stored = [form.instance for form in self.forms if id(form.instance) not in changed_ids]
        parent = self.fk.name if self.instance.pk is not None else None
        with validating_rows(changed=changed, unchanged=stored, parent=parent) as rows:
            super().full_clean()
        for instance, error in rows.errors():
            form = next(form for form in self.forms if form.instance is instance)
            for name, messages in error.update_error_dict({}).items():
                form.add_error(name if name in form.fields else None, messages)


class RowsReadTogetherInline:
    """An inline (`InlineModelAdmin` mixin) whose rows are read and validated together: its
    autocomplete foreign keys as `KnownChoiceField`s shown by `AutocompleteAmongRows`, its
    formset a `RowsReadTogetherFormSet` (a `formset` of its own should extend it), its rows
    read with `row_select_related`, for their names (`__str__`) on the form, and the chosen
    records of a foreign key `name` with `choices_select_related[name]`, for theirs."""

    formset = RowsReadTogetherFormSet
    row_select_related: tuple[str, ...] = ()
    choices_select_related: dict[str, tuple[str, ...]] = {}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.row_select_related:
            queryset = queryset.select_related(*self.row_select_related)
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteAmongRows(
                db_field, self.admin_site, using=kwargs.get("using")
            )
            kwargs.setdefault("form_class", KnownChoiceField)
        related = self.choices_select_related.get(db_field.name)
        if related and "queryset" not in kwargs:
            queryset = self.get_field_queryset(kwargs.get("using"), db_field, request)
            if queryset is None:
                queryset = db_field.remote_field.model._default_manager.all()
            kwargs["queryset"] = queryset.select_related(*related)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
