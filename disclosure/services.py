"""Every write of the disclosure area: catalogue items and applications, one function per step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import (
    due_dates,
    notify_applicant,
    public_cache,
    sequences,
    timeline,
    tracking,
)
from huanghe_portal.dates import check_not_before, check_not_future
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.models import Notification, Township
from huanghe_portal.personal_data import (
    PersonalDataFound,
    check_publication,
    normalize_id_number,
    normalize_phone,
    public_attachment_parts,
    validate_credit_code,
    validate_id_number,
    validate_phone,
)
from huanghe_portal.roles import Role, has_role, member_of, require_role
from huanghe_portal.versioning import check_version, save_with_version
from huanghe_portal.workflow import require_status, require_transition

from . import clock, search, selectors
from .models import Application, Category, Consultation, Item, Remedy

ITEM_FIELDS = (
    "title",
    "category",
    "summary",
    "body",
    "document_number",
    "generated_on",
    "publisher",
    "validity",
    "publish_on",
)
# 索引号 pattern; override with settings.DISCLOSURE_INDEX_PATTERN (str.format fields:
# prefix, category, year, seq).
DEFAULT_INDEX_PATTERN = "{prefix}-{year}-{seq:05d}"


def _today() -> dt.date:
    return timezone.localdate()


def _not_future(value: dt.date, field: str) -> None:
    check_not_future(field, value)


def _not_before(value: dt.date, earlier: dt.date, field: str, what: str) -> None:
    check_not_before(field, value, earlier, what)


# --- Catalogue ------------------------------------------------------------------------------


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
        publisher=publisher or Township.current().government_name, created_by=actor,
        publication_due=clock.publication_due(fields["generated_on"]), **fields
    )
    _reindex(item)
    timeline.record(item, actor=actor, action="created")
    return item


@transaction.atomic
def update_item(
    item: Item, *, actor: auth.User, version: int | None = None, **fields
) -> Item:
    """Edit a draft or reviewed item from the `version` read; a reviewed item that changed goes
    back to draft (review again). Only what changed is written."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    require_role(actor, Role.DISCLOSURE_OFFICER)
    require_status(item, Item.Status.DRAFT, Item.Status.REVIEWED, action=_("修改"))
    check_version(item, version)
    changes = {
        name: value
        for name, value in fields.items()
        if name in ITEM_FIELDS and getattr(item, name) != value
    }
    if not changes:
        return item
    if "generated_on" in changes:
        changes["publication_due"] = clock.publication_due(changes["generated_on"])
    if item.status == Item.Status.REVIEWED:
        changes |= {"status": Item.Status.DRAFT, "secrecy_checked": False,
                    "privacy_checked": False, "privacy_review": {}}
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


def public_parts(item: Item) -> list[tuple[str, str]]:
    """Everything of `item` the public sees, as (where, text) for the personal-data gate."""
    fields = (("title", _("名称")), ("document_number", _("文号")), ("summary", _("内容概述")),
              ("body", _("正文")))
    return [(label, getattr(item, name)) for name, label in fields] + public_attachment_parts(item)


def _mark_reviewed(item: Item, *, actor: auth.User, note: str, acknowledge: str) -> Item:
    item = Item.objects.select_for_update().get(pk=item.pk)
    require_transition(item, Item.Status.REVIEWED)
    check = check_publication(public_parts(item), acknowledge=acknowledge)
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
        data={"secrecy_checked": True, "privacy_checked": True,
              "personal_data_check": item.privacy_review},
    )
    return item


def next_index_number(item: Item, year: int) -> str:
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
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status == Item.Status.DRAFT:
        raise TransitionNotAllowed(_("尚未完成保密审查和个人信息审查，不能发布。"))
    require_transition(item, Item.Status.PUBLISHED)
    check = check_publication(
        public_parts(item), acknowledge=acknowledge, reviewed=item.privacy_review
    )
    on = on or _today()
    item.status = Item.Status.PUBLISHED
    item.published_on = on
    item.published_at = timezone.now()
    item.index_number = next_index_number(item, on.year)
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
    item = Item.objects.select_for_update().get(pk=item.pk)
    require_role(actor, Role.DISCLOSURE_OFFICER)
    require_transition(item, Item.Status.WITHDRAWN)
    item.status = Item.Status.WITHDRAWN
    item.withdrawn_at = timezone.now()
    item.save()
    public_cache.changed("disclosure")
    timeline.record(item, actor=actor, action="withdrawn", note=reason)
    return item


