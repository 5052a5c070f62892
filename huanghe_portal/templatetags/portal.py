import datetime as dt
from typing import Any

from django import template
from django.contrib.auth.models import AbstractBaseUser
from django.http import QueryDict

from .. import navigation, people
from ..workflow import Stateful, can_transition

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context: template.Context, **kwargs: Any) -> str:
    """The current query string with some parameters replaced (keeps filters when paging)."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.filter
def display_name(user: AbstractBaseUser | None) -> str:
    """{{ user|display_name }}: people.display_name for templates."""
    return people.display_name(user)


@register.simple_tag
def public_links() -> list[dict[str, Any]]:
    return navigation.public_links()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def unknown_holidays_note(start: dt.date | None, end: dt.date | None) -> str:
    """The visitor's warning when a working-day deadline crosses a year with unknown holidays."""
    from .. import tracking, workdays

    if not start or not end:
        return ""
    years = workdays.unknown_years(start, end)
    return tracking.unknown_years_note(years) if years else ""


@register.filter(name="can_transition")
def can_transition_filter(record: Stateful, target: str) -> bool:
    """`{% if record|can_transition:"replied" %}`: asks the model's TRANSITIONS (issue 15)."""
    return can_transition(record, target)
