from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalEducationConfig(AppConfig):
    name = "legal_education"
    verbose_name = _("普法宣传")
