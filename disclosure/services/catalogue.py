"""The catalogue of disclosed items: create, review, publish, withdraw (条例 Art 17-20)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import public_cache, sequences, timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.models import Township
from huanghe_portal.personal_data import (
    PersonalDataFound,
    check_publication,
    public_attachment_parts,
)
from huanghe_portal.roles import Role, require_role
from huanghe_portal.versioning import check_version, same_value, save_with_version
from huanghe_portal.workflow import begin_step, lock, require_status, require_transition

from .. import clock, search
from ..models import Category, Item
from ._common import DEFAULT_INDEX_PATTERN, ITEM_FIELDS, _today


def _reindex(item: Item) -> None:
    """Refresh the jieba-segmented search vector and the trigram text of `item`."""
    Item.objects.filter(pk=item.pk).update(**search.index_values(item))


@transaction.atomic
def create_item(
    *,
    actor: auth.User,
    title: str,
    category: Category,
    generated_on: dt.date,
    summary: str = "",
    body: str = "",
    document_number: str = "",
    publisher: str = "",
    validity: str = Item.Validity.VALID,
    publish_on: dt.date | None = None,
) -> Item:
    """New catalogue draft. disclosure_officer."""
    require_role(actor, Role.DISCLOSURE_OFFICER)
    return _new_item(
        actor=actor,
        title=title,
        category=category,
        generated_on=generated_on,
        summary=summary,
        body=body,
        document_number=document_number,
        publisher=publisher,
        validity=validity,
        publish_on=publish_on,
    )


def _new_item(*, actor: auth.User, publisher: str = "", **fields) -> Item:
    item = Item.objects.create(
        publisher=publisher or Township.current().government_name,
        created_by=actor,
        publication_due=clock.publication_due(fields["generated_on"]),
        **fields,
    )
    _reindex(item)
    timeline.record(item, actor=actor, action="created")
    return item


@transaction.atomic
def update_item(item: Item, *, actor: auth.User, version: int | None = None, **fields) -> Item:
    """Edit a draft or reviewed item from the `version` read; a reviewed item that changed goes
    back to draft (review again). Only what changed is written."""
    item = begin_step(item, actor, Role.DISCLOSURE_OFFICER)
    require_status(item, Item.Status.DRAFT, Item.Status.REVIEWED, action=_("修改"))
    check_version(item, version)
    changes = {
        name: value
        for name, value in fields.items()
        if name in ITEM_FIELDS and not same_value(getattr(item, name), value)
    }
    if not changes:
        return item
    if "generated_on" in changes:
        changes["publication_due"] = clock.publication_due(changes["generated_on"])
    if item.status == Item.Status.REVIEWED:
        changes |= {
            "status": Item.Status.DRAFT,
            "secrecy_checked": False,
            "privacy_checked": False,
            "privacy_review": {},
        }
    save_with_version(item, version, changes)
    _reindex(item)
    timeline.record(item, actor=actor, action="updated")
    return item


@transaction.atomic
def review_item(
    item: Item,
    *,
    actor: auth.User,
    secrecy_checked: bool,
    privacy_checked: bool,
    note: str = "",
    acknowledge: str = "",
) -> Item:
    """草稿 → 已审查: 保密审查 and personal-data check, with who and when (条例 Art 17). The
    personal-data detector runs on everything the public will see and its result is the review
    record: a full ID number is refused (409), a mobile number or a party's name needs
    `acknowledge`, the officer's reason for publishing it."""
    require_role(actor, Role.DISCLOSURE_OFFICER)
    errors = {}
    if not secrecy_checked:
        errors["secrecy_checked"] = _("发布前须完成保密审查。")
    if not privacy_checked:
        errors["privacy_checked"] = _("发布前须完成个人信息审查。")
    if errors:
        raise ValidationError(errors)
    return _mark_reviewed(item, actor=actor, note=note, acknowledge=acknowledge)


def _public_parts(item: Item) -> list[tuple[str, str]]:
    """Everything of `item` the public sees, as (where, text) for the personal-data gate."""
    fields = (
        ("title", _("名称")),
        ("document_number", _("文号")),
        ("summary", _("内容概述")),
        ("body", _("正文")),
    )
    return [(label, getattr(item, name)) for name, label in fields] + public_attachment_parts(item)


def _mark_reviewed(item: Item, *, actor: auth.User, note: str, acknowledge: str) -> Item:
    item = lock(item)
    require_transition(item, Item.Status.REVIEWED)
    check = check_publication(_public_parts(item), acknowledge=acknowledge)
    item.status = Item.Status.REVIEWED
    item.secrecy_checked = item.privacy_checked = True
    item.privacy_review = check.record()
    item.reviewed_by, item.reviewed_at = actor, timezone.now()
    item.save()
    timeline.record(
        item,
        actor=actor,
        action="reviewed",
        note="\n".join(part for part in (note, check.note()) if part),
        data={
            "secrecy_checked": True,
            "privacy_checked": True,
            "personal_data_check": item.privacy_review,
        },
    )
    return item


