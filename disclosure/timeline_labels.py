"""Chinese labels of this area's timeline action codes (huanghe_portal.timeline reads them)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "created": _("创建"),
    "reviewed": _("保密和个人信息审查"),
    "published": _("发布"),
    "publish_blocked": _("定时发布未执行"),
    "withdrawn": _("撤回"),
    "validity_changed": _("变更有效性"),
    "received": _("收到申请"),
    "correction_requested": _("发出补正通知"),
    "correction_received": _("收到补正材料"),
    "abandoned": _("视为放弃申请"),
    "abandon_proposed": _("补正期限已过，提示决定是否视为放弃"),
    "abandon_undone": _("撤销视为放弃"),
    "fee_notice": _("发出收费通知"),
    "fee_paid": _("缴纳信息处理费"),
    "consultation_sent": _("征求意见"),
    "consultation_replied": _("收到征求意见回复"),
    "consultation_closed": _("结束征求意见"),
    "extended": _("延期答复"),
    "replied": _("答复"),
    "tracking_code_reissued": _("重新生成查询码"),
    "remedy_added": _("登记复议诉讼"),
    "remedy_concluded": _("复议诉讼结果"),
}
