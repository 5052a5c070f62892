"""Every write of the decisions area: one function per procedure step, each locking the matter,
checking the role, the state and the statutory gates, writing, and recording the timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NoReturn

from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import handover, public_cache, timeline, workdays
from huanghe_portal import services as portal_services
from huanghe_portal.dates import check_not_future
from huanghe_portal.exceptions import PrerequisiteMissing, TransitionNotAllowed
from huanghe_portal.personal_data import check_publication
from huanghe_portal.roles import Role, has_role, require_role
from huanghe_portal.versioning import save_with_version
from huanghe_portal.workflow import require_status, require_transition

from .models import (
    DEFAULT_REQUIRED_STEPS,
    REVIEW_REQUIRED_KINDS,
    CommentWindow,
    DecisionCatalogItem,
    Evaluation,
    ExpertReview,
    Hearing,
    Kind,
    LegalAdviser,
    LegalityReview,
    Matter,
    Meeting,
    MeetingView,
    NormativeDocument,
    ProcedureRequirement,
    PublicComment,
    RiskAssessment,
    Step,
)

User = get_user_model()
OFFICE_ROLES = (Role.LEADER, Role.REPORT_OFFICE)
REVIEWER_ROLES = (Role.LEGAL_REVIEWER, Role.LEGAL_ADVISER)
MIN_COMMENT_DAYS = 30  # 决策条例 Art 15: "一般不少于30日"
HEARING_NOTICE_DAYS = 7  # 决策条例 Art 16: materials "至少提前7日" delivered
PROCEDURE_STATUSES = Matter.OPEN_STATUSES


def _invalid(field: str, message: str) -> NoReturn:
    """Bad input: 400 in the API, the message on the form's field in the HTML."""
    raise ValidationError({field: [message]})


def _lock(matter: Matter) -> Matter:
    return Matter.objects.select_for_update().get(pk=matter.pk)


def _not_future(field: str, value: dt.date) -> None:
    check_not_future(field, value)


def _not_before_opening(matter: Matter, field: str, value: dt.date) -> None:
    if value < matter.opened_on:
        _invalid(field, _("日期不能早于事项启动日期（%(d)s）。") % {"d": matter.opened_on})


# --- Configuration of the procedure -------------------------------------------------------


def required_steps(kind: str) -> set[str]:
    """The steps `kind` requires before discussion: the office's configuration (defaults of
    issue 6 until it is edited), plus the legality review the law requires for some kinds."""
    rows = list(ProcedureRequirement.objects.filter(kind=kind))
    steps = (
        {r.step for r in rows if r.required}
        if rows
        else {str(s) for s in DEFAULT_REQUIRED_STEPS.get(kind, set())}
    )
    if kind in REVIEW_REQUIRED_KINDS:
        steps.add(Step.LEGALITY_REVIEW)
    return steps


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


def passing_review(matter: Matter) -> LegalityReview | None:
    """The latest concluded review, if it lets the matter go to discussion: lawful (with or
    without changes), or, for an exploratory reform, the legal risk stated (决策条例 Art 27)."""
    review = matter.reviews.exclude(concluded_on=None).order_by("-concluded_on", "-pk").first()
    if review is None:
        return None
    if review.result in LegalityReview.PASSING:
        return review
    if review.result == LegalityReview.Result.RISK_STATED and risk_may_be_stated(matter):
        return review
    return None


def step_done(matter: Matter, step: str, *, on: dt.date | None = None) -> bool:
    on = on or timezone.localdate()
    if step == Step.PUBLIC_COMMENT:
        return matter.comment_windows.filter(closes_on__lte=on).exists()
    if step == Step.HEARING:
        return matter.hearings.exists()
    if step == Step.EXPERT_REVIEW:
        return matter.expert_reviews.exists()
    if step == Step.RISK_ASSESSMENT:
        return matter.risk_assessments.exists()
    if step == Step.LEGALITY_REVIEW:
        return passing_review(matter) is not None
    raise ValueError(step)