def _draw_index_number(item: Item, year: int) -> str:
    """The 索引号 drawn from the year's counter, which stays locked until the publication
    commits (concurrent publications queue; none reuses a number)."""
    pattern = getattr(settings, "DISCLOSURE_INDEX_PATTERN", DEFAULT_INDEX_PATTERN)
    township = Township.current()
    prefix = township.doc_prefix or township.name or "GK"
    stem = pattern.format(prefix=prefix, category=item.category.code, year=year, seq=0)
    while True:
        seq = sequences.next_number(sequences.DISCLOSURE_INDEX, year)
        number = pattern.format(prefix=prefix, category=item.category.code, year=year, seq=seq)
        if number == stem:  # a pattern without {seq}
            return f"{stem}-{item.pk}"
        # Numbers given before the counter existed, or under another pattern, are skipped.
        if not Item.objects.filter(index_number=number).exists():
            return number


@transaction.atomic
def publish_item(
    item: Item, *, actor: auth.User | None, on: dt.date | None = None, acknowledge: str = ""
) -> Item:
    """已审查 → 已发布; assigns the 索引号. 409 before the review (条例 Art 17).
    disclosure_officer, or the scheduler (actor None). The personal-data gate runs again (an
    attachment may have been added since the review); what the review acknowledged stays
    acknowledged, anything new needs `acknowledge`."""
    if actor is not None:
        require_role(actor, Role.DISCLOSURE_OFFICER)
    return _publish(item, actor=actor, on=on, acknowledge=acknowledge)


def _publish(
    item: Item, *, actor: auth.User | None, on: dt.date | None, acknowledge: str = ""
) -> Item:
    item = lock(item)
    if item.status == Item.Status.DRAFT:
        raise TransitionNotAllowed(_("尚未完成保密审查和个人信息审查，不能发布。"))
    require_transition(item, Item.Status.PUBLISHED)
    check = check_publication(
        _public_parts(item), acknowledge=acknowledge, reviewed=item.privacy_review
    )
    on = on or _today()
    item.status = Item.Status.PUBLISHED
    item.published_on = on
    item.published_at = timezone.now()
    item.index_number = _draw_index_number(item, on.year)
    item.save()
    _reindex(item)
    public_cache.changed("disclosure")
    timeline.record(
        item,
        actor=actor,
        action="published",
        note=item.index_number if not check.findings else f"{item.index_number}\n{check.note()}",
        data={"personal_data_check": check.record()},
    )
    return item


@transaction.atomic
def withdraw_item(item: Item, *, actor: auth.User, reason: str = "") -> Item:
    """已发布 → 已撤回: the item leaves every public channel."""
    item = begin_step(item, actor, Role.DISCLOSURE_OFFICER, to=Item.Status.WITHDRAWN)
    item.status = Item.Status.WITHDRAWN
    item.withdrawn_at = timezone.now()
    item.save()
    public_cache.changed("disclosure")
    timeline.record(item, actor=actor, action="withdrawn", note=reason)
    return item


@transaction.atomic
def set_item_validity(item: Item, *, actor: auth.User, validity: str) -> Item:
    """有效 ↔ 失效 of a published item (a repealed document stays in the catalogue)."""
    item = begin_step(item, actor, Role.DISCLOSURE_OFFICER)
    require_status(item, Item.Status.PUBLISHED, action=_("变更有效性"))
    item.validity = validity
    item.save(update_fields=["validity", "updated_at"])
    public_cache.changed("disclosure")
    timeline.record(item, actor=actor, action="validity_changed", note=item.get_validity_display())
    return item


def publish_scheduled_items(today: dt.date | None = None) -> list[int]:
    """Publish every reviewed item whose scheduled date has come; returns their ids."""
    today = today or _today()
    due = Item.objects.filter(status=Item.Status.REVIEWED, publish_on__lte=today)
    published = []
    for item in due:
        try:
            publish_item(item, actor=None, on=item.publish_on)
        except PersonalDataFound as exc:
            # Stays reviewed until an officer publishes it by hand (and acknowledges).
            timeline.record(item, actor=None, action="publish_blocked", note=str(exc))
            continue
        published.append(item.pk)
    return published


@transaction.atomic
def create_item_from_handover(
    *,
    actor: auth.User,
    source,
    title: str,
    summary: str,
    body: str,
    category_code: str,
    document_number: str = "",
    generated_on: dt.date,
    acknowledge: str = "",
) -> Item:
    """Hand-over kind "disclosure_item": the giving area authorised its step (a decision, a
    report), so the item is created, reviewed and published on its behalf. The review is the
    personal-data detector's run, not a claim: a full ID number refuses the hand-over (and the
    giving step with it, 409); other findings need the giving step's `acknowledge`."""
    category = Category.objects.get(code=category_code)
    item = _new_item(
        actor=actor,
        title=title,
        category=category,
        summary=summary,
        body=body,
        document_number=document_number,
        generated_on=generated_on,
    )
    item = _mark_reviewed(
        item,
        actor=actor,
        note=_("由%(source)s移交，保密审查已在来源环节完成。") % {"source": source},
        acknowledge=acknowledge,
    )
    return _publish(item, actor=actor, on=None)


@transaction.atomic
def save_category(
    category: Category, *, actor: auth.User, version: int | None = None, **fields
) -> Category:
    """Create or edit a catalogue category (an edit from the `version` read). disclosure_officer."""
    require_role(actor, Role.DISCLOSURE_OFFICER)
    if category.pk is not None:
        category = lock(category)
    save_with_version(category, version, fields, clean=True)
    public_cache.changed("disclosure")
    return category
