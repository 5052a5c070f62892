"""The outlines (templates) of the two report kinds and the required parts they must cover.

`statutory` follows DOMAIN §7: the five contents of the 法治政府建设与责任落实督察工作规定 as
一级标题, the areas feeding the sub-sections of 一. `seed2022` is the outline the town used in
2022 (一、工作开展情况 (一)–(六), 二、存在的主要问题, 三、下一步工作打算): kept because it is
how the town writes, and flagged by the required-parts check. `disclosure` is the fixed six
sections of the 政府信息公开工作年度报告 (DOMAIN §2.5)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Part:
    key: str
    heading: str  # may contain {year} / {next_year}
    level: int = 1  # 1: 一、 (黑体), 2: （一） (楷体)
    requires: str = ""  # the required content this part covers
    # Topics of the area paragraphs that fill it ("<app>" or "<app>.<topic>", see
    # huanghe_portal.reporting.Paragraph): each figure's sentence in the one part it belongs to.
    feeds: tuple[str, ...] = ()
    text: str = ""  # default narrative
    table: str = ""  # a statutory table shown under the part
    chart: str = ""  # an SVG chart shown under the part


# Narrative no record can give starts as this mark, which the office replaces; a part still
# holding it does not count as covered.
PLACEHOLDER = "【待填写："

# The required contents (DOMAIN §7 for rule_of_law, 条例 Art 50 / §2.5 for disclosure; section
# 一 of the disclosure report covers the five subjects of 国办公开办函〔2021〕30号).
REQUIRED = {
    "rule_of_law": {
        "measures": _("上一年度推进法治政府建设的主要举措和成效"),
        "shortcomings": _("上一年度推进法治政府建设存在的不足和原因"),
        "principals": _("党政主要负责人履行推进法治建设第一责任人职责情况"),
        "plans": _("下一年度推进法治政府建设的主要安排"),
        "other": _("其他需要报告的情况"),
    },
    "disclosure": {
        "overview": _("总体情况"),
        "overview.proactive": _("总体情况：主动公开"),
        "overview.applications": _("总体情况：依申请公开"),
        "overview.management": _("总体情况：政府信息管理"),
        "overview.platform": _("总体情况：政府信息公开平台建设"),
        "overview.oversight": _("总体情况：监督保障（含工作考核、社会评议和责任追究结果）"),
        "proactive": _("主动公开政府信息情况"),
        "applications": _("收到和处理政府信息公开申请情况"),
        "review": _("政府信息公开行政复议、行政诉讼情况"),
        "problems": _("存在的主要问题及改进情况"),
        "other": _("其他需要报告的事项"),
    },
}

# Figures a part must state (as references) to cover its required content, always or only
# when the records show something (a fee collected): a part that does not, says something the
# records do not back ("本年度未收取信息处理费" while 100 元 were collected).
REQUIRED_FIGURES: dict[str, dict[str, tuple[tuple[str, bool], ...]]] = {
    "disclosure": {
        "overview.proactive": (("disclosure.items_published", False),),
        "overview.applications": (("disclosure.applications", False),),
        "other": (("disclosure.fees_collected", True), ("disclosure.fee_amount", True)),
    },
}

SHORTCOMINGS = (
    "（一）法治氛围还不够浓厚。村民法律基础较差，生活中接触法律机会不多，全民学法的意识还不够浓厚。\n"
    "（二）缺乏专业人才队伍。镇村两级拥有一定法律专业知识人员较少，开展普法工作无法进行全面覆盖，"
    "镇村干部队伍综合素质有待提升。"
)
PLANS = (
    "（一）进一步加强党对法治建设工作的领导。以习近平法治思想为引领，把党的领导贯彻到法治建设的全过程和各方面。\n"
    "（二）压实各级责任，推进法治建设。明确法治建设的责任分工，把法治建设纳入年终考核内容。\n"
    "（三）深入推进法治学习，加强法治队伍建设。通过法律知识讲座、法律知识测试等方式督促党员干部主动学法。"
)

OUTLINES: dict[str, list[Part]] = {
    "statutory": [
        Part(
            "measures",
            "一、{year}年推进法治政府建设的主要举措和成效",
            requires="measures",
            text="{year}年，我镇在县委、县政府的坚强领导下，严格依法履行法定职责，"
            "规范行政行为，推进法治政府建设，现将有关情况报告如下。",
        ),
        Part(
            "measures.leadership",
            "（一）加强党的领导，压实法治政府建设责任",
            level=2,
            text="镇党委把习近平法治思想纳入党委理论学习中心组重点学习内容，成立由镇党委书记、"
            "镇长任组长的法治建设领导小组，办公室设在镇综治办。",
        ),
        Part(
            "measures.functions",
            "（二）依法全面履行政府职能",
            level=2,
            text="按照“公正、便民、廉洁、高效”的原则，建立健全镇、村、组三级便民服务网络。",
        ),
        Part(
            "measures.decisions",
            "（三）推进行政决策科学化民主化法治化",
            level=2,
            # the deputies' suggestions are how decisions hear the people (the seed's (四))
            feeds=("decisions", "petitions.deputies"),
        ),
        Part(
            "measures.enforcement",
            "（四）严格规范公正文明执法",
            level=2,
            text="落实行政执法公示、执法全过程记录、重大执法决定法制审核制度。",
        ),
        Part(
            "measures.oversight",
            "（五）强化行政权力制约和监督",
            level=2,
            feeds=("disclosure",),
            text="坚持以公开为常态、不公开为例外，自觉接受人大监督、民主监督和社会监督。",
        ),
        Part(
            "measures.disputes",
            "（六）依法预防化解社会矛盾纠纷",
            level=2,
            feeds=("disputes", "petitions"),
            chart="disputes_by_month+disputes_by_category",
        ),
        Part(
            "measures.education",
            "（七）深化法治宣传教育",
            level=2,
            feeds=("legal_education",),
            chart="education_by_kind",
            text="落实“谁执法谁普法”普法责任制，深入推进“八五”普法。",
        ),
        Part(
            "shortcomings",
            "二、{year}年推进法治政府建设存在的不足和原因",
            requires="shortcomings",
            text=SHORTCOMINGS,
        ),
        Part(
            "principals",
            "三、{year}年党政主要负责人履行推进法治建设第一责任人职责情况",
            requires="principals",
            text="镇党委书记、镇长切实履行推进法治建设第一责任人职责，"
            "坚持重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。",
        ),
        Part("plans", "四、{next_year}年推进法治政府建设的主要安排", requires="plans", text=PLANS),
        Part("other", "五、其他需要报告的情况", requires="other", text="无。"),
    ],
    "seed2022": [
        Part(
            "work",
            "一、法治政府建设工作开展情况",
            requires="measures",
            text="{year}年，在县委、县政府的坚强领导下，在县司法局的指导和大力支持下，"
            "我镇严格依法履行法定职责，规范行政行为，现将我镇{year}年度法治政府建设情况报告如下。",
        ),
        Part(
            "work.thought",
            "（一）深学笃用习近平法治思想，推进法治政府建设。",
            level=2,
            text="成立法治建设领导小组，由镇党委书记、镇长任组长，办公室设在镇综治办。",
        ),
        Part(
            "work.disputes",
            "（二）扎实排查调处，化解矛盾纠纷。",
            level=2,
            feeds=("disputes", "petitions"),
            chart="disputes_by_month+disputes_by_category",
        ),
        Part(
            "work.services",
            "（三）不断提升政府服务质效。",
            level=2,
            text="在镇政府一楼设立便民服务中心，并安排干部职工{{ manual.service_staff }}，"
            "落实计生、民政、财政、社保、信访等便民服务窗口。",
        ),
        Part(
            "work.decisions",
            "（四）健全依法决策机制，行政决策更加科学民主。",
            level=2,
            feeds=("decisions", "petitions.deputies", "disclosure"),
        ),
        Part(
            "work.enforcement",
            "（五）深化行政执法责任制，规范执法行为。",
            level=2,
            text="凡涉及重大公共利益和群众切身利益的决策事项，都进行了听证。",
        ),
        Part(
            "work.education",
            "（六）加强普法宣传，营造法治建设良好社会环境。",
            level=2,
            feeds=("legal_education",),
            chart="education_by_kind",
        ),
        Part("problems", "二、存在的主要问题", requires="shortcomings", text=SHORTCOMINGS),
        Part("next", "三、下一步工作打算", requires="plans", text=PLANS),
    ],
    "disclosure": [
        Part(
            "overview",
            "一、总体情况",
            requires="overview",
            text="本报告根据《中华人民共和国政府信息公开条例》第五十条编制。"
            "数据统计期限为{year}年1月1日至12月31日。",
        ),
        Part(
            "overview.proactive",
            "（一）主动公开",
            level=2,
            requires="overview.proactive",
            feeds=("disclosure.proactive",),
        ),
        Part(
            "overview.applications",
            "（二）依申请公开",
            level=2,
            requires="overview.applications",
            feeds=("disclosure.applications",),
        ),
        Part(
            "overview.management",
            "（三）政府信息管理",
            level=2,
            requires="overview.management",
            feeds=("disclosure.management",),
        ),
        Part(
            "overview.platform",
            "（四）政府信息公开平台建设",
            level=2,
            requires="overview.platform",
            text=PLACEHOLDER + "政府网站、政务新媒体、政务公开栏等平台的建设和维护情况】",
        ),
        Part(
            "overview.oversight",
            "（五）监督保障",
            level=2,
            requires="overview.oversight",
            feeds=("disclosure.oversight",),
            text=PLACEHOLDER + "工作考核、社会评议和责任追究结果情况（条例第五十条）】",
        ),
        Part("proactive", "二、主动公开政府信息情况", requires="proactive", table="section2"),
        Part(
            "applications",
            "三、收到和处理政府信息公开申请情况",
            requires="applications",
            table="section3",
        ),
        Part(
            "review", "四、政府信息公开行政复议、行政诉讼情况", requires="review", table="section4"
        ),
        Part(
            "problems",
            "五、存在的主要问题及改进情况",
            requires="problems",
            text="政府信息公开工作的主动性、规范性还需加强。下一步将加强培训，及时更新公开内容。",
        ),
        Part("other", "六、其他需要报告的事项", requires="other", feeds=("disclosure.fees",)),
    ],
}

OUTLINE_LABELS = {
    "statutory": _("法定五项内容（推荐）"),
    "seed2022": _("2022年本镇报告提纲"),
    "disclosure": _("政府信息公开年度报告（国办格式）"),
}
DEFAULT_OUTLINE = {"rule_of_law": "statutory", "disclosure": "disclosure"}
OUTLINES_FOR_KIND = {"rule_of_law": ("statutory", "seed2022"), "disclosure": ("disclosure",)}


def title_for(kind: str, year: int, government_name: str) -> str:
    if kind == "disclosure":
        return f"{government_name}{year}年政府信息公开工作年度报告"
    return f"{government_name}关于{year}年法治政府建设情况的报告"
