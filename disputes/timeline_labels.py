"""Chinese labels of this area's timeline action codes (huanghe_portal.timeline reads them)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "registered": _("登记"),
    "handed_over_in": _("转来登记"),
    "party_added": _("补充当事人"),
    "party_updated": _("修改当事人"),
    "accepted": _("受理"),
    "rejected": _("不予受理"),
    "session_added": _("调解记录"),
    "succeeded": _("调解成功"),
    "failed": _("调解不成，终止调解"),
    "withdrawn": _("撤回"),
    "followed_up": _("回访"),
    "judicial_confirmation": _("司法确认"),
    "archived": _("归档"),
    "member_added": _("增加委员"),
    "member_updated": _("修改委员"),
}
