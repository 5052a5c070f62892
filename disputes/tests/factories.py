import datetime as dt

import factory

from huanghe_portal.personal_data import id_check_char
from huanghe_portal.workdays import add_calendar_days, add_months

from ..models import Agreement, Committee, CommitteeMember, Dispute, Party


def valid_id(first17: str = "50024019800101001") -> str:
    return first17 + id_check_char(first17)


class DisputeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dispute
        skip_postgeneration_save = True

    received_on = dt.date(2024, 3, 1)
    sequence = factory.Sequence(lambda n: n + 1000)
    year = factory.LazyAttribute(lambda o: o.received_on.year)
    number = factory.LazyAttribute(lambda o: f"黄鹤调〔{o.year}〕{o.sequence}号")
    source = "application"
    category = "02"
    summary = "因排水沟堵塞引发邻里争执。"
    party_names = "张三、李四"
    status = Dispute.Status.REGISTERED

    class Params:
        accepted = factory.Trait(
            status=Dispute.Status.ACCEPTED,
            accepted_on=dt.date(2024, 3, 2),
            mediation_due=factory.LazyAttribute(lambda o: add_months(o.accepted_on, 1)),
        )
        succeeded = factory.Trait(
            status=Dispute.Status.SUCCEEDED,
            outcome="succeeded",
            accepted_on=dt.date(2024, 3, 2),
            mediation_due=dt.date(2024, 4, 2),
            closed_on=dt.date(2024, 3, 20),
            agreement_form="written",
            confirmation_due=factory.LazyAttribute(lambda o: add_calendar_days(o.closed_on, 30)),
        )
        failed = factory.Trait(
            status=Dispute.Status.FAILED,
            outcome="failed",
            accepted_on=dt.date(2024, 3, 2),
            mediation_due=dt.date(2024, 4, 2),
            closed_on=dt.date(2024, 3, 20),
            guided_to="litigation",
            close_reason="双方分歧过大",
        )
        archived = factory.Trait(
            status=Dispute.Status.ARCHIVED,
            outcome="succeeded",
            accepted_on=dt.date(2024, 3, 2),
            closed_on=dt.date(2024, 3, 20),
            agreement_form="written",
            archived_on=dt.date(2024, 4, 1),
        )

    @factory.post_generation
    def with_parties(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        Party.objects.create(
            dispute=obj,
            role="applicant",
            name="张三",
            id_number=valid_id("50024019800101001"),
            phone="13812345678",
            address="平桥村一组",
        )
        Party.objects.create(
            dispute=obj,
            role="respondent",
            name="李四",
            id_number=valid_id("50024019820202002"),
            phone="13987654321",
        )
        if obj.agreement_form:
            Agreement.objects.create(
                dispute=obj,
                form=obj.agreement_form,
                terms="李四赔偿张三500元。",
                facts=obj.summary,
                concluded_on=obj.closed_on,
                copies=3,
            )


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"黄鹤镇人民调解委员会{n}")
    level = Committee.Level.TOWNSHIP


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"委员{n}")
    gender = "male"
    ethnic_group = "汉族"
