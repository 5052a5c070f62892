"""Demo 普法 records for 2021–2023. For 2022 exactly the seed report's figures: 23 publicity
events and 29 consultations (人次), plus the cadre study sessions and one legal-knowledge test.
Deterministic (random.Random(2022)), idempotent (skipped when the marker event exists),
fictional names, written through the services so every record has its timeline."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from huanghe_portal.models import Village

from . import services
from .models import Event

User = get_user_model()

MARKER = "2021年“12·4”国家宪法日暨宪法宣传周集中宣传"
YEARS = {
    2021: {"events": 19, "consultations": 24, "sessions": 5},
    2022: {"events": 23, "consultations": 29, "sessions": 6},
    2023: {"events": 25, "consultations": 33, "sessions": 6},
}

CAMPAIGN_THEMES = [
    "防范电信网络诈骗",
    "禁毒",
    "反邪教",
    "安全生产",
    "森林防火",
    "扫黑除恶常态化",
    "保障农民工工资支付",
    "未成年人保护",
    "防范非法集资",
    "平安建设",
]
LAWS = [
    "《中华人民共和国民法典》",
    "《中华人民共和国宪法》",
    "《中华人民共和国土地管理法》",
    "《中华人民共和国未成年人保护法》",
    "《中华人民共和国反电信网络诈骗法》",
    "《中华人民共和国家庭教育促进法》",
    "《中华人民共和国安全生产法》",
    "《中华人民共和国行政处罚法》",
    "《中华人民共和国森林法》",
    "《中华人民共和国禁毒法》",
]
OUTREACH = [
    ("送法进校园", "黄鹤小学"),
    ("送法进企业", "镇内农业合作社"),
    ("送法下乡", "村委会院坝"),
    ("送法进集市", "黄鹤场镇赶场日"),
]
CASES = ["土地承包经营权纠纷", "赡养纠纷", "电信诈骗典型案例", "邻里宅基地纠纷", "劳务报酬纠纷"]
RESPONSIBLE = [
    "镇司法所",
    "镇派出所",
    "镇综合行政执法办",
    "镇应急办",
    "镇市场监管所",
    "镇农业服务中心",
]
SURNAMES = "谭冉马秦向陈刘黄罗张王李杨周吴冯"
GIVEN = [
    "德华",
    "秀英",
    "永强",
    "桂兰",
    "大勇",
    "春燕",
    "国富",
    "小红",
    "明亮",
    "玉芬",
    "建军",
    "翠平",
]
QUESTIONS = {
    "marriage_family": "离婚时共同财产和子女抚养如何处理？",
    "inheritance": "父母未留遗嘱，兄弟姐妹如何继承房屋？",
    "land_housing": "土地承包经营权流转合同怎么签才有效？",
    "neighbour": "邻居排水流到自家院坝，应如何协商解决？",
    "contract_debt": "借款到期不还，没有借条能否起诉？",
    "labour": "在工地务工被拖欠工资，应向哪里投诉？",
    "tort": "被邻居家的狗咬伤，医药费由谁承担？",
    "consumer": "网购商品有质量问题，商家拒绝退货怎么办？",
    "administrative": "申请低保需要哪些材料和程序？",
    "other": "签订赡养协议需要注意什么？",
}
OUTCOMES = ["answered"] * 7 + ["to_legal_aid", "to_litigation", "other"]
STUDY_SUBJECTS = {
    "central_group": [
        "学习习近平法治思想",
        "学习《中华人民共和国宪法》",
        "学习《中华人民共和国民法典》",
        "学习《中华人民共和国行政复议法》",
        "学习《信访工作条例》",
    ],
    "lecture": ["依法行政专题讲座"],
    "court_hearing": ["旁听县人民法院行政诉讼案件庭审"],
    "law_report": ["领导干部年度述法"],
}
SESSION_KINDS = [
    "central_group",
    "central_group",
    "court_hearing",
    "central_group",
    "law_report",
    "central_group",
]


def _photo(rng: random.Random, text_seed: int) -> SimpleUploadedFile:
    """A simple drawn picture standing in for an event photo (no real photos in demo data)."""
    image = Image.new("RGB", (800, 600), (rng.randint(150, 230), rng.randint(150, 230), 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle([80, 380, 720, 560], fill=(183, 28, 28))
    for i in range(6):
        x = 120 + i * 100
        draw.ellipse([x, 250, x + 60, 310], fill=(60, 60, 60))
        draw.rectangle([x + 5, 310, x + 55, 380], fill=(40, 80, 160))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return SimpleUploadedFile(
        f"demo-photo-{text_seed}.jpg", out.getvalue(), content_type="image/jpeg"
    )


def _event_plan(rng: random.Random, year: int, count: int) -> list[dict]:
    """`count` events of one year: the two fixed campaigns plus a mix of the other kinds."""
    plan = [
        {
            "held_on": dt.date(year, 12, 4),
            "kind": "constitution_week",
            "title": f"{year}年“12·4”国家宪法日暨宪法宣传周集中宣传",
            "place": "黄鹤场镇广场",
            "laws_covered": LAWS[1],
        },
        {
            "held_on": dt.date(year, 5, rng.randint(10, 25)),
            "kind": "civil_code_month",
            "title": f"{year}年民法典宣传月进村宣讲",
            "place": "村委会院坝",
            "laws_covered": LAWS[0],
        },
    ]
    kinds = [
        "campaign",
        "lecture",
        "outreach",
        "case_explanation",
        "outreach",
        "campaign",
        "lecture",
        "other",
    ]
    for i in range(count - 2):
        kind = kinds[i % len(kinds)]
        month = 1 + (i * 12) // (count - 2)
        held_on = dt.date(year, month, rng.randint(3, 27))
        law = rng.choice(LAWS)
        if kind == "campaign":
            theme = CAMPAIGN_THEMES[(i + year) % len(CAMPAIGN_THEMES)]
            item = {"title": f"“{theme}”集中宣传", "place": "黄鹤场镇赶场日"}
        elif kind == "lecture":
            item = {"title": f"{law}专题讲座", "place": "镇政府会议室"}
        elif kind == "outreach":
            name, place = OUTREACH[i % len(OUTREACH)]
            item = {"title": f"{name}：学习{law}", "place": place}
        elif kind == "case_explanation":
            item = {"title": f"以案释法：{CASES[i % len(CASES)]}", "place": "村便民服务中心"}
        else:
            item = {"title": "法律明白人培训暨普法骨干座谈", "place": "镇政府会议室"}
        plan.append({**item, "held_on": held_on, "kind": kind, "laws_covered": law})
    return sorted(plan, key=lambda e: e["held_on"])


def _coming_events() -> None:
    """Two announced events after today, so the public 近期活动预告 and the iCal feed show some."""
    educator = User.objects.get(username="educator")
    today = timezone.localdate()
    week = dt.date(today.year, 12, 4)
    if week <= today:
        week = dt.date(today.year + 1, 12, 4)
    coming = [
        (
            week,
            f"{week.year}年“12·4”国家宪法日集中宣传",
            Event.Kind.CONSTITUTION_WEEK,
            "黄鹤场镇广场",
            "《中华人民共和国宪法》",
        ),
        (
            today + dt.timedelta(days=21),
            "送法进村：农村土地承包法律知识讲座",
            Event.Kind.OUTREACH,
            "平桥村村委会",
            "《中华人民共和国农村土地承包法》",
        ),
    ]
    for held_on, title, kind, place, law in coming:
        if Event.objects.filter(title=title, held_on=held_on).exists():
            continue
        services.create_event(
            actor=educator,
            held_on=held_on,
            title=title,
            kind=kind,
            place=place,
            organiser="黄鹤镇司法所",
            laws_covered=law,
            participants=0,
            materials=0,
            consultations_on_site=0,
            summary="活动预告（演示数据）：欢迎群众参加。",
        )


def load(stdout) -> None:
    _coming_events()
    if Event.objects.filter(title=MARKER).exists():
        stdout.write("普法演示数据已存在，跳过。")
        return
    rng = random.Random(2022)
    educator = User.objects.get(username="educator")
    cadres = list(
        User.objects.filter(
            username__in=[
                "leader",
                "report_office",
                "mediator",
                "petition_clerk",
                "legal_reviewer",
                "disclosure_officer",
                "educator",
            ]
        ).order_by("username")
    )
    villages = list(Village.objects.order_by("code"))
    photo_no = 0
    for year, sizes in YEARS.items():
        events = []
        for item in _event_plan(rng, year, sizes["events"]):
            village = rng.choice(villages) if item["place"] != "镇政府会议室" else None
            participants = rng.randint(30, 220)
            event = services.create_event(
                actor=educator,
                village=village,
                organiser="黄鹤镇人民政府",
                co_organisers=rng.choice(["镇司法所", "镇派出所、镇司法所", "", "镇妇联"]),
                responsible_unit=rng.choice(RESPONSIBLE),
                participants=participants,
                materials=participants * rng.randint(1, 3),
                consultations_on_site=rng.randint(0, 6),
                summary=f"围绕{item['laws_covered']}开展宣传，发放宣传资料，现场解答群众法律问题。（演示数据）",
                **item,
            )
            events.append(event)
            if event.kind in {"constitution_week", "civil_code_month"}:
                photo_no += 1
                services.add_event_photo(
                    event,
                    _photo(rng, photo_no),
                    actor=educator,
                    description="活动现场",
                    is_public=True,
                )
        for i in range(sizes["consultations"]):
            topic = rng.choice(list(QUESTIONS))
            named = rng.random() < 0.6
            services.create_consultation(
                actor=educator,
                consulted_on=dt.date(
                    year, 1 + (i * 12) // sizes["consultations"], rng.randint(1, 28)
                ),
                topic=topic,
                question=QUESTIONS[topic],
                answer_summary="已当场释明相关法律规定。",
                answered_by=rng.choice(["刘春梅", "马志清", "秦律和"]),
                outcome=rng.choice(OUTCOMES),
                person_name=(rng.choice(SURNAMES) + rng.choice(GIVEN)) if named else "",
                village=rng.choice(villages),
            )
        for i, kind in enumerate(SESSION_KINDS[: sizes["sessions"]]):
            absent = set(rng.sample(cadres, rng.randint(0, 2)))
            services.create_study_session(
                actor=educator,
                held_on=dt.date(year, 2 * i + 1, rng.randint(5, 25)),
                kind=kind,
                subject=rng.choice(STUDY_SUBJECTS[kind]),
                materials="学习材料由镇司法所提供。",
                attendees=[u for u in cadres if u not in absent],
                absentees=absent,
                absence_note="外出公干" if absent else "",
            )
        scores = [
            {"name": rng.choice(SURNAMES) + rng.choice(GIVEN), "score": Decimal(s)}
            for s in [rng.choice([55, 62, 68, 74, 78, 81, 85, 88, 90, 93, 96]) for _ in range(15)]
        ]
        services.create_test(
            actor=educator,
            held_on=dt.date(year, 11, 18),
            subject=f"{year}年度国家工作人员学法用法考试",
            max_score=Decimal(100),
            pass_mark=Decimal(60),
            scores=scores,
        )
    _liaisons(rng, educator, villages)
    stdout.write("普法演示数据：2021—2023年活动、咨询、干部学法、测试和法律明白人已载入。")


def _liaisons(rng: random.Random, educator, villages) -> None:
    for village in villages:
        for n in range(2):
            liaison = services.create_liaison(
                actor=educator,
                village=village,
                name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                appointed_on=dt.date(2021, 12, 1),
                occupation=["村干部", "网格员", "村民小组长", "退役军人"][(n + village.pk) % 4],
            )
            for year in (2022, 2023):
                if rng.random() < 0.8:
                    services.add_liaison_training(
                        liaison,
                        actor=educator,
                        trained_on=dt.date(year, 6, rng.randint(1, 28)),
                        subject=f"{year}年乡村“法律明白人”培训班",
                        hours=Decimal(4),
                    )
