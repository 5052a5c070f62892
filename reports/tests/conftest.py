"""Fake area report modules (the contract of huanghe_portal.reporting) so that these tests do
not depend on the other areas' apps."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from huanghe_portal import reporting
from huanghe_portal.reporting import Figure, StatutoryTables, written

SEED_2022 = {
    "disputes.received": 130,
    "disputes.succeeded": 128,
    "disputes.failed": 1,
    "legal_education.events": 23,
    "legal_education.participants": 1800,
    "legal_education.consultations": 29,
    "petitions.received": 14,
    "petitions.leader_receptions": 12,
    "petitions.deputy_suggestions": 5,
    "decisions.legality_reviews": 3,
    "decisions.collective_decisions": 9,
    "decisions.hearings": 1,
    "decisions.legal_advisers": 1,
    "disclosure.items_published": 86,
    "disclosure.applications": 2,
}
UNITS = {
    "disputes": "起",
    "legal_education.events": "次",
    "legal_education.participants": "人次",
    "legal_education.consultations": "人次",
    "petitions.deputy_suggestions": "条",
    "decisions.legal_advisers": "名",
}


# Sentences the fake areas write besides "<app>段落：…" (topic, template with %(name)s of
# "<app>.name"), in the real areas' words so that a report reads like the seed.
FAKE_SENTENCES = {
    "disputes": [("", "成功调处矛盾纠纷事件%(succeeded)s，调解成功率达%(success_rate)s。")],
    "legal_education": [("", "开展法治宣传活动%(events)s、提供法治咨询服务%(consultations)s。")],
    "decisions": [("", "聘请%(legal_advisers)s专业律师担任政府法律顾问，做到“应审必审”。")],
    "petitions": [("petitions.deputies", "累计收集代表意见建议%(deputy_suggestions)s。")],
    "disclosure": [
        ("disclosure.proactive", "全年主动公开政府信息%(items_published)s。"),
        ("disclosure.applications", "全年收到政府信息公开申请%(applications)s。"),
    ],
}
FIELD = re.compile(r"%\((\w+)\)s")


def _unit(key: str) -> str:
    return UNITS.get(key, UNITS.get(key.split(".")[0], "件"))


class FakeAreas:
    """Values per year, editable by a test to play "records changed after compiling"."""

    def __init__(self):
        self.values = {2022: dict(SEED_2022)}
        self.tables: StatutoryTables | None = None  # the disclosure module's tables

    def figures(self, app: str, year: int) -> list[Figure]:
        values = self.values.get(year, {})
        out = []
        for key in [k for k in SEED_2022 if k.startswith(app + ".")]:
            breakdown = {}
            if key == "disputes.received" and values:
                breakdown = {"by_month": {str(m): 8 + m for m in range(1, 13)}}
            out.append(
                Figure(
                    key=key,
                    label=key,
                    value=values.get(key, 0),
                    unit=_unit(key),
                    definition="test",
                    records_url=f"/{app}/?year={year}",
                    breakdown=breakdown,
                )
            )
        if app == "disputes":
            ok, failed = values.get("disputes.succeeded", 0), values.get("disputes.failed", 0)
            rate = round(ok * 100 / (ok + failed), 1) if ok + failed else 0
            out.append(
                Figure(
                    key="disputes.success_rate",
                    label="调解成功率",
                    value=rate,
                    unit="%",
                    definition="test",
                    records_url=f"/disputes/?year={year}&by=closed",
                )
            )
        return out

    def module(self, app: str):
        def paragraphs(year, figures):
            first = next(iter(figures.values()))
            out = [written(f"{app}段落：%(first)s。", first=first)]
            for topic, template in FAKE_SENTENCES.get(app, []):
                values = {name: figures.get(f"{app}.{name}") for name in FIELD.findall(template)}
                out.append(written(template, **values).about(topic or app))
            return out

        ns = SimpleNamespace(
            SECTION=app, figures=lambda year: self.figures(app, year), paragraphs=paragraphs
        )
        if app == "disclosure":
            ns.statutory_tables = lambda year: self.tables or StatutoryTables()
        return ns

    def modules(self, apps=("disputes", "petitions", "decisions", "disclosure", "legal_education")):
        return {app: self.module(app) for app in apps}


@pytest.fixture
def areas(monkeypatch):
    fake = FakeAreas()
    monkeypatch.setattr(reporting, "report_modules", fake.modules)
    return fake


@pytest.fixture
def no_areas(monkeypatch):
    monkeypatch.setattr(reporting, "report_modules", lambda: {})


@pytest.fixture
def today(monkeypatch):
    """Freeze today at 2026-01-05 (the reports of 2025 are written in January)."""
    from django.utils import timezone

    day = dt.date(2026, 1, 5)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)
    return day


@pytest.fixture
def role_groups(db):
    """The role groups again: a transactional test before this one flushed the migration's."""
    from django.contrib.auth.models import Group

    from huanghe_portal.roles import Role

    for role in Role:
        Group.objects.get_or_create(name=role.value)
