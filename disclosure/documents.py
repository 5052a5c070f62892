"""The notices of an application as PDFs in the official layout (huanghe_portal.pdf)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huanghe_portal.pdf import render_pdf

from . import clock
from .models import Application

Outcome = Application.Outcome
# The wording of each answer (条例 Art 14–16, 30, 35–39); the officer's note follows it.
OUTCOME_TEXTS: dict[str, Promise] = {
    Outcome.GRANTED: gettext_lazy(
        "经审查，您申请获取的政府信息属于公开范围，根据《中华人民共和国政府信息公开条例》"
        "第三十六条第（二）项，本机关予以公开，按您选择的获取方式提供。"
    ),
    Outcome.PARTIAL: gettext_lazy(
        "经审查，您申请获取的政府信息中含有依法不应当公开的内容，根据《条例》第三十七条，"
        "本机关对可以公开的部分予以提供，对不予公开的部分说明理由。"
    ),
    Outcome.WITHHELD_STATE_SECRET: gettext_lazy(
        "经审查，您申请获取的政府信息属于国家秘密，根据《条例》第十四条，本机关不予公开。"
    ),
    Outcome.WITHHELD_PROHIBITED: gettext_lazy(
        "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的信息，"
        "根据《条例》第十四条，本机关不予公开。"
    ),
    Outcome.WITHHELD_SECURITY_STABILITY: gettext_lazy(
        "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、"
        "经济安全、社会稳定，根据《条例》第十四条，本机关不予公开。"
    ),
    Outcome.WITHHELD_THIRD_PARTY: gettext_lazy(
        "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等第三方合法权益，"
        "经书面征求意见，第三方不同意公开，根据《条例》第十五条，本机关不予公开。"
    ),
    Outcome.WITHHELD_INTERNAL_AFFAIRS: gettext_lazy(
        "经审查，您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等"
        "内部事务信息，根据《条例》第十六条第一款，本机关不予公开。"
    ),
    Outcome.WITHHELD_PROCESS_INFO: gettext_lazy(
        "经审查，您申请获取的政府信息属于讨论记录、过程稿、磋商信函、请示报告等"
        "过程性信息，根据《条例》第十六条第二款，本机关不予公开。"
    ),
    Outcome.WITHHELD_ENFORCEMENT_FILE: gettext_lazy(
        "经审查，您申请获取的政府信息属于行政执法案卷信息，"
        "根据《条例》第十六条第二款，本机关不予公开。"
    ),
    Outcome.WITHHELD_INQUIRY: gettext_lazy(
        "经审查，您申请获取的信息属于行政查询事项，有关法律、行政法规对信息的获取"
        "有特别规定，根据《条例》第三十六条第（七）项，请按照有关规定办理。"
    ),
    Outcome.UNAVAILABLE_NOT_HELD: gettext_lazy(
        "经检索，本机关未制作或获取您申请的政府信息，根据《条例》第三十六条"
        "第（四）项，告知您该政府信息不存在。"
    ),
    Outcome.UNAVAILABLE_NEEDS_CREATION: gettext_lazy(
        "经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析，"
        "根据《条例》第三十八条，本机关不予提供。"
    ),
    Outcome.UNAVAILABLE_UNCLEAR: gettext_lazy(
        "经补正后，您的申请内容仍不明确，本机关无法确定您所需的政府信息，无法提供。"
    ),
    Outcome.NOT_PROCESSED_PETITION: gettext_lazy(
        "您提出的申请属于信访、投诉、举报等诉求，根据《条例》第三十九条第一款，"
        "本机关不作为政府信息公开申请处理，请通过相应渠道提出。"
    ),
    Outcome.NOT_PROCESSED_REPEAT: gettext_lazy(
        "本机关已就您提出的相同内容申请作出答复，根据《条例》第三十六条第（六）项，不予重复处理。"
    ),
    Outcome.NOT_PROCESSED_PUBLICATION: gettext_lazy(
        "您申请获取的信息属于公开出版物，根据《条例》第三十九条第二款，请通过公开出版渠道获取。"
    ),
    Outcome.NOT_PROCESSED_EXCESSIVE: gettext_lazy(
        "您的申请数量、频次明显超过合理范围，且未说明理由或理由不合理，"
        "根据《条例》第三十五条，本机关不予处理。"
    ),
    Outcome.NOT_PROCESSED_CONFIRMATION: gettext_lazy(
        "您要求本机关确认或重新出具已获取的信息，不属于政府信息公开申请的处理范围，本机关不予处理。"
    ),
    Outcome.OTHER_NO_CORRECTION: gettext_lazy(
        "您未在补正期限内补正申请，根据《条例》第三十条，视为放弃申请，本机关不再处理。"
    ),
    Outcome.OTHER_NO_FEE: gettext_lazy(
        "您逾期未按收费通知要求缴纳信息处理费，视为放弃申请，本机关不再处理。"
    ),
    Outcome.OTHER: gettext_lazy("本机关对您的申请作如下处理。"),
}
# A refusal to disclose goes to 行政复议 first (行政复议法 2023 Art 23).
REFUSALS = {Outcome.PARTIAL, *(o for o in Outcome if o.value.startswith("withheld_"))}

TEMPLATES = {
    "receipt": "disclosure/pdf/receipt.html",
    "correction": "disclosure/pdf/correction.html",
    "extension": "disclosure/pdf/extension.html",
    "reply": "disclosure/pdf/reply.html",
}
TITLES = {
    "receipt": gettext_lazy("政府信息公开申请登记回执"),
    "correction": gettext_lazy("政府信息公开申请补正通知书"),
    "extension": gettext_lazy("政府信息公开申请延期答复告知书"),
    "reply": gettext_lazy("政府信息公开申请答复书"),
}


def available(app: Application) -> dict[str, str]:
    """The notices that exist for the application's history, code → title."""
    kinds = ["receipt"]
    if app.correction_notice_on:
        kinds.append("correction")
    if app.extension_days:
        kinds.append("extension")
    if app.status == Application.Status.REPLIED:
        kinds.append("reply")
    return {kind: str(TITLES[kind]) for kind in kinds}


def remedy_text(app: Application) -> str:
    """The remedies every reply states (行政复议法 Art 20, 23; 行政诉讼法 Art 46)."""
    from huanghe_portal.models import Township

    county = Township.current().county or _("县")
    if app.outcome in REFUSALS:
        return _(
            "如对本答复不服，可以自收到本答复之日起60日内向%(county)s人民政府申请行政复议；"
            "对不予公开决定不服的，应当先申请行政复议，对行政复议决定不服的，"
            "可以依法向人民法院提起行政诉讼。"
        ) % {"county": county}
    return _(
        "如对本答复不服，可以自收到本答复之日起60日内向%(county)s人民政府申请行政复议，"
        "或者自知道或者应当知道本答复之日起6个月内向人民法院提起行政诉讼。"
    ) % {"county": county}


def context(app: Application, kind: str) -> dict:
    due = clock.compute_reply_due(app)
    return {
        "app": app,
        "kind": kind,
        "title": TITLES[kind],
        "number": _("依申请〔%(year)s〕%(n)s号") % {"year": app.received_on.year, "n": app.pk},
        "due": due,
        "outcome_text": OUTCOME_TEXTS.get(app.outcome, ""),
        "remedy_text": remedy_text(app) if kind == "reply" else "",
        "refusal": app.outcome in REFUSALS,
    }


def render(app: Application, kind: str) -> bytes:
    return render_pdf(TEMPLATES[kind], context(app, kind))