def risk_may_be_stated(matter: Matter) -> bool:
    """决策条例 Art 27: only an exploratory reform with its legal risk written down may be
    concluded 明示法律风险; the review itself is never skipped."""
    return matter.exploratory_reform and bool(matter.legal_risk_statement.strip())


def risk_stated(matter: Matter) -> bool:
    """The matter goes to discussion on a review that stated the legal risk."""
    review = passing_review(matter)
    return review is not None and review.result == LegalityReview.Result.RISK_STATED


def checklist(matter: Matter, *, on: dt.date | None = None) -> list[dict]:
    """The procedure of the matter's kind: every step, whether required, whether done."""
    required = required_steps(matter.kind)
    rows = []
    stated = risk_stated(matter)
    for step, label in Step.choices:
        done = step_done(matter, step, on=on)
        # "exempt" marks a review passed by stating the legal risk (shown as 明示法律风险)
        exempt = step == Step.LEGALITY_REVIEW and done and stated
        rows.append(
            {
                "step": step,
                "label": label,
                "required": step in required,
                "done": done,
                "exempt": exempt,
                "missing": step in required and not done,
            }
        )
    return rows


def missing_steps(matter: Matter, *, on: dt.date | None = None) -> list[str]:
    return [str(row["label"]) for row in checklist(matter, on=on) if row["missing"]]


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


def has_steps(matter: Matter) -> bool:
    """Whether any procedure step is recorded on the matter (the opening date is then fixed)."""
    return any(
        related.exists()
        for related in (
            matter.comment_windows,
            matter.hearings,
            matter.expert_reviews,
            matter.risk_assessments,
            matter.reviews,
            matter.meetings,
        )
    )


@transaction.atomic
def change_opened_on(matter: Matter, *, actor: auth.User, opened_on: dt.date) -> Matter:
    """Correct the 启动日期 of a matter entered after the fact; only until the first step is
    recorded, since no step may be dated before it."""
    matter = _lock(matter)
    require_role(actor, *OFFICE_ROLES)
    require_status(matter, Matter.Status.DRAFT, action=_("修改启动日期"))
    if has_steps(matter):
        raise TransitionNotAllowed(_("已记录程序环节的事项，启动日期不能再修改。"))
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
    matter = _lock(matter)
    require_role(actor, *OFFICE_ROLES)
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
        [(_("名称"), matter.title), (_("承办单位"), matter.sponsor_unit),
         (_("内容概述"), matter.summary)],
        acknowledge=acknowledge,
    )
    window = CommentWindow.objects.create(
        matter=matter,
        opens_on=opens_on,
        closes_on=closes_on,
        where_published=where_published,
        shortening_reason=shortening_reason,
    )
    timeline.record(
        matter,
        actor=actor,
        action="comment_window_opened",
        note="\n".join(
            part
            for part in (
                _("%(a)s至%(b)s，共%(d)s日") % {"a": opens_on, "b": closes_on, "d": days},
                check.note() if check.findings else "",
            )
            if part
        ),
        data={"personal_data_check": check.record()},
    )
    public_cache.changed("decisions")
    return window


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
    check = check_publication(
        [(_("意见采纳情况"), adoption_summary)], acknowledge=acknowledge
    )
    adopted = set(adopted)
    window.comments.update(adopted=False)
    window.comments.filter(pk__in=adopted).update(adopted=True)
    window.adoption_summary = adoption_summary
    window.save(update_fields=["adoption_summary", "updated_at"])
    timeline.record(
        window.matter,
        actor=actor,
        action="adoption_summarised",
        note="\n".join(part for part in (adoption_summary, check.note() if check.findings else "")
                       if part),
        data={"personal_data_check": check.record()},
    )
    public_cache.changed("decisions")
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
    matter = _lock(matter)
    require_role(actor, *OFFICE_ROLES)
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
    matter = _lock(matter)
    require_role(actor, *OFFICE_ROLES)
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
    matter = _lock(matter)
    require_role(actor, *OFFICE_ROLES)
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


