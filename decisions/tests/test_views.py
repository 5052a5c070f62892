import datetime as dt

import pytest
from django.urls import reverse

from decisions import services
from decisions.models import Matter
from decisions.tests.factories import (
    CommentWindowFactory,
    MatterFactory,
    ReviewFactory,
    discussed_matter,
    reviewed_matter,
)

pytestmark = pytest.mark.django_db
D = dt.date


def test_list_filters_by_kind_and_year(client, educator):
    MatterFactory(title="集镇规划调整", kind="major_decision")
    MatterFactory(title="食堂承包合同", kind="contract", opened_on=D(2021, 3, 1))
    client.force_login(educator)
    page = client.get(reverse("decisions:index"), {"kind": "contract"}).content.decode()
    assert "食堂承包合同" in page and "集镇规划调整" not in page
    page = client.get(reverse("decisions:index"), {"year": "2022"}).content.decode()
    assert "集镇规划调整" in page and "食堂承包合同" not in page


def test_list_is_closed_to_outsiders(client):
    assert client.get(reverse("decisions:index")).status_code == 302


def test_adviser_sees_the_reviews_waiting_for_her(client, legal_adviser, legal_reviewer):
    mine = MatterFactory(
        title="我的待审事项", status=Matter.Status.UNDER_REVIEW, current_reviewer=legal_adviser
    )
    ReviewFactory(matter=mine, reviewer=legal_adviser)
    other = MatterFactory(title="别人的事项", status=Matter.Status.UNDER_REVIEW)
    ReviewFactory(matter=other, reviewer=legal_reviewer)
    client.force_login(legal_adviser)
    page = client.get(reverse("decisions:review-queue")).content.decode()
    assert "我的待审事项" in page and "别人的事项" not in page
    page = client.get(reverse("decisions:index"), {"mine": "1"}).content.decode()
    assert "我的待审事项" in page and "别人的事项" not in page


def test_detail_shows_the_checklist_with_what_is_missing(client, report_office):
    matter = MatterFactory(major=True)
    client.force_login(report_office)
    page = client.get(reverse("decisions:matter-detail", args=[matter.pk])).content.decode()
    assert "提交集体讨论前尚缺" in page
    assert "公众参与（征求意见）、专家论证、风险评估、合法性审核" in page


def test_html_discuss_without_review_shows_the_same_refusal_as_the_api(client, api_client, leader):
    matter = MatterFactory(major=True)
    client.force_login(leader)
    data = {
        "meeting_kind": "party_committee",
        "held_on": "2022-05-06",
        "result": "adopted",
        "att-TOTAL_FORMS": "2",
        "att-INITIAL_FORMS": "0",
        "att-0-name": "甲",
        "att-0-opinion": "同意",
        "att-0-stance": "agree",
        "att-1-name": "书记",
        "att-1-opinion": "同意",
        "att-1-stance": "agree",
    }
    response = client.post(reverse("decisions:matter-discuss", args=[matter.pk]), data, follow=True)
    assert "应审必审" in response.content.decode()
    api_client.force_authenticate(leader)
    api = api_client.post(
        reverse("api:decision-discuss", args=[matter.pk]),
        {
            "meeting_kind": "party_committee",
            "held_on": "2022-05-06",
            "result": "adopted",
            "attendees": [
                {"name": "甲", "opinion": "同意", "stance": "agree"},
                {"name": "书记", "opinion": "同意", "stance": "agree"},
            ],
        },
        format="json",
    )
    assert api.status_code == 409 and api.json()["detail"] in response.content.decode()
    matter.refresh_from_db()
    assert matter.status == "draft"


def test_meeting_page_records_views_in_order(client, leader, legal_reviewer):
    matter = reviewed_matter(legal_reviewer)
    client.force_login(leader)
    data = {
        "meeting_kind": "government_meeting",
        "held_on": "2022-05-06",
        "result": "adopted",
        "att-TOTAL_FORMS": "9",
        "att-INITIAL_FORMS": "0",
        "att-0-name": "副镇长甲",
        "att-0-opinion": "同意",
        "att-0-stance": "agree",
        "att-1-name": "副镇长乙",
        "att-1-opinion": "建议补充预算",
        "att-1-stance": "abstain",
        "att-2-name": "镇长",
        "att-2-opinion": "同意实施",
        "att-2-stance": "agree",
    }
    response = client.post(reverse("decisions:matter-discuss", args=[matter.pk]), data, follow=True)
    page = response.content.decode()
    assert (
        page.index("<td>1</td><td>副镇长甲")
        < page.index("<td>2</td><td>副镇长乙")
        < page.index('<td>3</td><td>镇长 <span class="badge text-bg-primary">主要负责人')
    )
    meeting = matter.meetings.get()
    assert [v.name for v in meeting.views.order_by("position")] == ["副镇长甲", "副镇长乙", "镇长"]
    assert meeting.views.get(is_principal=True).name == "镇长"


