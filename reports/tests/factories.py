import factory

from reports import compose
from reports.models import ManualFigure, RenderJob, Report


class ReportFactory(factory.django.DjangoModelFactory):
    """A compiled report built directly in a given state (compiled from whatever areas the
    test's fixtures offer)."""

    class Meta:
        model = Report

    year = 2022
    kind = Report.Kind.RULE_OF_LAW
    edition = factory.Sequence(lambda n: n + 1)
    outline = "statutory"
    title = factory.LazyAttribute(lambda o: f"黄鹤镇人民政府关于{o.year}年法治政府建设情况的报告")

    @factory.lazy_attribute
    def figures(self):
        return compose.compile_year(self.year, self.kind).figures

    @factory.lazy_attribute
    def sections(self):
        compiled = compose.compile_year(self.year, self.kind)
        return compose.default_sections(self.outline, compiled, self.year)

    class Params:
        submitted = factory.Trait(status=Report.Status.SUBMITTED)
        approved = factory.Trait(status=Report.Status.APPROVED)
        published = factory.Trait(status=Report.Status.PUBLISHED)


class ManualFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManualFigure

    key = "service_staff"
    label = "便民服务中心干部职工"
    value = 6
    unit = "名"


class RenderJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RenderJob