@transaction.atomic
def set_item_validity(item: Item, *, actor: auth.User, validity: str) -> Item:
    """有效 ↔ 失效 of a published item (a repealed document stays in the catalogue)."""
    item = Item.objects.select_for_update().get(pk=item.pk)
    require_role(actor, Role.DISCLOSURE_OFFICER)
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
        category = Category.objects.select_for_update().get(pk=category.pk)
    save_with_version(category, version, fields, clean=True)
    public_cache.changed("disclosure")
    return category


# --- Applications ---------------------------------------------------------------------------


def _validate_applicant(data: dict) -> None:
    errors = {}
    if not (data.get("description") or "").strip():
        errors["description"] = _("请描述所需政府信息的名称、文号或便于查询的特征。")
    if not (data.get("applicant_name") or "").strip():
        errors["applicant_name"] = _("请填写申请人姓名或名称。")
    kind = data.get("applicant_kind")
    if kind not in Application.ApplicantKind.values:
        errors["applicant_kind"] = _("申请人类型无效。")
    checks = (("phone", validate_phone), ("credit_code", validate_credit_code))
    for name, check in checks:
        if data.get(name):
            try:
                check(data[name])
            except ValidationError as exc:
                errors[name] = exc.messages
    if not data.get("phone"):
        errors["phone"] = _("请填写联系电话。")
    if data.get("id_number"):
        try:
            validate_id_number(data["id_number"])
        except ValidationError as exc:
            errors["id_number"] = exc.messages
    if errors:
        raise ValidationError(errors)


def _set_due(app: Application, *, actor, action: str, note: str = "") -> Application:
    """Recompute reply_due and record the change with its explanation on the timeline."""
    computation = clock.compute_reply_due(app)
    old = app.reply_due
    app.reply_due = computation.due
    app.save()
    explanation = "\n".join(computation.explain())
    timeline.record(
        app,
        actor=actor,
        action=action,
        note="\n".join(part for part in (note, explanation) if part),
        data={
            "reply_due": app.reply_due.isoformat(),
            "previous_due": old.isoformat() if old else None,
        },
    )
    return app


@transaction.atomic
def submit_application(
    *,
    actor: auth.User | None,
    applicant_kind: str,
    applicant_name: str,
    phone: str,
    description: str,
    delivery: str,
    id_number: str = "",
    credit_code: str = "",
    address: str = "",
    email: str = "",
    notify_opt_out: bool = False,
    received_on: dt.date | None = None,
    channel: str = Application.Channel.ONLINE,
) -> Application:
    """Receive an application (条例 Art 29, 31): online by the public, or registered by staff."""
    id_number, credit_code = normalize_id_number(id_number), normalize_id_number(credit_code)
    phone = normalize_phone(phone)
    data = {
        "applicant_kind": applicant_kind,
        "applicant_name": applicant_name,
        "phone": phone,
        "description": description,
        "id_number": id_number,
        "credit_code": credit_code,
    }
    _validate_applicant(data)
    staff = actor is not None and has_role(actor, Role.DISCLOSURE_OFFICER)
    if not staff:
        # Online: the day both sides confirm is the day of submission (Art 31).
        received_on, channel = _today(), Application.Channel.ONLINE
    received_on = received_on or _today()
    _not_future(received_on, "received_on")
    if delivery not in Application.Delivery.values:
        raise ValidationError({"delivery": _("获取方式无效。")})
    email = email.strip()
    if not staff and delivery == Application.Delivery.EMAIL and not email:
        # The applicant's own choice (staff registrations and ledger imports keep theirs).
        raise ValidationError({"email": _("选择以电子邮件获取信息时，请填写电子邮箱。")})
    app = Application(
        tracking_code=tracking.new_code(),
        channel=channel,
        applicant_kind=applicant_kind,
        applicant_name=applicant_name.strip(),
        id_number=id_number,
        credit_code=credit_code,
        phone=phone,
        address=address,
        email=email,
        notify_opt_out=notify_opt_out,
        description=description.strip(),
        delivery=delivery,
        received_on=received_on,
        registered_by=actor if staff else None,
    )
    app.reply_due = clock.compute_reply_due(app).due
    app.save()
    app = _set_due(
        app, actor=actor if staff else None, action="received", note=app.get_channel_display()
    )
    notify_applicant.notify(app, "received")
    return app


