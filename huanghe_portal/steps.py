"""Workflow step pages, written once for every area (issue 15).

Each area declares its steps in a table (`Steps`): the form, the service, the titles, who may take
the step and in which states. From that one table come
- the step page (`step_page`): a GET shows the form, or, when the step cannot be taken now, the
  list of what is missing instead of a form that could only be refused; a POST calls the service,
  and a refusal lands on the form beside the field it names, the input kept;
- the buttons of the record's detail page (`Steps.buttons`): the user's role, then the model's
  `TRANSITIONS` through `can_transition` (or the states a step that keeps the status allows).
A table may also hold the steps that make and correct its records (`create`, `edit`): the same
runner, with no record yet for a create (its service returns the record the page then opens).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from .forms import VoidForm
from .roles import Role, User, has_role, require_role
from .versioning import StepRepeated, form_status, once, run_form_service
from .workflow import Stateful, can_transition, status_refusal, transition_refusal

STEP_TEMPLATE = "staff/step_page.html"


@dataclass(frozen=True)
class Step:
    """One workflow step of a record: its page, its service and its button."""

    slug: str
    form: Callable[..., forms.BaseForm]  # a form class; on a step page it takes `version=`
    service: Callable[..., Any]
    title: str | Promise
    done: str | Promise | Callable[[Any], str]  # the message, or made from the service's result
    roles: tuple[Role, ...] = ()  # who may open the page and sees the button; the service checks
    target: str | None = None  # the status the step moves to: allowed by the model's TRANSITIONS
    states: Iterable[str] | None = None  # a step that keeps the status: a constant of the model
    when: Callable[[Any], bool] | None = None  # a further condition for showing the button
    missing: Callable[[Any], list[str]] | None = None  # the area's rule, shared with the service
    initial: Callable[[Any], dict[str, Any]] | None = None
    repeatable: bool = True  # False: the service takes `version` itself (an edit) — no `once`
    style: str = "btn-outline-primary"
    url_name: str | None = None  # a page of its own (a meeting with a formset); its button only
    button: bool = True  # False: reached from a row of the page (one party), not a button
    # Further arguments of the form, made from the subject: a ModelForm's `instance` (an edit).
    form_kwargs: Callable[[Any], dict[str, Any]] | None = None

    def state_refusal(self, record: models.Model) -> str | None:
        # A record with steps has `status` and TRANSITIONS, which `models.Model` does not declare.
        state = cast(Stateful, record)
        if self.target is not None and not can_transition(state, self.target):
            return transition_refusal(state, self.target)
        if self.states is not None and state.status not in self.states:
            return status_refusal(state, str(self.title))
        return None

    def available(self, record: models.Model) -> bool:
        """Whether the button belongs on the record's page (a role aside)."""
        return self.state_refusal(record) is None and (self.when is None or self.when(record))

    def blockers(self, record: models.Model) -> list[str]:
        """What stops the step now, in sentences: the state first, then the area's rule."""
        refusal = self.state_refusal(record)
        if refusal is not None:
            return [refusal]
        return list(self.missing(record)) if self.missing else []

    def may(self, user: User, record: models.Model) -> bool:
        """The user's role, then the record's state: whether the step is offered."""
        return (not self.roles or has_role(user, *self.roles)) and self.available(record)


def _already_voided(record: Any) -> list[str]:
    return [gettext("该记录已作废。")] if record.voided else []


def void_step(
    service: Callable[..., Any],
    roles: tuple[Role, ...],
    *,
    target: str | None = None,
    **options: Any,
) -> Step:
    """作废: the void step of every area — one form (the reason), title, message and style; the
    record stays, out of every count (DOMAIN §0). `target` is the voided status of a record with
    a workflow; a record without one (a screening round, a reception day) has a `voided` flag,
    and the step is refused once it is set."""
    if target is None:
        options.setdefault("missing", _already_voided)
    return Step(
        "void",
        VoidForm,
        service,
        gettext_lazy("作废"),
        gettext_lazy("已作废。"),
        roles,
        target=target,
        style="btn-outline-danger",
        **options,
    )


@dataclass(frozen=True)
class Button:
    slug: str
    title: str | Promise
    url: str
    style: str
    form: forms.BaseForm | None = None  # for a page that shows the step's form inline


class Steps:
    """An area's declarative table of steps on one kind of record."""

    def __init__(
        self, url_name: str, steps: Iterable[Step], *, context_name: str, back: str = ""
    ) -> None:
        # The runner's URL name: taking the record's pk and the step's slug, or, with "{slug}" in
        # it, one name per step taking the pk alone.
        self.url_name = url_name
        self.steps = {step.slug: step for step in steps}
        self.context_name = context_name  # the record's name in the templates
        self.back = back  # the list's URL name, for the page's way back

    def __getitem__(self, slug: str) -> Step:
        try:
            return self.steps[slug]
        except KeyError:
            raise Http404 from None

    def __contains__(self, slug: str) -> bool:
        return slug in self.steps

    def __iter__(self) -> Iterator[str]:
        """The slugs of the steps run at the table's URL (for an area's urls)."""
        return iter([slug for slug, step in self.steps.items() if not step.url_name])

    def url(self, step: Step, record: models.Model) -> str:
        if step.url_name:
            return reverse(step.url_name, args=[record.pk])
        if "{slug}" in self.url_name:
            return reverse(self.url_name.format(slug=step.slug), args=[record.pk])
        return reverse(self.url_name, args=[record.pk, step.slug])

    def buttons(self, user: User, record: models.Model) -> list[Button]:
        """The steps this user may take on `record` now, in the table's order."""
        return [
            Button(step.slug, step.title, self.url(step, record), step.style)
            for step in self.steps.values()
            if step.button and step.may(user, record)
        ]


