"""The shared form pieces (huanghe_portal/forms.py) as a user meets them on a step page."""

import datetime as dt

from django import forms

from huanghe_portal.forms import StepForm, VoidForm, date_field, text_field


class _Closing(StepForm):
    closed_on = date_field("结案日期")
    performed_on = date_field("履行日期", required=False)
    reason = text_field("理由", rows=4)


def test_a_required_date_starts_at_today_as_the_clock_says(frozen_today):
    frozen_today(dt.date(2024, 6, 19))
    form = _Closing()
    html = form.as_p()
    assert 'type="date"' in html and 'value="2024-06-19"' in html
    assert form["performed_on"].value() is None  # an optional date starts empty


def test_a_text_field_is_bounded_and_several_lines_high():
    form = _Closing({"closed_on": "2024-06-19", "reason": "x" * 2001})
    assert not form.is_valid() and "reason" in form.errors
    assert isinstance(form.fields["reason"].widget, forms.Textarea)
    assert 'rows="4"' in str(form["reason"])


def test_the_void_form_asks_for_a_short_reason():
    empty = VoidForm({"reason": ""})
    assert not empty.is_valid() and empty.errors["reason"] == ["请填写作废原因。"]
    assert not VoidForm({"reason": "x" * 201}).is_valid()
    assert VoidForm({"reason": "录入错误"}).is_valid()