def _lock(app: Application) -> Application:
    return Application.objects.select_for_update().get(pk=app.pk)


def _begin(app: Application, actor: auth.User, target: str | None = None) -> Application:
    """Lock, authorise (disclosure_officer) and check the state, in the house order."""
    app = _lock(app)
    require_role(actor, Role.DISCLOSURE_OFFICER)
    if target is not None:
        require_transition(app, target)
    return app


@transaction.atomic
def request_correction(
    app: Application,
    *,
    actor: auth.User,
    notice_on: dt.date,
    items: str,
    deadline: dt.date | None = None,
) -> Application:
    """已收到 → 待补正: one notice, within 7 working days of receipt (条例 Art 30)."""
    app = _begin(app, actor)
    if app.correction_notice_on:
        raise TransitionNotAllowed(_("补正通知只能发出一次（条例第三十条）。"))
    require_transition(app, Application.Status.CORRECTION_REQUESTED)
    _not_future(notice_on, "notice_on")
    _not_before(notice_on, app.received_on, "notice_on", _("收到申请的日期"))
    last_day = clock.correction_notice_due(app.received_on)
    if notice_on > last_day:
        raise ValidationError(
            {
                "notice_on": _("补正通知应在收到申请之日起7个工作日内发出（最迟%(date)s）。")
                % {"date": last_day.isoformat()}
            }
        )
    if not (items or "").strip():
        raise ValidationError({"items": _("请写明需要补正的事项。")})
    deadline = deadline or clock.add_workdays(notice_on, 10).due
    _not_before(deadline, notice_on, "deadline", _("补正通知日期"))
    app.status = Application.Status.CORRECTION_REQUESTED
    app.correction_notice_on, app.correction_items = notice_on, items.strip()
    app.correction_deadline = deadline
    app.save()
    timeline.record(
        app,
        actor=actor,
        action="correction_requested",
        note=app.correction_items,
        data={"deadline": deadline.isoformat()},
    )
    notify_applicant.notify(app, "correction_requested")
    return app


@transaction.atomic
def register_correction(
    app: Application, *, actor: auth.User, received_on: dt.date
) -> Application:
    """待补正 → 办理中: the 20 working days restart from the corrected application (Art 30)."""
    app = _begin(app, actor, Application.Status.IN_PROGRESS)
    require_status(app, Application.Status.CORRECTION_REQUESTED, action=_("登记补正"))
    _not_future(received_on, "received_on")
    _not_before(received_on, app.correction_notice_on, "received_on", _("补正通知日期"))
    app.status = Application.Status.IN_PROGRESS
    app.correction_received_on = received_on
    return _set_due(
        app,
        actor=actor,
        action="correction_received",
        note=_("补正材料于%(date)s收到，答复期限重新计算。") % {"date": received_on.isoformat()},
    )


@transaction.atomic
def propose_abandonment(app: Application, *, on: dt.date) -> Application:
    """The daily task: the correction deadline passed; the officers are asked to decide whether
    the applicant had no good reason (Art 30). Nothing changes state."""
    app = _lock(app)
    if app.status != Application.Status.CORRECTION_REQUESTED or app.abandon_proposed_on:
        return app
    app.abandon_proposed_on = on
    app.save(update_fields=["abandon_proposed_on", "updated_at"])
    timeline.record(
        app, actor=None, action="abandon_proposed",
        note=_("补正期限%(date)s已过，请承办人判断申请人是否有正当理由，再决定是否视为放弃申请。")
        % {"date": app.correction_deadline.isoformat()},
    )
    return app


