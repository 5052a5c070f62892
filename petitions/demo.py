"""Demo data of the petitions area, 2021–2023 (fictional people; deterministic; idempotent).

2022 matches the seed report: exactly 5 deputies' suggestions. Reception days follow a weekly
schedule (every Wednesday that is a working day) with a monthly 下访.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from huanghe_portal import sequences
from huanghe_portal.models import TimelineEntry, Township, Village
from huanghe_portal.personal_data import id_check_char
from huanghe_portal.workdays import Calendar, add_calendar_days, add_months

from . import services
from .models import DeputySuggestion, Petition, ReceptionDay, ReceptionRecord

YEARS = (2021, 2022, 2023)
SHANGHAI = ZoneInfo("Asia/Shanghai")
VOLUME = {2021: (78, 41), 2022: (86, 48), 2023: (92, 57)}  # (petitions, 12345 orders)
SUGGESTIONS = {2021: 4, 2022: 5, 2023: 6}
LEADERS = ["向国栋", "谭建华", "冉光明"]
SURNAMES = "谭冉秦马向陈刘黄覃周杨隆"
GIVEN = ["明", "华", "芳", "强", "秀英", "建国", "德贵", "小红", "春林", "光荣", "玉兰", "志刚"]
MATTERS = [
    ("appeal", "反映组内村道损毁，雨天无法通行，请求修复。"),
    ("appeal", "反映土地承包经营权确权面积有误，请求核实更正。"),
    ("appeal", "反映养殖场异味影响生活，请求协调处理。"),
    ("appeal", "反映务工工资被拖欠，请求帮助追讨。"),
    ("appeal", "反映低保资格评定不公，请求复核。"),
    ("appeal", "反映饮水管网老化停水，请求维修。"),
    ("suggestion", "建议在场镇增设路灯和垃圾收集点。"),
    ("suggestion", "建议增开赶场天农村客运班次。"),
    ("accusation", "检举村组干部在项目资金使用中存在违规问题。"),
]
HOTLINE = ["噪音扰民", "占道经营", "路灯不亮", "农村饮水", "垃圾清运", "道路破损"]
DEPUTY_MATTERS = [
    "建议硬化产业便道",
    "建议改善场镇停车秩序",
    "建议加强留守儿童关爱",
    "建议完善农村饮水工程",
    "建议增设便民服务代办点",
    "建议整治河道垃圾",
]


def _person(rng: random.Random, serial: int) -> tuple[str, str, str]:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 50))
    first17 = f"500240{birth:%Y%m%d}{serial % 1000:03d}"
    phone = f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"
    return name, first17 + id_check_char(first17), phone


def _reception_days(year: int, rng: random.Random, clerk) -> list[ReceptionDay]:
    cal = Calendar(dt.date(year, 1, 1), dt.date(year, 12, 31))
    days: list[ReceptionDay] = []
    d = dt.date(year, 1, 1)
    while d.year == year:
        if d.weekday() == 2 and cal.day(d).is_workday:
            days.append(
                ReceptionDay(
                    date=d,
                    start_time=dt.time(9, 0),
                    end_time=dt.time(12, 0),
                    leader_name=LEADERS[len(days) % 3],
                    place="镇信访接待室",
                    kind=ReceptionDay.Kind.RECEPTION,
                    created_by=clerk,
                )
            )
        if d.weekday() == 4 and d.day <= 7 and cal.day(d).is_workday:
            days.append(
                ReceptionDay(
                    date=d,
                    start_time=dt.time(14, 30),
                    end_time=dt.time(17, 0),
                    leader_name=rng.choice(LEADERS),
                    place=f"{rng.choice(['平桥村', '石龙村', '三河村'])}村委会",
                    kind=ReceptionDay.Kind.VISIT,
                    created_by=clerk,
                )
            )
        d += dt.timedelta(days=1)
    return ReceptionDay.objects.bulk_create(days)


def _petition(rng, year, seq, prefix, clerk, villages, *, hotline: bool) -> Petition:
    received = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 350))
    name, id_number, phone = _person(rng, seq)
    if hotline:
        category, summary = "appeal", f"12345热线转来：{rng.choice(HOTLINE)}问题，请求处理。"
        channel, source = Petition.Channel.PHONE, Petition.Source.HOTLINE_12345
    else:
        category, summary = rng.choice(MATTERS)
        channel = rng.choices(["visit", "phone", "letter", "online", "fax"], [40, 20, 15, 20, 5])[0]
        source = rng.choices(
            ["direct", "forwarded", "leader_reception", "deputy"], [70, 15, 12, 3]
        )[0]
    p = Petition(
        number=f"{prefix}信〔{year}〕{seq}号",
        year=year,
        seq=seq,
        received_on=received,
        channel=channel,
        source=source,
        category=category,
        petitioner_name=name,
        id_number="" if hotline else id_number,
        phone=phone,
        village=rng.choice(villages),
        persons_count=rng.choices([1, 2, 3, 8], [80, 10, 7, 3])[0],
        summary=summary,
        hotline_ticket_no=f"12345-{year}-{seq:05d}" if hotline else "",
        xinfang_system_no="" if hotline else f"XF{year}{seq:05d}",
        registered_by=clerk,
        acceptance_due=add_calendar_days(received, 15),
    )
    if not hotline and rng.random() < 0.05:
        p.status, p.not_accepted_on = Petition.Status.NOT_ACCEPTED, received + dt.timedelta(3)
        p.not_accept_reason = "属于依法通过诉讼途径解决的事项"
        p.guided_to = rng.choice(["litigation", "arbitration", "administrative"])
        return p
    p.accepted_on = received + dt.timedelta(days=rng.randrange(1, 10))
    p.handling_due = add_calendar_days(p.accepted_on, 60)
    if rng.random() < 0.06:
        p.extension_days, p.extension_reason = rng.randrange(10, 31), "需多部门联合核查"
        p.extended_on = p.accepted_on + dt.timedelta(days=50)
        p.handling_due = add_calendar_days(p.handling_due, p.extension_days)
    late = rng.random() < 0.03
    p.replied_on = p.accepted_on + dt.timedelta(
        days=rng.randrange(62, 70) if late else rng.randrange(10, 55)
    )
    p.delivered_on = p.replied_on
    p.outcome = rng.choices(["support", "explain", "not_support"], [60, 30, 10])[0]
    p.opinion = "经调查核实，已会同相关部门依法依规处理，并向信访人当面说明。"
    p.status, p.closed_on = Petition.Status.CLOSED, p.replied_on
    if rng.random() < 0.03:
        p.review_requested_on = p.delivered_on + dt.timedelta(days=rng.randrange(5, 25))
        p.review_due = add_calendar_days(p.review_requested_on, 30)
        p.review_decided_on = p.review_requested_on + dt.timedelta(days=20)
        p.review_result, p.closed_on = "upheld", p.review_decided_on
    else:
        p.satisfied = rng.random() < 0.9
    if category == "accusation":
        p.satisfied = None
    if p.persons_count >= 3:
        p.representatives = [rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(2)]
    return p


# The timeline events of a finished demo petition: (action, date attribute, note attribute).
EVENTS = [
    ("registered", "received_on", ""),
    ("not_accepted", "not_accepted_on", "not_accept_reason"),
    ("accepted", "accepted_on", ""),
    ("extended", "extended_on", "extension_reason"),
    ("replied", "replied_on", "opinion"),
]


def _timeline(petitions: list[Petition], clerk) -> None:
    ct = ContentType.objects.get_for_model(Petition)
    rows = [
        TimelineEntry(
            content_type=ct,
            object_id=p.pk,
            at=dt.datetime.combine(getattr(p, date_attr), dt.time(10), tzinfo=SHANGHAI),
            actor=clerk,
            action=action,
            note=getattr(p, note_attr) if note_attr else "",
        )
        for p in petitions
        for action, date_attr, note_attr in EVENTS
        if getattr(p, date_attr)
    ]
    TimelineEntry.objects.bulk_create(rows, batch_size=5000)


@transaction.atomic
def _upcoming_reception_days() -> int:
    """The next four Wednesdays' reception days, so the public schedule is never empty."""
    users = get_user_model().objects
    clerk = users.get(username="petition_clerk")
    today = timezone.localdate()
    wednesday = today + dt.timedelta(days=(2 - today.weekday()) % 7 or 7)
    created = 0
    topics = ["土地征收与补偿", "惠民政策咨询", "", "邻里纠纷与矛盾调处"]
    for week, leader_name in enumerate(["向国栋", "谭建华", "冉光明", "向国栋"]):
        day = wednesday + dt.timedelta(weeks=week)
        if ReceptionDay.objects.filter(date=day).exists():
            continue
        services.create_reception_day(
            actor=clerk,
            date=day,
            leader_name=leader_name,
            place="镇信访接待室",
            note="演示数据",
            start_time=dt.time(9, 0),
            end_time=dt.time(12, 0),
            topic=topics[week],
        )
        created += 1
    return created


