"""Chinese labels of this area's timeline action codes (huanghe_portal.timeline reads them)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "compiled": _("汇编生成"),
    "recompiled": _("重新汇编数据"),
    "edited": _("修改"),
    "manual_figure": _("录入人工数据"),
    "submitted": _("提交审批"),
    "returned": _("退回修改"),
    "approved": _("批准"),
    "published": _("发布"),
    "render_requested": _("生成PDF"),
    "render_retried": _("重新生成PDF"),
}
