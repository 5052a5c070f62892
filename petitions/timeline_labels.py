"""Chinese labels of this area's timeline action codes (huanghe_portal.timeline reads them)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "registered": _("登记"),
    "accepted": _("受理"),
    "not_accepted": _("不予受理"),
    "extended": _("延期"),
    "replied": _("答复"),
    "review_requested": _("申请复查"),
    "review_decided": _("复查决定"),
    "satisfaction": _("满意度"),
    "leader_assigned": _("包案领导"),
    "tracking_code_reissued": _("补发查询码"),
    "scheduled": _("安排接访"),
    "reception_recorded": _("接访记录"),
    "assigned": _("交办"),
    "feedback": _("代表反馈"),
    "classified": _("补充登记"),
}
