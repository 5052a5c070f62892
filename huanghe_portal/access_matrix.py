"""The permission matrix: who may reach every HTML page and every API operation (API.md "Who may
do what"), as data. The table-driven test `huanghe_portal/tests/test_permission_matrix.py` sends
each request as each principal and compares; `python manage.py permissions_doc` renders the same
table into `docs/permissions.md` (CI checks that the file is current).

An expectation is one of:
- "ok": the request passes the permission gate — 200/201/202, a redirect that is not to the login
  page, or, for a write sent with an empty body, the 400/409 of validation (the gate was passed);
- "login": HTML redirect to the login page (anonymous);
- "401", "403", "404", "405": exactly that status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .roles import Role

R = Role
ALL_ROLES = tuple(Role)
# The principals of every row: anonymous, a signed-in user with no role, a superuser, the eight
# roles, and a second user of the owning role who neither registered nor was assigned the
# sample record ("peer").
PRINCIPALS = ("anonymous", "norole", "superuser", *[r.value for r in ALL_ROLES], "peer")

OK, LOGIN = "ok", "login"


@dataclass(frozen=True)
class Access:
    """Who may do something. `roles` pass the gate; everyone else is refused with `refused`
    (403 for a page or step of an area the user may read, 404 for a record the user may not see).
    `readers` (defaults to `roles`) may see the record: a role that reads but may not act gets
    403, one that does not read gets `hidden` (404 for records, 403 for pages without a record).
    `public`: anonymous visitors pass too. `peer_hidden`: a second user of the owning role may not
    see the sample record (accusations)."""

    roles: tuple[Role, ...]
    readers: tuple[Role, ...] | None = None
    public: bool = False
    record: bool = True
    peer_hidden: bool = False
    anonymous: str | None = None  # override for anonymous
    norole: str | None = None  # override for a signed-in user with no role
    method_not_allowed: bool = False  # a POST-only form target: a GET is 405 for staff
    fixed: str | None = None  # the same answer for everyone (e.g. 404 for an unknown code)

    def expect(self, principal: str, *, api: bool) -> str:
        if self.fixed:
            return self.fixed
        if self.public:
            return OK
        if principal == "anonymous":
            return self.anonymous or ("401" if api else LOGIN)
        if self.method_not_allowed:
            return (self.norole or "403") if principal == "norole" else "405"
        if principal == "superuser":
            return OK
        hidden = "404" if self.record else "403"
        if principal == "norole":  # the staff workspace refuses a user with no role outright
            return self.norole or ("403" if not api else hidden)
        if principal == "peer":  # a second user of the owning role
            if self.peer_hidden:
                return "404"
            principal = self.owner
        role = Role(principal)
        if role in self.roles:
            return OK
        readers = self.readers if self.readers is not None else self.roles
        return "403" if role in readers else hidden

    @property
    def owner(self) -> Role:
        """The role a record of this kind belongs to: its first actor, else its first reader."""
        return (self.roles or self.readers or (Role.REPORT_OFFICE,))[0]


def access(roles: str, readers: str | None = None, **kwargs: Any) -> Access:
    """`access("mediator", "mediator leader report_office")` — names as in API.md."""

    def split(text: str) -> tuple[Role, ...]:
        return tuple(Role(n) for n in text.split())

    return Access(split(roles), split(readers) if readers is not None else None, **kwargs)


PUBLIC = Access((), public=True)
STAFF = access(" ".join(r.value for r in ALL_ROLES), record=False)  # any role


# --- who may do what (API.md "Who may do what") ------------------------------------------------
STAFF_ALL = "mediator petition_clerk legal_reviewer legal_adviser leader disclosure_officer educator report_office"
DISPUTES = "mediator leader report_office"
PETITIONS = "petition_clerk leader report_office"
DISCLOSURE = "disclosure_officer leader report_office"


def page(roles: str, readers: str | None = None, **kw: Any) -> Access:
    """A staff page that belongs to no single record (lists, create forms, exports)."""
    return access(roles, readers, record=False, **kw)


def record(roles: str, readers: str | None = None, **kw: Any) -> Access:
    """A page or operation of one record: 404 for those who may not see it."""
    return access(roles, readers, record=True, **kw)


def post_only() -> Access:
    """A form target that only takes POST: a GET is 405 for every signed-in staff member."""
    return Access((), method_not_allowed=True)


# HTML pages by URL name → (access, sample record key). A GET is sent.
HTML: dict[str, tuple[Access, str]] = {
    "home": (PUBLIC, ""),
    "healthz": (PUBLIC, ""),
    "public-track": (PUBLIC, ""),
    "notice-unsubscribe": (PUBLIC, "unsubscribe"),
    "login": (PUBLIC, ""),
    "password-change": (Access(ALL_ROLES, norole=OK), ""),
    "javascript-catalog": (PUBLIC, ""),
    "sitemap": (PUBLIC, ""),
    "dashboard": (STAFF, ""),
    "notification-list": (STAFF, ""),
    "profile": (STAFF, ""),
    "figure-records": (STAFF, "figure"),
    "notification-read": (post_only(), "notification"),
    "township-edit": (page("report_office"), ""),
    "village-list": (page("report_office"), ""),
    "village-create": (page("report_office"), ""),
    "village-edit": (page("report_office"), "village"),
    "holiday-list": (page("report_office"), ""),
    "holiday-create": (page("report_office"), ""),
    "holiday-edit": (page("report_office"), "holiday"),
    "holiday-notice": (page("report_office"), ""),
    "staff-list": (page("report_office"), ""),
    "staff-create": (page("report_office"), ""),
    "staff-edit": (page("report_office"), "account"),
    "staff-reset-password": (post_only(), "account"),
    "account-audit": (page("leader"), ""),
    "record-history": (page("leader"), "dispute_history"),
    "attachment-download": (record(DISPUTES, norole="404"), "dispute_file"),
    "public-attachment-download": (PUBLIC, "public_file"),
    # the shared ledger import flow: a template per ledger; an upload is its uploader's alone
    "ledger-template": (page("mediator", STAFF_ALL), "ledger_key"),
    "ledger-import": (record("mediator", "mediator", peer_hidden=True), "ledger_upload"),
    "ledger-import-status": (record("mediator", "mediator", peer_hidden=True), "ledger_upload"),
    "ledger-import-confirm": (post_only(), "ledger_upload"),
    # disputes
    "disputes:index": (page(DISPUTES), ""),
    "disputes:dispute-create": (page("mediator", DISPUTES), ""),
    "disputes:dispute-detail": (record(DISPUTES), "dispute"),
    "disputes:dispute-agreement-pdf": (record(DISPUTES), "dispute"),
    "disputes:ledger-export": (page(DISPUTES), ""),
    "disputes:ledger-import": (page("mediator", DISPUTES), ""),
    "disputes:committee-list": (page(DISPUTES), ""),
    "disputes:committee-create": (page("mediator", DISPUTES), ""),
    "disputes:committee-detail": (record(DISPUTES), "committee"),
    "disputes:committee-edit": (page("mediator", DISPUTES), "committee"),
    "disputes:screening-list": (page(DISPUTES), ""),
    "disputes:screening-create": (page("mediator", DISPUTES), ""),
    "disputes:screening-void": (post_only(), "screening"),
    "disputes:dispute-attachment": (post_only(), "dispute"),
    **{
        f"disputes:dispute-{step}": (record("mediator", DISPUTES), "dispute")
        for step in (
            "edit",
            "accept",
            "reject",
            "session",
            "succeed",
            "fail",
            "withdraw",
            "follow-up",
            "confirmation",
            "party",
            "archive",
            "void",
        )
    },
    "disputes:party-edit": (record("mediator", DISPUTES), "party"),
    # petitions
    "petitions:index": (page(PETITIONS), ""),
    "petitions:petition-create": (page("petition_clerk", PETITIONS), ""),
    "petitions:petition-detail": (record(PETITIONS), "petition"),
    "petitions:petition-notice": (record(PETITIONS), "notice"),
    "petitions:petition-attach": (post_only(), "petition"),
    **{
        f"petitions:petition-{step}": (record("petition_clerk", PETITIONS), "petition")
        for step in (
            "classify",
            "accept",
            "not-accept",
            "extend",
            "reply",
            "review-request",
            "review-result",
            "satisfaction",
            "reissue-code",
            "refer",
            "void",
        )
    },
    "petitions:petition-assign-leader": (record("petition_clerk leader", PETITIONS), "petition"),
    "petitions:ledger-export": (page("petition_clerk"), ""),
    "petitions:ledger-import": (page("petition_clerk"), ""),
    "petitions:reception-day-list": (page(PETITIONS), ""),
    "petitions:reception-day-create": (page("petition_clerk leader", PETITIONS), ""),
    "petitions:reception-day-detail": (record(PETITIONS), "reception_day"),
    "petitions:reception-day-void": (post_only(), "reception_day"),
    "petitions:suggestion-list": (page(PETITIONS), ""),
    "petitions:suggestion-create": (page("petition_clerk", PETITIONS), ""),
    "petitions:suggestion-detail": (record(PETITIONS), "suggestion"),
    **{
        f"petitions:suggestion-{step}": (record("petition_clerk", PETITIONS), "suggestion")
        for step in ("reply", "feedback", "void")
    },
    "petitions:public-reception-days": (PUBLIC, ""),
    "petitions:public-reception-days-ical": (PUBLIC, ""),
    "petitions:public-suggestions": (PUBLIC, ""),
    "petitions:public-submit": (PUBLIC, ""),
    "petitions:public-receipt": (PUBLIC, ""),
    # decisions
    "decisions:index": (page(STAFF_ALL), ""),
    "decisions:matter-create": (page("leader report_office", STAFF_ALL), ""),
    "decisions:matter-detail": (record(STAFF_ALL), "matter"),
    "decisions:matter-discuss": (record("leader", STAFF_ALL), "matter"),
    "decisions:matter-adoption": (record("leader report_office", STAFF_ALL), "window"),
    "decisions:matter-file-pdf": (record(STAFF_ALL), "matter"),
    "decisions:matter-step": (record("leader report_office", STAFF_ALL), "matter_step"),
    # (conclude-review is the reviewers' and sign-off the leader's: tested by decisions' own tests)
    "decisions:matter-attach": (post_only(), "matter"),
    "decisions:meeting-detail": (record(STAFF_ALL), "meeting"),
    "decisions:meeting-minutes-pdf": (record(STAFF_ALL), "meeting"),
    "decisions:meeting-attach": (post_only(), "meeting"),
    "decisions:review-queue": (page(STAFF_ALL), ""),
    "decisions:signoff-queue": (page(STAFF_ALL), ""),
    "decisions:adviser-list": (page(STAFF_ALL), ""),
    "decisions:adviser-create": (page("leader report_office", STAFF_ALL), ""),
    "decisions:adviser-edit": (page("leader report_office", STAFF_ALL), "adviser"),
    "decisions:catalogue-list": (page(STAFF_ALL), ""),
    "decisions:catalogue-create": (page("leader report_office", STAFF_ALL), ""),
    "decisions:catalogue-edit": (page("leader report_office", STAFF_ALL), "catalogue"),
    "decisions:procedure": (page(STAFF_ALL), ""),
    "decisions:ledger-export": (page(STAFF_ALL), ""),
    "decisions:ledger-import": (page("leader report_office", STAFF_ALL), ""),
    "decisions:public-drafts": (PUBLIC, ""),
    "decisions:public-draft": (PUBLIC, "draft"),
    # disclosure
    "disclosure:index": (page(DISCLOSURE), ""),
    "disclosure:application-list": (page(DISCLOSURE), ""),
    "disclosure:application-create": (page("disclosure_officer", DISCLOSURE), ""),
    "disclosure:application-ledger-export": (page(DISCLOSURE), ""),
    "disclosure:application-ledger-import": (page("disclosure_officer", DISCLOSURE), ""),
    "disclosure:application-detail": (record(DISCLOSURE), "application"),
    "disclosure:application-document": (record(DISCLOSURE), "application_document"),
    "disclosure:application-attachment-add": (post_only(), "application"),
    # Step pages (issue 15): the form, or what stops the step; errors shown beside the field.
    **{
        f"disclosure:application-{step}": (record("disclosure_officer", DISCLOSURE), "application")
        for step in (
            "request-correction",
            "correction-received",
            "consult",
            "consult-replied",
            "extend",
            "reply",
            "void",
            "reissue-code",
            "remedy",
            "abandon",
            "reinstate",
            "fee-notice",
            "fee-paid",
        )
    },
    "disclosure:application-remedy-conclude": (record("disclosure_officer", DISCLOSURE), "remedy"),
    "disclosure:item-list": (page(STAFF_ALL), ""),
    "disclosure:item-create": (page("disclosure_officer", STAFF_ALL), ""),
    "disclosure:item-detail": (record(DISCLOSURE), "item"),
    "disclosure:item-edit": (record("disclosure_officer", DISCLOSURE), "item"),
    "disclosure:item-attachment-add": (post_only(), "item"),
    **{
        f"disclosure:item-{step}": (record("disclosure_officer", DISCLOSURE), "item")
        for step in ("review", "publish", "withdraw", "validity")
    },
    "disclosure:category-list": (page(STAFF_ALL), ""),
    "disclosure:category-create": (page("disclosure_officer", STAFF_ALL), ""),
    "disclosure:category-edit": (page("disclosure_officer", STAFF_ALL), "category"),
    "disclosure:report-preview": (page(DISCLOSURE), ""),
    **{
        f"disclosure:public-{name}": (PUBLIC, sample)
        for name, sample in (
            ("catalogue", ""),
            ("category", "category_code"),
            ("item", "item"),
            ("guide", ""),
            ("apply", ""),
            ("feed", ""),
            ("category-feed", "category_code"),
        )
    },
    # legal education
    **{
        f"legal_education:{name}": (page(STAFF_ALL), "")
        for name in (
            "index",
            "event-list",
            "consultation-list",
            "study-list",
            "test-list",
            "liaison-list",
        )
    },
    **{
        f"legal_education:{noun}-create": (page("educator", STAFF_ALL), "")
        for noun in ("event", "consultation", "study", "test", "liaison")
    },
    **{
        f"legal_education:{noun}-detail": (record(STAFF_ALL), noun)
        for noun in ("event", "consultation", "study", "test", "liaison")
    },
    **{
        f"legal_education:{noun}-edit": (record("educator", STAFF_ALL), noun)
        for noun in ("event", "consultation", "study", "liaison")
    },
    "legal_education:event-photo": (post_only(), "event"),
    "legal_education:liaison-training": (post_only(), "liaison"),
    "legal_education:record-void": (post_only(), "event_void"),
    "legal_education:photo-thumb": (record(STAFF_ALL), "photo"),
    "legal_education:ledger": (page(STAFF_ALL), "ledger_which"),
    "legal_education:ledger-import": (page("educator", STAFF_ALL), "ledger_which"),
    **{
        f"legal_education:public-{name}": (PUBLIC, sample)
        for name, sample in (
            ("events", ""),
            ("event-detail", "event"),
            ("events-ical", ""),
            ("photo-thumb", "photo"),
        )
    },
    # reports
    "reports:index": (page(STAFF_ALL), ""),
    "reports:report-detail": (record(STAFF_ALL), "report"),
    "reports:report-edit": (record("report_office", STAFF_ALL), "report"),
    "reports:report-job-status": (record(STAFF_ALL), "report"),
    "reports:report-pdf": (PUBLIC, "public_report"),
    "reports:report-docx": (record(STAFF_ALL), "report"),
    "reports:report-submission-pdf": (record(STAFF_ALL), "report"),
    "reports:report-create": (post_only(), ""),
    **{
        f"reports:report-{step}": (post_only(), "report")
        for step in (
            "recompile",
            "submit",
            "approve",
            "publish",
            "return",
            "render",
            "render-retry",
            "manual-figure",
        )
    },
    "reports:public-list": (PUBLIC, ""),
    "reports:public-detail": (PUBLIC, "public_report"),
}
# Pages that must not be in the matrix: they change the session or are Django's own.
HTML_SKIPPED = {"logout", "set_language"}


def _api_area(
    base: str,
    sample: str,
    readers: str,
    writers: str,
    *,
    create: str | None = None,
    steps: dict[str, str] | None = None,
    patch: bool = False,
    public_read: bool = False,
    public_create: bool = False,
    plain_steps: tuple[str, ...] = (),
    delete_anonymous: str | None = None,
) -> dict[tuple[str, str], tuple[Access, str]]:
    """The operations of one API resource: list, create, detail, PATCH, DELETE and steps."""
    rows: dict[tuple[str, str], Access] = {
        ("GET", base): PUBLIC if public_read else page(readers),
        ("GET", base + "{id}/"): PUBLIC if public_read else record(readers),
        ("DELETE", base + "{id}/"): Access(
            (),
            method_not_allowed=True,
            anonymous=delete_anonymous or ("405" if public_read or public_create else "401"),
            norole="405",
        ),
    }
    if create is not None:
        rows[("POST", base)] = PUBLIC if public_create else page(create, readers)
    if patch:
        rows[("PATCH", base + "{id}/")] = record(writers, readers)
    for step in plain_steps:
        rows[("POST", f"{base}{{id}}/{step}/")] = record(writers, readers)
    for step, roles in (steps or {}).items():
        rows[("POST", f"{base}{{id}}/{step}/")] = record(roles, readers)
    return {key: (value, sample) for key, value in rows.items()}


DECISION_STEPS = {
    step: "leader report_office"
    for step in (
        "public_comment",
        "adoption",
        "hearing",
        "expert_review",
        "risk_assessment",
        "submit_review",
        "publish",
        "register_document",
        "repeal",
        "evaluation",
        "void",
    )
}
# conclude_review: the assigned reviewer (a legal_reviewer or legal_adviser) or any legal_reviewer;
# the service refuses an adviser who was not assigned.
DECISION_STEPS.update(
    conclude_review="legal_reviewer legal_adviser", discuss="leader", sign_off="leader"
)

API: dict[tuple[str, str], tuple[Access, str]] = {
    ("GET", "/api/v1/workdays/"): (PUBLIC, ""),
    ("GET", "/api/v1/villages/"): (PUBLIC, ""),
    ("GET", "/api/v1/villages/{id}/"): (PUBLIC, "village"),
    ("GET", "/api/v1/public/decisions/drafts/"): (PUBLIC, ""),
    ("POST", "/api/v1/public/decisions/drafts/{id}/comments/"): (PUBLIC, "draft"),
    ("POST", "/api/v1/public/petitions/"): (PUBLIC, ""),
    ("GET", "/api/v1/public/track/{tracking_code}/"): (Access((), fixed="404"), ""),
    ("GET", "/api/v1/disclosure/annual-tables/{year}/"): (record(DISCLOSURE), ""),
    **_api_area(
        "/api/v1/disputes/",
        "dispute",
        DISPUTES,
        "mediator",
        create="mediator",
        patch=True,
        plain_steps=(
            "accept",
            "reject",
            "sessions",
            "succeed",
            "fail",
            "withdraw",
            "follow_up",
            "judicial_confirmation",
            "parties",
            "attachments",
            "archive",
            "void",
        ),
    ),
    ("GET", "/api/v1/disputes/{id}/agreement-pdf/"): (record(DISPUTES), "dispute"),
    ("PATCH", "/api/v1/disputes/{id}/parties/{party_id}/"): (record("mediator", DISPUTES), "party"),
    ("GET", "/api/v1/disputes/ledger/"): (page(DISPUTES), ""),
    ("POST", "/api/v1/disputes/ledger/import/"): (page("mediator", DISPUTES), ""),
    **_api_area(
        "/api/v1/disputes/committees/",
        "committee",
        DISPUTES,
        "mediator",
        create="mediator",
        patch=True,
        plain_steps=("members",),
    ),
    ("PUT", "/api/v1/disputes/committees/{id}/"): (record("mediator", DISPUTES), "committee"),
    **_api_area(
        "/api/v1/disputes/screening-rounds/",
        "screening",
        DISPUTES,
        "mediator",
        create="mediator",
        plain_steps=("void",),
    ),
    **_api_area(
        "/api/v1/petitions/",
        "petition",
        PETITIONS,
        "petition_clerk",
        create="petition_clerk",
        steps={"assign_leader": "petition_clerk leader"},
        plain_steps=(
            "classify",
            "accept",
            "not_accept",
            "extend",
            "refer_to_mediation",
            "reply",
            "review_request",
            "review_result",
            "satisfaction",
            "reissue_code",
            "void",
        ),
    ),
    ("POST", "/api/v1/petitions/import-12345/"): (page("petition_clerk", PETITIONS), ""),
    **_api_area(
        "/api/v1/reception-days/",
        "reception_day",
        PETITIONS,
        "petition_clerk leader",
        create="petition_clerk leader",
        public_read=True,
        plain_steps=("records", "void"),
    ),
    **_api_area(
        "/api/v1/deputy-suggestions/",
        "suggestion",
        PETITIONS,
        "petition_clerk",
        create="petition_clerk",
        plain_steps=("reply", "feedback", "void"),
    ),
    **_api_area(
        "/api/v1/decisions/",
        "matter",
        STAFF_ALL,
        "leader report_office",
        create="leader report_office",
        patch=True,
        steps=DECISION_STEPS,
    ),
    **_api_area(
        "/api/v1/legal-advisers/",
        "adviser",
        STAFF_ALL,
        "leader report_office",
        create="leader report_office",
        patch=True,
        plain_steps=("void",),
    ),
    **_api_area("/api/v1/disclosure/categories/", "category", STAFF_ALL, "", public_read=True),
    **_api_area(
        "/api/v1/disclosure/items/",
        "item",
        DISCLOSURE,
        "disclosure_officer",
        create="disclosure_officer",
        public_read=True,
        patch=True,
        plain_steps=("review", "publish", "withdraw"),
    ),
    **_api_area(
        "/api/v1/disclosure/applications/",
        "application",
        DISCLOSURE,
        "disclosure_officer",
        create="",
        public_create=True,
        plain_steps=(
            "request_correction",
            "correction_received",
            "consult",
            "consult_replied",
            "extend",
            "reply",
            "remedy",
            "reissue_code",
            "void",
            "abandon",
            "reinstate",
            "fee_notice",
            "fee_paid",
        ),
    ),
    **_api_area("/api/v1/holidays/", "holiday", STAFF_ALL, "report_office", create="report_office"),
    ("GET", "/api/v1/holidays/years/"): (page(STAFF_ALL), ""),
    ("POST", "/api/v1/holidays/years/"): (page("report_office", STAFF_ALL), ""),
    **_api_area(
        "/api/v1/legal-education/events/",
        "event",
        STAFF_ALL,
        "educator",
        create="educator",
        patch=True,
        public_read=True,
        plain_steps=("photos", "void"),
    ),
    **{
        key: value
        for noun, sample in (
            ("consultations", "consultation"),
            ("study-sessions", "study"),
            ("liaisons", "liaison"),
        )
        for key, value in _api_area(
            f"/api/v1/legal-education/{noun}/",
            sample,
            STAFF_ALL,
            "educator",
            create="educator",
            patch=True,
            plain_steps=("void",),
        ).items()
    },
    ("POST", "/api/v1/legal-education/liaisons/{id}/trainings/"): (
        record("educator", STAFF_ALL),
        "liaison",
    ),
    **_api_area(
        "/api/v1/legal-education/tests/",
        "test",
        STAFF_ALL,
        "educator",
        create="educator",
        plain_steps=("void",),
    ),
    **_api_area(
        "/api/v1/reports/",
        "report",
        STAFF_ALL,
        "report_office",
        create="report_office",
        delete_anonymous="405",  # published reports are public, so a DELETE is just 405
        patch=True,
        steps={
            "approve": "leader",
            "render": "report_office leader",
            "retry-render": "report_office leader",
        },
        plain_steps=("recompile", "submit", "publish", "manual-figures"),
    ),
}
# Published reports are public (the list leaves drafts out); a draft is not found by anonymous
# callers.
API[("GET", "/api/v1/reports/")] = (PUBLIC, "")
API[("GET", "/api/v1/reports/{id}/")] = (record(STAFF_ALL, anonymous="404"), "report")

# API.md petitions: accusations are seen only by the registering clerk, leaders and superusers.
ACCUSATION = record("petition_clerk leader", peer_hidden=True)
ACCUSATION_STEP = record("petition_clerk", "petition_clerk leader", peer_hidden=True)
# Rows the tables above cannot key twice: the same path with another sample record.
EXTRA: list[tuple[str, str, str, Access, str]] = [
    ("html", "GET", "petitions:petition-detail", ACCUSATION, "accusation"),
    ("api", "GET", "/api/v1/petitions/{id}/", ACCUSATION, "accusation"),
    ("api", "POST", "/api/v1/petitions/{id}/refer_to_mediation/", ACCUSATION_STEP, "accusation"),
    ("html", "GET", "staff-edit", Access((), record=False), "account_superuser"),
]


# --- the document ------------------------------------------------------------------------------
SYMBOL = {OK: "✓", LOGIN: "→登录", "401": "401", "403": "403", "404": "404", "405": "405"}
HEADERS = {
    "anonymous": "anon",
    "norole": "no role",
    "superuser": "super",
    "peer": "peer",
    **{r.value: r.value for r in ALL_ROLES},
}


def render_markdown() -> str:
    """docs/permissions.md: the matrix as a person reads it (generated; do not edit by hand)."""
    head = "| request | " + " | ".join(HEADERS[p] for p in PRINCIPALS) + " |"
    rule = "| --- |" + " :-: |" * len(PRINCIPALS)

    def table(rows: list[tuple[str, Access, bool]]) -> list[str]:
        return [head, rule] + [
            f"| `{label}` | "
            + " | ".join(SYMBOL[access.expect(p, api=api)] for p in PRINCIPALS)
            + " |"
            for label, access, api in rows
        ]

    html = [
        (f"GET {name}" + (f" ({sample})" if sample else ""), access, False)
        for name, (access, sample) in sorted(HTML.items())
    ]
    api = [
        (f"{method} {path}", access, True) for (method, path), (access, _) in sorted(API.items())
    ]
    extra = [
        (f"{method} {target} ({sample})", access, kind == "api")
        for kind, method, target, access, sample in EXTRA
    ]
    lines = [
        "# Permission matrix",
        "",
        "Generated by `python manage.py permissions_doc` from `huanghe_portal/access_matrix.py`;",
        "`huanghe_portal/tests/test_permission_matrix.py` sends every request below as every",
        "principal against the demo data and fails on any other answer. Do not edit by hand.",
        "",
        "✓ passes the permission check (200/201/202, a redirect, or the 400/409/415 of an empty body);",
        "→登录 redirect to the login page; 401 no credentials; 403 refused; 404 not visible to the",
        "caller; 405 method not allowed. *peer*: a second user of the record's owning role who",
        "neither registered nor was assigned the sample record. Writes are sent with an empty body.",
        "",
        f"{len(HTML) + len(API) + len(EXTRA)} requests × {len(PRINCIPALS)} principals = "
        f"{(len(HTML) + len(API) + len(EXTRA)) * len(PRINCIPALS)} checks.",
        "",
        "## Pages (HTML)",
        "",
        *table(html),
        "",
        "## API operations (`/api/v1/`)",
        "",
        *table(api),
        "",
        "## Records with their own rule (accusations, a superuser's account)",
        "",
        *table(extra),
        "",
    ]
    return "\n".join(lines)
