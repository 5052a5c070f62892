"""Chinese labels of this area's timeline action codes (huanghe_portal.timeline reads them)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "recorded": _("登记"),
    "attachment_added": _("上传照片/附件"),
    "trained": _("参加培训"),
}
