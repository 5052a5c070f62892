from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "huanghe_portal"
    verbose_name = _("平台公共")
