import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from decisions import selectors, services
from decisions.models import Kind, LegalityReview, Matter, Meeting, ProcedureRequirement, Step
from decisions.tests.factories import (
    CommentWindowFactory,
    ExpertReviewFactory,
    MatterFactory,
    ReviewFactory,
    RiskAssessmentFactory,
    discussed_matter,
    reviewed_matter,
)
from huanghe_portal import timeline
from huanghe_portal.exceptions import TransitionNotAllowed

pytestmark = pytest.mark.django_db
D = dt.date
ATTENDEES = [
    {"name": "委员甲", "opinion": "同意方案", "stance": "agree"},
    {"name": "委员乙", "opinion": "建议加强宣传", "stance": "agree"},
    {"name": "镇长", "opinion": "同意，按程序实施", "stance": "agree"},
]


def discuss(matter, leader, **kw):
    data = {
        "meeting_kind": "party_committee",
        "held_on": D(2022, 5, 6),
        "attendees": ATTENDEES,
        "result": "adopted",
        **kw,
    }
    return services.discuss_matter(matter, actor=leader, **data)


def test_office_can_open_a_matter(report_office):
    matter = services.create_matter(
        actor=report_office,
        title="集镇污水处理方案",
        kind="major_decision",
        summary="摘要",
        sponsor_unit="镇建设环保办",
    )
    assert matter.status == Matter.Status.DRAFT
    assert timeline.entries_for(matter).get().action == "created"


def test_mediator_cannot_open_a_matter(mediator):
    with pytest.raises(PermissionDenied):
        services.create_matter(
            actor=mediator, title="x", kind="other", summary="x", sponsor_unit="x"
        )
    assert not Matter.objects.exists()


def test_exploratory_reform_needs_its_legal_risk_statement(leader):
    with pytest.raises(ValidationError) as exc:
        services.create_matter(
            actor=leader,
            title="x",
            kind="major_decision",
            summary="x",
            sponsor_unit="x",
            exploratory_reform=True,
        )
    assert "法律风险说明" in str(exc.value)


# --- 应审必审 ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["major_decision", "normative_document", "enforcement_decision"])
def test_leader_cannot_discuss_without_a_concluded_review(leader, kind):
    matter = MatterFactory(kind=kind)
    with pytest.raises(TransitionNotAllowed) as exc:
        discuss(matter, leader)
    assert "应审必审" in str(exc.value)
    matter.refresh_from_db()
    assert matter.status == Matter.Status.DRAFT and not matter.meetings.exists()


EXPLORATORY = {"exploratory_reform": True, "legal_risk_statement": "无上位法依据，风险可控"}


@pytest.mark.parametrize("flags", [{}, EXPLORATORY], ids=["ordinary", "exploratory"])
def test_leader_cannot_discuss_after_an_unlawful_review(leader, legal_reviewer, flags):
    """Issue 14 defect 6: 不合法 blocks an exploratory reform too."""
    matter = MatterFactory(enforcement=True, status=Matter.Status.REVIEWED, **flags)
    ReviewFactory(
        matter=matter,
        reviewer=legal_reviewer,
        concluded_on=D(2022, 4, 30),
        result="unlawful",
        opinion="超越职权",
    )
    with pytest.raises(TransitionNotAllowed, match="应审必审"):
        discuss(matter, leader)
    assert not matter.meetings.exists()


@pytest.mark.parametrize("kind", ["major_decision", "normative_document", "enforcement_decision"])
def test_exploratory_reform_without_a_review_is_not_discussed(leader, kind):
    """Issue 14 defect 6: the 探索性改革 flag reached discussion with no review at all."""
    matter = MatterFactory(kind=kind, **EXPLORATORY)
    with pytest.raises(TransitionNotAllowed, match="应审必审"):
        discuss(matter, leader)
    assert not matter.meetings.exists()


def _under_review(reviewer, **kwargs):
    matter = MatterFactory(status=Matter.Status.UNDER_REVIEW, current_reviewer=reviewer, **kwargs)
    ReviewFactory(matter=matter, reviewer=reviewer)
    return matter