def test_html_sign_off_by_a_non_leader_is_403(client, report_office, legal_reviewer):
    matter = discussed_matter(legal_reviewer)
    client.force_login(report_office)
    response = client.post(reverse("decisions:matter-step", args=[matter.pk, "sign-off"]), {})
    assert response.status_code == 403
    matter.refresh_from_db()
    assert matter.status == "discussed"


def test_leader_signs_off_in_the_browser(client, leader, legal_reviewer):
    matter = discussed_matter(legal_reviewer)
    client.force_login(leader)
    queue = client.get(reverse("decisions:signoff-queue")).content.decode()
    assert matter.title in queue
    response = client.post(
        reverse("decisions:matter-step", args=[matter.pk, "sign-off"]),
        {"signed_on": "2022-05-08", "note": "同意"},
        follow=True,
    )
    assert "已签发" in response.content.decode()
    matter.refresh_from_db()
    assert matter.status == "signed_off" and matter.signed_off_on == D(2022, 5, 8)


def test_step_form_shows_service_errors_on_the_field(client, report_office):
    matter = MatterFactory()
    client.force_login(report_office)
    response = client.post(
        reverse("decisions:matter-step", args=[matter.pk, "public-comment"]),
        {"opens_on": "2022-05-01", "closes_on": "2022-05-10"},
    )
    assert response.status_code == 400
    assert "少于30日，须说明理由" in response.content.decode()
    assert not matter.comment_windows.exists()


def test_unknown_step_is_404(client, report_office):
    client.force_login(report_office)
    url = reverse("decisions:matter-step", args=[MatterFactory().pk, "explode"])
    assert client.get(url).status_code == 404


def test_create_matter_page(client, report_office):
    client.force_login(report_office)
    response = client.post(
        reverse("decisions:matter-create"),
        {
            "title": "黄鹤镇河道管理办法",
            "kind": "normative_document",
            "summary": "摘要",
            "sponsor_unit": "镇水务站",
            "opened_on": "2022-03-01",
        },
        follow=True,
    )
    assert "事项已创建" in response.content.decode()
    assert Matter.objects.get().kind == "normative_document"


def test_public_drafts_show_only_open_windows_and_take_comments(client):
    window = CommentWindowFactory(
        opens_on=D(2022, 12, 1),
        closes_on=D(2022, 12, 31),
        matter__title="集镇停车管理方案（征求意见稿）",
    )
    CommentWindowFactory(matter__title="已截止的草案")
    page = client.get(reverse("decisions:public-drafts")).content.decode()
    assert "集镇停车管理方案" in page and "已截止的草案" not in page
    url = reverse("decisions:public-draft", args=[window.pk])
    page = client.get(url).content.decode()
    assert "个人信息处理说明" in page
    response = client.post(url, {"content": "建议增设停车位"})
    assert "请阅读并同意个人信息处理说明" in response.content.decode()
    assert not window.comments.exists()
    response = client.post(url, {"content": "建议增设停车位", "privacy_consent": "on"}, follow=True)
    assert "您的意见已提交" in response.content.decode()
    assert window.comments.get().content == "建议增设停车位"


def test_public_draft_of_a_voided_matter_is_404(client):
    window = CommentWindowFactory(
        opens_on=D(2022, 12, 1), closes_on=D(2022, 12, 31), matter__status="voided"
    )
    assert client.get(reverse("decisions:public-draft", args=[window.pk])).status_code == 404


def test_open_window_shows_the_days_left_and_the_comment_form(client):
    # 2022-12-15 to 2022-12-31, both ends counted: 17 days.
    window = CommentWindowFactory(
        opens_on=D(2022, 12, 1), closes_on=D(2022, 12, 31), matter__title="村道养护办法"
    )
    page = client.get(reverse("decisions:public-drafts")).content.decode()
    assert "村道养护办法" in page and "还剩17天" in page
    page = client.get(reverse("decisions:public-draft", args=[window.pk])).content.decode()
    assert "征求意见进行中，还剩17天（含截止日）" in page
    assert 'name="content"' in page and "提交意见" in page
    assert "共收到意见" not in page