@transaction.atomic
def abandon_application(
    app: Application, *, actor: auth.User, reason: str, on: dt.date | None = None
) -> Application:
    """待补正 → 视为放弃: the officer finds no correction by its deadline without good reason
    (条例 Art 30), and says why."""
    app = _begin(app, actor, Application.Status.ABANDONED)
    on = on or _today()
    _not_future(on, "on")
    if on <= app.correction_deadline:
        raise TransitionNotAllowed(
            _("补正期限（%(date)s）尚未届满，不能视为放弃申请。")
            % {"date": app.correction_deadline.isoformat()}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请写明认定申请人无正当理由逾期不补正的依据。")})
    app.status = Application.Status.ABANDONED
    app.outcome = Application.Outcome.OTHER_NO_CORRECTION
    app.concluded_on = on
    app.save()
    timeline.record(
        app, actor=actor, action="abandoned",
        note=_("申请人无正当理由逾期未补正，视为放弃申请：%(reason)s") % {"reason": reason.strip()},
    )
    return app


@transaction.atomic
def reinstate_application(
    app: Application, *, actor: auth.User, reason: str, on: dt.date | None = None
) -> Application:
    """视为放弃 → 待补正: undone by the officer within the report year, with a reason (the
    applicant had a good reason after all); the correction is then registered as usual."""
    app = _begin(app, actor, Application.Status.CORRECTION_REQUESTED)
    on = on or _today()
    _not_future(on, "on")
    if on.year != app.concluded_on.year:
        raise TransitionNotAllowed(
            _("视为放弃只能在同一年度内撤销（%(year)s年的年度报告已计入）。")
            % {"year": app.concluded_on.year}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请写明撤销视为放弃的理由。")})
    previous = app.concluded_on
    app.status = Application.Status.CORRECTION_REQUESTED
    app.outcome, app.concluded_on, app.abandon_proposed_on = "", None, None
    app.save()
    timeline.record(
        app, actor=actor, action="abandon_undone", note=reason.strip(),
        data={"abandoned_on": previous.isoformat()},
    )
    return app


@transaction.atomic
def start_consultation(
    app: Application, *, actor: auth.User, sent_on: dt.date, party: str
) -> Application:
    """→ 征求意见中: the days of consultation are not counted (条例 Art 32–34)."""
    app = _begin(app, actor, Application.Status.CONSULTING)
    _not_future(sent_on, "sent_on")
    _not_before(sent_on, app.clock_start, "sent_on", _("收到申请的日期"))
    if not (party or "").strip():
        raise ValidationError({"party": _("请填写征求意见的第三方或机关。")})
    app.status = Application.Status.CONSULTING
    Consultation.objects.create(application=app, sent_on=sent_on, party=party.strip())
    return _set_due(
        app,
        actor=actor,
        action="consultation_sent",
        note=_("向%(party)s征求意见；在收到回复前暂按15个工作日扣除。") % {"party": party.strip()},
    )


@transaction.atomic
def register_consultation_reply(
    app: Application, *, actor: auth.User, replied_on: dt.date
) -> Application:
    """征求意见中 → 办理中: the pause ends with the reply or the 15th working day."""
    app = _begin(app, actor, Application.Status.IN_PROGRESS)
    consultation = app.consultations.filter(replied_on__isnull=True).last()
    if consultation is None:
        raise TransitionNotAllowed(_("没有待回复的征求意见。"))
    _not_future(replied_on, "replied_on")
    _not_before(replied_on, consultation.sent_on, "replied_on", _("发送征求意见的日期"))
    consultation.replied_on = replied_on
    consultation.save()
    app.status = Application.Status.IN_PROGRESS
    return _set_due(
        app,
        actor=actor,
        action="consultation_replied",
        note=_("%(party)s于%(date)s回复。")
        % {"party": consultation.party, "date": replied_on.isoformat()},
    )


@transaction.atomic
def extend_application(
    app: Application, *, actor: auth.User, approved_by, notice_on: dt.date, days: int
) -> Application:
    """Once, up to 20 working days, approved and notified by the due date (条例 Art 33 ¶2)."""
    app = _begin(app, actor)
    require_status(
        app,
        Application.Status.RECEIVED,
        Application.Status.IN_PROGRESS,
        Application.Status.CONSULTING,
        action=_("延期答复"),
    )
    if app.extension_days:
        raise TransitionNotAllowed(_("答复期限只能延长一次（条例第三十三条）。"))
    errors = {}
    if not 1 <= int(days) <= clock.MAX_EXTENSION_DAYS:
        errors["days"] = _("延长期限为1至20个工作日。")
    try:
        approver = member_of(approved_by, Role.LEADER, field="approved_by")
    except ValidationError:
        errors["approved_by"] = _("延期须经政府信息公开工作机构负责人同意，批准人须为在职的“领导”用户。")
    if notice_on > app.reply_due:
        errors["notice_on"] = _("延期告知须在答复期限（%(date)s）届满前发出。") % {
            "date": app.reply_due.isoformat()
        }
    if errors:
        raise ValidationError(errors)
    _not_future(notice_on, "notice_on")
    _not_before(notice_on, app.received_on, "notice_on", _("收到申请的日期"))
    app.extension_days = int(days)
    app.extension_approver = approver
    app.extension_approved_by = _full_name(approver)
    app.extension_notice_on = notice_on
    app = _set_due(
        app,
        actor=actor,
        action="extended",
        note=_("经%(who)s批准延期%(n)s个工作日。")
        % {"who": app.extension_approved_by, "n": app.extension_days},
    )
    notify_applicant.notify(app, "extended")
    return app


@transaction.atomic
def reply_application(
    app: Application,
    *,
    actor: auth.User,
    replied_on: dt.date,
    outcome: str,
    note: str = "",
    fee_amount: Decimal | None = None,
) -> Application:
    """→ 已答复 with one of the annual-report outcomes (条例 Art 36–39)."""
    app = _begin(app, actor, Application.Status.REPLIED)
    if outcome not in Application.Outcome.values:
        raise ValidationError({"outcome": _("办理结果须为年度报告所列情形之一。")})
    _not_future(replied_on, "replied_on")
    _not_before(replied_on, app.clock_start, "replied_on", _("收到申请的日期"))
    if fee_amount is not None and fee_amount < 0:
        raise ValidationError({"fee_amount": _("金额不能为负数。")})
    if outcome == Application.Outcome.OTHER_NO_FEE and not (
        app.fee_due and not app.fee_paid_on and replied_on > app.fee_due
    ):
        # The report row (六)2 counts only applications whose fee notice expired unpaid.
        raise ValidationError(
            {"outcome": _("只有收费通知的缴费期限届满仍未缴费的申请，才能按逾期未缴费办结。")}
        )
    open_consultation = app.consultations.filter(replied_on__isnull=True).last()
    if open_consultation:
        # Replying ends the consultation: the pause runs to the reply or the 15th working day.
        open_consultation.replied_on = min(
            replied_on, clock.add_workdays(open_consultation.sent_on, clock.CONSULTATION_DAYS).due
        )
        open_consultation.save()
        app = _set_due(
            app, actor=actor, action="consultation_closed", note=_("答复时结束征求意见。")
        )
    app.status = Application.Status.REPLIED
    app.replied_on = app.concluded_on = replied_on
    app.outcome, app.reply_note = outcome, note
    app.fee_amount = fee_amount
    app.save()
    timeline.record(
        app,
        actor=actor,
        action="replied",
        note=app.get_outcome_display(),
        data={"outcome": outcome, "on_time": replied_on <= app.reply_due},
    )
    notify_applicant.notify(app, "replied")
    return app


def _full_name(user) -> str:
    profile = getattr(user, "portal_profile", None)
    return ((profile.full_name if profile else "") or user.get_username())[:50]


@transaction.atomic
def send_fee_notice(
    app: Application, *, actor: auth.User, notice_on: dt.date, amount: Decimal
) -> Application:
    """A 收费通知 (国办函〔2020〕109号): the applicant pays within 20 working days from the day
    after it; a late payment lets the officer close the application as (六)2 other_no_fee."""
    app = _begin(app, actor)
    require_status(
        app, Application.Status.RECEIVED, Application.Status.IN_PROGRESS,
        Application.Status.CONSULTING, action=_("发出收费通知"),
    )
    if app.fee_notice_on:
        raise TransitionNotAllowed(_("本申请已发出收费通知。"))
    _not_future(notice_on, "notice_on")
    _not_before(notice_on, app.clock_start, "notice_on", _("收到申请的日期"))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("收费金额须大于零。")})
    app.fee_notice_on, app.fee_amount = notice_on, amount
    app.fee_due = clock.fee_due(notice_on)
    app.save()
    timeline.record(
        app, actor=actor, action="fee_notice",
        note=_("收费%(amount)s元，缴费期限%(due)s。")
        % {"amount": amount, "due": app.fee_due.isoformat()},
        data={"fee_due": app.fee_due.isoformat()},
    )
    return app