def test_risk_stated_allows_discussion_and_puts_the_statement_before_the_meeting(
    leader, legal_reviewer
):
    matter = _under_review(legal_reviewer, kind=Kind.ENFORCEMENT_DECISION, **EXPLORATORY)
    services.conclude_review(
        matter,
        actor=legal_reviewer,
        concluded_on=D(2022, 4, 25),
        result="risk_stated",
        opinion="无明确上位法依据，存在被认定越权的风险，已明示。",
    )
    assert [row["step"] for row in selectors.checklist(matter) if row["exempt"]] == [
        "legality_review"
    ]
    meeting = discuss(matter, leader)
    assert meeting.matter.status == Matter.Status.DISCUSSED
    assert meeting.legal_risk_statement == "无上位法依据，风险可控"


def test_risk_stated_is_refused_for_a_matter_not_marked_exploratory(legal_reviewer):
    matter = _under_review(legal_reviewer, kind=Kind.MAJOR_DECISION)
    with pytest.raises(ValidationError, match="探索性改革"):
        services.conclude_review(
            matter,
            actor=legal_reviewer,
            concluded_on=D(2022, 4, 25),
            result="risk_stated",
            opinion="x",
        )
    matter.refresh_from_db()
    assert matter.status == Matter.Status.UNDER_REVIEW


def test_lawful_review_puts_no_risk_statement_in_the_minutes(leader, legal_reviewer):
    matter = reviewed_matter(legal_reviewer, kind=Kind.ENFORCEMENT_DECISION, **EXPLORATORY)
    meeting = discuss(matter, leader)
    assert meeting.legal_risk_statement == ""


def test_contract_needs_nothing_before_discussion(leader):
    matter = MatterFactory(kind=Kind.CONTRACT)
    meeting = discuss(matter, leader)
    matter.refresh_from_db()
    assert matter.status == Matter.Status.DISCUSSED and matter.decided_on == D(2022, 5, 6)
    assert meeting.result == "adopted"


def test_missing_required_steps_are_listed(leader, legal_reviewer):
    matter = reviewed_matter(legal_reviewer, kind=Kind.MAJOR_DECISION)
    ExpertReviewFactory(matter=matter)
    with pytest.raises(TransitionNotAllowed) as exc:
        discuss(matter, leader)
    assert "公众参与（征求意见）" in str(exc.value) and "风险评估" in str(exc.value)
    assert "专家论证" not in str(exc.value)


def test_major_decision_with_all_steps_done_is_discussed(leader, legal_reviewer):
    matter = reviewed_matter(legal_reviewer, kind=Kind.MAJOR_DECISION)
    CommentWindowFactory(matter=matter)
    ExpertReviewFactory(matter=matter)
    RiskAssessmentFactory(matter=matter)
    discuss(matter, leader)
    matter.refresh_from_db()
    assert matter.status == Matter.Status.DISCUSSED


def test_office_configuration_adds_a_required_step(leader, report_office):
    services.set_required_steps(actor=report_office, required={"contract": ["hearing"]})
    assert ProcedureRequirement.objects.get(kind="contract", step="hearing").required
    # the law keeps the review required for the statutory kinds
    assert ProcedureRequirement.objects.get(kind="major_decision", step="legality_review").required
    with pytest.raises(TransitionNotAllowed, match="听证会"):
        discuss(MatterFactory(kind=Kind.CONTRACT), leader)
    assert selectors.required_steps("major_decision") == {Step.LEGALITY_REVIEW}


def test_only_the_office_configures_the_procedure(leader):
    with pytest.raises(PermissionDenied):
        services.set_required_steps(actor=leader, required={})


# --- Meeting ---------------------------------------------------------------------------


def test_views_are_kept_in_speaking_order_with_the_principal_last(leader):
    meeting = discuss(MatterFactory(), leader)
    views = list(meeting.views.order_by("position"))
    assert [v.name for v in views] == ["委员甲", "委员乙", "镇长"]
    assert [v.is_principal for v in views] == [False, False, True]


def test_a_decision_against_the_majority_needs_the_principals_reason(leader):
    matter = MatterFactory()
    attendees = [
        {"name": "甲", "opinion": "不同意", "stance": "disagree"},
        {"name": "乙", "opinion": "不同意", "stance": "disagree"},
        {"name": "书记", "opinion": "同意", "stance": "agree"},
    ]
    with pytest.raises(ValidationError) as exc:
        discuss(matter, leader, attendees=attendees)
    assert "principal_reason" in exc.value.message_dict
    matter.refresh_from_db()
    assert matter.status == Matter.Status.DRAFT
    meeting = discuss(matter, leader, attendees=attendees, principal_reason="事关安全，须立即实施")
    assert meeting.principal_reason