def inline_forms(steps: Steps, user: User, record: models.Model) -> list[Button]:
    """The buttons with their empty forms, for a detail page that shows the steps' forms inline
    (each posts to the step's page, which shows it again with any error beside its field)."""
    return [
        Button(
            button.slug,
            button.title,
            button.url,
            button.style,
            form=(step := steps[button.slug]).form(
                auto_id=f"id_{step.slug}_%s",
                initial=step.initial(record) if step.initial else None,
                version=getattr(record, "version", None),
            ),
        )
        for button in steps.buttons(user, record)
    ]


def _stale(request: HttpRequest, record: Any) -> bool:
    sent = request.POST.get("version", "")
    return sent.isdigit() and int(sent) != getattr(record, "version", None)


def _service(step: Step, subject: Any) -> Callable[..., Any]:
    """The step's service, bound to what it acts on (a create step acts on nothing yet)."""
    if subject is None:
        return step.service
    return once(step.service, subject) if step.repeatable else partial(step.service, subject)


Done = str | Promise | Callable[[Any], str | Promise]


def saved_redirect(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], Any],
    *,
    done: Done,
    then: Any = None,
) -> HttpResponse | None:
    """The write of a valid form: `save()` (a service call); its refusals land on the form and
    the answer is None (show the form again); else the `done` message (or `done(result)`) and a
    redirect to `then` (a record, URL name or URL, or `then(result)`), by default to the record
    the service returned."""
    result = run_form_service(form, save)
    if form.errors:
        return None
    messages.success(request, str(done(result) if callable(done) else done))
    if then is None:
        return redirect(result)
    return redirect(then(result) if callable(then) else then)


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], Any],
    *,
    done: Done,
    template: str,
    then: Any = None,
    context: dict[str, Any] | None = None,
    invalid: int = 400,
    valid: bool = True,
) -> HttpResponse:
    """A page with one form that writes through a service (a record's create or edit page): a
    POST with valid input (and `valid`: the rest of the page, e.g. its formset) runs
    `saved_redirect`; else the form is shown again, its status 409 after a stale save,
    `invalid` for bad input in the form or the rest of the page."""
    posted = request.method == "POST"
    if posted and valid and form.is_valid():
        saved = saved_redirect(request, form, save, done=done, then=then)
        if saved is not None:
            return saved
    status = invalid if posted and not valid else form_status(form, invalid=invalid)
    return render(request, template, {"form": form, **(context or {})}, status=status)


def step_page(
    request: HttpRequest,
    steps: Steps,
    record: models.Model | None,
    slug: str,
    *,
    subject: Any = None,
    initial: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
    template: str = STEP_TEMPLATE,
    invalid: int = 400,
) -> HttpResponse:
    """The one runner of a step page. `subject` is what the service acts on when it is not the
    record itself (a party of a case); the page always belongs to the record. `record` is None
    for a step that makes the record: nothing to check but the role, and the page opens what the
    service returns. `initial` overrides the step's own (when it depends on the user);
    `invalid` is the status of a form shown again for bad input."""
    step = steps[slug]
    if step.roles:
        require_role(request.user, *step.roles)
    subject = record if subject is None else subject
    missing = step.blockers(record) if record is not None else []
    if missing and request.method == "POST" and _stale(request, subject):
        # A double click, or someone was quicker: say so before what the state now forbids.
        missing = [str(StepRepeated()), *missing]
    form = None
    status = 409 if missing and request.method == "POST" else 200
    if not missing:
        form = step.form(
            request.POST if request.method == "POST" else None,
            initial=initial
            if initial is not None
            else step.initial(subject)
            if step.initial
            else None,
            # A create form has no version to carry.
            **({} if subject is None else {"version": getattr(subject, "version", None)}),
            **(step.form_kwargs(subject) if step.form_kwargs else {}),
        )
        if request.method == "POST" and form.is_valid():
            service = _service(step, subject)
            bound = form  # not None: a name the lambda below can rely on
            saved = saved_redirect(
                request,
                form,
                lambda: service(actor=request.user, **bound.cleaned_data),
                done=step.done,
                # A create step's page opens the record its service made (the default).
                then=record,
            )
            if saved is not None:
                return saved
        status = form_status(form, invalid=invalid)
    return render(
        request,
        template,
        {
            steps.context_name: record,
            "record": record,
            "back_url": reverse(steps.back) if steps.back else "",
            "step": step.slug,
            "form_title": step.title,
            "form": form,
            "missing": missing,
            **(context or {}),
        },
        status=status,
    )