# --- Legality review ----------------------------------------------------------------------


def adviser_of(user: auth.User, on: dt.date) -> LegalAdviser | None:
    return (
        LegalAdviser.objects.filter(user=user, voided=False, term_start__lte=on, term_end__gte=on)
        .order_by("-term_start")
        .first()
    )


@transaction.atomic
def submit_review(
    matter: Matter, *, actor: auth.User, reviewer: auth.User, submitted_on: dt.date
) -> LegalityReview:
    """Send the draft for legality review (决策条例 Art 25–26): 草案拟订/已审核 → 合法性审核中."""
    matter = _lock(matter)
    require_role(actor, *OFFICE_ROLES)
    require_transition(matter, Matter.Status.UNDER_REVIEW)
    if not (reviewer.is_active and has_role(reviewer, *REVIEWER_ROLES)):
        _invalid("reviewer", _("审核人须为法制审核员或法律顾问。"))
    _not_future("submitted_on", submitted_on)
    _not_before_opening(matter, "submitted_on", submitted_on)
    review = LegalityReview.objects.create(
        matter=matter,
        reviewer=reviewer,
        adviser=adviser_of(reviewer, submitted_on),
        submitted_on=submitted_on,
    )
    matter.status = Matter.Status.UNDER_REVIEW
    matter.current_reviewer = reviewer
    matter.last_result = ""
    matter.save(update_fields=["status", "current_reviewer", "last_result", "updated_at"])
    name = getattr(getattr(reviewer, "portal_profile", None), "full_name", "") or reviewer.username
    timeline.record(matter, actor=actor, action="review_submitted", note=name)
    transaction.on_commit(
        lambda: portal_services.notify(
            reviewer,
            kind="decision_review",
            record=matter,
            url=matter.get_absolute_url(),
            message=_("请对“%(t)s”进行合法性审核。") % {"t": matter.title},
        )
    )
    return review


@transaction.atomic
def conclude_review(
    matter: Matter,
    *,
    actor: auth.User,
    concluded_on: dt.date,
    result: str,
    opinion: str,
    changes: str = "",
    reviewer_qualification: str = "",
) -> LegalityReview:
    """合法性审核中 → 已审核: the assigned reviewer, or any legal reviewer (司法所), concludes
    once (决策条例 Art 28). Under 7 working days is allowed but flagged (Art 26 "一般")."""
    matter = _lock(matter)
    require_role(actor, *REVIEWER_ROLES)
    review = matter.reviews.select_for_update().order_by("-pk").first()
    if (
        review is not None
        and review.reviewer_id != actor.pk
        and not has_role(actor, Role.LEGAL_REVIEWER)
    ):
        raise PermissionDenied(_("只有被指定的审核人或法制审核员可以出具审核结论。"))
    if review is not None and review.is_concluded:
        raise TransitionNotAllowed(
            _("该合法性审核已于%(d)s出具结论，不能再次出具。")
            % {"d": review.concluded_on.isoformat()}
        )
    require_transition(matter, Matter.Status.REVIEWED)
    if result not in LegalityReview.Result.values:
        _invalid("result", _("审核结论应为：合法、修改后合法、不合法或明示法律风险。"))
    if result == LegalityReview.Result.RISK_STATED and not risk_may_be_stated(matter):
        _invalid(
            "result",
            _("只有载明法律风险说明的探索性改革事项，才能出具“明示法律风险”的审核结论。"),
        )
    _not_future("concluded_on", concluded_on)
    if concluded_on < review.submitted_on:
        _invalid("concluded_on", _("审核完成日期不能早于送审日期。"))
    if not opinion.strip():
        _invalid("opinion", _("请填写审核意见。"))
    if result == LegalityReview.Result.LAWFUL_AFTER_CHANGES and not changes.strip():
        _invalid("changes", _("修改后合法的，须记录所作修改。"))
    review.concluded_on = concluded_on
    review.result = result
    review.opinion = opinion
    review.changes = changes
    review.reviewer_qualification = reviewer_qualification
    review.workdays_taken = min(workdays.workdays_between(review.submitted_on, concluded_on), 999)
    review.save()
    matter.status = Matter.Status.REVIEWED
    matter.last_result = result
    matter.save(update_fields=["status", "last_result", "updated_at"])
    note = str(LegalityReview.Result(result).label)
    if review.short_warning:
        note += _("（审核用时%(n)s个工作日，少于7个工作日）") % {"n": review.workdays_taken}
    timeline.record(matter, actor=actor, action="review_concluded", note=note)
    return review


