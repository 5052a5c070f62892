"""Every write of the 普法 area. No workflow beyond recording and voiding: each service locks,
checks the educator role, validates, writes, and appends to the record's timeline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypeVar

from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import attachments, handover, public_cache, timeline
from huanghe_portal.dates import check_not_future
from huanghe_portal.models import Attachment
from huanghe_portal.people import display_name
from huanghe_portal.roles import Role, require_role
from huanghe_portal.versioning import bump, check_version, save_with_version
from huanghe_portal.workflow import begin_step, require_status

from .models import (
    Consultation,
    Event,
    KnowledgeTest,
    LegalLiaison,
    LiaisonTraining,
    RecordStatus,
    StudySession,
    TestScore,
    VoidableRecord,
)

R = TypeVar("R", bound=VoidableRecord)

PHOTO_KINDS = {"jpeg", "png"}  # the attachment kinds an event photo may be

EVENT_FIELDS = (
    "held_on",
    "title",
    "kind",
    "village",
    "place",
    "organiser",
    "co_organisers",
    "responsible_unit",
    "laws_covered",
    "participants",
    "materials",
    "consultations_on_site",
    "summary",
)
CONSULTATION_FIELDS = (
    "consulted_on",
    "topic",
    "question",
    "answer_summary",
    "answered_by",
    "outcome",
    "person_name",
    "village",
    "event",
)
STUDY_FIELDS = ("held_on", "kind", "subject", "materials", "absence_note")
TEST_FIELDS = ("held_on", "subject", "max_score", "pass_mark")
LIAISON_FIELDS = ("village", "name", "appointed_on", "occupation")


# --- Shared checks --------------------------------------------------------------------------


def _check_not_future(field: str, value: dt.date | None) -> None:
    check_not_future(field, value)


def _check_counts(data: dict, *fields: str) -> None:
    errors = {f: _("不能为负数。") for f in fields if data.get(f) is not None and data[f] < 0}
    if errors:
        raise ValidationError(errors)


def _apply(record: models.Model, data: dict, allowed: tuple[str, ...]) -> list[str]:
    """Set the allowed fields present in `data`; return the names of those that changed."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    changed = []
    for name, value in data.items():
        if record.pk is None or getattr(record, name, None) != value:
            setattr(record, name, value)
            changed.append(name)
    return changed


def _void(record: R, *, actor: auth.User, reason: str) -> R:
    record = begin_step(record, actor, Role.EDUCATOR, to=RecordStatus.VOIDED)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写作废原因。")})
    record.status = RecordStatus.VOIDED
    record.void_reason = reason.strip()
    record.voided_at = timezone.now()
    record.voided_by = actor
    record.save(update_fields=["status", "void_reason", "voided_at", "voided_by", "updated_at"])
    timeline.record(record, actor=actor, action="voided", note=record.void_reason)
    return record


def _require_recorded(record: VoidableRecord) -> None:
    require_status(record, RecordStatus.RECORDED, action=_("修改"))


def _new(model: type[R], data: dict, fields: tuple[str, ...], *, actor: auth.User) -> R:
    """Validate (model rules, Chinese messages on the fields) and save a new record."""
    record = model(created_by=actor)
    _apply(record, data, fields)
    record.full_clean()
    record.save()
    return record


def _change(
    record: VoidableRecord,
    data: dict,
    fields: tuple[str, ...],
    *,
    actor: auth.User,
    version: int | None,
    also_changed: tuple[str, ...] = (),
) -> list[str]:
    """Validate and save the changed fields from the `version` the editor read; the timeline
    names them. Returns their names."""
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    changed = save_with_version(record, version, data, clean=True)
    if also_changed and not changed:
        bump(record)
    changed += list(also_changed)
    if changed:
        timeline.record(
            record,
            actor=actor,
            action="updated",
            note="、".join(timeline.field_labels(record, changed)),
        )
    return changed


# --- Events ---------------------------------------------------------------------------------


@transaction.atomic
def create_event(*, actor: auth.User, **data) -> Event:
    """登记普法活动. Educator only."""
    require_role(actor, Role.EDUCATOR)
    _check_counts(data, "participants", "materials", "consultations_on_site")
    event = _new(Event, data, EVENT_FIELDS, actor=actor)
    timeline.record(event, actor=actor, action="recorded", note=event.title)
    public_cache.changed("legal_education")
    return event


@transaction.atomic
def update_event(event: Event, *, actor: auth.User, version: int | None = None, **data) -> Event:
    """修改普法活动 from the `version` read. Educator only; a voided event stays as it was."""
    event = begin_step(event, actor, Role.EDUCATOR)
    _require_recorded(event)
    _check_counts(data, "participants", "materials", "consultations_on_site")
    _change(event, data, EVENT_FIELDS, actor=actor, version=version)
    public_cache.changed("legal_education")
    return event


@transaction.atomic
def void_event(event: Event, *, actor: auth.User, reason: str) -> Event:
    """作废普法活动 (entered by mistake). Educator only; it leaves the public pages and figures."""
    public_cache.changed("legal_education")
    return _void(event, actor=actor, reason=reason)


