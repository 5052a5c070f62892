"""Demo mediation records for 2021–2023 (fictional people, valid ID check characters).

2022 matches the seed report exactly: 129 cases closed in the year, 128 succeeded and 1 failed
(99%), plus cases still open at the year's end. Bulk-created in their final states with their
timeline entries; skipped when the demo cases exist already (idempotent)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from huanghe_portal import sequences
from huanghe_portal.models import TimelineEntry, Township, Village
from huanghe_portal.people import display_name
from huanghe_portal.personal_data import id_check_char
from huanghe_portal.workdays import add_months, citizen_period_end

from .models import (
    Agreement,
    Committee,
    CommitteeMember,
    Dispute,
    FollowUp,
    JudicialConfirmation,
    Party,
    ScreeningRound,
    Session,
)

User = get_user_model()
SURNAMES = "谭冉秦向马陈刘黄马周余崔罗牟隆秦熊"
GIVEN = [
    "明",
    "国",
    "春",
    "秀",
    "兰",
    "德",
    "志",
    "永",
    "红",
    "芳",
    "建",
    "华",
    "丽",
    "成",
    "平",
    "勇",
    "霞",
    "军",
    "玉",
    "学",
]
SUMMARIES = {
    "01": "夫妻因赡养老人费用分担发生争执。",
    "02": "相邻两户因排水沟堵塞、滴水檐问题发生争执。",
    "03": "两户因宅基地界址不清发生争议。",
    "04": "双方因农资买卖合同货款支付发生纠纷。",
    "05": "合伙经营养殖场，因收益分配发生争议。",
    "06": "因耕牛损毁庄稼，双方就赔偿数额发生争议。",
    "07": "两组村民因山林界址发生争议。",
    "10": "务工人员与包工头因工资结算发生纠纷。",
    "13": "摩托车与三轮车相撞，双方就医疗费赔偿发生争议。",
    "15": "因修建便道占用承包地发生争议。",
}
CATEGORY_WEIGHTS = {
    "01": 14,
    "02": 22,
    "03": 12,
    "04": 8,
    "05": 5,
    "06": 12,
    "07": 8,
    "10": 6,
    "13": 8,
    "15": 5,
}
SOURCES = ["application"] * 6 + ["screening"] * 2 + ["village_referral", "police_referral"]


class Builder:
    def __init__(self, rng: random.Random, mediator, villages, committee) -> None:
        self.rng, self.mediator, self.villages, self.committee = rng, mediator, villages, committee
        self.ct = ContentType.objects.get_for_model(Dispute)
        self.prefix = Township.current().doc_prefix or "黄鹤"
        self.sequence: dict[int, int] = {}
        self.cases: list[tuple[Dispute, dict]] = []

    def person(self, role: str) -> Party:
        rng = self.rng
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 50))
        first17 = f"500240{birth:%Y%m%d}{rng.randrange(1000):03d}"
        return Party(
            role=role,
            kind="person",
            name=name,
            id_number=first17 + id_check_char(first17),
            phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
            address=f"{rng.choice(self.villages).name}{rng.randrange(1, 9)}组",
        )

    def case(
        self,
        received_on: dt.date,
        outcome: str,
        *,
        closed_on: dt.date | None = None,
        archived: bool = False,
    ) -> None:
        rng = self.rng
        year = received_on.year
        self.sequence[year] = self.sequence.get(year, 0) + 1
        seq = self.sequence[year]
        category = rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]
        accepted_on = received_on + dt.timedelta(days=rng.randrange(0, 3))
        written = rng.random() < 0.8
        status = Dispute.Status.ARCHIVED if archived else outcome
        dispute = Dispute(
            number=f"{self.prefix}调〔{year}〕{seq}号",
            year=year,
            sequence=seq,
            received_on=received_on,
            source=rng.choice(SOURCES),
            category=category,
            village=rng.choice(self.villages),
            committee=self.committee,
            summary=SUMMARIES[category] + "（演示数据）",
            amount_involved=(
                Decimal(rng.randrange(5, 400) * 100)
                if category in ("04", "06", "10", "13")
                else None
            ),
            status=status,
            outcome="" if outcome in ("registered", "accepted") else outcome,
            registered_by=self.mediator,
            mediator_names=display_name(self.mediator)
            if outcome not in ("registered", "rejected")
            else "",
        )
        if outcome not in ("registered", "rejected"):
            dispute.accepted_on = accepted_on
            dispute.mediation_due = add_months(accepted_on, 1)
        if closed_on:
            dispute.closed_on = closed_on
        if outcome == "succeeded":
            assert closed_on is not None  # a closed case comes with its closing day
            dispute.agreement_form = "written" if written else "oral"
            dispute.confirmation_due = citizen_period_end(closed_on, 30)
        if outcome == "failed":
            dispute.guided_to, dispute.close_reason = "litigation", "双方分歧较大，终止调解。"
        if outcome == "rejected":
            dispute.guided_to, dispute.close_reason = "legal_aid", "属劳动仲裁事项，不予受理。"
        if outcome == "withdrawn":
            dispute.close_reason = "申请人自行和解，撤回申请。"
        if archived:
            assert closed_on is not None
            dispute.archived_on = closed_on + dt.timedelta(days=rng.randrange(5, 30))
        parties = [self.person("applicant"), self.person("respondent")]
        if rng.random() < 0.2:
            parties.append(self.person("respondent"))
        dispute.party_names = "、".join(p.name for p in parties)
        self.cases.append((dispute, {"parties": parties}))

    @transaction.atomic
    def save(self) -> None:
        disputes = Dispute.objects.bulk_create([d for d, _ in self.cases], batch_size=2000)
        parties, sessions, agreements, follow_ups, entries, links = [], [], [], [], [], []
        through = Dispute.mediators.through
        for dispute, extra in self.cases:
            for party in extra["parties"]:
                party.dispute = dispute
                parties.append(party)
            entries.append(self.entry(dispute, "registered", dispute.received_on))
            if dispute.accepted_on:
                links.append(through(dispute_id=dispute.pk, user_id=self.mediator.pk))
                entries.append(self.entry(dispute, "accepted", dispute.accepted_on))
                sessions.append(
                    Session(
                        dispute=dispute,
                        held_on=dispute.accepted_on,
                        place="镇人民调解室",
                        attendees="双方当事人",
                        record="听取双方陈述，释明相关法律规定。",
                        recorded_by=self.mediator,
                    )
                )
            if dispute.closed_on:
                entries.append(self.entry(dispute, dispute.outcome, dispute.closed_on))
            if dispute.outcome == "succeeded":
                assert dispute.closed_on is not None  # set with the outcome in case()
                agreements.append(
                    Agreement(
                        dispute=dispute,
                        form=dispute.agreement_form,
                        facts=dispute.summary,
                        terms="双方自愿达成协议，被申请人按约定履行义务。",
                        performance_method="当面交付",
                        performance_due=dispute.closed_on + dt.timedelta(days=15),
                        copies=len(extra["parties"]) + 1,
                        concluded_on=dispute.closed_on,
                    )
                )
                if self.rng.random() < 0.5:
                    visit = FollowUp(
                        dispute=dispute,
                        visited_on=dispute.closed_on + dt.timedelta(days=20),
                        performed=True,
                        satisfied=True,
                        note="协议已履行。",
                        visited_by=self.mediator,
                    )
                    follow_ups.append(visit)
                    entry = self.entry(dispute, "followed_up", visit.visited_on)
                    entry.note = "已履行：是；满意：是"
                    entry.data = {
                        "visited_on": visit.visited_on.isoformat(),
                        "performed": True,
                        "satisfied": True,
                        "note": visit.note,
                    }
                    entries.append(entry)
            if dispute.archived_on:
                entries.append(self.entry(dispute, "archived", dispute.archived_on))
        Party.objects.bulk_create(parties, batch_size=2000)
        Session.objects.bulk_create(sessions, batch_size=2000)
        Agreement.objects.bulk_create(agreements, batch_size=2000)
        FollowUp.objects.bulk_create(follow_ups, batch_size=2000)
        TimelineEntry.objects.bulk_create(entries, batch_size=2000)
        through.objects.bulk_create(links, batch_size=2000)
        for year, last in self.sequence.items():
            sequences.claim_number(sequences.DISPUTE, year, last)
        confirmable = [
            (d, d.closed_on)
            for d in disputes
            if d.outcome == "succeeded" and d.confirmable and d.closed_on
        ]
        JudicialConfirmation.objects.bulk_create(
            [
                JudicialConfirmation(
                    dispute=d,
                    applied_on=closed_on + dt.timedelta(days=5),
                    court="石柱土家族自治县人民法院",
                    result="confirmed",
                    decided_on=closed_on + dt.timedelta(days=12),
                )
                for d, closed_on in confirmable[::25]
            ]
        )

    def entry(self, dispute: Dispute, action: str, on: dt.date) -> TimelineEntry:
        at = dt.datetime.combine(on, dt.time(10, 0), tzinfo=dt.UTC)
        return TimelineEntry(
            content_type=self.ct,
            object_id=dispute.pk,
            at=at,
            actor=self.mediator,
            action=action,
            note="演示数据",
        )


def _day(rng: random.Random, year: int, first: int = 1, last: int = 365) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(first - 1, last))


def _year(builder: Builder, year: int, outcomes: list[str], open_cases: int) -> None:
    """Cases received and closed within `year` (so each year's figures are exact), then a few
    received in December and still open on 31 December."""
    rng = builder.rng
    plans = []
    for outcome in outcomes:
        received = _day(rng, year, 1, 330)
        closed = received + dt.timedelta(days=rng.randrange(3, 28))
        plans.append((received, outcome, closed))
    for received, outcome, closed in sorted(plans):
        builder.case(received, outcome, closed_on=closed, archived=year < 2023)
    for i in range(open_cases):
        builder.case(dt.date(year, 12, 10 + i * 3), "accepted")


def _committees(mediator, villages) -> Committee:
    town, _created = Committee.objects.get_or_create(
        name="黄鹤镇人民调解委员会",
        defaults={
            "level": "township",
            "term_start": dt.date(2021, 5, 1),
            "term_end": dt.date(2024, 4, 30),
        },
    )
    if not town.members.exists():
        CommitteeMember.objects.bulk_create(
            [
                CommitteeMember(
                    committee=town,
                    name="谭明远",
                    position="director",
                    gender="male",
                    ethnic_group="土家族",
                    is_full_time=True,
                    user=mediator,
                ),
                CommitteeMember(
                    committee=town,
                    name="冉秀兰",
                    position="deputy",
                    gender="female",
                    ethnic_group="土家族",
                ),
                CommitteeMember(
                    committee=town,
                    name="马德成",
                    position="member",
                    gender="male",
                    ethnic_group="汉族",
                ),
                CommitteeMember(
                    committee=town,
                    name="陈红霞",
                    position="member",
                    gender="female",
                    ethnic_group="汉族",
                ),
                CommitteeMember(
                    committee=town,
                    name="秦永平",
                    position="member",
                    gender="male",
                    ethnic_group="土家族",
                ),
            ]
        )
    for village in villages[:2]:
        committee, created = Committee.objects.get_or_create(
            name=f"{village.name}人民调解委员会", defaults={"level": "village", "village": village}
        )
        if created:
            # The second one lacks a woman: the page shows the Art 8 warning.
            genders = ["male", "female", "male"] if village == villages[0] else ["male"] * 3
            CommitteeMember.objects.bulk_create(
                [
                    CommitteeMember(
                        committee=committee,
                        name=f"{village.name[:2]}委员{i + 1}",
                        position="director" if i == 0 else "member",
                        gender=g,
                        ethnic_group="土家族" if i == 0 else "汉族",
                    )
                    for i, g in enumerate(genders)
                ]
            )
    return town


def _screening(rng: random.Random, mediator, villages, committee) -> None:
    if ScreeningRound.objects.exists():
        return
    for year in (2021, 2022, 2023):
        for month in range(1, 13):
            screening = ScreeningRound.objects.create(
                held_on=dt.date(year, month, 15),
                committee=committee,
                disputes_found=rng.randrange(2, 9),
                disputes_prevented=rng.randrange(0, 4),
                note="组织村（社区）调解员开展矛盾纠纷排查。（演示数据）",
                recorded_by=mediator,
            )
            screening.villages.set(rng.sample(villages, k=min(3, len(villages))))


def load(stdout) -> None:
    mediator = User.objects.get(username="mediator")
    villages = list(Village.objects.filter(is_active=True).order_by("code"))
    rng = random.Random(2022)
    committee = _committees(mediator, villages)
    _screening(rng, mediator, villages, committee)
    if Dispute.objects.filter(year__in=(2021, 2022, 2023)).exists():
        stdout.write("矛盾纠纷调处：演示案件已存在，跳过。")
        return
    builder = Builder(rng, mediator, villages, committee)
    _year(
        builder,
        2021,
        ["succeeded"] * 112 + ["failed"] * 3 + ["withdrawn"] * 2 + ["rejected"] * 1,
        open_cases=0,
    )
    _year(builder, 2022, ["succeeded"] * 128 + ["failed"], open_cases=4)
    _year(builder, 2023, ["succeeded"] * 131 + ["failed"] * 2 + ["withdrawn"] * 3, open_cases=3)
    builder.save()
    stdout.write(
        f"矛盾纠纷调处：演示案件 {len(builder.cases)} 件（2022年结案129件，调解成功128件）。"
    )