# --- Collective discussion, sign-off, publication -----------------------------------------


def _validate_attendees(attendees: list[dict]) -> None:
    if len(attendees) < 2:
        _invalid("attendees", _("集体讨论至少应记录两名参会人员的意见。"))
    for i, a in enumerate(attendees, start=1):
        if not (a.get("name") or "").strip() or not (a.get("opinion") or "").strip():
            _invalid("attendees", _("第%(i)s位发言人的姓名和意见不能为空。") % {"i": i})
        if a.get("stance") not in MeetingView.Stance.values:
            _invalid("attendees", _("第%(i)s位发言人的表态应为同意、不同意或弃权。") % {"i": i})


def departs_from_majority(attendees: list[dict], result: str) -> bool:
    """决策条例 Art 30: a decision against the majority needs the principal's reasons."""
    agree = sum(1 for a in attendees if a["stance"] == MeetingView.Stance.AGREE)
    majority_agrees = agree * 2 > len(attendees)
    if result == Meeting.Result.ADOPTED:
        return not majority_agrees
    if result == Meeting.Result.REJECTED:
        return majority_agrees
    return False


@transaction.atomic
def discuss(
    matter: Matter,
    *,
    actor: auth.User,
    meeting_kind: str,
    held_on: dt.date,
    attendees: list[dict],
    result: str,
    absentees: Iterable[str] = (),
    agenda: str = "",
    principal_reason: str = "",
) -> Meeting:
    """集体讨论决定 (决策条例 Art 29–30), leaders only. 应审必审: no meeting without a concluded
    review for the kinds that require one: lawful, or for an exploratory reform the legal risk
    stated (Art 27), which puts the risk statement before the meeting and into the minutes.
    No review, or 不合法, always blocks."""
    matter = _lock(matter)
    require_role(actor, Role.LEADER)
    require_transition(matter, Matter.Status.DISCUSSED)
    review = passing_review(matter)
    if matter.review_required and review is None:
        raise PrerequisiteMissing(
            _(
                "应审必审：“%(kind)s”须经合法性审核且结论为合法或修改后合法"
                "（探索性改革事项可为明示法律风险），方可提交集体讨论。"
            )
            % {"kind": matter.get_kind_display()}
        )
    stated = review is not None and review.result == LegalityReview.Result.RISK_STATED
    if meeting_kind not in Meeting.MeetingKind.values:
        _invalid("meeting_kind", _("会议类型不是可选项。"))
    if result not in Meeting.Result.values:
        _invalid("result", _("会议结果不是可选项。"))
    _not_future("held_on", held_on)
    _not_before_opening(matter, "held_on", held_on)
    missing = missing_steps(matter, on=held_on)
    if missing:
        raise PrerequisiteMissing(
            _("提交集体讨论前尚未完成的必经程序：%(steps)s。") % {"steps": "、".join(missing)}
        )
    _validate_attendees(attendees)
    if departs_from_majority(attendees, result) and not principal_reason.strip():
        _invalid(
            "principal_reason",
            _("会议决定与多数人意见不一致，主要负责人应当说明理由（决策条例第三十条）。"),
        )
    meeting = Meeting.objects.create(
        matter=matter,
        meeting_kind=meeting_kind,
        held_on=held_on,
        result=result,
        absentees=[a.strip() for a in absentees if a.strip()],
        agenda=agenda or matter.title,
        principal_reason=principal_reason,
        legal_risk_statement=matter.legal_risk_statement if stated else "",
        recorded_by=actor,
    )
    last = len(attendees)
    MeetingView.objects.bulk_create(
        [
            MeetingView(
                meeting=meeting,
                position=i,
                name=a["name"].strip(),
                opinion=a["opinion"],
                stance=a["stance"],
                is_principal=(i == last),
            )
            for i, a in enumerate(attendees, start=1)
        ]
    )
    matter.status = Matter.Status.DISCUSSED
    matter.decided_on = held_on if result == Meeting.Result.ADOPTED else None
    matter.save(update_fields=["status", "decided_on", "updated_at"])
    timeline.record(
        matter,
        actor=actor,
        action="discussed",
        note=f"{meeting.get_meeting_kind_display()} {held_on}：{meeting.get_result_display()}",
    )
    public_cache.changed("decisions")
    return meeting


