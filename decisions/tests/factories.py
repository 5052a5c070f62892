"""Factories that build matters directly in a given state (test set-up, not workflow)."""

import datetime as dt

import factory

from decisions.models import (
    CommentWindow,
    ExpertReview,
    Hearing,
    Kind,
    LegalAdviser,
    LegalityReview,
    Matter,
    Meeting,
    MeetingView,
    RiskAssessment,
)

D = dt.date


class MatterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matter

    kind = Kind.OTHER
    title = factory.Sequence(lambda n: f"黄鹤镇测试决策事项{n}")
    summary = "草案摘要：规范镇内集贸市场管理。"
    sponsor_unit = "镇经济发展办公室"
    opened_on = D(2022, 3, 1)

    class Params:
        major = factory.Trait(kind=Kind.MAJOR_DECISION)
        normative = factory.Trait(kind=Kind.NORMATIVE_DOCUMENT)
        enforcement = factory.Trait(kind=Kind.ENFORCEMENT_DECISION)


class CommentWindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommentWindow

    matter = factory.SubFactory(MatterFactory)
    opens_on = D(2022, 3, 2)
    closes_on = D(2022, 4, 1)
    where_published = "镇政府网站"


class HearingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hearing

    matter = factory.SubFactory(MatterFactory)
    held_on = D(2022, 4, 10)
    materials_sent_on = D(2022, 4, 1)
    participants = ["村民代表甲", "村民代表乙"]
    record = "听证笔录"


class ExpertReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertReview

    matter = factory.SubFactory(MatterFactory)
    held_on = D(2022, 4, 5)
    experts = ["专家甲"]
    opinion = "方案可行"


class RiskAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskAssessment

    matter = factory.SubFactory(MatterFactory)
    assessed_on = D(2022, 4, 6)
    level = RiskAssessment.Level.LOW
    points = "群众理解不足"
    measures = "入户宣传"


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalityReview

    matter = factory.SubFactory(MatterFactory)
    submitted_on = D(2022, 4, 11)

    class Params:
        lawful = factory.Trait(
            concluded_on=D(2022, 4, 25), result="lawful", opinion="合法", workdays_taken=10
        )


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    matter = factory.SubFactory(MatterFactory)
    meeting_kind = Meeting.MeetingKind.PARTY_COMMITTEE
    held_on = D(2022, 5, 6)
    result = Meeting.Result.ADOPTED

    @factory.post_generation
    def views(self, create, extracted, **kwargs):
        names = extracted or ["委员甲", "委员乙", "书记"]
        for i, name in enumerate(names, start=1):
            MeetingView.objects.create(
                meeting=self,
                position=i,
                name=name,
                opinion="同意",
                stance="agree",
                is_principal=i == len(names),
            )


class LegalAdviserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalAdviser

    name = "秦律和"
    firm = "重庆某某律师事务所"
    term_start = D(2022, 1, 1)
    term_end = D(2022, 12, 31)


def reviewed_matter(reviewer, **kwargs) -> Matter:
    """A matter whose legality review concluded lawful, status 已审核."""
    matter = MatterFactory.create(
        status=Matter.Status.REVIEWED, current_reviewer=reviewer, last_result="lawful", **kwargs
    )
    ReviewFactory(matter=matter, reviewer=reviewer, lawful=True)
    return matter


def discussed_matter(reviewer, result=Meeting.Result.ADOPTED, **kwargs) -> Matter:
    matter = reviewed_matter(reviewer, **kwargs)
    MeetingFactory(matter=matter, result=result)
    Matter.objects.filter(pk=matter.pk).update(
        status=Matter.Status.DISCUSSED,
        decided_on=D(2022, 5, 6) if result == Meeting.Result.ADOPTED else None,
    )
    matter.refresh_from_db()
    return matter
