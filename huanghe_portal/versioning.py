"""Optimistic locking for every record people edit (API.md Conventions: `version`).

One mechanism for every area:
- models mix in `Versioned`: a `version` that grows by one on every save of an existing row;
- update services lock the row, then call `save_with_version(record, version, changes)`, which
  refuses a stale or missing version with `StaleVersion` and writes only the fields that changed;
- edit forms mix in `VersionedFormMixin` (the version travels hidden; after a refused save the form
  shows the other person's values beside the editor's own input, which it keeps);
- output serializers mix in `VersionedSerializerMixin` (read-only `version`), PATCH input
  serializers `VersionInputMixin`; the API answers `StaleVersion` with 409 and the current record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from .exceptions import TransitionNotAllowed
from .workflow import lock

if TYPE_CHECKING:
    from .roles import User

    # what the mixins below are mixed into
    _FormBase = forms.BaseForm
    _ModelSerializerBase = serializers.ModelSerializer[Any]
else:
    _FormBase = _ModelSerializerBase = object

# Personal data is never echoed into a conflict message (the read would bypass the audit).
HIDDEN_IN_CONFLICT = frozenset({"id_number", "phone", "credit_code"})


class Versioned(models.Model):
    """A record people edit: `version` grows by one on every save of the row."""

    version = models.PositiveIntegerField(gettext_lazy("版本"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if (
            self._state.adding
            or self.pk is None
            or (update_fields is not None and not list(update_fields))
        ):
            super().save(*args, **kwargs)
            return
        with transaction.atomic(using=kwargs.get("using")):
            # Counted on the row itself, so the number grows even when this copy was read earlier.
            rows = type(self)._base_manager.filter(pk=self.pk)
            if rows.update(version=F("version") + 1):
                self.version = rows.values_list("version", flat=True).get()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
            super().save(*args, **kwargs)


class StaleVersion(TransitionNotAllowed):
    """The editor's `version` is not the record's: someone saved in between (or none was sent).

    `record` is the current row, as read under the lock."""

    def __init__(self, record: Versioned, *, missing: bool = False) -> None:
        self.record = record
        if missing:
            message = _("缺少版本号（version）：请先读取记录，并随修改一并提交读取到的版本号。")
        else:
            message = _(
                "保存未成功：在您编辑期间，这条记录已被他人修改（当前版本号为%(version)s）。"
                "请核对对方的修改后再保存。"
            ) % {"version": record.version}
        super().__init__(message)


def check_version(record: Versioned, expected: int | str | None) -> None:
    """Refuse unless `expected` is the version of `record` (read under the caller's lock)."""
    if record.pk is None:
        return
    if expected is None:
        raise StaleVersion(record, missing=True)
    try:
        read = int(expected)
    except (TypeError, ValueError):
        raise StaleVersion(record, missing=True) from None
    if read != record.version:
        raise StaleVersion(record)


def save_with_version(
    record: Versioned,
    expected: int | str | None,
    changes: Mapping[str, Any],
    *,
    clean: bool = False,
    extra_fields: tuple[str, ...] = (),
) -> list[str]:
    """Check the version, then write only the fields of `changes` that differ from `record`
    (locked by the calling service); returns their names. A new record is saved whole.
    `extra_fields` are written too when something changed (fields the service set itself)."""
    check_version(record, expected)
    changed = [
        name for name, value in changes.items() if not same_value(getattr(record, name), value)
    ]
    for name in changed:
        setattr(record, name, changes[name])
    if clean:
        record.full_clean()
    if record.pk is None:
        record.save()
        return list(changes)
    if changed or extra_fields:
        # Fields computed from a changed one on save (a blind index of an ID number) go too.
        derived = [
            f.name for f in record._meta.concrete_fields if getattr(f, "source", None) in changed
        ]
        record.save(update_fields=[*changed, *derived, *extra_fields, *_auto_now(record)])
    return changed


def _normalised(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip() or None
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)).normalize()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def same_value(stored: Any, submitted: Any) -> bool:
    """Whether an edit leaves a field as it was: "" and None, a form's "\r\n" and the stored
    "\n", 5 and Decimal("5.00"), a date and its ISO text, an object and its pk all count as
    the same, so that an edit records exactly the fields a person changed."""
    if stored == submitted:
        return True
    try:
        return bool(_normalised(stored) == _normalised(submitted))
    except (ArithmeticError, ValueError):
        return False