@transaction.atomic
def sign_off(
    matter: Matter, *, actor: auth.User, signed_on: dt.date | None = None, note: str = ""
) -> Matter:
    """已集体讨论 → 已签发: a leader signs the adopted decision."""
    matter = _lock(matter)
    require_role(actor, Role.LEADER)
    require_transition(matter, Matter.Status.SIGNED_OFF)
    meeting = matter.meetings.order_by("-held_on", "-pk").first()
    if meeting is None or meeting.result != Meeting.Result.ADOPTED:
        raise PrerequisiteMissing(
            _("会议结果为“%(r)s”，只有会议通过的事项才能签发。")
            % {"r": meeting.get_result_display() if meeting else "—"}
        )
    signed_on = signed_on or timezone.localdate()
    _not_future("signed_on", signed_on)
    if signed_on < meeting.held_on:
        _invalid("signed_on", _("签发日期不能早于会议日期。"))
    matter.status = Matter.Status.SIGNED_OFF
    matter.signed_off_by = actor
    matter.signed_off_on = signed_on
    matter.sign_off_note = note
    matter.save(
        update_fields=["status", "signed_off_by", "signed_off_on", "sign_off_note", "updated_at"]
    )
    timeline.record(matter, actor=actor, action="signed_off", note=note)
    public_cache.changed("decisions")
    return matter


def _publication_body(matter: Matter) -> str:
    meeting = matter.meetings.order_by("-held_on", "-pk").first()
    parts = [matter.summary]
    if meeting is not None:
        parts.append(
            _("本事项经%(date)s%(kind)s集体讨论决定。")
            % {"date": meeting.held_on.isoformat(), "kind": meeting.get_meeting_kind_display()}
        )
    for window in matter.comment_windows.all():
        if window.adoption_summary:
            parts.append(_("公众意见采纳情况：%(s)s") % {"s": window.adoption_summary})
    return "\n\n".join(parts)


