from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from huanghe_portal.navigation import AREAS
from huanghe_portal.roles import require_role
from huanghe_portal.views import staff_required

AREA = next(a for a in AREAS if a.app == "reports")


@staff_required
def index(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *AREA.roles)
    return render(request, "staff/area_index.html", {"area": AREA})
