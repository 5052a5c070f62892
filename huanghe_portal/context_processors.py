from django.http import HttpRequest
from django.utils import timezone

from . import navigation, workdays
from .models import Township
from .roles import Role, has_role, is_staff_member


def portal(request: HttpRequest) -> dict:
    user = request.user
    context = {"township": Township.current()}
    if is_staff_member(user):
        year = timezone.localdate().year
        context["staff_nav"] = navigation.areas_for(user)
        context["is_portal_staff"] = True
        context["is_office"] = has_role(user, Role.REPORT_OFFICE)
        context["calendar_unknown_years"] = [
            y for y in (year, year + 1) if not workdays.calendar_known(y)
        ]
    return context