def test_only_a_leader_discusses(report_office):
    with pytest.raises(PermissionDenied):
        discuss(MatterFactory(), report_office)


# --- Review ----------------------------------------------------------------------------


def test_office_submits_to_an_adviser_who_concludes(report_office, legal_adviser):
    matter = MatterFactory(major=True)
    review = services.submit_review(
        matter, actor=report_office, reviewer=legal_adviser, submitted_on=D(2022, 4, 1)
    )
    matter.refresh_from_db()
    assert matter.status == Matter.Status.UNDER_REVIEW and matter.current_reviewer == legal_adviser
    review = services.conclude_review(
        matter,
        actor=legal_adviser,
        concluded_on=D(2022, 4, 20),
        result="lawful_after_changes",
        opinion="删去第五条",
        changes="已删去第五条",
    )
    matter.refresh_from_db()
    assert matter.status == Matter.Status.REVIEWED and review.result == "lawful_after_changes"
    assert review.workdays_taken == 12 and not review.short_warning  # 4-2 调休 counted
    assert [e.action for e in timeline.entries_for(matter)] == [
        "review_submitted",
        "review_concluded",
    ]


def test_reviewer_must_hold_a_reviewing_role(report_office, mediator):
    with pytest.raises(ValidationError, match="法制审核员或法律顾问"):
        services.submit_review(
            MatterFactory(), actor=report_office, reviewer=mediator, submitted_on=D(2022, 4, 1)
        )


def test_a_quick_review_is_flagged(legal_reviewer):
    matter = MatterFactory(major=True, status=Matter.Status.UNDER_REVIEW)
    ReviewFactory(matter=matter, reviewer=legal_reviewer, submitted_on=D(2022, 4, 1))
    review = services.conclude_review(
        matter, actor=legal_reviewer, concluded_on=D(2022, 4, 8), result="lawful", opinion="合法"
    )
    assert review.workdays_taken == 4 and review.short_warning  # 清明 4-3..4-5 skipped
    assert "少于7个工作日" in timeline.entries_for(matter).last().note


def test_second_conclusion_is_refused(legal_reviewer):
    matter = reviewed_matter(legal_reviewer)
    with pytest.raises(TransitionNotAllowed, match="不能再次出具"):
        services.conclude_review(
            matter, actor=legal_reviewer, concluded_on=D(2022, 5, 1), result="unlawful", opinion="x"
        )
    assert matter.reviews.get().result == "lawful"


def test_another_adviser_cannot_conclude_but_any_legal_reviewer_can(
    legal_adviser, legal_reviewer, django_user_model
):
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("adviser2", password="x")
    other.groups.add(Group.objects.get(name="legal_adviser"))
    matter = MatterFactory(status=Matter.Status.UNDER_REVIEW)
    ReviewFactory(matter=matter, reviewer=legal_adviser)
    with pytest.raises(PermissionDenied):
        services.conclude_review(
            matter, actor=other, concluded_on=D(2022, 5, 1), result="lawful", opinion="x"
        )
    services.conclude_review(
        matter, actor=legal_reviewer, concluded_on=D(2022, 5, 1), result="lawful", opinion="合法"
    )
    assert matter.reviews.get().concluded_on == D(2022, 5, 1)


def test_lawful_after_changes_needs_the_changes(legal_reviewer):
    matter = MatterFactory(status=Matter.Status.UNDER_REVIEW)
    ReviewFactory(matter=matter, reviewer=legal_reviewer)
    with pytest.raises(ValidationError, match="所作修改"):
        services.conclude_review(
            matter,
            actor=legal_reviewer,
            concluded_on=D(2022, 5, 1),
            result="lawful_after_changes",
            opinion="x",
        )
    assert matter.reviews.get().concluded_on is None


def test_unlawful_draft_can_be_revised_and_submitted_again(report_office, legal_reviewer):
    matter = MatterFactory(status=Matter.Status.REVIEWED)
    ReviewFactory(
        matter=matter,
        reviewer=legal_reviewer,
        concluded_on=D(2022, 4, 30),
        result=LegalityReview.Result.UNLAWFUL,
        opinion="x",
    )
    services.submit_review(
        matter, actor=report_office, reviewer=legal_reviewer, submitted_on=D(2022, 5, 10)
    )
    assert matter.reviews.count() == 2


# --- Other steps -----------------------------------------------------------------------


