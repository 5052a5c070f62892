"""The foundation's share of the demo data: the township, its villages and one user per role.
Everything here is fictional; the village names are plausible, not an official list."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth
from django.contrib.auth.models import Group

from .models import StaffProfile, Township, Village
from .roles import ROLE_LABELS, Role

User = get_user_model()

VILLAGES = [
    ("500240101001", "黄鹤社区", Village.Kind.COMMUNITY),
    ("500240101201", "黄鹤村", Village.Kind.VILLAGE),
    ("500240101202", "平桥村", Village.Kind.VILLAGE),
    ("500240101203", "石龙村", Village.Kind.VILLAGE),
    ("500240101204", "三河村", Village.Kind.VILLAGE),
    ("500240101205", "新华村", Village.Kind.VILLAGE),
    ("500240101206", "双庆村", Village.Kind.VILLAGE),
    ("500240101207", "金竹村", Village.Kind.VILLAGE),
]

DEMO_NAMES = {
    Role.MEDIATOR: ("谭明远", "镇人民调解委员会调解员"),
    Role.PETITION_CLERK: ("冉晓燕", "信访办干部"),
    Role.LEGAL_REVIEWER: ("马志清", "司法所法制审核员"),
    Role.LEGAL_ADVISER: ("秦律和", "政府法律顾问（律师）"),
    Role.LEADER: ("向国栋", "镇长"),
    Role.DISCLOSURE_OFFICER: ("陈思雨", "党政办信息公开专员"),
    Role.EDUCATOR: ("刘春梅", "普法专员"),
    Role.REPORT_OFFICE: ("黄卫东", "综治办主任"),
}


def demo_password() -> tuple[str, bool]:
    """DEMO_PASSWORD from the environment, else one generated once and kept under var/."""
    if settings.DEMO_PASSWORD:
        return settings.DEMO_PASSWORD, False
    path = Path(settings.VAR_DIR) / "demo_password.txt"
    if path.exists():
        return path.read_text().strip(), False
    path.parent.mkdir(parents=True, exist_ok=True)
    password = "hh-" + secrets.token_urlsafe(8)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password, True


def load(stdout: Any) -> dict[Role, auth.User]:
    township = Township.objects.order_by("pk").first() or Township()
    township.name = "黄鹤镇"
    township.government_name = "石柱土家族自治县黄鹤镇人民政府"
    township.county = "重庆市石柱土家族自治县"
    township.address = township.address or "石柱土家族自治县黄鹤镇黄鹤街1号（演示地址）"
    township.reception_phone = township.reception_phone or "023-73300000"
    township.office_hours = (
        township.office_hours or "周一至周五 9:00—12:00，14:30—18:00（法定节假日除外）"
    )
    township.doc_prefix = "黄鹤"
    township.introduction = township.introduction or (
        "黄鹤镇位于石柱土家族自治县境内，辖若干村（社区）。本平台用于记录镇人民政府依法行政的日常工作，"
        "并据此生成法治政府建设年度报告和政府信息公开工作年度报告。（演示数据）"
    )
    township.save()

    for code, name, kind in VILLAGES:
        Village.objects.update_or_create(code=code, defaults={"name": name, "kind": kind})

    password, generated = demo_password()
    users = {}
    for role in Role:
        full_name, title = DEMO_NAMES[role]
        user, created = User.objects.get_or_create(
            username=role.value, defaults={"first_name": full_name}
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=role.value))
        StaffProfile.objects.update_or_create(
            user=user,
            defaults={"full_name": full_name, "title": title},
        )
        if created:
            # Outside development a demo password is to be replaced at first login.
            StaffProfile.objects.filter(user=user).update(must_change_password=not settings.DEBUG)
        users[role] = user

    stdout.write("演示账号（登录名 = 角色名）：")
    for role in Role:
        stdout.write(f"  {role.value:<20} {ROLE_LABELS[role]}")
    stdout.write(
        f"  密码：{password}" + ("（已生成，保存在 var/demo_password.txt）" if generated else "")
    )
    return users
