import datetime as dt

import factory

from huanghe_portal import tracking

from .. import services
from ..models import Application, Category, Item


def category(code: str = "normative_documents") -> Category:
    return Category.objects.get(code=code)


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"关于做好第{n}批农村土地承包经营权流转工作的通知")
    category = factory.LazyFunction(category)
    generated_on = dt.date(2024, 3, 1)
    publisher = "黄鹤镇人民政府"
    summary = "通知要求各村做好土地流转合同备案。"
    body = "各村（社区）：为规范土地流转，现就有关事项通知如下。"
    search_text = factory.LazyAttribute(lambda o: f"{o.title} {o.summary} {o.body}")

    class Params:
        reviewed = factory.Trait(
            status=Item.Status.REVIEWED, secrecy_checked=True, privacy_checked=True
        )
        published = factory.Trait(
            status=Item.Status.PUBLISHED,
            secrecy_checked=True,
            privacy_checked=True,
            published_on=dt.date(2024, 3, 5),
            published_at=factory.LazyFunction(lambda: dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC)),
            index_number=factory.Sequence(lambda n: f"黄鹤-test-2024-{n:05d}"),
        )

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        if create:
            from .. import search

            Item.objects.filter(pk=obj.pk).update(**search.index_values(obj))


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    tracking_code = factory.LazyFunction(tracking.new_code)
    applicant_kind = Application.ApplicantKind.NATURAL_PERSON
    applicant_name = "李晓明"
    phone = "13812345678"
    description = "2023年黄鹤镇农村低保资金发放名单"
    delivery = Application.Delivery.EMAIL
    received_on = dt.date(2024, 9, 20)
    reply_due = dt.date(2024, 10, 25)

    class Params:
        replied = factory.Trait(
            status=Application.Status.REPLIED,
            outcome=Application.Outcome.GRANTED,
            replied_on=dt.date(2024, 10, 10),
            concluded_on=dt.date(2024, 10, 10),
        )


def submit(actor, received_on: dt.date = dt.date(2024, 9, 20), **extra) -> Application:
    """An application registered through the service (a letter received on `received_on`)."""
    data = {
        "applicant_kind": "natural_person",
        "applicant_name": "李晓明",
        "phone": "13812345678",
        "description": "2023年低保资金发放名单",
        "delivery": "email",
        "email": "lixiaoming@example.cn",
        "channel": "letter",
        "received_on": received_on,
        **extra,
    }
    return services.submit_application(actor=actor, **data)
