"""Demo data of the decisions area, 2021–2023 (fictional). For 2022: one legal adviser engaged
(the seed report's "聘请1名专业律师担任政府法律顾问"), every matter requiring review reviewed,
Party-committee decisions and two hearings. Rows are written in their final states with a
timeline entry each; idempotent by title."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from huanghe_portal import timeline

from . import services
from .models import (
    CommentWindow,
    ExpertReview,
    Hearing,
    Kind,
    LegalAdviser,
    LegalityReview,
    Matter,
    Meeting,
    MeetingView,
    NormativeDocument,
    PublicComment,
    RiskAssessment,
)

User = get_user_model()
D = dt.date

# (year, month, kind, title, sponsor unit, meeting kind, hearing?)
MATTERS = [
    (
        2021,
        3,
        Kind.MAJOR_DECISION,
        "黄鹤镇集镇生活污水收集管网建设方案",
        "镇建设环保办",
        "party_committee",
        False,
    ),
    (
        2021,
        5,
        Kind.NORMATIVE_DOCUMENT,
        "黄鹤镇农村建房管理实施办法",
        "镇规划建设管理办",
        "government_meeting",
        False,
    ),
    (2021, 6, Kind.CONTRACT, "镇政府食堂服务外包合同", "镇党政办", "government_meeting", False),
    (
        2021,
        9,
        Kind.ENFORCEMENT_DECISION,
        "对某砂石厂违法占用林地的行政处罚决定",
        "镇综合行政执法办",
        "joint_meeting",
        False,
    ),
    (2021, 11, Kind.OTHER, "2022年度镇级财政预算安排", "镇财政所", "party_committee", False),
    (
        2022,
        2,
        Kind.MAJOR_DECISION,
        "黄鹤镇农村人居环境整治提升三年行动方案",
        "镇农业服务中心",
        "party_committee",
        True,
    ),
    (
        2022,
        3,
        Kind.NORMATIVE_DOCUMENT,
        "黄鹤镇村规民约备案审查办法",
        "镇民政办",
        "party_committee",
        False,
    ),
    (
        2022,
        4,
        Kind.MAJOR_DECISION,
        "黄鹤镇集镇农贸市场改造提升方案",
        "镇经济发展办",
        "party_committee",
        True,
    ),
    (
        2022,
        5,
        Kind.ENFORCEMENT_DECISION,
        "对某养殖场超标排放的行政处罚决定",
        "镇综合行政执法办",
        "joint_meeting",
        False,
    ),
    (
        2022,
        6,
        Kind.CONTRACT,
        "集镇道路保洁服务采购合同",
        "镇建设环保办",
        "government_meeting",
        False,
    ),
    (
        2022,
        7,
        Kind.NORMATIVE_DOCUMENT,
        "黄鹤镇临时救助实施细则",
        "镇社会事务办",
        "party_committee",
        False,
    ),
    (
        2022,
        8,
        Kind.MAJOR_DECISION,
        "黄鹤镇地质灾害隐患点搬迁安置方案",
        "镇应急办",
        "party_committee",
        False,
    ),
    (2022, 9, Kind.OTHER, "镇村干部法治培训年度计划", "镇综治办", "party_committee", False),
    (
        2022,
        10,
        Kind.ENFORCEMENT_DECISION,
        "对某建房户违法建设的限期拆除决定",
        "镇综合行政执法办",
        "government_meeting",
        False,
    ),
    (
        2022,
        11,
        Kind.CONTRACT,
        "黄鹤镇政府法律顾问服务合同续签",
        "镇党政办",
        "party_committee",
        False,
    ),
    (
        2023,
        3,
        Kind.MAJOR_DECISION,
        "黄鹤镇乡村旅游发展规划",
        "镇文化服务中心",
        "party_committee",
        True,
    ),
    (
        2023,
        5,
        Kind.NORMATIVE_DOCUMENT,
        "黄鹤镇农村集体资产管理办法",
        "镇财政所",
        "government_meeting",
        False,
    ),
    (
        2023,
        7,
        Kind.ENFORCEMENT_DECISION,
        "对某企业违规堆放固体废物的行政处罚决定",
        "镇综合行政执法办",
        "joint_meeting",
        False,
    ),
    (2023, 9, Kind.OTHER, "镇便民服务中心窗口调整方案", "镇便民服务中心", "party_committee", False),
]
MEMBERS = [
    "副书记 谭德明",
    "副镇长 冉光荣",
    "纪委书记 马秀英",
    "组织委员 秦文杰",
    "宣传委员 刘晓红",
]
PRINCIPAL = {
    "party_committee": "镇党委书记 向国栋",
    "government_meeting": "镇长 黄世平",
    "joint_meeting": "镇党委书记 向国栋",
}
COMMENTS = [
    "建议延长实施期限，给群众留出准备时间。",
    "希望增加对困难家庭的补助。",
    "建议公开资金使用明细。",
    "赞成该方案，希望尽快实施。",
    "建议听取各村村民代表意见。",
]


def _user(username: str):
    return User.objects.filter(username=username).first()


def load(stdout) -> None:
    rng = random.Random(2022)
    office, leader = _user("report_office"), _user("leader")
    adviser_user, reviewer_user = _user("legal_adviser"), _user("legal_reviewer")
    if not all([office, leader, adviser_user, reviewer_user]):
        stdout.write("依法决策：缺少演示账号，跳过。")
        return
    # 2020-07 to 2021-12: a lawyer without a portal account; 2022–2023: 秦律和 (one in 2022).
    LegalAdviser.objects.get_or_create(
        name="杨书仁",
        term_start=D(2020, 7, 1),
        defaults={
            "firm": "重庆某某律师事务所（演示）",
            "term_end": D(2021, 12, 31),
            "contract_number": "黄鹤法顾〔2020〕1号",
        },
    )
    adviser, _created = LegalAdviser.objects.get_or_create(
        name="秦律和",
        term_start=D(2022, 1, 1),
        defaults={
            "firm": "重庆某某律师事务所（演示）",
            "term_end": D(2023, 12, 31),
            "contract_number": "黄鹤法顾〔2022〕1号",
            "user": adviser_user,
        },
    )
    created = 0
    for year, month, kind, title, unit, meeting_kind, hearing in MATTERS:
        if Matter.objects.filter(title=title).exists():
            continue
        created += 1
        matter = _matter(
            rng,
            D(year, month, 3),
            kind,
            title,
            unit,
            meeting_kind,
            hearing,
            office=office,
            leader=leader,
            reviewer=adviser_user if year >= 2022 else reviewer_user,
            adviser=adviser if year >= 2022 else None,
        )
        # Decided matters are published through the service, so they reach the catalogue.
        matter.refresh_from_db()
        assert matter.signed_off_on is not None  # _matter signs every demo matter off
        published_on = matter.signed_off_on + dt.timedelta(days=3)
        if published_on <= timezone.localdate():
            services.publish_matter(matter, actor=office, published_on=published_on)
    created += _open_draft(office)
    stdout.write(f"依法决策：新建{created}个演示事项，法律顾问{LegalAdviser.objects.count()}名。")


def _open_draft(office) -> int:
    """One draft open for public comment around the day of loading, for the public site."""
    title = "黄鹤镇集镇停车管理办法（征求意见稿）"
    if Matter.objects.filter(title=title).exists():
        return 0
    today = timezone.localdate()
    matter = Matter.objects.create(
        kind=Kind.NORMATIVE_DOCUMENT,
        title=title,
        sponsor_unit="镇规划建设管理办",
        opened_on=today - dt.timedelta(days=10),
        created_by=office,
        summary="为规范集镇停车秩序，拟划定临时停车泊位并明确管理责任（演示数据）。",
    )
    CommentWindow.objects.create(
        matter=matter,
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=25),
        where_published="镇政府网站、集镇公示栏",
    )
    timeline.record(matter, actor=office, action="comment_window_opened", note="演示数据")
    return 1


def _matter(
    rng, opened, kind, title, unit, meeting_kind, hearing, *, office, leader, reviewer, adviser
) -> Matter:
    matter = Matter.objects.create(
        kind=kind,
        title=title,
        sponsor_unit=unit,
        opened_on=opened,
        created_by=office,
        summary=f"{title}（演示数据）：由{unit}拟订草案，按程序提请集体讨论决定。",
        art58_trigger=(
            Matter.Art58Trigger.PUBLIC_INTEREST if kind == Kind.ENFORCEMENT_DECISION else ""
        ),
    )
    day = opened
    if kind in (Kind.MAJOR_DECISION, Kind.NORMATIVE_DOCUMENT):
        window = CommentWindow.objects.create(
            matter=matter,
            opens_on=day + dt.timedelta(days=2),
            closes_on=day + dt.timedelta(days=31),
            where_published="镇政府网站、各村（社区）公示栏",
        )
        comments = PublicComment.objects.bulk_create(
            [
                PublicComment(
                    window=window,
                    submitted_on=day + dt.timedelta(days=5 + i),
                    content=rng.choice(COMMENTS),
                    adopted=(i % 2 == 0),
                )
                for i in range(rng.randint(1, 4))
            ]
        )
        window.adoption_summary = f"共收到意见{len(comments)}条，采纳{(len(comments) + 1) // 2}条。"
        window.save(update_fields=["adoption_summary"])
        day += dt.timedelta(days=33)
    if kind == Kind.MAJOR_DECISION:
        ExpertReview.objects.create(
            matter=matter,
            held_on=day,
            experts=["县规划设计院专家", "西南某高校教授"],
            opinion="方案总体可行，建议细化资金保障。",
        )
        RiskAssessment.objects.create(
            matter=matter,
            assessed_on=day + dt.timedelta(days=1),
            level=rng.choice(["low", "medium"]),
            points="部分群众对补偿标准存在疑虑。",
            measures="入户宣传解释，设立意见反馈渠道。",
        )
        day += dt.timedelta(days=3)
    if hearing:
        Hearing.objects.create(
            matter=matter,
            held_on=day + dt.timedelta(days=10),
            materials_sent_on=day,
            participants=["村民代表", "人大代表", "相关企业代表"],
            record="听证参加人陈述意见，经确认签字。",
        )
        day += dt.timedelta(days=11)
    if kind != Kind.CONTRACT and kind != Kind.OTHER:
        concluded = day + dt.timedelta(days=14)
        LegalityReview.objects.create(
            matter=matter,
            reviewer=reviewer,
            adviser=adviser,
            submitted_on=day,
            concluded_on=concluded,
            result=rng.choice(["lawful", "lawful", "lawful_after_changes"]),
            opinion="草案符合法定权限和程序，内容合法。",
            changes="已按审核意见修改相关条款。",
            workdays_taken=10,
        )
        day = concluded
    held = day + dt.timedelta(days=5)
    meeting = Meeting.objects.create(
        matter=matter,
        meeting_kind=meeting_kind,
        held_on=held,
        agenda=title,
        result=Meeting.Result.ADOPTED,
        recorded_by=leader,
    )
    speakers = rng.sample(MEMBERS, 3)
    MeetingView.objects.bulk_create(
        [
            MeetingView(
                meeting=meeting, position=i, name=name, opinion="同意该方案。", stance="agree"
            )
            for i, name in enumerate(speakers, start=1)
        ]
        + [
            MeetingView(
                meeting=meeting,
                position=4,
                name=PRINCIPAL[meeting_kind],
                opinion="同意，按程序组织实施。",
                stance="agree",
                is_principal=True,
            )
        ]
    )
    signed = held + dt.timedelta(days=2)
    Matter.objects.filter(pk=matter.pk).update(
        status=Matter.Status.SIGNED_OFF,
        decided_on=held,
        signed_off_by=leader,
        signed_off_on=signed,
        current_reviewer=reviewer if kind not in (Kind.CONTRACT, Kind.OTHER) else None,
        last_result="lawful" if kind not in (Kind.CONTRACT, Kind.OTHER) else "",
    )
    if kind == Kind.NORMATIVE_DOCUMENT:
        NormativeDocument.objects.create(
            matter=matter,
            document_number=f"黄鹤府发〔{signed.year}〕{opened.month}号",
            registration_number=f"SZ-HH-{signed.year}-{opened.month:02d}",
            issued_on=signed,
            effective_on=signed + dt.timedelta(days=30),
        )
    timeline.record(matter, actor=office, action="created", note="演示数据")
    timeline.record(matter, actor=leader, action="signed_off", note="演示数据")
    return matter