@transaction.atomic
def publish(
    matter: Matter,
    *,
    actor: auth.User,
    published_on: dt.date | None = None,
    acknowledge: str = "",
) -> Matter:
    """已签发 → 已公布 (决策条例 Art 32): the decision goes to the disclosure catalogue, through
    its personal-data gate: a full ID number refuses the step (409, nothing is published); a
    mobile number or a party's name needs `acknowledge`, the reason, recorded on both sides."""
    matter = _lock(matter)
    require_role(actor, *OFFICE_ROLES)
    require_transition(matter, Matter.Status.PUBLISHED)
    published_on = published_on or timezone.localdate()
    _not_future("published_on", published_on)
    if matter.signed_off_on and published_on < matter.signed_off_on:
        _invalid("published_on", _("公布日期不能早于签发日期。"))
    matter.status = Matter.Status.PUBLISHED
    matter.published_on = published_on
    matter.save(update_fields=["status", "published_on", "updated_at"])
    timeline.record(
        matter,
        actor=actor,
        action="published",
        note=_("确认公开的理由：%(r)s") % {"r": acknowledge} if acknowledge else "",
    )
    if handover.is_registered("disclosure_item"):
        document = NormativeDocument.objects.filter(matter=matter).first()
        is_normative = matter.kind == Kind.NORMATIVE_DOCUMENT
        handover.create(
            "disclosure_item",
            source=matter,
            actor=actor,
            title=matter.title,
            summary=matter.summary[:200],
            body=_publication_body(matter),
            category_code="normative_documents" if is_normative else "decisions",
            document_number=document.document_number if document else "",
            generated_on=matter.signed_off_on or published_on,
            acknowledge=acknowledge,
        )
    public_cache.changed("decisions")
    return matter


@transaction.atomic
def void_matter(matter: Matter, *, actor: auth.User, reason: str) -> Matter:
    """A matter entered by mistake is voided with the reason (never deleted)."""
    matter = _lock(matter)
    require_role(actor, *OFFICE_ROLES)
    require_transition(matter, Matter.Status.VOIDED)
    if not reason.strip():
        _invalid("reason", _("请填写作废原因。"))
    matter.status = Matter.Status.VOIDED
    matter.void_reason = reason
    matter.save(update_fields=["status", "void_reason", "updated_at"])
    timeline.record(matter, actor=actor, action="voided", note=reason)
    public_cache.changed("decisions")
    return matter


# --- After the decision -------------------------------------------------------------------


@transaction.atomic
def register_document(
    matter: Matter,
    *,
    actor: auth.User,
    document_number: str,
    issued_on: dt.date,
    effective_on: dt.date,
    registration_number: str = "",
    expires_on: dt.date | None = None,
) -> NormativeDocument:
    """统一登记、统一编号 of a signed-off normative document."""
    matter = _lock(matter)
    require_role(actor, *OFFICE_ROLES)
    if matter.kind != Kind.NORMATIVE_DOCUMENT:
        _invalid("kind", _("只有行政规范性文件需要登记文号。"))
    require_status(
        matter, Matter.Status.SIGNED_OFF, Matter.Status.PUBLISHED, action=_("登记规范性文件")
    )
    if NormativeDocument.objects.filter(matter=matter).exists():
        raise TransitionNotAllowed(_("该规范性文件已登记。"))
    _not_future("issued_on", issued_on)
    if effective_on < issued_on:
        _invalid("effective_on", _("施行日期不能早于印发日期。"))
    if expires_on is not None and expires_on <= effective_on:
        _invalid("expires_on", _("有效期截止日期应晚于施行日期。"))
    document = NormativeDocument.objects.create(
        matter=matter,
        document_number=document_number,
        registration_number=registration_number,
        issued_on=issued_on,
        effective_on=effective_on,
        expires_on=expires_on,
    )
    timeline.record(matter, actor=actor, action="document_registered", note=document_number)
    return document


@transaction.atomic
def repeal_document(
    matter: Matter, *, actor: auth.User, repealed_on: dt.date, reason: str
) -> NormativeDocument:
    """废止 a registered normative document."""
    matter = _lock(matter)
    require_role(actor, *OFFICE_ROLES)
    document = NormativeDocument.objects.select_for_update().filter(matter=matter).first()
    if document is None:
        raise TransitionNotAllowed(_("该事项没有登记的规范性文件。"))
    if document.repealed_on is not None:
        raise TransitionNotAllowed(_("该规范性文件已于%(d)s废止。") % {"d": document.repealed_on})
    _not_future("repealed_on", repealed_on)
    if repealed_on < document.issued_on:
        _invalid("repealed_on", _("废止日期不能早于印发日期。"))
    document.repealed_on = repealed_on
    document.repeal_reason = reason
    document.save(update_fields=["repealed_on", "repeal_reason", "updated_at"])
    timeline.record(matter, actor=actor, action="document_repealed", note=reason)
    return document


