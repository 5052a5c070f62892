"""Who sees which records of the decisions area, and the list filters (used by the HTML views,
the API, exports and the figures)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.contrib.auth import models as auth
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import roles
from huanghe_portal.limits import parse_year
from huanghe_portal.roles import Role, has_role, is_staff_member

from .models import (
    DEFAULT_REQUIRED_STEPS,
    REVIEW_REQUIRED_KINDS,
    CommentWindow,
    DecisionCatalogItem,
    Hearing,
    Kind,
    LegalAdviser,
    LegalityReview,
    Matter,
    Meeting,
    MeetingView,
    ProcedureRequirement,
    PublicComment,
    Step,
)

SORTS = {
    "opened": ("opened_on", "id"),
    "-opened": ("-opened_on", "-id"),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "status": ("status", "-opened_on", "-id"),
    "kind": ("kind", "-opened_on", "-id"),
}
# Which date a year filter counts by (the figures' definitions in report.py): the child table
# and the path to the matter, so the filter reads the child's date index without a join.
YEAR_BY = {
    "concluded": (LegalityReview, "concluded_on", "matter_id"),
    "discussed": (Meeting, "held_on", "matter_id"),
    "hearing": (Hearing, "held_on", "matter_id"),
    "comment": (PublicComment, "submitted_on", "window__matter_id"),
}


def matters_visible_to(user: roles.User) -> QuerySet[Matter]:
    """All staff roles read decisions (API.md: who may do what)."""
    if not is_staff_member(user):
        return Matter.objects.none()
    return Matter.objects.all()


def with_records(qs: QuerySet[Matter]) -> QuerySet[Matter]:
    """A matter with every procedure record, for the detail page and the API's answer."""
    views = Prefetch("views", MeetingView.objects.order_by("position"))
    return qs.prefetch_related(
        "comment_windows__comments",
        "hearings",
        "expert_reviews",
        "risk_assessments",
        "reviews__reviewer__portal_profile",
        "evaluations",
        Prefetch("meetings", Meeting.objects.prefetch_related(views)),
    )


def matters_published() -> QuerySet[Matter]:
    return Matter.objects.filter(status=Matter.Status.PUBLISHED)


def meetings_visible_to(user: roles.User) -> QuerySet[Meeting]:
    return Meeting.objects.filter(matter__in=matters_visible_to(user))


def advisers_visible_to(user: roles.User) -> QuerySet[LegalAdviser]:
    if not is_staff_member(user):
        return LegalAdviser.objects.none()
    return LegalAdviser.objects.select_related("user")


def catalogue_visible_to(user: roles.User) -> QuerySet[DecisionCatalogItem]:
    if not is_staff_member(user):
        return DecisionCatalogItem.objects.none()
    return DecisionCatalogItem.objects.annotate(matter_count=Count("matters")).order_by(
        "-year", "pk"
    )


def advisers_in_year(qs: QuerySet[LegalAdviser], year: int) -> QuerySet[LegalAdviser]:
    """Advisers whose term overlaps the year (decisions.legal_advisers)."""
    return qs.filter(
        voided=False, term_start__lte=dt.date(year, 12, 31), term_end__gte=dt.date(year, 1, 1)
    )


def reviews_visible_to(user: roles.User) -> QuerySet[LegalityReview]:
    return LegalityReview.objects.filter(matter__in=matters_visible_to(user))


def waiting_for(user: roles.User) -> Q:
    """Matters on which the user has the next step to take."""
    condition = Q(pk__in=[])
    if has_role(user, Role.LEGAL_REVIEWER, Role.LEGAL_ADVISER):
        condition |= Q(status=Matter.Status.UNDER_REVIEW, current_reviewer=user)
    if has_role(user, Role.LEADER):
        condition |= Q(status=Matter.Status.DISCUSSED, decided_on__isnull=False)
        condition |= Q(status=Matter.Status.REVIEWED)
    if has_role(user, Role.REPORT_OFFICE):
        condition |= Q(status__in=[Matter.Status.DRAFT, Matter.Status.SIGNED_OFF])
    return condition


def filter_matters(
    qs: QuerySet[Matter], params: Mapping[str, str], user: roles.User
) -> QuerySet[Matter]:
    """The list filters of the staff page and the API: q, kind, status (voided ones only when
    asked for), year (+ by), reviewer, mine (waiting for me), sort. Unknown values are ignored."""
    if q := (params.get("q") or params.get("search") or "").strip():
        qs = qs.filter(
            Q(title__icontains=q) | Q(sponsor_unit__icontains=q) | Q(summary__icontains=q)
        )
    if (kind := params.get("kind")) in Kind.values:
        qs = qs.filter(kind=kind)
    if (status := params.get("status")) in Matter.Status.values:
        qs = qs.filter(status=status)
    else:
        # Voided records are left out of every figure, so of the lists behind them too.
        qs = qs.exclude(status=Matter.Status.VOIDED)
    if year := parse_year(params.get("year")):
        by = params.get("by") or "opened"
        if by in YEAR_BY:
            model, field, path = YEAR_BY[by]
            qs = qs.filter(
                pk__in=model._default_manager.filter(**{f"{field}__year": year}).values(path)
            )
        elif by == "published":
            qs = qs.filter(published_on__year=year)
        else:
            qs = qs.filter(opened_on__year=year)
    if (reviewer := params.get("reviewer") or "").isdigit():
        qs = qs.filter(current_reviewer_id=int(reviewer))
    if params.get("mine") in ("1", "true", "on"):
        qs = qs.filter(waiting_for(user))
    if params.get("result") in LegalityReview.Result.values:
        qs = qs.filter(last_result=params["result"])
    return qs.order_by(*SORTS.get(params.get("sort") or "", SORTS["-opened"]))