def test_window_closing_today_has_one_day_left(client):
    window = CommentWindowFactory(opens_on=D(2022, 12, 1), closes_on=D(2022, 12, 15))
    page = client.get(reverse("decisions:public-draft", args=[window.pk])).content.decode()
    assert "还剩1天" in page and 'name="content"' in page


def _closed_window_with_comments():
    window = CommentWindowFactory(
        opens_on=D(2022, 11, 1), closes_on=D(2022, 11, 30), matter__title="垃圾分类实施方案"
    )
    first = window.comments.create(submitted_on=D(2022, 11, 5), content="增设回收点")
    window.comments.create(submitted_on=D(2022, 11, 6), content="取消收费")
    return window, first


def test_closed_window_stays_public_with_the_adoption_result_and_no_form(client, report_office):
    window, first = _closed_window_with_comments()
    url = reverse("decisions:public-draft", args=[window.pk])
    page = client.get(url).content.decode()
    assert "征求意见已结束" in page and "意见采纳情况正在整理" in page
    assert 'name="content"' not in page and "个人信息处理说明" not in page

    services.summarise_adoption(
        window, actor=report_office, adoption_summary="采纳增设回收点的建议", adopted=[first.pk]
    )
    page = client.get(url).content.decode()  # the cached page is not kept after the change
    assert "共收到意见2条，采纳1条" in page and "采纳增设回收点的建议" in page
    assert 'name="content"' not in page
    listing = client.get(reverse("decisions:public-drafts")).content.decode()
    assert "垃圾分类实施方案" in listing and "共收到意见2条，采纳1条" in listing

    response = client.post(url, {"content": "迟到的意见", "privacy_consent": "on"})
    assert response.status_code == 409
    assert window.comments.count() == 2


def test_window_closed_long_ago_leaves_the_list_but_keeps_its_page(client):
    window = CommentWindowFactory(matter__title="早年的草案")  # closed 2022-04-01
    assert "早年的草案" not in client.get(reverse("decisions:public-drafts")).content.decode()
    assert client.get(reverse("decisions:public-draft", args=[window.pk])).status_code == 200


def test_window_of_a_voided_matter_is_not_public(client):
    open_one = CommentWindowFactory(
        opens_on=D(2022, 12, 1),
        closes_on=D(2022, 12, 31),
        matter__status="voided",
        matter__title="作废的开放草案",
    )
    closed_one = CommentWindowFactory(
        opens_on=D(2022, 11, 1),
        closes_on=D(2022, 11, 30),
        matter__status="voided",
        matter__title="作废的已结束草案",
    )
    listing = client.get(reverse("decisions:public-drafts")).content.decode()
    assert "作废的" not in listing
    for window in (open_one, closed_one):
        assert client.get(reverse("decisions:public-draft", args=[window.pk])).status_code == 404


def test_window_not_yet_open_is_not_public(client):
    window = CommentWindowFactory(opens_on=D(2022, 12, 20), closes_on=D(2023, 1, 20))
    assert client.get(reverse("decisions:public-draft", args=[window.pk])).status_code == 404


def test_procedure_configuration_page(client, report_office, leader):
    client.force_login(leader)
    assert client.post(reverse("decisions:procedure"), {"contract": ["hearing"]}).status_code == 403
    client.force_login(report_office)
    response = client.post(reverse("decisions:procedure"), {"contract": ["hearing"]}, follow=True)
    assert "决策程序配置已保存" in response.content.decode()


def test_step_form_prefills_today_in_the_date_input_format(client, legal_reviewer):
    matter = MatterFactory(status=Matter.Status.UNDER_REVIEW)
    ReviewFactory(matter=matter, reviewer=legal_reviewer)
    client.force_login(legal_reviewer)
    page = client.get(reverse("decisions:matter-step", args=[matter.pk, "conclude-review"]))
    assert 'value="2022-12-15"' in page.content.decode()


def test_dashboard_card_lines(client, leader, legal_reviewer):
    discussed_matter(legal_reviewer)
    from decisions.dashboard import card_lines

    lines = {line["label"]: line for line in card_lines(leader)}
    assert lines["待签发"]["value"] == 1 and lines["待签发"]["warn"]
    assert lines["2022年决策事项"]["value"] == 1


