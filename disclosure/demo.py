"""Demo data 2021–2023 for the disclosure area: a catalogue of a few hundred items and
applications with a spread of outcomes and applicant kinds (all fictional, own wording)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from huanghe_portal.models import TimelineEntry, Township, Village
from huanghe_portal.personal_data import credit_code_check_char, id_check_char
from huanghe_portal.workdays import add_workdays

from . import search, services
from .models import Application, Category, Item

YEARS = (2021, 2022, 2023)
MARKER = "（演示）黄鹤镇政府信息公开指南修订说明"
TOPICS = {
    "org_info": ["领导班子分工调整", "内设机构职责", "便民服务中心窗口设置", "办公地址和办公时间"],
    "normative_documents": [
        "村规民约修订指导意见",
        "农村人居环境整治管理办法",
        "矛盾纠纷多元化解实施办法",
        "集镇管理暂行规定",
    ],
    "plans": ["乡村振兴实施规划", "集镇建设三年行动计划", "农村公路养护计划"],
    "statistics": ["农业生产情况统计", "人口和户籍情况", "农村居民收入情况"],
    "licensing": ["农村建房审批结果", "临时占道许可事项", "办事指南更新"],
    "enforcement": ["综合行政执法事项清单", "行政处罚决定", "执法检查情况"],
    "finance": ["部门预算", "部门决算", "三公经费使用情况", "财政专项资金分配"],
    "fees": ["行政事业性收费项目目录"],
    "procurement": ["政府采购意向", "政府采购结果"],
    "major_projects": ["集镇污水处理工程实施情况", "高标准农田建设项目", "安全饮水工程"],
    "livelihood": ["困难群众医疗救助", "就业援助专项行动", "义务教育资助", "城乡居民养老保险"],
    "emergency": ["防汛抗旱应急预案", "森林防火预警信息", "地质灾害避险演练"],
    "supervision": ["安全生产检查情况", "食品安全检查情况", "环境保护督查整改"],
    "recruitment": ["公益性岗位招聘公告", "招聘结果公示"],
    "agriculture_policy": ["耕地地力保护补贴发放", "农机购置补贴公示", "特色产业扶持政策"],
    "water_conservancy": ["山坪塘整治工程", "农田灌溉渠系维修"],
    "land_transfer": ["土地承包经营权流转情况", "流转合同备案"],
    "homestead": ["宅基地使用审核情况", "农村宅基地审批结果"],
    "land_expropriation": ["土地征收公告", "征地补偿安置方案"],
    "housing_expropriation": ["房屋征收补偿方案"],
    "fundraising_labour": ["一事一议筹资筹劳方案"],
    "social_assistance": ["最低生活保障对象公示", "特困人员供养情况", "临时救助发放情况"],
    "decisions": ["集镇规划修编决策", "农贸市场改造决策", "重大事项民意调查"],
    "policy_interpretation": ["人民调解工作政策解读", "低保政策问答", "耕地保护政策解读"],
    "annual_reports": ["政府信息公开工作年度报告", "法治政府建设年度报告"],
}
SURNAMES = "谭冉秦向马刘陈王李张黄杨周吴"
GIVEN = ["明", "芳", "建国", "小红", "志强", "海燕", "德华", "春梅", "国庆", "文"]
ORGS = {
    "commercial_enterprise": ["石柱某某农业开发有限公司", "黄鹤镇某某建材经营部"],
    "research_institution": ["某某大学乡村治理研究中心"],
    "public_interest_org": ["某某县乡村公益服务社"],
    "legal_service_org": ["重庆某某律师事务所"],
    "other": ["某某村股份经济合作联合社"],
}
WANTS = [
    "本村低保对象名单及评定依据",
    "集镇污水处理工程招标文件",
    "本组土地征收补偿标准",
    "本人宅基地审批档案",
    "某年度财政决算说明",
    "农贸市场改造决策的会议纪要",
    "高标准农田建设项目验收报告",
    "某村道路硬化工程的资金使用情况",
]
OUTCOMES = (
    ["granted"] * 10
    + ["partial"] * 3
    + ["unavailable_not_held"] * 3
    + [
        "withheld_third_party",
        "withheld_process_info",
        "withheld_internal_affairs",
        "not_processed_petition",
        "not_processed_repeat",
        "unavailable_needs_creation",
        "not_processed_publication",
        "other",
    ]
)


def load(stdout) -> None:
    if Item.objects.filter(title=MARKER).exists():
        stdout.write("政府信息公开：演示数据已存在，跳过。")
        return
    officer = get_user_model().objects.get(username="disclosure_officer")
    rng = random.Random(2022)
    with transaction.atomic():
        items = _items(rng, officer)
        applications = _applications(rng, officer)
    stdout.write(f"政府信息公开：公开信息 {items} 条，依申请公开 {applications} 件。")


def _items(rng: random.Random, officer) -> int:
    township = Township.current()
    categories = {c.code: c for c in Category.objects.all()}
    villages = list(Village.objects.values_list("name", flat=True)) or ["黄鹤村"]
    rows = []
    for year in YEARS:
        seq = 0
        for code, topics in TOPICS.items():
            for _n in range(rng.randint(2, 5)):
                topic = rng.choice(topics)
                generated = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
                published = min(
                    generated + dt.timedelta(days=rng.randint(1, 15)), dt.date(year, 12, 31)
                )
                seq += 1
                village = rng.choice(villages)
                numbered = code in ("normative_documents", "decisions", "finance", "plans")
                rows.append(
                    Item(
                        title=f"黄鹤镇{year}年{topic}"
                        if rng.random() < 0.6
                        else f"关于{village}{topic}的公告",
                        category=categories[code],
                        generated_on=generated,
                        publisher=township.government_name,
                        document_number=f"黄鹤府发〔{year}〕{seq}号" if numbered else "",
                        summary=f"{topic}有关情况，供群众查阅监督。",
                        body=(
                            f"根据有关规定，现将{village}{topic}有关情况公开如下。"
                            f"镇人民政府坚持依法行政，畅通群众诉求渠道，做好矛盾纠纷排查调解，"
                            f"欢迎社会各界监督。如有疑问，请在工作日联系镇党政办公室。"
                        ),
                        validity=Item.Validity.INVALID
                        if rng.random() < 0.05
                        else Item.Validity.VALID,
                        status=Item.Status.PUBLISHED,
                        secrecy_checked=True,
                        privacy_checked=True,
                        reviewed_by=officer,
                        created_by=officer,
                        reviewed_at=_at(published),
                        published_at=_at(published),
                        published_on=published,
                        index_number=f"{township.doc_prefix or 'GK'}-{year}-{seq:05d}",
                    )
                )
    rows.append(
        Item(
            title=MARKER,
            category=categories["org_info"],
            generated_on=dt.date(2023, 1, 5),
            publisher=township.government_name,
            summary="公开指南修订情况。",
            body="本镇根据条例第十二条修订政府信息公开指南。",
            status=Item.Status.DRAFT,
            created_by=officer,
        )
    )
    created = Item.objects.bulk_create(rows, batch_size=1000)
    for item in created:
        Item.objects.filter(pk=item.pk).update(**search.index_values(item))
    content_type = ContentType.objects.get_for_model(Item)
    TimelineEntry.objects.bulk_create(
        [
            TimelineEntry(
                content_type=content_type,
                object_id=item.pk,
                actor=officer,
                action=action,
                at=item.published_at,
                note=note,
            )
            for item in created
            if item.published_at
            for action, note in (("reviewed", ""), ("published", item.index_number or ""))
        ],
        batch_size=2000,
    )
    return len(created)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30)))


def _person(rng: random.Random, kind: str) -> dict:
    if kind == "natural_person":
        born = dt.date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
        first17 = f"500240{born:%Y%m%d}{rng.randint(100, 999)}"
        return {
            "applicant_name": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "id_number": first17 + id_check_char(first17),
        }
    first17 = f"91500240MA{rng.randint(1000000, 9999999)}"
    return {
        "applicant_name": rng.choice(ORGS[kind]),
        "credit_code": first17 + credit_code_check_char(first17),
    }


def _applications(rng: random.Random, officer) -> int:
    kinds = ["natural_person"] * 6 + list(ORGS)
    count = 0
    for year, n in zip(YEARS, (12, 18, 15), strict=True):
        for i in range(n):
            # The last two of a year arrive in late December and are answered in January.
            received = (
                dt.date(year, 12, 20 + i % 2)
                if i >= n - 2
                else dt.date(year, 1 + i * 11 // n, rng.randint(1, 28))
            )
            kind = rng.choice(kinds)
            app = services.submit_application(
                actor=officer,
                applicant_kind=kind,
                phone=f"139{rng.randint(10000000, 99999999)}",
                description=rng.choice(WANTS),
                delivery=rng.choice(["email", "post", "pickup"]),
                received_on=received,
                channel=rng.choice(["online", "letter", "visit", "fax"]),
                **_person(rng, kind),
            )
            _work_through(rng, officer, app, i)
            _date_timeline(app)
            count += 1
    return count


def _work_through(rng: random.Random, officer, app: Application, i: int) -> None:
    """Steps in the past: a correction (one abandoned), a consultation, an extension."""
    if i == 1:
        app = services.request_correction(
            app,
            actor=officer,
            notice_on=add_workdays(app.received_on, 3).due,
            items="请写明所需信息的形成年份和具体村组。",
        )
        app = services.register_correction(
            app, actor=officer, received_on=add_workdays(app.received_on, 8).due
        )
    elif i == 2:
        notice = add_workdays(app.received_on, 2).due
        app = services.request_correction(
            app,
            actor=officer,
            notice_on=notice,
            items="请提供身份证明并写明所需信息名称。",
            deadline=notice + dt.timedelta(days=15),
        )
        services.abandon_application(
            app,
            actor=officer,
            reason="两次电话联系未补正，亦未说明理由。",
            on=notice + dt.timedelta(days=16),
        )
        return
    if i == 3:
        app = services.start_consultation(
            app,
            actor=officer,
            sent_on=add_workdays(app.received_on, 4).due,
            party="相关第三方（村民）",
        )
        app = services.register_consultation_reply(
            app, actor=officer, replied_on=add_workdays(app.received_on, 10).due
        )
    if i == 4:
        app = services.extend_application(
            app,
            actor=officer,
            approved_by=get_user_model().objects.get(username="leader"),
            days=10,
            notice_on=add_workdays(app.received_on, 18).due,
        )
    outcome = "withheld_third_party" if i == 3 else rng.choice(OUTCOMES)
    replied = add_workdays(app.received_on, rng.randint(5, 19)).due
    if i == 4:
        replied = app.reply_due
    app = services.reply_application(
        app,
        actor=officer,
        replied_on=min(replied, app.reply_due),
        outcome=outcome,
        fee_amount=Decimal("100.00") if i == 5 else None,
    )
    if i == 6:
        assert app.replied_on is not None  # reply_application sets it
        services.add_remedy(
            app,
            actor=officer,
            kind="reconsideration",
            filed_on=app.replied_on + dt.timedelta(days=20),
            body="石柱土家族自治县人民政府",
            result="upheld",
            concluded_on=app.replied_on + dt.timedelta(days=80),
        )


STEP_DATES = {
    "received": "received_on",
    "correction_requested": "correction_notice_on",
    "correction_received": "correction_received_on",
    "extended": "extension_notice_on",
    "replied": "replied_on",
    "abandoned": "concluded_on",
}


def _date_timeline(app: Application) -> None:
    """Demo steps happened in 2021–2023: date their timeline entries on the step dates."""
    app.refresh_from_db()
    consultation = app.consultations.first()
    remedy = app.remedies.first()
    extra = {
        "consultation_sent": consultation.sent_on if consultation else None,
        "consultation_replied": consultation.replied_on if consultation else None,
        "remedy_added": remedy.filed_on if remedy else None,
    }
    content_type = ContentType.objects.get_for_model(Application)
    for entry in TimelineEntry.objects.filter(content_type=content_type, object_id=app.pk):
        field = STEP_DATES.get(entry.action)
        day = getattr(app, field) if field else extra.get(entry.action)
        if day:
            entry.at = _at(day)
            entry.save(update_fields=["at"])
