"""One audit trail, and accepted drafts give up their bytes.

- svc_audit's rows move into the archive's audit_log (its ``actor`` and ``ref`` come
  from archive revision 0007, which the archive's chain has run before ours), then
  svc_audit is dropped: every change is now audited once, in its own transaction.
- svc_drafts.data may be NULL: an accepted draft's bytes live in original_files (the
  report's sha256), so the copy kept beside them is dropped.

Revision ID: svc0008
Revises: svc0007
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "svc0008"
down_revision = "svc0007"
branch_labels = None
depends_on = None

BATCH = 1000


def _split(obj: str) -> tuple[str, int | None, str | None]:
    """ "draft:12" → ("draft", 12, None); "user:canbo" → ("user", None, "canbo")."""
    kind, sep, key = (obj or "").partition(":")
    if not sep:
        return (obj or "?")[:50], None, None
    if key.isdigit() and len(key) < 10:
        return kind[:50], int(key), None
    return kind[:50], None, key[:300]


def _copy_audit(conn) -> None:
    old = sa.table("svc_audit", sa.column("id"), sa.column("at"), sa.column("user_name"),
                   sa.column("action"), sa.column("object"), sa.column("details", sa.JSON))
    new = sa.table("audit_log", sa.column("at"), sa.column("actor"), sa.column("action"),
                   sa.column("entity"), sa.column("entity_id"), sa.column("ref"),
                   sa.column("detail", sa.JSON))
    last = 0
    while True:
        rows = conn.execute(sa.select(old).where(old.c.id > last).order_by(old.c.id)
                            .limit(BATCH)).all()
        if not rows:
            return
        moved = []
        for r in rows:
            entity, number, ref = _split(r.object)
            moved.append({"at": r.at, "actor": r.user_name, "action": r.action,
                          "entity": entity, "entity_id": number, "ref": ref,
                          "detail": r.details})
        conn.execute(new.insert(), moved)
        last = rows[-1].id


def upgrade() -> None:
    conn = op.get_bind()
    _copy_audit(conn)
    op.drop_table("svc_audit")
    with op.batch_alter_table("svc_drafts", schema=None) as batch_op:
        batch_op.alter_column("data", existing_type=sa.LargeBinary(), nullable=True)
    conn.execute(sa.text(
        "UPDATE svc_drafts SET data = NULL WHERE status = 'accepted' AND report_id IN "
        "(SELECT r.id FROM reports r JOIN original_files o ON o.sha256 = r.sha256)"))


def downgrade() -> None:
    raise NotImplementedError("the audit trail is not split again")
