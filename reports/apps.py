from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("年度报告")

    def ready(self) -> None:
        from huanghe_portal import visibility

        from . import selectors
        from .models import Report

        visibility.register(
            Report, selectors.reports_visible_to, published=selectors.reports_published
        )
