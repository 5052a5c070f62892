import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from huanghe_portal.roles import Role, has_role, require_role

pytestmark = pytest.mark.django_db


def test_the_eight_groups_of_the_api_contract_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "mediator",
        "petition_clerk",
        "legal_reviewer",
        "legal_adviser",
        "leader",
        "disclosure_officer",
        "educator",
        "report_office",
    }
    assert {r.value for r in Role} == set(Group.objects.values_list("name", flat=True))


def test_mediator_passes_a_mediator_check_and_fails_a_leader_check(mediator):
    require_role(mediator, Role.MEDIATOR)
    with pytest.raises(PermissionDenied) as exc:
        require_role(mediator, Role.LEADER)
    assert "领导" in str(exc.value)


def test_superuser_holds_every_role(superuser):
    assert all(has_role(superuser, role) for role in Role)


def test_inactive_user_holds_no_role(mediator):
    mediator.is_active = False
    mediator.save()
    assert not has_role(mediator, Role.MEDIATOR)


def test_anonymous_holds_no_role(anon):
    assert not has_role(anon, *Role)
