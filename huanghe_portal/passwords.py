"""The first-login rule: a demo, initial or reset password must be changed before anything else.
The HTML middleware and the API's authentication classes both ask `must_change_password`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PASSWORD_CHANGE_REQUIRED = _("须先修改密码：请登录网页，在“修改密码”页设置新密码后再使用。")


def must_change_password(user: object) -> bool:
    profile = getattr(user, "portal_profile", None)
    return bool(
        getattr(user, "is_authenticated", False)
        and profile is not None
        and profile.must_change_password
    )