def save_and_record(
    record: Versioned, expected: int | None, changes: Mapping[str, Any], *, actor: User | None
) -> Versioned:
    """A create-or-edit service's write: `save_with_version`, then a timeline entry "created"
    or, when a field changed, "updated"."""
    from . import timeline  # imported late: models import this module, timeline imports models

    created = record.pk is None
    if save_with_version(record, expected, changes) or created:
        timeline.record(record, actor=actor, action="created" if created else "updated")
    return record


def _auto_now(record: models.Model) -> list[str]:
    return [f.name for f in record._meta.concrete_fields if getattr(f, "auto_now", False)]


def bump(record: Versioned) -> None:
    """Only related rows changed (attendees, a party): the record's version still grows."""
    record.save(update_fields=["version", *_auto_now(record)])


# --- Workflow steps -------------------------------------------------------------------------


class StepRepeated(TransitionNotAllowed):
    """A step sent from a page older than the record: a double click, or someone was quicker."""

    def __init__(self) -> None:
        super().__init__(
            _("这一步已经办理，或记录已被他人更新；页面已过期，请查看最新情况后再操作。")
        )


def once(service: Callable[..., Any], record: Versioned) -> Callable[..., Any]:
    """A step's service for a page that showed the record at some `version`.

    The returned callable takes `version=` besides the step's own arguments. Under the record's
    lock it refuses a version the record has moved past (the second POST of a double click
    makes no second session or visit), runs the step, and makes the version grow even when the
    step only added related rows. Without a version (API clients) only the step's own state
    checks apply. An API step may send the `version` it read for the same protection."""

    @transaction.atomic
    def call(*, version: int | str | None = None, **kwargs: Any) -> Any:
        if not isinstance(record, Versioned):
            return service(record, **kwargs)
        locked = lock(record)
        if version not in (None, "") and int(version) != locked.version:
            raise StepRepeated
        result = service(record, **kwargs)
        if type(record)._base_manager.filter(pk=record.pk, version=locked.version).exists():
            bump(locked)
        return result

    return call


# --- HTML forms ---------------------------------------------------------------------------


def _display(field: forms.Field | None, value: Any) -> str:
    if value in (None, "", [], ()):
        return _("（空）")
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return "、".join(sorted(_display(field, v) for v in value))
    choices = getattr(field, "choices", None)
    if choices is not None and not isinstance(field, forms.ModelChoiceField):
        labels = {str(k): v for k, v in choices}
        return str(labels.get(str(value), value))
    return str(value)


