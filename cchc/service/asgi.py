"""The ASGI app uvicorn's workers import; ``cchc serve`` passes settings in the environment."""

from __future__ import annotations

import os

from .app import create_app

app = create_app(os.environ.get("CCHC_SERVE_DB"),
                 secret=os.environ.get("CCHC_SECRET"),
                 upload_limit_bytes=int(os.environ.get("CCHC_SERVE_UPLOAD_LIMIT",
                                                       20 * 1024 * 1024)),
                 data_dir=os.environ.get("CCHC_SERVE_DATA_DIR", "."),
                 batch_limit_bytes=int(os.environ.get("CCHC_SERVE_BATCH_LIMIT",
                                                      100 * 1024 * 1024)),
                 secure_cookies=bool(os.environ.get("CCHC_SERVE_SECURE_COOKIES")),
                 public_docs=bool(os.environ.get("CCHC_SERVE_PUBLIC_DOCS")),
                 job_workers=int(os.environ.get("CCHC_SERVE_JOB_WORKERS") or 2),
                 office_workers=int(os.environ.get("CCHC_SERVE_OFFICE_WORKERS") or 0),
                 uploads_in_flight=int(os.environ.get("CCHC_SERVE_UPLOADS") or 4))