def load(stdout) -> None:
    _upcoming_reception_days()
    if Petition.objects.filter(year__in=YEARS).exists():
        stdout.write("信访：演示数据已存在，跳过。")
        return
    users = get_user_model().objects
    clerk, leader = users.get(username="petition_clerk"), users.get(username="leader")
    prefix = Township.current().doc_prefix or "黄鹤"
    villages = list(Village.objects.filter(is_active=True))
    rng = random.Random(2022)
    for year in YEARS:
        days = _reception_days(year, rng, clerk)
        records = []
        for day in days:
            for _ in range(rng.choices([0, 1, 2, 3], [45, 30, 18, 7])[0]):
                name = rng.choice(SURNAMES) + rng.choice(GIVEN)
                _cat, matter = rng.choice(MATTERS[:6])
                records.append(
                    ReceptionRecord(
                        reception_day=day,
                        petitioner_names=name,
                        persons_count=rng.choices([1, 2, 3], [70, 20, 10])[0],
                        request=matter,
                        decision="当场答复并交相关办所限期办理。",
                        created_by=clerk,
                    )
                )
        ReceptionRecord.objects.bulk_create(records)
        count, hotline = VOLUME[year]
        petitions = [
            _petition(rng, year, seq, prefix, clerk, villages, hotline=seq > count)
            for seq in range(1, count + hotline + 1)
        ]
        for p in petitions[::9]:
            p.leader_in_charge = leader
        for p in petitions:
            if p.extension_days:  # Art 34: approved by the head, on the day of the extension
                p.extension_approved_by = leader
        petitions = Petition.objects.bulk_create(petitions, batch_size=5000)
        _timeline(petitions, clerk)
        sequences.claim_number(sequences.PETITION, year, len(petitions))
        suggestions = []
        for i in range(SUGGESTIONS[year]):
            assigned = dt.date(year, 3, 10) + dt.timedelta(days=i * 20)
            complex_ = i == 0
            replied = assigned + dt.timedelta(days=rng.randrange(30, 85))
            suggestions.append(
                DeputySuggestion(
                    deputy_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                    assigned_on=assigned,
                    complex=complex_,
                    summary=DEPUTY_MATTERS[i % len(DEPUTY_MATTERS)],
                    reply_due=add_months(assigned, 6 if complex_ else 3),
                    status=DeputySuggestion.Status.REPLIED,
                    replied_on=replied,
                    reply="已研究办理，纳入年度工作计划并向代表面复。",
                    satisfaction=rng.choice(["satisfied", "satisfied", "basically"]),
                    published=True,
                    registered_by=clerk,
                )
            )
        DeputySuggestion.objects.bulk_create(suggestions)
        stdout.write(
            f"信访 {year}：信访件 {count} 件，12345 工单 {hotline} 件，"
            f"接访日 {len(days)} 次，代表建议 {len(suggestions)} 条。"
        )
