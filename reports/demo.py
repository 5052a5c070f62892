"""Demo data: the 2021 rule-of-law report, compiled from the demo records, approved and
published (so that the public list has a report; 2022 is left for the office to compile)."""

from django.contrib.auth import get_user_model

from huanghe_portal.people import display_name

from . import selectors, services
from .models import Report

YEAR = 2021


def load(stdout) -> None:
    if Report.objects.filter(year=YEAR, kind=Report.Kind.RULE_OF_LAW).exists():
        return
    users = get_user_model().objects
    office, leader = users.get(username="report_office"), users.get(username="leader")
    report = services.create_report(actor=office, year=YEAR, kind=Report.Kind.RULE_OF_LAW)
    signer = display_name(leader)
    report = services.update_report(
        report,
        actor=office,
        document_number="黄鹤府文〔2022〕3号",
        signer=signer,
        version=report.version,
    )
    report = services.submit_report(report, actor=office)
    if any(selectors.report_problems(report).values()):
        stdout.write(f"reports: {report.title}（已提交，待补充后审批）")
        return
    report = services.approve_report(report, actor=leader)
    services.publish_report(report, actor=office)
    stdout.write(f"reports: {report.title}（已发布）")