class VersionedFormMixin(_FormBase):
    """The edit form of a `Versioned` record: the version read travels in a hidden field.

    Pass `version=` (or a ModelForm `instance`). After `StaleVersion`, `show_conflict(current)`
    keeps the editor's input, lists the other person's values beside it and takes the current
    version, so that saving again is a deliberate choice."""

    def __init__(self, *args: Any, version: int | None = None, **kwargs: Any) -> None:
        """`version`: the record's, for a form that is not a ModelForm of it."""
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if version is None and instance is not None and instance.pk:
            version = getattr(instance, "version", None)
        if version is not None:  # a create form has nothing to compare
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=version
            )

    def current_values(self, current: Versioned) -> dict[str, Any]:
        """The record's values under the form's field names (override when they differ)."""
        return {name: getattr(current, name) for name in self.fields if hasattr(current, name)}

    def _started_from(self, current: Versioned) -> Versioned | None:
        """The record as it was at the version this editor read (from its history), if kept."""
        history = getattr(current, "history", None)
        try:
            read = int(self.data.get(self.add_prefix("version"), ""))
        except (TypeError, ValueError):
            return None
        if history is None:
            return None
        snapshot = history.filter(version=read).order_by("-history_date").first()
        return snapshot.instance if snapshot is not None else None

    def show_conflict(self, current: Versioned) -> None:
        """Show the form again after a stale save: what the other person changed beside what this
        editor typed (or, without a history, every field where the two differ)."""
        theirs = self.current_values(current)
        started = self._started_from(current)
        before = self.current_values(started) if started is not None else None
        mine = getattr(self, "cleaned_data", {})
        rows = []
        for name, value in theirs.items():
            if name == "version" or name not in self.fields:
                continue
            field = self.fields[name]
            if before is not None:
                if _display(field, before.get(name)) == _display(field, value):
                    continue  # the other person left this field alone
            elif _display(field, value) == _display(field, mine.get(name)):
                continue
            label = field.label or name
            if name in HIDDEN_IN_CONFLICT:
                rows.append(_("%(field)s：对方已修改。") % {"field": label})
            else:
                rows.append(
                    _("%(field)s：对方保存为“%(theirs)s”，您填写的是“%(mine)s”。")
                    % {
                        "field": label,
                        "theirs": _display(field, value),
                        "mine": _display(field, mine.get(name)),
                    }
                )
        self.conflict = True
        self.add_error(None, str(StaleVersion(current)))
        self.add_error(None, rows or [_("对方修改的是本页以外的内容。")])
        self.add_error(None, _("您填写的内容仍保留在下面；再次保存将以您填写的内容为准。"))
        data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        data[self.add_prefix("version")] = str(current.version)
        self.data = data


def errors_to_form(form: forms.BaseForm, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: beside the fields it names, else above it."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, messages in errors.items():
        form.add_error(field if field in form.fields else None, messages)


def run_form_service(form: forms.BaseForm, call: Callable[[], Any]) -> Any:
    """Call a service for a valid form; a stale version, bad input or a refused step lands on the
    form (nothing saved; `form.errors` then says so) and None is returned."""
    try:
        return call()
    except StaleVersion as exc:
        if isinstance(form, VersionedFormMixin):
            form.show_conflict(exc.record)
        else:
            form.add_error(None, str(exc))
    except ValidationError as exc:
        errors_to_form(form, exc)
    except TransitionNotAllowed as exc:
        form.add_error(None, str(exc))
    return None


def form_status(form: forms.BaseForm, *, invalid: int = 400) -> int:
    """The status of a form page shown again: 409 after a stale save, `invalid` for bad input."""
    if getattr(form, "conflict", False):
        return 409
    return invalid if form.errors else 200


# --- API ------------------------------------------------------------------------------------


class VersionedSerializerMixin(_ModelSerializerBase):
    """Output serializers of `Versioned` records: `version`, read-only."""

    def get_field_names(
        self, declared_fields: Mapping[str, serializers.Field[Any, Any, Any, Any]], info: Any
    ) -> list[str]:
        names = list(super().get_field_names(declared_fields, info))
        return names if "version" in names else [*names, "version"]


def requested_version(data: Any) -> int | None:
    """The `version` a PATCH sent, for input serializers that do not carry it (400 when it is not
    a number; None when missing, which the service answers with 409)."""
    serializer = VersionInputMixin(data=data)
    serializer.is_valid(raise_exception=True)
    version: int | None = serializer.validated_data.get("version")
    return version


class VersionInputMixin(serializers.Serializer[Any]):
    """PATCH input: the `version` read. Missing is not 400 but 409 (the service decides)."""

    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2_147_483_647,
        help_text=gettext_lazy("读取记录时得到的版本号；已被他人修改或未提供时返回 409。"),
    )


def with_version(
    serializer_class: type[serializers.Serializer[Any]],
) -> type[serializers.Serializer[Any]]:
    """The PATCH body of an input serializer that does not carry `version` (for the schema)."""
    return type(
        f"{serializer_class.__name__.removesuffix('Serializer')}PatchSerializer",
        (VersionInputMixin, serializer_class),
        {},
    )