@transaction.atomic
def register_fee_payment(
    app: Application, *, actor: auth.User, paid_on: dt.date
) -> Application:
    """The applicant paid the 信息处理费."""
    app = _begin(app, actor)
    if not app.fee_notice_on or app.fee_paid_on:
        raise TransitionNotAllowed(_("没有待缴的信息处理费。"))
    _not_future(paid_on, "paid_on")
    _not_before(paid_on, app.fee_notice_on, "paid_on", _("收费通知日期"))
    app.fee_paid_on = paid_on
    app.save()
    timeline.record(app, actor=actor, action="fee_paid", note=paid_on.isoformat(),
                    data={"late": paid_on > app.fee_due})
    return app


@transaction.atomic
def void_application(app: Application, *, actor: auth.User, reason: str) -> Application:
    """→ 已作废: entered by mistake; left out of every figure."""
    app = _begin(app, actor, Application.Status.VOIDED)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写作废原因。")})
    app.status = Application.Status.VOIDED
    app.void_reason = reason.strip()
    app.save()
    timeline.record(app, actor=actor, action="voided", note=app.void_reason)
    return app


@transaction.atomic
def reissue_tracking_code(app: Application, *, actor: auth.User) -> Application:
    """A lost receipt: a new code replaces the old one, which stops working."""
    app = _begin(app, actor)
    app.tracking_code = tracking.new_code()
    app.save(update_fields=["tracking_code", "updated_at"])
    timeline.record(app, actor=actor, action="tracking_code_reissued")
    return app


