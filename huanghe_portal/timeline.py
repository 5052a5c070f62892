"""The append-only timeline of workflow events, and the one registry of its labels.

Only service functions call `record`. Every page, PDF and API answer that shows a timeline
reads it through `labelled` (or `label`), so an action code is shown in Chinese everywhere:

- `COMMON_LABELS` below: the actions that shared code writes on any area's records;
- `<app>/timeline_labels.py` defines `LABELS = {action: gettext_lazy("…")}` for the area's own
  codes (found through settings.AREA_APPS, the way reporting finds `report.py`); an area's label
  wins over the common one for the same code.

huanghe_portal/tests/test_timeline_labels.py walks the code for every action a service can
write and fails on one without a label.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import TimelineEntry
from .people import display_name
from .roles import User

# Written by shared code (huanghe_portal) on records of any area.
COMMON_LABELS: dict[str, Promise] = {
    "created": _("新建"),
    "updated": _("修改"),
    "voided": _("作废"),
    "attachment_added": _("上传附件"),
    "due_recomputed": _("节假日安排变动，期限重新计算"),  # due_dates.TIMELINE_ACTION
    "applicant_notified": _("已通知申请人"),  # notify_applicant.SENT_ACTION
    "applicant_notice_failed": _("通知申请人失败"),
    "applicant_unsubscribed": _("申请人退订通知"),
    "handed_over_dispute": _("转人民调解"),  # handover: handed_over_<kind>
    "handed_over_disclosure_item": _("推送至政府信息公开目录"),
    "notice_entered": _("录入放假通知"),  # the holiday calendar of a year
    "notice_complete": _("确认放假安排录入完整"),
    "notice_open": _("放假安排改为尚未录入完整"),
}


def record(
    obj: models.Model,
    *,
    actor: User | None,
    action: str,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> TimelineEntry:
    """Append one event to `obj`'s timeline."""
    return TimelineEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        note=note,
        data=data or {},
    )


def field_labels(obj: models.Model, names: Iterable[str]) -> list[str]:
    """The labels of `obj`'s own columns `names` (what an "edited" entry says changed)."""
    labels = []
    for name in names:
        field = obj._meta.get_field(name)
        assert isinstance(field, models.Field)  # a column, never a reverse relation
        labels.append(str(field.verbose_name))
    return labels


def entries_for(obj: models.Model) -> QuerySet[TimelineEntry]:
    return TimelineEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
    ).select_related("actor__portal_profile")


# --- Labels -----------------------------------------------------------------------------------


@cache
def _area_labels() -> dict[str, dict[str, Promise]]:
    found = {}
    for app in settings.AREA_APPS:
        if find_spec(f"{app}.timeline_labels") is not None:
            found[app] = import_module(f"{app}.timeline_labels").LABELS
    return found


def _labels(app_label: str) -> dict[str, Promise]:
    return {**COMMON_LABELS, **_area_labels().get(app_label, {})}


def actions(app_label: str) -> list[str]:
    """Every action code with a label on records of `app_label`."""
    return list(_labels(app_label))


def has_label(app_label: str, action: str) -> bool:
    return action in _labels(app_label)


def label(app_label: str, action: str) -> str:
    """The Chinese label of `action` on a record of `app_label` (a code without one, which the
    label test prevents, still reads as Chinese and names the code for the developer)."""
    found = _labels(app_label).get(action)
    return str(found) if found is not None else gettext("其他操作（%(code)s）") % {"code": action}


def entry_label(entry: TimelineEntry) -> str:
    return label(ContentType.objects.get_for_id(entry.content_type_id).app_label, entry.action)


def labelled(entries: models.Model | Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """The entries of a record (or the given entries) for includes/timeline.html: each with
    `label` and `actor_name` (the actor's display name, or 公众或系统 for an online submission
    or a scheduled task)."""
    if isinstance(entries, models.Model):
        entries = entries_for(entries)
    entries = list(entries)
    for entry in entries:
        entry.label = entry_label(entry)
        entry.actor_name = display_name(entry.actor) if entry.actor_id else gettext("公众或系统")
    return entries