@transaction.atomic
def add_event_photo(
    event: Event,
    upload: UploadedFile,
    *,
    actor: auth.User,
    description: str = "",
    is_public: bool = True,
) -> Attachment:
    """上传活动照片 (JPEG or PNG only). Educator only; public photos show on the public page."""
    event = begin_step(event, actor, Role.EDUCATOR)
    _require_recorded(event)
    return attachments.add_attachment(
        event,
        upload,
        actor=actor,
        description=description,
        is_public=is_public,
        allowed=PHOTO_KINDS,
    )


# --- Consultations --------------------------------------------------------------------------


def _hand_over_to_mediation(
    consultation: Consultation, *, actor: auth.User, respondent_name: str = ""
) -> models.Model:
    """转人民调解: the disputes area registers a case from this consultation (source `other`)."""
    if not handover.is_registered("dispute"):
        raise ValidationError({"outcome": _("人民调解模块未启用，暂不能转人民调解。")})
    if not consultation.person_name:
        raise ValidationError({"person_name": _("转人民调解须填写咨询人姓名（作为申请人）。")})
    summary = consultation.question or consultation.get_topic_display()
    return handover.create(
        "dispute",
        source=consultation,
        actor=actor,
        received_on=consultation.consulted_on,
        source_code="other",
        summary=_("法治咨询转人民调解：%(summary)s") % {"summary": summary},
        parties=[
            {"role": "applicant", "kind": "person", "name": consultation.person_name},
            {
                "role": "respondent",
                "kind": "person",
                "name": (respondent_name or "").strip() or "待补充",
            },
        ],
        village=consultation.village,
    )


def linked_dispute_id(consultation: Consultation) -> int | None:
    link = handover.links_from(consultation, "dispute").first()
    return link.target_id if link else None


@transaction.atomic
def create_consultation(*, actor: auth.User, respondent_name: str = "", **data) -> Consultation:
    """登记法治咨询 (one person-time). Educator only; 转人民调解 registers a dispute case."""
    require_role(actor, Role.EDUCATOR)
    _check_not_future("consulted_on", data.get("consulted_on"))
    consultation = _new(Consultation, data, CONSULTATION_FIELDS, actor=actor)
    timeline.record(
        consultation, actor=actor, action="recorded", note=consultation.get_outcome_display()
    )
    if consultation.outcome == Consultation.Outcome.TO_MEDIATION:
        _hand_over_to_mediation(consultation, actor=actor, respondent_name=respondent_name)
    return consultation


@transaction.atomic
def update_consultation(
    consultation: Consultation,
    *,
    actor: auth.User,
    version: int | None = None,
    respondent_name: str = "",
    **data,
) -> Consultation:
    """修改法治咨询 from the `version` read. Educator only; changing the outcome to 转人民调解
    hands the matter over once."""
    consultation = begin_step(consultation, actor, Role.EDUCATOR)
    _require_recorded(consultation)
    handed_over = linked_dispute_id(consultation) is not None
    if handed_over and data.get("outcome", consultation.outcome) != consultation.outcome:
        raise ValidationError({"outcome": _("已转人民调解并登记纠纷案件，不能再修改处理结果。")})
    _check_not_future("consulted_on", data.get("consulted_on"))
    _change(consultation, data, CONSULTATION_FIELDS, actor=actor, version=version)
    if consultation.outcome == Consultation.Outcome.TO_MEDIATION and not handed_over:
        _hand_over_to_mediation(consultation, actor=actor, respondent_name=respondent_name)
    return consultation


@transaction.atomic
def void_consultation(consultation: Consultation, *, actor: auth.User, reason: str) -> Consultation:
    """作废法治咨询. Educator only; a dispute already registered from it stays with mediation."""
    return _void(consultation, actor=actor, reason=reason)


# --- Cadre study sessions -------------------------------------------------------------------


def _set_attendance(session: StudySession, attendees, absentees) -> None:
    attendees, absentees = set(attendees or []), set(absentees or [])
    if attendees & absentees:
        names = "、".join(sorted(display_name(u) for u in attendees & absentees))
        raise ValidationError(
            {"absentees": _("同一人不能既参加又缺席：%(names)s。") % {"names": names}}
        )
    if not attendees:
        raise ValidationError({"attendees": _("请至少选择一名参加人员。")})
    session.attendees.set(attendees)
    session.absentees.set(absentees)


@transaction.atomic
def create_study_session(*, actor: auth.User, attendees, absentees=(), **data) -> StudySession:
    """登记干部学法. Educator only."""
    require_role(actor, Role.EDUCATOR)
    _check_not_future("held_on", data.get("held_on"))
    session = _new(StudySession, data, STUDY_FIELDS, actor=actor)
    _set_attendance(session, attendees, absentees)
    present, expected = session.attendance()
    timeline.record(
        session,
        actor=actor,
        action="recorded",
        note=_("应到%(expected)s人，实到%(present)s人")
        % {"expected": expected, "present": present},
    )
    return session


