"""Property test of the API against its own OpenAPI description (schemathesis).

Every operation gets generated inputs, valid and not, as the admin (who passes
every gate): no input may produce a 500, and every error must be the JSON shape.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path

import schemathesis
from argon2 import PasswordHasher, profiles
from hypothesis import HealthCheck, settings
from svc_reports import fake_extract

from cchc.service import users
from cchc.service.app import create_app

_tmp = Path(tempfile.mkdtemp(prefix="cchc-fuzz-"))
atexit.register(shutil.rmtree, _tmp, True)
users.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
app = create_app(f"sqlite:///{_tmp / 'fuzz.db'}", secret="fuzz", data_dir=_tmp,
                 upload_limit_bytes=64 * 1024, extractor=fake_extract,
                 public_docs=True)  # schemathesis reads /openapi.json without a token
users.add_user(app.state.archive, "admin", "mat-khau-dai-1", "admin")
_token, _ = users.issue_token(app.state.archive, users.find_user(app.state.archive, "admin"))
HEADERS = {"Authorization": f"Bearer {_token}"}
_plan = json.loads((Path(__file__).resolve().parents[2] / "cchc" / "examples" / "plan.json")
                   .read_text(encoding="utf-8"))
from cchc.service import rounds as _rounds  # noqa: E402

_rounds.create(app.state.archive, "2023", plan=_plan)

# Revoking the admin's own token would turn every later case into a plain 401.
schema = schemathesis.openapi.from_asgi("/openapi.json", app).exclude(
    method="DELETE", path="/api/auth/token")


@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error(case):
    response = case.call(headers=HEADERS)
    assert response.status_code < 500, (case.method, case.path, response.text)
    if response.status_code >= 400:
        err = response.json()["error"]
        assert err["code"] and err["message"], response.text
