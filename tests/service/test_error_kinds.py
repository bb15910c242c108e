"""Typed refusals (issue 19 §3): decided once where the condition is known, answered
by their class (404, 409, 422) with their code and field, never re-checked."""

from __future__ import annotations

import pytest

from cchc.archive import store
from cchc.archive.db import open_archive
from cchc.core.errors import CchcError, Conflict, Invalid, NotFound, ValidationFailed


def test_the_archive_raises_the_kinds(tmp_path):
    archive = open_archive(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        store.create_round(archive, "2023")
        with pytest.raises(Conflict) as again:
            store.create_round(archive, "2023")
        assert (again.value.code, again.value.field) == ("round_exists", "$.code")
        with pytest.raises(NotFound):
            store.show_round(archive, "2099")
        with pytest.raises(NotFound):
            store.get_report(archive, 42)
        with pytest.raises(Invalid):
            store.iso_date("10/5/2023", "ngày")
    finally:
        archive.close()
    assert all(issubclass(k, CchcError) for k in (NotFound, Conflict, Invalid))
    assert issubclass(ValidationFailed, Invalid)  # the CLI still prints them all alike


@pytest.mark.parametrize("kind, status, code", [
    (NotFound("không có X", field="$.x"), 404, "not_found"),
    (Conflict("đã có X", code="x_exists", field="$.x"), 409, "x_exists"),
    (Invalid("X sai", field="$.x"), 422, "invalid"),
    (ValidationFailed("lỗi", details=["$.y: sai kiểu dữ liệu"]), 422, "schema_invalid"),
])
def test_the_service_answers_each_kind_by_its_class(app, client, kind, status, code):
    def boom():
        raise kind

    app.add_api_route("/api/boom", boom)
    r = client.get("/api/boom")
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert (err["code"], err["message"]) == (code, kind.message)
    assert err["field"] == (kind.field or "$.y")


def test_a_missing_report_is_404_from_the_archive(client, tokens):
    r = client.get("/api/reports/987", headers=tokens["viewer"])
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found", r.text