def matter_list(user: roles.User, params: Mapping[str, str]) -> QuerySet[Matter]:
    qs = matters_visible_to(user).select_related("current_reviewer__portal_profile")
    return filter_matters(qs, params, user)


def review_queue(user: roles.User) -> QuerySet[LegalityReview]:
    """Open reviews: one's own; a legal reviewer (司法所) also sees every open one."""
    qs = reviews_visible_to(user).filter(
        concluded_on__isnull=True, matter__status=Matter.Status.UNDER_REVIEW
    )
    if not has_role(user, Role.LEGAL_REVIEWER):
        qs = qs.filter(reviewer_id=user.pk)
    return qs.select_related("matter", "reviewer__portal_profile").order_by("submitted_on", "pk")


def signoff_queue(user: roles.User) -> QuerySet[Matter]:
    """Adopted matters waiting for a leader's signature."""
    return (
        matters_visible_to(user)
        .filter(status=Matter.Status.DISCUSSED, decided_on__isnull=False)
        .order_by("decided_on", "pk")
    )


# How long a closed comment window stays on the public list of drafts (its page stays on).
RECENTLY_CLOSED_DAYS = 180


def open_windows(today: dt.date | None = None) -> QuerySet[CommentWindow]:
    """Drafts open for public comment today (public site): the only ones taking comments."""
    today = today or timezone.localdate()
    return (
        CommentWindow.objects.filter(
            opens_on__lte=today, closes_on__gte=today, matter__status__in=Matter.OPEN_STATUSES
        )
        .select_related("matter")
        .order_by("closes_on", "pk")
    )


def public_windows(today: dt.date | None = None) -> QuerySet[CommentWindow]:
    """Every comment window the public may read: any window that has opened, of a matter that
    was not voided, open or closed, with its comment and adopted counts (决策条例 Art 18)."""
    today = today or timezone.localdate()
    return (
        CommentWindow.objects.filter(opens_on__lte=today)
        .exclude(matter__status=Matter.Status.VOIDED)
        .select_related("matter")
        .annotate(
            comment_count=Count("comments"),
            adopted_count=Count("comments", filter=Q(comments__adopted=True)),
        )
    )


def recently_closed_windows(today: dt.date | None = None) -> QuerySet[CommentWindow]:
    """Public windows no longer taking comments that closed in the last RECENTLY_CLOSED_DAYS,
    newest first (the public list shows them with their result)."""
    today = today or timezone.localdate()
    return (
        public_windows(today)
        .exclude(pk__in=open_windows(today).values("pk"))
        .filter(closes_on__gte=today - dt.timedelta(days=RECENTLY_CLOSED_DAYS))
        .order_by("-closes_on", "-pk")
    )


# --- The procedure of a matter: which steps are required and done ------------------------


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


def discussion_blockers(matter: Matter, *, on: dt.date | None = None) -> list[str]:
    """What stops the collective discussion on `on` (决策条例 Art 25–29), in sentences: the
    meeting page lists them instead of its form, and `discuss_matter` refuses with them."""
    blockers = []
    if matter.review_required and passing_review(matter) is None:
        blockers.append(
            _(
                "应审必审：“%(kind)s”须经合法性审核且结论为合法或修改后合法"
                "（探索性改革事项可为明示法律风险），方可提交集体讨论。"
            )
            % {"kind": matter.get_kind_display()}
        )
    missing = [
        str(row["label"])
        for row in checklist(matter, on=on)
        if row["missing"] and not (blockers and row["step"] == Step.LEGALITY_REVIEW)
    ]
    if missing:
        blockers.append(
            _("提交集体讨论前尚未完成的必经程序：%(steps)s。") % {"steps": "、".join(missing)}
        )
    return blockers


def signoff_blockers(matter: Matter) -> list[str]:
    """What stops the sign-off: only a decision adopted at the latest meeting is signed."""
    meeting = matter.meetings.order_by("-held_on", "-pk").first()
    if meeting is None:
        return [_("尚无集体讨论记录：事项须经集体讨论决定通过后方可签发（决策条例第三十条）。")]
    if meeting.result != Meeting.Result.ADOPTED:
        return [
            _(
                "最近一次集体讨论（%(d)s）的会议结果为“%(r)s”，只有会议通过的事项才能签发；"
                "请重新提交集体讨论。"
            )
            % {"d": meeting.held_on.isoformat(), "r": meeting.get_result_display()}
        ]
    return []


def recorded_steps(matter: Matter) -> list[str]:
    """The names of the procedure steps recorded on the matter."""
    related = (
        (matter.comment_windows, _("公开征求意见")),
        (matter.hearings, _("听证会")),
        (matter.expert_reviews, _("专家论证")),
        (matter.risk_assessments, _("风险评估")),
        (matter.reviews, _("合法性审核")),
        (matter.meetings, _("集体讨论")),
    )
    return [str(name) for rows, name in related if rows.exists()]


def has_steps(matter: Matter) -> bool:
    """Whether any procedure step is recorded on the matter (the opening date is then fixed)."""
    return bool(recorded_steps(matter))


def opened_on_blockers(matter: Matter) -> list[str]:
    """Why the 启动日期 can no longer be corrected: a step is recorded (none may predate it)."""
    recorded = recorded_steps(matter)
    if not recorded:
        return []
    return [
        _("已记录%(steps)s，启动日期不能再修改（各程序环节的日期均不得早于启动日期）。")
        % {"steps": "、".join(recorded)}
    ]


def adviser_of(user: auth.User, on: dt.date) -> LegalAdviser | None:
    return (
        LegalAdviser.objects.filter(user=user, voided=False, term_start__lte=on, term_end__gte=on)
        .order_by("-term_start")
        .first()
    )
