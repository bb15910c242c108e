"""Schema messages said in the page's words: the form's labels, else the data's keys."""

from cchc.service.field_words import humane
from cchc.service.forms import PLAN_LABELS


def test_a_form_names_its_own_fields():
    assert humane("$.signer.name: không được để trống", PLAN_LABELS) \
        == "Người ký: không được để trống"
    assert humane("$.schedule[0].groups[1].units: phải có ít nhất 1 phần tử", PLAN_LABELS) \
        == "Lịch kiểm tra › mục 1 › “groups” › mục 2 › “units”: phải có ít nhất 1 phần tử"
    assert humane("$: thiếu trường bắt buộc 'signer', 'symbol'", PLAN_LABELS) \
        == "văn bản: thiếu trường bắt buộc “Người ký”, “Ký hiệu”"


def test_without_labels_the_keys_staff_see_in_the_text():
    said = humane("tệp a.json: $.visits[0].date: giá trị không đúng dạng")
    assert said == "tệp a.json: “visits” › mục 1 › “date”: giá trị không đúng dạng"
    assert "$." not in humane("$.kind: không phải bản ghi báo cáo của đơn vị")
    assert humane("giá 100$ một lần") == "giá 100$ một lần"
