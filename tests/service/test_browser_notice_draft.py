"""The drafted notice in Chromium as staff (issue 24): open the draft for a unit, see
each sentence with its evidence, keep one, edit one, drop one, preview and issue; the
issued DOCX holds exactly the kept and edited sentences (screenshots in
tests/artifacts/browser/)."""

from __future__ import annotations

import io
import json

from docx import Document
from test_browser import page, pytestmark, server, shot  # noqa: F401 - fixtures, skip marker
from test_browser_admin import login
from test_notice_draft import OVERDUE, STRENGTH, TARGETS, UNIT, seed_rounds

EDITED = "Làm rõ nguyên nhân hồ sơ quá hạn; xin lỗi tổ chức, cá nhân theo quy định."


def test_staff_keep_edit_and_drop_drafted_sentences(server, page, tmp_path):  # noqa: F811
    base, app = server
    seed_rounds(app.state.archive)
    targets = tmp_path / "chi-tieu-2023.json"
    targets.write_text(json.dumps(TARGETS, ensure_ascii=False), encoding="utf-8")
    login(page, base, "canbo")
    page.goto(f"{base}/rounds/2023/conclusion")
    page.select_option("#draft-unit", UNIT)
    page.set_input_files("#draft-targets", str(targets))
    page.click("#draft-notice")
    page.wait_for_selector("#drafted")
    boxes = page.locator("#drafted .drafted-sentence")
    texts = [boxes.nth(i).locator("textarea").input_value() for i in range(boxes.count())]
    assert STRENGTH in texts and OVERDUE in texts
    strength = boxes.nth(texts.index(STRENGTH))
    assert "Căn cứ: Bảng thống kê kết quả giải quyết TTHC của báo cáo: 99%" in \
        strength.locator(".evidence").inner_text()
    shot(page, "notice-draft-opened")

    rec_i = next(i for i, t in enumerate(texts) if t.startswith("Rà soát, làm rõ nguyên nhân"))
    boxes.nth(rec_i).locator("textarea").fill(EDITED)
    boxes.nth(texts.index(OVERDUE)).locator("label:has-text('Bỏ câu này')").click()
    page.fill("input[name=date]", "02/6/2023")
    page.fill("input[name=inspection_date]", "24/5/2023")
    page.fill("input[name=team]", "Tổ kiểm tra số 1")
    page.fill("input[name=draft_deadline]", "30/9/2023")
    shot(page, "notice-draft-decided")
    page.click("#preview-notice")
    page.wait_for_selector("#notice-preview")
    assert page.locator("#drafted textarea").nth(rec_i).input_value() == EDITED
    assert page.locator(f"#draft-{texts.index(OVERDUE)} input[value=drop]").is_checked()
    shot(page, "notice-draft-preview")
    page.click("#issue-notice")
    page.wait_for_url(f"{base}/rounds/2023#conclusions")
    with page.expect_download() as info:
        page.click(".conclusion-download")
    doc = Document(io.BytesIO(open(info.value.path(), "rb").read()))
    text = " ".join(" ".join(p.text for p in doc.paragraphs).split())
    for kept in [t for i, t in enumerate(texts) if i != rec_i and t != OVERDUE] + [EDITED]:
        assert kept.rstrip(".") in text, kept
    assert OVERDUE.rstrip(".") not in text and texts[rec_i].rstrip(".") not in text
    shot(page, "notice-draft-issued", full=False)