@transaction.atomic
def add_remedy(
    app: Application,
    *,
    actor: auth.User,
    kind: str,
    filed_on: dt.date,
    body: str = "",
    result: str = Remedy.Result.PENDING,
    concluded_on: dt.date | None = None,
    note: str = "",
) -> Remedy:
    """Record a 行政复议 or 行政诉讼 about the application (report section 四)."""
    app = _begin(app, actor)
    _not_future(filed_on, "filed_on")
    if result != Remedy.Result.PENDING and concluded_on is None:
        concluded_on = filed_on
    remedy = Remedy.objects.create(
        application=app,
        kind=kind,
        filed_on=filed_on,
        body=body,
        result=result,
        concluded_on=concluded_on,
        note=note,
    )
    timeline.record(
        app,
        actor=actor,
        action="remedy_added",
        note=f"{remedy.get_kind_display()}：{remedy.get_result_display()}",
    )
    return remedy


@transaction.atomic
def conclude_remedy(
    remedy: Remedy, *, actor: auth.User, result: str, concluded_on: dt.date
) -> Remedy:
    """Record the result of a 复议 or 诉讼."""
    remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
    require_role(actor, Role.DISCLOSURE_OFFICER)
    _not_future(concluded_on, "concluded_on")
    remedy.result, remedy.concluded_on = result, concluded_on
    remedy.save()
    timeline.record(
        remedy.application,
        actor=actor,
        action="remedy_concluded",
        note=f"{remedy.get_kind_display()}：{remedy.get_result_display()}",
    )
    return remedy


