"""A staff member is named one way everywhere: people.display_name (and |display_name)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from huanghe_portal.models import StaffProfile
from huanghe_portal.people import display_name

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
# Ways of naming a user that display_name replaces (in code and templates).
COPIES = re.compile(
    r"get_full_name|portal_profile\.full_name\|default|"
    r'full_name if profile else ""\) or|'
    r'"portal_profile", None\), "full_name"|first_name or '
)


def test_profile_name_then_first_name_then_username(django_user_model):
    user = django_user_model.objects.create_user("zhang3", first_name="张三")
    assert display_name(user) == "张三"
    StaffProfile.objects.create(user=user, full_name="张三丰")
    user.refresh_from_db()
    assert display_name(user) == "张三丰"
    bare = django_user_model.objects.create_user("li4")
    assert display_name(bare) == "li4"
    assert display_name(None) == ""
    assert (
        Template("{% load portal %}{{ u|display_name }}").render(Context({"u": user})) == "张三丰"
    )


def test_no_area_names_a_user_its_own_way():
    found = []
    for app in ["huanghe_portal", *settings.AREA_APPS, "templates"]:
        for path in (ROOT / app).rglob("*"):
            if path.suffix not in (".py", ".html") or "tests" in path.parts:
                continue
            if path.name == "people.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if COPIES.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}")
    assert not found, "use huanghe_portal.people.display_name: " + ", ".join(found)
