"""Validating many rows of one model together: what `Model.full_clean` does a row at a time
(a query a foreign key, a query and a savepoint a check constraint), in a fixed number of
queries for all of them. The rules stay where they are (the fields, `clean()`, the model's
constraints); only the reading is shared. A row refused is refused with Django's own message,
read again for that row alone."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import CheckConstraint, F, Q, Value

# Rows a combined check reads at once (each row's fields are parameters of one statement).
ROWS_A_CHECK = 100


class Unsupported(Exception):
    """A condition this module cannot share between rows: the rows are checked one by one."""


def field_values(obj, exclude: set[str]) -> dict:
    """The row's fields as the values a check constraint reads (`Q.check`'s `against`)."""
    values = {}
    for field in obj._meta.local_concrete_fields:
        if field.name in exclude or field.generated:
            continue
        value = getattr(obj, field.attname)
        if value is not None and hasattr(value, "resolve_expression"):
            raise Unsupported(field.name)
        values[field.name] = Value(value, field)
    if "pk" not in exclude:
        values["pk"] = Value(obj.pk, obj._meta.pk)
    return values


def renamed(condition: Q, prefix: str, names: set[str]) -> Q | None:
    """`condition` reading each field as `prefix` + its name; None when it names a field not in
    `names` (left out of validation: Django skips such a constraint as well)."""
    children = []
    for child in condition.children:
        if isinstance(child, Q):
            child = renamed(child, prefix, names)
            if child is None:
                return None
        elif isinstance(child, tuple):
            lookup, value = child
            if lookup.split("__")[0] not in names:
                return None
            if isinstance(value, F):
                if value.name.split("__")[0] not in names:
                    return None
                value = F(prefix + value.name)
            elif hasattr(value, "resolve_expression"):
                raise Unsupported(lookup)
            child = (prefix + lookup, value)
        else:
            raise Unsupported(repr(child))
        children.append(child)
    copy = Q()
    copy.children, copy.connector, copy.negated = children, condition.connector, condition.negated
    return copy


def check_constraints_hold(objs: list, exclude: set[str], *, checks_only: bool = False) -> bool:
    """Whether every row of `objs` meets each check constraint of its model that `exclude`
    leaves in (as `Model.validate_constraints(exclude)`), one query for up to `ROWS_A_CHECK`
    rows. False when any does not, or when a constraint cannot be read so (the caller then
    validates row by row, which also names the errors). Another kind of constraint (a unique
    one) makes it False too, unless `checks_only` (the caller checks those itself)."""
    model = type(objs[0])
    conditions, others = [], False
    for _, constraints in objs[0].get_constraints():
        for constraint in constraints:
            if isinstance(constraint, CheckConstraint):
                conditions.append(Q(constraint.condition))
            else:
                others = True
    if others and not checks_only:
        return False
    using = router.db_for_write(model, instance=objs[0])
    try:
        for start in range(0, len(objs), ROWS_A_CHECK):
            against, combined = {}, Q()
            for offset, obj in enumerate(objs[start : start + ROWS_A_CHECK]):
                prefix = f"row{offset}_"
                values = field_values(obj, exclude)
                against |= {prefix + name: value for name, value in values.items()}
                for condition in conditions:
                    condition = renamed(condition, prefix, set(values))
                    if condition is not None:
                        combined &= condition
            if combined and not combined.check(against, using=using):
                return False
    except Unsupported:
        return False
    return True


def stored_targets(field, objs: list) -> set:
    """The values of the foreign key `field` among `objs` that name a record it may point at,
    as `ForeignKey.validate` asks a row at a time (`limit_choices_to` included): one query for
    all the rows."""
    values = {getattr(obj, field.attname) for obj in objs} - {None}
    if not values:
        return set()
    target = field.remote_field.field_name
    return set(
        field.remote_field.model._base_manager.using(router.db_for_read(field.related_model))
        .filter(**{f"{target}__in": values})
        .complex_filter(field.get_limit_choices_to())
        .values_list(target, flat=True)
    )


def validate_together(objs: list, *, fields: set[str]) -> None:
    """`full_clean()` of the rows `objs` (one model), for the fields `fields` alone: the ones a
    save with `update_fields` writes, the others being as stored, held by the database to the
    model's constraints. Each row's `clean()` runs as in `full_clean`; the foreign keys among
    `fields` are looked up a query a field for all rows, the check constraints on them in one
    query (`check_constraints_hold`). Raises the first refused row's errors."""
    if not objs:
        return
    model = type(objs[0])
    exclude = {field.name for field in model._meta.fields if field.name not in fields}
    relations = [
        field for field in model._meta.fields if field.name in fields and field.many_to_one
    ]
    found = {field.name: stored_targets(field, objs) for field in relations}
    for obj in objs:
        errors = {}
        try:
            obj.full_clean(
                exclude=exclude | {field.name for field in relations}, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in relations:
            value = getattr(obj, field.attname)
            if (value is None and not field.null) or (
                value is not None and value not in found[field.name]
            ):
                try:
                    field.validate(value, obj)  # Django's own message
                except ValidationError as error:
                    errors.setdefault(field.name, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)
    if not check_constraints_hold(objs, exclude):
        for obj in objs:
            obj.validate_constraints(exclude=exclude)


class Rows:
    """The rows of a formset being validated (`validating_rows`): those a form changes (or
    adds), those sent back as stored, and what the changed ones left for the end."""

    def __init__(self, changed: list, unchanged: list, parent: str | None) -> None:
        self.parent = parent
        self.changed = {id(row) for row in changed}
        self.unchanged = {id(row) for row in unchanged}
        self.deferred: list[tuple[object, frozenset[str]]] = []
        self.refused: list[tuple[object, ValidationError]] = []

    def errors(self) -> list[tuple[object, ValidationError]]:
        return self.refused


# The formset being validated, if any (`validating_rows`).
rows_being_validated: ContextVar[Rows | None] = ContextVar("rows_being_validated", default=None)


@contextmanager
def validating_rows(*, changed: list, unchanged: list, parent: str | None = None) -> Iterator[Rows]:
    """While a formset's forms are cleaned: the `changed` rows of models with
    `RowsValidatedTogether` run their own rules (field validators, `clean()`) as Django runs
    them, and what the database holds rows to (foreign keys, constraints) is checked for all
    of them together when the block ends (`Rows.refused` then says which rows it refused and
    why). The `unchanged` ones, sent back as stored, are not written (a formset saves the
    forms that changed): they are not validated again.

    `parent`: the foreign key to the stored record the formset edits the rows of, which
    Django leaves out of a row's validation (the form has no field for it) and so any
    constraint naming it: a second credit for one part refused by the database (a 500) rather
    than by the form. It is set on each row: here the constraints naming it are checked."""
    rows = Rows(changed, unchanged, parent)
    token = rows_being_validated.set(rows)
    try:
        yield rows
    finally:
        rows_being_validated.reset(token)
    by_kind: dict[tuple[type, frozenset[str]], list] = {}
    for row, exclude in rows.deferred:
        by_kind.setdefault((type(row), exclude), []).append(row)
    for (_, exclude), group in by_kind.items():
        rows.refused += stored_rules_refused(group, set(exclude) - {rows.parent})


def stored_rules_refused(objs: list, exclude: set[str]) -> list[tuple[object, ValidationError]]:
    """Of `objs` (one model), those refused by what the database holds rows to: their foreign
    keys not in `exclude` (a query a field) and their constraints (the check constraints in one
    query, `check_constraints_hold`; any other constraint, a unique one, a query a row), with
    Django's own message for each."""
    model = type(objs[0])
    refused = {}
    relations = [
        field for field in model._meta.fields if field.many_to_one and field.name not in exclude
    ]
    for field in relations:
        found = stored_targets(field, objs)
        for obj in objs:
            value = getattr(obj, field.attname)
            if value is not None and value not in found:
                try:
                    field.validate(value, obj)
                except ValidationError as error:
                    refused[id(obj)] = (obj, error)
    valid = [obj for obj in objs if id(obj) not in refused]
    others = [
        constraint
        for _, constraints in objs[0].get_constraints()
        for constraint in constraints
        if not isinstance(constraint, CheckConstraint)
    ]
    checks_hold = bool(valid) and check_constraints_hold(valid, exclude, checks_only=True)
    for obj in valid:
        try:
            if not checks_hold:
                obj.validate_constraints(exclude=exclude)
            else:
                using = router.db_for_write(model, instance=obj)
                errors = {}
                for constraint in others:
                    try:
                        constraint.validate(model, obj, exclude=exclude, using=using)
                    except ValidationError as error:
                        errors = error.update_error_dict(errors)
                if errors:
                    raise ValidationError(errors)
        except ValidationError as error:
            refused[id(obj)] = (obj, error)
    return list(refused.values())


class RowsValidatedTogether:
    """A model mixin for rows edited in an inline (`core.admin_rows`): in a formset being
    validated (`validating_rows`), `full_clean` of a changed row runs its own rules now
    (field validators, `clean()`) and leaves its foreign keys and constraints for the formset
    to check together; a row sent back as stored is not written (the formset saves only the
    rows that changed), and is not validated again."""

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        rows = rows_being_validated.get()
        if rows is None or id(self) not in rows.changed | rows.unchanged:
            return super().full_clean(exclude, validate_unique, validate_constraints)
        if id(self) in rows.unchanged:
            return None
        exclude = set(exclude or ())
        relations = {field.name for field in self._meta.fields if field.many_to_one} - exclude
        super().full_clean(
            exclude=exclude | relations,
            validate_unique=validate_unique,
            validate_constraints=False,
        )
        if validate_constraints:
            rows.deferred.append((self, frozenset(exclude)))
