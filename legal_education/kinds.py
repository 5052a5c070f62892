"""The five kinds of record of the 普法 area and, for each, who may see which, its staff form
and the services that write it: declared once for the staff pages (views.py), the API
(api/views.py) and the ledgers (ledgers.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.forms import BaseForm

from . import forms, selectors, services


@dataclass(frozen=True)
class Kind:
    visible_to: Callable[..., QuerySet[Any]]
    form: type[BaseForm]  # the staff pages' create and edit form
    create: Callable[..., Any]
    update: Callable[..., Any] | None  # None: corrected by voiding and entering again (a test)
    void: Callable[..., Any]


# The nouns are those of the URLs (legal_education:<noun>-create, …).
KINDS: dict[str, Kind] = {
    "event": Kind(
        selectors.events_visible_to,
        forms.EventForm,
        services.create_event,
        services.update_event,
        services.void_event,
    ),
    "consultation": Kind(
        selectors.consultations_visible_to,
        forms.ConsultationForm,
        services.create_consultation,
        services.update_consultation,
        services.void_consultation,
    ),
    "study": Kind(
        selectors.study_sessions_visible_to,
        forms.StudySessionForm,
        services.create_study_session,
        services.update_study_session,
        services.void_study_session,
    ),
    "test": Kind(
        selectors.tests_visible_to,
        forms.KnowledgeTestForm,
        services.create_test,
        None,
        services.void_test,
    ),
    "liaison": Kind(
        selectors.liaisons_visible_to,
        forms.LiaisonForm,
        services.create_liaison,
        services.update_liaison,
        services.void_liaison,
    ),
}