@transaction.atomic
def record_evaluation(
    matter: Matter, *, actor: auth.User, evaluated_on: dt.date, evaluator: str, findings: str
) -> Evaluation:
    """决策后评估 (决策条例 Art 35) of a decision in force."""
    matter = _lock(matter)
    require_role(actor, *OFFICE_ROLES)
    require_status(
        matter, Matter.Status.SIGNED_OFF, Matter.Status.PUBLISHED, action=_("记录决策后评估")
    )
    _not_future("evaluated_on", evaluated_on)
    if matter.signed_off_on and evaluated_on < matter.signed_off_on:
        _invalid("evaluated_on", _("评估日期不能早于签发日期。"))
    evaluation = Evaluation.objects.create(
        matter=matter, evaluated_on=evaluated_on, evaluator=evaluator, findings=findings
    )
    timeline.record(matter, actor=actor, action="evaluated", note=evaluator)
    return evaluation


# --- Legal advisers -----------------------------------------------------------------------


@transaction.atomic
def save_adviser(
    adviser: LegalAdviser, *, actor: auth.User, version: int | None = None, **fields
) -> LegalAdviser:
    """The office records an engaged legal adviser (法律顾问) and the term of the contract; an
    edit is made from the `version` read."""
    require_role(actor, Role.REPORT_OFFICE, Role.LEADER)
    if adviser.pk is not None:
        adviser = LegalAdviser.objects.select_for_update().get(pk=adviser.pk)
        fields = {"term_start": adviser.term_start, "term_end": adviser.term_end, **fields}
    if fields["term_end"] < fields["term_start"]:
        _invalid("term_end", _("聘期结束日期不能早于开始日期。"))
    user = fields.get("user")
    if user is not None and not has_role(user, Role.LEGAL_ADVISER):
        _invalid("user", _("关联账号须属于法律顾问角色。"))
    created = adviser.pk is None
    if not save_with_version(adviser, version, fields) and not created:
        return adviser
    timeline.record(adviser, actor=actor, action="created" if created else "updated")
    return adviser


@transaction.atomic
def void_adviser(adviser: LegalAdviser, *, actor: auth.User, reason: str) -> LegalAdviser:
    require_role(actor, Role.REPORT_OFFICE, Role.LEADER)
    adviser = LegalAdviser.objects.select_for_update().get(pk=adviser.pk)
    if adviser.voided:
        raise TransitionNotAllowed(_("该记录已作废。"))
    if not reason.strip():
        _invalid("reason", _("请填写作废原因。"))
    adviser.voided = True
    adviser.void_reason = reason
    adviser.save(update_fields=["voided", "void_reason", "updated_at"])
    timeline.record(adviser, actor=actor, action="voided", note=reason)
    return adviser


@transaction.atomic
def save_catalogue_item(
    item: DecisionCatalogItem, *, actor: auth.User, version: int | None = None, **fields
) -> DecisionCatalogItem:
    """An entry of the year's 重大行政决策事项目录 (决策条例 Art 3 ¶3), agreed by the Party committee;
    an edit is made from the `version` read."""
    require_role(actor, *OFFICE_ROLES)
    if item.pk is not None:
        item = DecisionCatalogItem.objects.select_for_update().get(pk=item.pk)
    approved, published = fields.get("approved_by_party_committee_on"), fields.get("published_on")
    if approved and published and published < approved:
        _invalid("published_on", _("目录公布日期不能早于党委同意日期。"))
    created = item.pk is None
    if not save_with_version(item, version, fields) and not created:
        return item
    timeline.record(item, actor=actor, action="created" if created else "updated")
    return item
