import datetime as dt

import factory

from huanghe_portal.personal_data import id_check_char
from huanghe_portal.workdays import add_calendar_days
from petitions.models import DeputySuggestion, Petition, ReceptionDay


def make_id_number(serial: int = 1, birth: str = "19800101") -> str:
    first17 = f"500240{birth}{serial % 1000:03d}"
    return first17 + id_check_char(first17)


class PetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Petition

    class Params:
        accepted = factory.Trait(
            status=Petition.Status.ACCEPTED,
            accepted_on=factory.LazyAttribute(lambda o: o.received_on + dt.timedelta(days=3)),
            handling_due=factory.LazyAttribute(lambda o: add_calendar_days(o.accepted_on, 60)),
        )
        replied = factory.Trait(
            status=Petition.Status.REPLIED,
            accepted_on=factory.LazyAttribute(lambda o: o.received_on + dt.timedelta(days=3)),
            handling_due=factory.LazyAttribute(lambda o: add_calendar_days(o.accepted_on, 60)),
            replied_on=factory.LazyAttribute(lambda o: o.accepted_on + dt.timedelta(days=20)),
            delivered_on=factory.LazyAttribute(lambda o: o.replied_on),
            outcome=Petition.Outcome.SUPPORT,
            opinion="经核实，已协调解决。",
        )

    year = factory.LazyAttribute(lambda o: o.received_on.year)
    seq = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: f"黄鹤信〔{o.year}〕{o.seq}号")
    received_on = dt.date(2024, 3, 1)
    channel = Petition.Channel.VISIT
    source = Petition.Source.DIRECT
    category = Petition.Category.APPEAL
    petitioner_name = "谭某某"
    phone = "13800001234"
    summary = "反映村道损毁，请求修复。"
    acceptance_due = factory.LazyAttribute(lambda o: add_calendar_days(o.received_on, 15))


class ReceptionDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionDay

    date = dt.date(2024, 3, 6)
    start_time = dt.time(9, 0)
    end_time = dt.time(11, 30)
    leader_name = "向国栋"
    place = "镇信访接待室"
    kind = ReceptionDay.Kind.RECEPTION


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeputySuggestion

    deputy_name = "马代表"
    assigned_on = dt.date(2024, 3, 1)
    summary = "建议硬化产业路。"
    reply_due = dt.date(2024, 6, 1)
