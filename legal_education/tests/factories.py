import datetime as dt
from decimal import Decimal

import factory

from huanghe_portal.models import Village
from legal_education.models import (
    Consultation,
    Event,
    KnowledgeTest,
    LegalLiaison,
    StudySession,
    TestScore,
)


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"测试{n}村")
    code = factory.Sequence(lambda n: f"F{n:04d}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    held_on = dt.date(2022, 5, 10)
    title = factory.Sequence(lambda n: f"民法典进村宣传第{n}场")
    kind = Event.Kind.CAMPAIGN
    place = "村委会院坝"
    organiser = "黄鹤镇司法所"
    participants = 50
    materials = 100
    summary = "讲解民法典婚姻家庭编。"

    class Params:
        voided = factory.Trait(status=Event.Status.VOIDED, void_reason="重复录入")


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    consulted_on = dt.date(2022, 6, 1)
    topic = Consultation.Topic.LAND_HOUSING
    question = "宅基地边界怎么确定？"
    answered_by = "刘春梅"
    outcome = Consultation.Outcome.ANSWERED

    class Params:
        voided = factory.Trait(status=Consultation.Status.VOIDED, void_reason="重复录入")


class StudySessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudySession
        skip_postgeneration_save = True

    held_on = dt.date(2022, 3, 15)
    kind = StudySession.Kind.CENTRAL_GROUP
    subject = "学习《中华人民共和国宪法》"

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if create and extracted:
            self.attendees.set(extracted)

    @factory.post_generation
    def absentees(self, create, extracted, **kwargs):
        if create and extracted:
            self.absentees.set(extracted)


class KnowledgeTestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeTest
        skip_postgeneration_save = True

    held_on = dt.date(2022, 11, 20)
    subject = "国家工作人员法治理论考试"
    max_score = Decimal("100")
    pass_mark = Decimal("60")

    @factory.post_generation
    def scores(self, create, extracted, **kwargs):
        for i, score in enumerate(extracted or []):
            TestScore.objects.create(test=self, name=f"干部{i + 1}", score=score)


class LegalLiaisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalLiaison

    village = factory.SubFactory(VillageFactory)
    name = factory.Sequence(lambda n: f"明白人{n}")