def test_comment_window_rules(report_office):
    matter = MatterFactory()
    with pytest.raises(ValidationError, match="截止日期不能早于开始日期"):
        services.open_comment_window(
            matter, actor=report_office, opens_on=D(2022, 5, 1), closes_on=D(2022, 4, 1)
        )
    with pytest.raises(ValidationError, match="少于30日"):
        services.open_comment_window(
            matter, actor=report_office, opens_on=D(2022, 5, 1), closes_on=D(2022, 5, 29)
        )  # 29 days, both ends counted
    assert not matter.comment_windows.exists()
    window = services.open_comment_window(
        matter, actor=report_office, opens_on=D(2022, 5, 1), closes_on=D(2022, 5, 30)
    )
    assert window.days == 30
    short = services.open_comment_window(
        matter,
        actor=report_office,
        opens_on=D(2022, 6, 1),
        closes_on=D(2022, 6, 10),
        shortening_reason="防汛急需",
    )
    assert short.days == 10


def test_hearing_materials_at_least_seven_days_before(report_office):
    matter = MatterFactory()
    for sent in (D(2022, 5, 11), D(2022, 5, 4)):
        with pytest.raises(ValidationError) as exc:
            services.record_hearing(
                matter,
                actor=report_office,
                held_on=D(2022, 5, 10),
                materials_sent_on=sent,
                participants=["甲"],
                record="r",
            )
        assert "7日前" in exc.value.message_dict["materials_sent_on"][0]
    assert not matter.hearings.exists()
    services.record_hearing(
        matter,
        actor=report_office,
        held_on=D(2022, 5, 10),
        materials_sent_on=D(2022, 5, 3),
        participants=["甲"],
        record="r",
    )
    assert matter.hearings.count() == 1


def test_steps_are_refused_after_discussion(report_office, legal_reviewer):
    matter = discussed_matter(legal_reviewer)
    with pytest.raises(TransitionNotAllowed):
        services.record_expert_review(
            matter, actor=report_office, held_on=D(2022, 5, 1), experts=["甲"], opinion="x"
        )


def test_public_comment_only_while_open(report_office):
    window = CommentWindowFactory(opens_on=D(2022, 12, 1), closes_on=D(2022, 12, 31))
    comment = services.submit_public_comment(window, content="建议增加停车位")
    assert comment.submitted_on == D(2022, 12, 15)
    closed = CommentWindowFactory()
    with pytest.raises(TransitionNotAllowed, match="不在征求意见期内"):
        services.submit_public_comment(closed, content="迟到的意见")
    services.summarise_adoption(
        window, actor=report_office, adoption_summary="采纳1条", adopted=[comment.pk]
    )
    comment.refresh_from_db()
    assert comment.adopted is True


# --- Sign-off and publication ----------------------------------------------------------


def test_leader_signs_off_an_adopted_decision(leader, legal_reviewer):
    matter = services.sign_off_matter(discussed_matter(legal_reviewer), actor=leader, note="同意")
    assert matter.status == Matter.Status.SIGNED_OFF and matter.signed_off_by == leader


def test_non_leader_cannot_sign_off(report_office, legal_reviewer):
    matter = discussed_matter(legal_reviewer)
    with pytest.raises(PermissionDenied):
        services.sign_off_matter(matter, actor=report_office)
    matter.refresh_from_db()
    assert matter.status == Matter.Status.DISCUSSED


@pytest.mark.parametrize("result", ["rejected", "deferred", "revise"])
def test_sign_off_needs_an_adopted_result(leader, legal_reviewer, result):
    matter = discussed_matter(legal_reviewer, result=result)
    with pytest.raises(TransitionNotAllowed, match="只有会议通过的事项才能签发"):
        services.sign_off_matter(matter, actor=leader)


def test_publish_only_after_sign_off(report_office, legal_reviewer):
    matter = discussed_matter(legal_reviewer)
    with pytest.raises(TransitionNotAllowed):
        services.publish_matter(matter, actor=report_office)
    Matter.objects.filter(pk=matter.pk).update(
        status=Matter.Status.SIGNED_OFF, signed_off_on=D(2022, 5, 8)
    )
    matter = services.publish_matter(matter, actor=report_office)
    assert matter.status == Matter.Status.PUBLISHED and matter.published_on == D(2022, 12, 15)


def test_void_needs_a_reason_and_ends_the_matter(report_office):
    matter = MatterFactory()
    with pytest.raises(ValidationError):
        services.void_matter(matter, actor=report_office, reason=" ")
    matter = services.void_matter(matter, actor=report_office, reason="重复录入")
    assert matter.status == Matter.Status.VOIDED
    with pytest.raises(TransitionNotAllowed):
        services.void_matter(matter, actor=report_office, reason="again")


