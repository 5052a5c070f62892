from typing import Any, Protocol, cast

from django.contrib.auth import models as auth
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from . import visibility
from .models import LedgerImport, Notification, PersonalDataAccess, Village
from .personal_data import BlindIndexField, EncryptedCharField, mask, may_see_unmasked
from .roles import User


class _Historied(Protocol):
    """A model tracked by simple_history, which adds `history` (a HistoryManager; no types)."""

    history: Any


def villages_active() -> QuerySet[Village]:
    return Village.objects.filter(is_active=True).order_by("code")


def notifications_for(user: auth.User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, read_at__isnull=True)


def history_rows(user: auth.User, obj: models.Model, *, limit: int = 200) -> list[dict[str, Any]]:
    """The change history of `obj`, newest first: `{"record", "changes": [(field, old, new)]}`.

    Personal data (the encrypted fields) is shown as the API shows it: masked, and unmasked only
    to the model's own role and superusers, each such read audited. Keyed hashes are left out.
    """
    model = type(obj)
    owner = visibility.personal_data_owner(model)
    unmasked = user.is_superuser or (owner is not None and may_see_unmasked(user, owner))
    revealed: set[str] = set()
    history = cast(
        _Historied, obj
    ).history  # simple_history adds it; the model's type does not say so
    records = list(history.select_related("history_user").order_by("-history_date")[:limit])
    rows = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        changes = []
        for change in newer.diff_against(older).changes if older is not None else []:
            field = model._meta.get_field(change.field)
            if isinstance(field, BlindIndexField):
                continue
            old, new = change.old, change.new
            if isinstance(field, EncryptedCharField):
                if unmasked:
                    revealed.add(field.name)
                else:
                    old, new = _masked(field.name, old), _masked(field.name, new)
            changes.append((change.field, old, new))
        rows.append({"record": newer, "changes": changes})
    if revealed:
        content_type = ContentType.objects.get_for_model(model)
        PersonalDataAccess.objects.bulk_create(
            PersonalDataAccess(
                user=user,
                content_type=content_type,
                object_id=obj.pk,
                field=name,
                purpose="history",
            )
            for name in sorted(revealed)
        )
    return rows


def _masked(field_name: str, value: str | None) -> str:
    if not value:
        return ""
    if field_name in ("id_number", "phone"):
        return mask(field_name, value)
    if field_name.endswith("name"):
        return mask("name", value)
    return "******"  # an address or other free text: only that it changed


def ledger_imports_visible_to(user: User) -> QuerySet[LedgerImport]:
    """An upload holds personal data: only its uploader (and a superuser) sees its preview and
    progress."""
    if not user.is_authenticated:
        return LedgerImport.objects.none()
    if user.is_superuser:
        return LedgerImport.objects.all()
    return LedgerImport.objects.filter(user=user)
