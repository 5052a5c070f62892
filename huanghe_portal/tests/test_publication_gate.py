"""The personal-data detector that runs before anything goes public (issue 12, point 7)."""

import io

import docx
import openpyxl
import pytest

from disputes.tests.factories import DisputeFactory
from huanghe_portal import personal_data as pd
from huanghe_portal.exceptions import TransitionNotAllowed
from petitions.tests.factories import PetitionFactory

pytestmark = pytest.mark.django_db
ID = "11010519491231002X"  # valid GB 11643 check character
PHONE = "13812345678"


def kinds(text: str, names=frozenset()) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in pd.find_personal_data([("正文", text)], names=set(names))]


def test_a_valid_id_number_is_found_and_reported_masked():
    assert kinds(f"当事人身份证{ID}，住平桥村") == [("id_number", "110105********002X")]


def test_a_number_with_a_wrong_check_character_or_birth_date_is_not_an_id():
    assert kinds("订单号110105194912310021") == []
    assert kinds("编号110105194913310025") == []  # month 13


def test_full_width_digits_separators_and_legacy_numbers_are_found():
    full_width = ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert kinds(f"身份证：{full_width}") == [("id_number", "110105********002X")]
    assert kinds("身份证 110105 19491231 002X") == [("id_number", "110105********002X")]
    assert kinds("旧证号110105491231002") == [("id_legacy", "110105*****1002")]


def test_mobile_numbers_are_found_but_office_numbers_and_long_digit_runs_are_not():
    assert kinds(f"联系电话{PHONE}。") == [("mobile", "138****5678")]
    assert kinds("电话 138-1234-5678") == [("mobile", "138****5678")]
    assert kinds("咨询电话023-73300000，账号6222021234567890123") == []


def test_names_of_parties_of_non_public_cases_come_from_the_areas_registries():
    DisputeFactory()  # parties 张三 and 李四, not mediated in public
    DisputeFactory(is_public=True, with_parties=False).parties.create(
        role="applicant", name="王公开"
    )
    PetitionFactory(petitioner_name="谭小芳")
    PetitionFactory(petitioner_name="匿名")
    names = pd.private_party_names()
    assert {"张三", "李四", "谭小芳"} <= names
    assert "王公开" not in names and "匿名" not in names
    found = pd.find_personal_data([("正文", "经调解，张三与谭小芳达成一致；王公开到场。")])
    assert [(f.kind, f.value) for f in found] == [("party_name", "张*"), ("party_name", "谭*芳")]


def _docx(text: str) -> io.BytesIO:
    document = docx.Document()
    document.add_paragraph("附件说明")
    document.add_table(rows=1, cols=1).cell(0, 0).text = text
    out = io.BytesIO()
    document.save(out)
    out.seek(0)
    return out


def _xlsx(text: str) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "证件", text])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_text_is_extracted_from_docx_xlsx_and_pdf():
    from huanghe_portal.pdf import html_to_pdf

    assert ID in pd.extract_text(_docx(f"身份证{ID}"), "docx")
    assert PHONE in pd.extract_text(_xlsx(PHONE), "xlsx")
    pdf = io.BytesIO(html_to_pdf(f"<p>联系电话 {PHONE}</p>"))
    assert PHONE in pd.extract_text(pdf, "pdf").replace(" ", "")
    assert pd.extract_text(io.BytesIO(b"\x89PNG"), "png") == ""
    with pytest.raises(ValueError):
        pd.extract_text(io.BytesIO(b"%PDF-1.7 broken"), "pdf")


def test_a_full_id_always_blocks_even_with_a_reason():
    with pytest.raises(pd.PersonalDataFound) as exc:
        pd.check_publication([("正文", f"{ID} {PHONE}")], acknowledge="当事人同意")
    assert isinstance(exc.value, TransitionNotAllowed)
    assert exc.value.findings == [
        {
            "where": "正文",
            "what": "身份证号码 110105********002X",
            "kind": "id_number",
            "value": "110105********002X",
        }
    ]
    assert ID not in str(exc.value) and "110105********002X" in str(exc.value)


def test_a_mobile_number_blocks_until_acknowledged_and_the_reason_is_the_record():
    with pytest.raises(pd.PersonalDataFound) as exc:
        pd.check_publication([("正文", f"值班电话{PHONE}")])
    assert exc.value.acknowledgeable and PHONE not in str(exc.value)
    check = pd.check_publication([("正文", f"值班电话{PHONE}")], acknowledge=" 公开的值班手机 ")
    record = check.record()
    assert record["acknowledgement"] == "公开的值班手机"
    assert record["findings"][0]["what"] == "手机号码 138****5678"
    # A later run over the same text may rely on that review; a new finding may not.
    again = pd.check_publication([("正文", f"值班电话{PHONE}")], reviewed=record)
    assert again.acknowledgement == "公开的值班手机"
    with pytest.raises(pd.PersonalDataFound):
        pd.check_publication([("正文", f"值班电话{PHONE}、13900001111")], reviewed=record)


def test_clean_text_passes_with_an_empty_record():
    check = pd.check_publication([("正文", "黄鹤镇2024年法治政府建设情况。")])
    assert check.findings == [] and check.record()["acknowledgement"] == ""
    assert "未发现" in check.note()
