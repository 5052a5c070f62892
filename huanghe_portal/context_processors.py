from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from . import identity_search, navigation, workdays
from .models import Township
from .roles import Role, has_role, is_staff_member

# Read on every page; the services that change them delete these keys.
TOWNSHIP_KEY = "portal:township"
CALENDAR_KEY = "portal:calendar-known:%s"


def portal(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    context = {"township": cache.get_or_set(TOWNSHIP_KEY, Township.current, 300)}
    if is_staff_member(user):
        outcome = identity_search.take_outcome(user)
        context["identity_search_notice"] = outcome.notice if outcome else ""
        year = timezone.localdate().year
        context["staff_nav"] = navigation.areas_for(user)
        context["is_portal_staff"] = True
        context["is_office"] = has_role(user, Role.REPORT_OFFICE)
        context["sees_account_audit"] = has_role(user, Role.LEADER)  # superusers pass too
        context["calendar_unknown_years"] = [
            y
            for y in (year, year + 1)
            if not cache.get_or_set(CALENDAR_KEY % y, lambda y=y: workdays.calendar_known(y), 300)
        ]
    return context