@pytest.mark.parametrize("who", ["report_office", "leader", "legal_adviser", "educator"])
def test_pages_render_for_every_staff_role(client, request, who, legal_reviewer):
    user = request.getfixturevalue(who)
    matter = discussed_matter(legal_reviewer, kind="normative_document")
    CommentWindowFactory(matter=matter)
    client.force_login(user)
    for url in [
        reverse("decisions:index"),
        reverse("decisions:matter-detail", args=[matter.pk]),
        reverse("decisions:meeting-detail", args=[matter.meetings.get().pk]),
        reverse("decisions:review-queue"),
        reverse("decisions:signoff-queue"),
        reverse("decisions:adviser-list"),
        reverse("decisions:procedure"),
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "step",
    [
        "public-comment",
        "hearing",
        "expert-review",
        "risk-assessment",
        "submit-review",
        "conclude-review",
        "sign-off",
        "publish",
        "void",
        "register-document",
        "repeal",
        "evaluation",
    ],
)
def test_every_step_form_renders(client, request, step):
    # Each form opens for the role that takes the step (the office, a reviewer, a leader).
    role = {"conclude-review": "legal_reviewer", "sign-off": "leader"}.get(step, "report_office")
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("decisions:matter-step", args=[MatterFactory().pk, step]))
    assert response.status_code == 200
    assert "<form" in response.content.decode()


def test_adoption_page_marks_comments(client, report_office):
    window = CommentWindowFactory()
    comment = window.comments.create(content="建议增加路灯", submitted_on=D(2022, 3, 5))
    client.force_login(report_office)
    url = reverse("decisions:matter-adoption", args=[window.matter.pk, window.pk])
    assert "建议增加路灯" in client.get(url).content.decode()
    client.post(url, {"adoption_summary": "采纳1条", "adopted": [comment.pk]})
    comment.refresh_from_db()
    assert comment.adopted is True


def test_office_records_a_legal_adviser(client, report_office, legal_adviser):
    client.force_login(report_office)
    response = client.post(
        reverse("decisions:adviser-create"),
        {
            "name": "秦律和",
            "firm": "某律所",
            "term_start": "2022-01-01",
            "term_end": "2022-12-31",
            "user": legal_adviser.pk,
        },
        follow=True,
    )
    assert "法律顾问信息已保存" in response.content.decode()
    page = client.get(reverse("decisions:adviser-list"), {"year": "2023"}).content.decode()
    assert "秦律和" not in page


def test_public_form_is_throttled(client, submit_rate):
    submit_rate("1/hour")
    window = CommentWindowFactory(opens_on=D(2022, 12, 1), closes_on=D(2022, 12, 31))
    url = reverse("decisions:public-draft", args=[window.pk])
    data = {"content": "意见", "privacy_consent": "on"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert window.comments.count() == 1


def test_meeting_minutes_upload(client, leader, legal_reviewer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = discussed_matter(legal_reviewer).meetings.get()
    client.force_login(leader)
    upload = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    response = client.post(
        reverse("decisions:meeting-attach", args=[meeting.pk]),
        {"file": upload, "description": "会议纪要"},
        follow=True,
    )
    assert "附件已上传" in response.content.decode() and "纪要.pdf" in response.content.decode()


def test_list_filters_by_review_result(client, educator):
    MatterFactory(title="审核不合法的事项", last_result="unlawful")
    MatterFactory(title="审核合法的事项", last_result="lawful")
    client.force_login(educator)
    page = client.get(reverse("decisions:index"), {"result": "unlawful"}).content.decode()
    assert "审核不合法的事项" in page and "审核合法的事项" not in page


def test_office_keeps_the_decision_catalogue(client, report_office, educator):
    client.force_login(report_office)
    response = client.post(
        reverse("decisions:catalogue-create"),
        {
            "year": "2022",
            "title": "集镇建设规划调整",
            "approved_by_party_committee_on": "2022-02-10",
            "published_on": "2022-01-10",
        },
    )
    assert "目录公布日期不能早于党委同意日期" in response.content.decode()
    response = client.post(
        reverse("decisions:catalogue-create"),
        {
            "year": "2022",
            "title": "集镇建设规划调整",
            "approved_by_party_committee_on": "2022-02-10",
            "published_on": "2022-02-20",
        },
        follow=True,
    )
    assert "决策事项目录已保存" in response.content.decode()
    client.force_login(educator)
    assert "集镇建设规划调整" in client.get(reverse("decisions:catalogue-list")).content.decode()
    assert client.get(reverse("decisions:catalogue-create")).status_code == 403