# --- The calendar changed ---------------------------------------------------------------------


def recompute_due_dates(dates: frozenset[dt.date], reason: str) -> int:
    """Registered with huanghe_portal.due_dates: open applications whose reply clock crosses a
    changed date get their reply_due recomputed, each change on the timeline. Returns how many
    moved."""
    lo, hi = min(dates), max(dates)
    moved = 0
    candidates = Application.objects.select_for_update().filter(
        status__in=Application.OPEN, received_on__lt=hi, reply_due__gte=lo - dt.timedelta(days=31)
    )
    for app in candidates.order_by("pk"):
        if not due_dates.crosses(app.clock_start, app.reply_due, dates):
            continue
        if clock.compute_reply_due(app).due != app.reply_due:
            _set_due(app, actor=None, action=due_dates.TIMELINE_ACTION, note=reason)
            moved += 1
    fees = Application.objects.select_for_update().filter(
        status__in=Application.OPEN, fee_paid_on__isnull=True, fee_notice_on__lt=hi,
        fee_due__gte=lo - dt.timedelta(days=31),
    )
    for app in fees.order_by("pk"):
        moved += due_dates.move(app, "fee_due", clock.fee_due(app.fee_notice_on),
                                start=app.fee_notice_on, dates=dates, label=_("缴费期限"),
                                reason=reason)
    items = Item.objects.select_for_update().filter(
        status__in=[Item.Status.DRAFT, Item.Status.REVIEWED], generated_on__lt=hi,
        publication_due__gte=lo - dt.timedelta(days=31),
    )
    for item in items.order_by("pk"):
        moved += due_dates.move(item, "publication_due", clock.publication_due(item.generated_on),
                                start=item.generated_on, dates=dates, label=_("公开期限"),
                                reason=reason)
    return moved


# --- Periodic work --------------------------------------------------------------------------


def _notify_officers(officers, record, *, kind: str, message: str) -> int:
    """One notification per officer, record and kind; returns how many were new."""
    content_type = ContentType.objects.get_for_model(record)
    created = 0
    for officer in officers:
        _obj, new = Notification.objects.get_or_create(
            user=officer, content_type=content_type, object_id=record.pk, kind=kind,
            defaults={"message": message, "url": record.get_absolute_url()},
        )
        created += int(new)
    return created


def send_due_reminders(today: dt.date | None = None) -> int:
    """Notify the officers of replies due within 5 working days or overdue, of applications
    whose correction deadline passed (proposed for 视为放弃, never decided here), and of items
    not published within 20 working days (条例 Art 26). Returns the notices created."""
    today = today or _today()
    officers = list(
        get_user_model().objects.filter(groups__name=Role.DISCLOSURE_OFFICER, is_active=True)
    )
    created = 0
    for app in Application.objects.filter(
        status=Application.Status.CORRECTION_REQUESTED,
        correction_deadline__lt=today,
        abandon_proposed_on__isnull=True,
    ):
        app = propose_abandonment(app, on=today)
        created += _notify_officers(
            officers, app, kind="disclosure_abandon_proposed",
            message=_("申请（%(name)s）补正期限已过，请决定是否视为放弃申请。")
            % {"name": app.applicant_name},
        )
    for app in selectors.applications_due_within(5, today=today):
        kind = "disclosure_overdue" if app.reply_due < today else "disclosure_due"
        message = (
            _("申请（%(name)s）已超过答复期限%(date)s。")
            if kind == "disclosure_overdue"
            else _("申请（%(name)s）答复期限为%(date)s。")
        ) % {"name": app.applicant_name, "date": app.reply_due.isoformat()}
        created += _notify_officers(officers, app, kind=kind, message=message)
    for item in selectors.items_publication_overdue(today=today):
        created += _notify_officers(
            officers, item, kind="disclosure_item_overdue",
            message=_("“%(title)s”未在%(date)s前主动公开（条例第二十六条）。")
            % {"title": item.title[:60], "date": item.publication_due.isoformat()},
        )
    return created
