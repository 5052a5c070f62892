"""Chinese labels of this area's timeline action codes (huanghe_portal.timeline reads them)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "created": _("创建事项"),
    "requirement_changed": _("调整适用程序"),
    "comment_window_opened": _("公开征求意见"),
    "comment_received": _("收到公众意见"),
    "adoption_summarised": _("记录意见采纳情况"),
    "hearing_recorded": _("记录听证会"),
    "expert_review_recorded": _("记录专家论证"),
    "risk_assessed": _("记录风险评估"),
    "review_submitted": _("提交合法性审核"),
    "review_concluded": _("出具合法性审核意见"),
    "opened_on_changed": _("修改启动日期"),
    "discussed": _("集体讨论"),
    "signed_off": _("领导签发"),
    "published": _("公布"),
    "document_registered": _("登记规范性文件"),
    "document_repealed": _("废止规范性文件"),
    "evaluated": _("决策后评估"),
    "imported": _("台账导入"),
}