def test_normative_document_registration_and_repeal(report_office, legal_reviewer):
    matter = discussed_matter(legal_reviewer, kind=Kind.NORMATIVE_DOCUMENT)
    with pytest.raises(TransitionNotAllowed):
        services.register_document(
            matter,
            actor=report_office,
            document_number="黄鹤府发〔2022〕3号",
            issued_on=D(2022, 5, 10),
            effective_on=D(2022, 6, 1),
        )
    Matter.objects.filter(pk=matter.pk).update(status=Matter.Status.SIGNED_OFF)
    document = services.register_document(
        matter,
        actor=report_office,
        document_number="黄鹤府发〔2022〕3号",
        issued_on=D(2022, 5, 10),
        effective_on=D(2022, 6, 1),
    )
    document = services.repeal_document(
        matter, actor=report_office, repealed_on=D(2022, 11, 1), reason="上位法修改"
    )
    assert document.repealed_on == D(2022, 11, 1)
    with pytest.raises(TransitionNotAllowed, match="已于"):
        services.repeal_document(
            matter, actor=report_office, repealed_on=D(2022, 11, 2), reason="x"
        )


def test_meeting_result_other_than_adopted_clears_decided_on(leader):
    meeting = discuss(MatterFactory(), leader, result="deferred")
    assert meeting.matter.decided_on is None and meeting.result == Meeting.Result.DEFERRED


def test_dates_before_the_matter_opened_are_refused(report_office):
    matter = MatterFactory(opened_on=D(2022, 3, 1))
    with pytest.raises(ValidationError) as exc:
        services.record_expert_review(
            matter, actor=report_office, held_on=D(2022, 2, 1), experts=["甲"], opinion="x"
        )
    assert "早于事项启动日期" in exc.value.message_dict["held_on"][0]
    with pytest.raises(ValidationError):
        services.open_comment_window(
            matter, actor=report_office, opens_on=D(2022, 2, 1), closes_on=D(2022, 4, 1)
        )


def test_the_reviewer_is_notified_after_commit(
    report_office, legal_adviser, django_capture_on_commit_callbacks
):
    from huanghe_portal.models import Notification

    matter = MatterFactory(title="集镇停车管理方案")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_review(
            matter, actor=report_office, reviewer=legal_adviser, submitted_on=D(2022, 4, 1)
        )
    note = Notification.objects.get(user=legal_adviser)
    assert "集镇停车管理方案" in note.message and note.url == matter.get_absolute_url()


def test_opening_date_is_editable_until_the_first_step(report_office, legal_reviewer):
    matter = MatterFactory(kind=Kind.MAJOR_DECISION, opened_on=D(2022, 3, 1))
    services.change_opened_on(matter, actor=report_office, opened_on=D(2022, 2, 10))
    matter.refresh_from_db()
    assert matter.opened_on == D(2022, 2, 10)
    RiskAssessmentFactory(matter=matter)
    with pytest.raises(TransitionNotAllowed):
        services.change_opened_on(matter, actor=report_office, opened_on=D(2022, 1, 5))
    matter.refresh_from_db()
    assert matter.opened_on == D(2022, 2, 10)


def test_an_adviser_saved_twice_unchanged_leaves_one_entry_and_an_edit_a_second(report_office):
    from decisions.models import LegalAdviser
    from huanghe_portal.versioning import StaleVersion

    fields = {
        "name": "张律师",
        "firm": "黄鹤律师事务所",
        "term_start": dt.date(2024, 1, 1),
        "term_end": dt.date(2025, 12, 31),
    }
    adviser = services.save_adviser(LegalAdviser(), actor=report_office, **fields)
    assert [e.action for e in timeline.entries_for(adviser)] == ["created"]

    services.save_adviser(adviser, actor=report_office, version=adviser.version, **fields)
    assert [e.action for e in timeline.entries_for(adviser)] == ["created"]

    services.save_adviser(adviser, actor=report_office, version=adviser.version, firm="江城律所")
    adviser.refresh_from_db()
    assert adviser.firm == "江城律所"
    assert sorted(e.action for e in timeline.entries_for(adviser)) == ["created", "updated"]
    with pytest.raises(StaleVersion):
        services.save_adviser(adviser, actor=report_office, version=1, firm="别处")
