"""Configuration of the procedure, opening a matter and recording its procedure steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import models as auth
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import public_cache, timeline
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.personal_data import PublicationCheck, check_publication
from huanghe_portal.roles import Role, require_role
from huanghe_portal.workflow import begin_step, require_status

from .. import selectors
from ..models import (
    REVIEW_REQUIRED_KINDS,
    CommentWindow,
    ExpertReview,
    Hearing,
    Kind,
    Matter,
    ProcedureRequirement,
    PublicComment,
    RiskAssessment,
    Step,
)
from ._common import (
    HEARING_NOTICE_DAYS,
    MIN_COMMENT_DAYS,
    OFFICE_ROLES,
    PROCEDURE_STATUSES,
    _invalid,
    _not_before_opening,
    _not_future,
)


@transaction.atomic
def set_required_steps(*, actor: auth.User, required: dict[str, Iterable[str]]) -> None:
    """The office decides which steps each kind requires (the legality review stays required
    where the law requires it)."""
    require_role(actor, Role.REPORT_OFFICE)
    for kind in Kind.values:
        chosen = set(required.get(kind, ()))
        for step in Step.values:
            is_required = step in chosen or (
                step == Step.LEGALITY_REVIEW and kind in REVIEW_REQUIRED_KINDS
            )
            row, _created = ProcedureRequirement.objects.select_for_update().get_or_create(
                kind=kind, step=step, defaults={"required": is_required}
            )
            if row.required != is_required:
                row.required = is_required
                row.save(update_fields=["required"])
                timeline.record(
                    row,
                    actor=actor,
                    action="requirement_changed",
                    note=_("必经") if is_required else _("可选"),
                )


# --- Create and procedure records ---------------------------------------------------------


@transaction.atomic
def create_matter(
    *,
    actor: auth.User,
    title: str,
    kind: str,
    summary: str,
    sponsor_unit: str,
    exploratory_reform: bool = False,
    legal_risk_statement: str = "",
    opened_on: dt.date | None = None,
    catalogue_item=None,
    art58_trigger: str = "",
    case_number: str = "",
) -> Matter:
    """Open a matter (决策启动, 决策条例 Art 10–11). Leaders and the office."""
    require_role(actor, *OFFICE_ROLES)
    if kind not in Kind.values:
        _invalid("kind", _("事项类型不是可选项。"))
    opened_on = opened_on or timezone.localdate()
    _not_future("opened_on", opened_on)
    if exploratory_reform and not legal_risk_statement.strip():
        _invalid(
            "legal_risk_statement", _("探索性改革事项须载明法律风险说明（决策条例第二十七条）。")
        )
    matter = Matter.objects.create(
        kind=kind,
        title=title,
        summary=summary,
        sponsor_unit=sponsor_unit,
        opened_on=opened_on,
        exploratory_reform=exploratory_reform,
        legal_risk_statement=legal_risk_statement,
        catalogue_item=catalogue_item,
        art58_trigger=art58_trigger,
        case_number=case_number,
        created_by=actor,
    )
    timeline.record(matter, actor=actor, action="created")
    return matter


@transaction.atomic
def change_opened_on(matter: Matter, *, actor: auth.User, opened_on: dt.date) -> Matter:
    """Correct the 启动日期 of a matter entered after the fact; only until the first step is
    recorded, since no step may be dated before it."""
    matter = begin_step(matter, actor, *OFFICE_ROLES)
    require_status(matter, *Matter.OPENING_DATE_STATUSES, action=_("修改启动日期"))
    if blockers := selectors.opened_on_blockers(matter):
        raise TransitionNotAllowed(" ".join(blockers))
    _not_future("opened_on", opened_on)
    old = matter.opened_on
    matter.opened_on = opened_on
    matter.save(update_fields=["opened_on", "updated_at"])
    timeline.record(matter, actor=actor, action="opened_on_changed", note=f"{old} → {opened_on}")
    return matter


@transaction.atomic
def open_comment_window(
    matter: Matter,
    *,
    actor: auth.User,
    opens_on: dt.date,
    closes_on: dt.date,
    where_published: str = "",
    shortening_reason: str = "",
    acknowledge: str = "",
) -> CommentWindow:
    """Publish the draft for comment (决策条例 Art 14–15): normally at least 30 days. The public
    draft page shows the title, sponsor and summary, so they pass the personal-data gate first
    (a full ID number is 409; a mobile number or a party's name needs `acknowledge`)."""
    matter = begin_step(matter, actor, *OFFICE_ROLES)
    require_status(matter, *PROCEDURE_STATUSES, action=_("公开征求意见"))
    _not_before_opening(matter, "opens_on", opens_on)
    if closes_on < opens_on:
        _invalid("closes_on", _("截止日期不能早于开始日期。"))
    days = (closes_on - opens_on).days + 1
    if days < MIN_COMMENT_DAYS and not shortening_reason.strip():
        _invalid(
            "shortening_reason",
            _("征求意见期限为%(days)s日，少于30日，须说明理由（决策条例第十五条）。")
            % {"days": days},
        )
    check = check_publication(
        [
            (_("名称"), matter.title),
            (_("承办单位"), matter.sponsor_unit),
            (_("内容概述"), matter.summary),
        ],
        acknowledge=acknowledge,
    )
    window = CommentWindow.objects.create(
        matter=matter,
        opens_on=opens_on,
        closes_on=closes_on,
        where_published=where_published,
        shortening_reason=shortening_reason,
    )
    _record_public_text(
        matter,
        actor=actor,
        action="comment_window_opened",
        text=_("%(a)s至%(b)s，共%(d)s日") % {"a": opens_on, "b": closes_on, "d": days},
        check=check,
    )
    return window


def _record_public_text(
    matter: Matter, *, actor: auth.User, action: str, text: str, check: PublicationCheck
) -> None:
    """The timeline entry of a step whose text goes on the public site: the text, what the
    personal-data gate found in it and the gate's record; then the public pages change."""
    timeline.record(
        matter,
        actor=actor,
        action=action,
        note="\n".join(part for part in (text, check.note() if check.findings else "") if part),
        data={"personal_data_check": check.record()},
    )
    public_cache.changed("decisions")


@transaction.atomic
def submit_public_comment(
    window: CommentWindow,
    *,
    content: str,
    commenter_name: str = "",
    actor: auth.User | None = None,
    submitted_on: dt.date | None = None,
) -> PublicComment:
    """A comment from the public site (or typed in by staff from a letter)."""
    window = CommentWindow.objects.select_for_update().select_related("matter").get(pk=window.pk)
    submitted_on = submitted_on or timezone.localdate()
    if actor is not None and actor.is_authenticated:
        require_role(actor, *OFFICE_ROLES)
    elif not window.is_open(submitted_on) or window.matter.status == Matter.Status.VOIDED:
        raise TransitionNotAllowed(_("该草案当前不在征求意见期内。"))
    if not content.strip():
        _invalid("content", _("请填写意见内容。"))
    comment = PublicComment.objects.create(
        window=window,
        submitted_on=submitted_on,
        commenter_name=commenter_name.strip(),
        content=content,
    )
    timeline.record(
        window.matter,
        actor=actor,
        action="comment_received",
        note=commenter_name.strip() or _("匿名"),
    )
    # The public page of the window shows how many comments it received.
    public_cache.changed("decisions")
    return comment


@transaction.atomic
def summarise_adoption(
    window: CommentWindow,
    *,
    actor: auth.User,
    adoption_summary: str,
    adopted: Iterable[int] = (),
    acknowledge: str = "",
) -> CommentWindow:
    """Record which comments were adopted and the summary (决策条例 Art 18). The public page of
    the closed window shows the summary, so it passes the personal-data gate first (a full ID
    number is 409; a mobile number or a party's name needs `acknowledge`)."""
    window = CommentWindow.objects.select_for_update().select_related("matter").get(pk=window.pk)
    require_role(actor, *OFFICE_ROLES)
    if window.matter.status == Matter.Status.VOIDED:
        raise TransitionNotAllowed(_("事项已作废，不能修改。"))
    if not adoption_summary.strip():
        _invalid("adoption_summary", _("请填写意见采纳情况。"))
    check = check_publication([(_("意见采纳情况"), adoption_summary)], acknowledge=acknowledge)
    adopted = set(adopted)
    window.comments.update(adopted=False)
    window.comments.filter(pk__in=adopted).update(adopted=True)
    window.adoption_summary = adoption_summary
    window.save(update_fields=["adoption_summary", "updated_at"])
    _record_public_text(
        window.matter,
        actor=actor,
        action="adoption_summarised",
        text=adoption_summary,
        check=check,
    )
    return window


@transaction.atomic
def record_hearing(
    matter: Matter,
    *,
    actor: auth.User,
    held_on: dt.date,
    materials_sent_on: dt.date,
    participants: list[str],
    record: str,
    record_signed: bool = True,
) -> Hearing:
    """听证会 (决策条例 Art 16–17): materials delivered at least 7 days before the hearing."""
    matter = begin_step(matter, actor, *OFFICE_ROLES)
    require_status(matter, *PROCEDURE_STATUSES, action=_("记录听证会"))
    _not_future("held_on", held_on)
    _not_before_opening(matter, "held_on", held_on)
    if materials_sent_on > held_on - dt.timedelta(days=HEARING_NOTICE_DAYS):
        _invalid(
            "materials_sent_on",
            _("听证材料应至少在听证会召开7日前送达参加人（决策条例第十六条）。"),
        )
    if not [p for p in participants if p.strip()]:
        _invalid("participants", _("请填写听证参加人。"))
    hearing = Hearing.objects.create(
        matter=matter,
        held_on=held_on,
        materials_sent_on=materials_sent_on,
        participants=[p.strip() for p in participants if p.strip()],
        record=record,
        record_signed=record_signed,
    )
    timeline.record(matter, actor=actor, action="hearing_recorded", note=str(held_on))
    return hearing


@transaction.atomic
def record_expert_review(
    matter: Matter, *, actor: auth.User, held_on: dt.date, experts: list[str], opinion: str
) -> ExpertReview:
    """专家论证 (决策条例 Art 19–21)."""
    matter = begin_step(matter, actor, *OFFICE_ROLES)
    require_status(matter, *PROCEDURE_STATUSES, action=_("记录专家论证"))
    _not_future("held_on", held_on)
    _not_before_opening(matter, "held_on", held_on)
    if not [e for e in experts if e.strip()]:
        _invalid("experts", _("请填写论证专家。"))
    review = ExpertReview.objects.create(
        matter=matter,
        held_on=held_on,
        experts=[e.strip() for e in experts if e.strip()],
        opinion=opinion,
    )
    timeline.record(matter, actor=actor, action="expert_review_recorded", note=str(held_on))
    return review


@transaction.atomic
def record_risk_assessment(
    matter: Matter,
    *,
    actor: auth.User,
    assessed_on: dt.date,
    level: str,
    points: str,
    measures: str,
    plan: str = "",
) -> RiskAssessment:
    """风险评估 (决策条例 Art 22–24)."""
    matter = begin_step(matter, actor, *OFFICE_ROLES)
    require_status(matter, *PROCEDURE_STATUSES, action=_("记录风险评估"))
    _not_future("assessed_on", assessed_on)
    _not_before_opening(matter, "assessed_on", assessed_on)
    if level not in RiskAssessment.Level.values:
        _invalid("level", _("风险等级不是可选项。"))
    assessment = RiskAssessment.objects.create(
        matter=matter,
        assessed_on=assessed_on,
        level=level,
        points=points,
        measures=measures,
        plan=plan,
    )
    timeline.record(
        matter, actor=actor, action="risk_assessed", note=str(RiskAssessment.Level(level).label)
    )
    return assessment