@transaction.atomic
def update_study_session(
    session: StudySession,
    *,
    actor: auth.User,
    version: int | None = None,
    attendees=None,
    absentees=None,
    **data,
) -> StudySession:
    """修改干部学法 from the `version` read. Educator only."""
    session = begin_step(session, actor, Role.EDUCATOR)
    _require_recorded(session)
    check_version(session, version)
    _check_not_future("held_on", data.get("held_on"))
    attendance_given = attendees is not None or absentees is not None
    if attendance_given:
        _set_attendance(
            session,
            session.attendees.all() if attendees is None else attendees,
            session.absentees.all() if absentees is None else absentees,
        )
    _change(
        session,
        data,
        STUDY_FIELDS,
        actor=actor,
        version=version,
        also_changed=("attendees",) if attendance_given else (),
    )
    return session


@transaction.atomic
def void_study_session(session: StudySession, *, actor: auth.User, reason: str) -> StudySession:
    """作废干部学法记录. Educator only."""
    return _void(session, actor=actor, reason=reason)


# --- Legal-knowledge tests ------------------------------------------------------------------


def _num(value: Decimal) -> str:
    """50.0 → "50", 59.5 → "59.5"."""
    value = Decimal(str(value))
    return str(value.quantize(Decimal(1))) if value == value.to_integral() else str(value)


def _check_scores(scores: list[dict], max_score: Decimal) -> None:
    if not scores:
        raise ValidationError({"scores": _("测试须至少有一名参加人员及其成绩。")})
    problems = []
    for row in scores:
        score = Decimal(str(row["score"]))
        if score < 0:
            problems.append(_("%(name)s的成绩不能为负数。") % {"name": row["name"]})
        elif score > max_score:
            problems.append(
                _("%(name)s的成绩%(score)s超过满分%(max)s。")
                % {"name": row["name"], "score": _num(score), "max": _num(max_score)}
            )
    if problems:
        raise ValidationError({"scores": problems})


@transaction.atomic
def create_test(*, actor: auth.User, scores: list[dict], **data) -> KnowledgeTest:
    """登记法律知识测试及成绩. Educator only; every score within 0..满分, at least one participant."""
    require_role(actor, Role.EDUCATOR)
    _check_not_future("held_on", data.get("held_on"))
    test = KnowledgeTest(created_by=actor)
    _apply(test, data, TEST_FIELDS)
    test.full_clean()
    if test.pass_mark > test.max_score:
        raise ValidationError({"pass_mark": _("及格分不能高于满分。")})
    _check_scores(scores, test.max_score)
    test.save()
    TestScore.objects.bulk_create(
        TestScore(test=test, name=row["name"], user=row.get("user"), score=row["score"])
        for row in scores
    )
    stats = test.stats()
    timeline.record(
        test,
        actor=actor,
        action="recorded",
        note=_("参加%(n)s人，及格率%(rate)s%%")
        % {"n": stats["participants"], "rate": stats["pass_rate"]},
    )
    return test


@transaction.atomic
def void_test(test: KnowledgeTest, *, actor: auth.User, reason: str) -> KnowledgeTest:
    """作废法律知识测试. Educator only."""
    return _void(test, actor=actor, reason=reason)


# --- 法律明白人 -----------------------------------------------------------------------------


@transaction.atomic
def create_liaison(*, actor: auth.User, **data) -> LegalLiaison:
    """把一名村民列入法律明白人名册. Educator only."""
    require_role(actor, Role.EDUCATOR)
    liaison = _new(LegalLiaison, data, LIAISON_FIELDS, actor=actor)
    timeline.record(liaison, actor=actor, action="recorded", note=liaison.name)
    return liaison


@transaction.atomic
def update_liaison(
    liaison: LegalLiaison, *, actor: auth.User, version: int | None = None, **data
) -> LegalLiaison:
    """修改法律明白人信息 from the `version` read. Educator only."""
    liaison = begin_step(liaison, actor, Role.EDUCATOR)
    _require_recorded(liaison)
    _change(liaison, data, LIAISON_FIELDS, actor=actor, version=version)
    return liaison


@transaction.atomic
def add_liaison_training(
    liaison: LegalLiaison,
    *,
    actor: auth.User,
    trained_on: dt.date,
    subject: str,
    hours: Decimal = Decimal("2"),
) -> LiaisonTraining:
    """登记法律明白人参加的一次培训. Educator only."""
    liaison = begin_step(liaison, actor, Role.EDUCATOR)
    _require_recorded(liaison)
    _check_not_future("trained_on", trained_on)
    training = LiaisonTraining(
        liaison=liaison, trained_on=trained_on, subject=subject, hours=hours, created_by=actor
    )
    training.full_clean()
    training.save()
    timeline.record(liaison, actor=actor, action="trained", note=f"{trained_on:%Y-%m-%d} {subject}")
    return training


@transaction.atomic
def void_liaison(liaison: LegalLiaison, *, actor: auth.User, reason: str) -> LegalLiaison:
    """把法律明白人移出名册（作废）. Educator only."""
    return _void(liaison, actor=actor, reason=reason)
