"""``cchc draft``: a notice of conclusions drafted from the archive's data.

An application command: it takes the unit's accepted record, last round's record of
the same unit, last round's recommendations still open and the round's targets,
drafts the strengths, weaknesses and recommendations (``cchc.generator.draft``) and
writes them as a findings file that ``cchc generate conclusion --findings`` takes,
with every suggestion's evidence beside them under "draft" (left out of the notice).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from cchc.archive.commands import db_option, open_archive
from cchc.core.errors import CchcError

OPEN = ("open", "overdue")


def _level(archive, name: str) -> str:
    from cchc.archive.units import find_unit
    from cchc.scoring.ranking import level_of

    with archive.sessions() as s:
        unit = find_unit(s, name)
        return level_of(unit.level if unit else None, name)


def score_of(archive, code: str, name: str) -> dict | None:
    """The unit's score in round ``code`` (when the round was scored) with its rank in
    its level and the score of the latest scored round before, through its mergers."""
    from cchc.archive.scores import stored_criteria
    from cchc.scoring.criteria import LEVEL_LABELS

    from .score import score_history, stored_ranking

    if stored_criteria(archive, code) is None:
        return None
    cs, _data, _scores, by_level, _unscored = stored_ranking(archive, code)
    for level, ranked in by_level.items():
        mine = next((r for r in ranked if r.score.unit == name), None)
        if mine is None:
            continue
        history = score_history(archive, name)
        rounds = [h["round"] for h in history]
        earlier = history[:rounds.index(code)] if code in rounds else history
        return {"criteria": cs.name.split(" — ")[0][0].lower() + cs.name.split(" — ")[0][1:],
                "total": mine.score.total, "max": cs.max_points, "percent": mine.score.percent,
                "rank": mine.rank, "of": len(ranked),
                "level": f"trong khối {LEVEL_LABELS.get(level, level)}",
                "before": earlier[-1]["total"] if earlier else None,
                "before_year": earlier[-1]["year"] if earlier else None}
    return None


def draft_for(archive, code: str, unit: str, targets: dict):
    """(the unit's archived name, the draft) for ``unit`` in round ``code``."""
    from cchc.archive.history import record_before
    from cchc.archive.recommendations import previous_round_follow_up
    from cchc.generator.draft import draft_conclusion

    from .conclusion import latest_record

    name, record = latest_record(archive, code, unit)
    if record is None:
        raise CchcError(f"{name} chưa có báo cáo trong đợt {code}: chưa có số liệu để dự thảo")
    previous, year = record_before(archive, code, name)
    still_open = [r for r in previous_round_follow_up(archive, code, name) if r["status"] in OPEN]
    return name, draft_conclusion(record, _level(archive, name), targets, previous=previous,
                                  previous_year=year, open_recommendations=still_open,
                                  score=score_of(archive, code, name))


def findings_of(draft, deadline: str | None) -> dict:
    """The draft as findings for the notice, its evidence kept under "draft"."""
    return {"strengths": [s.text for s in draft.strengths],
            "weaknesses": [s.text for s in draft.weaknesses],
            "recommendations": [{"text": s.text, "deadline": deadline}
                                for s in draft.recommendations],
            "draft": draft.as_dict()}


@click.command("draft")
@click.option("--round", "code", required=True, help="Mã đợt kiểm tra.")
@click.option("--unit", required=True, help="Đơn vị được kiểm tra.")
@click.option("--targets", "targets_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Chỉ tiêu của đợt (lược đồ targets).")
@click.option("--deadline", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), default=None,
              help="Hạn thực hiện các kiến nghị, dạng 30/9/2023.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Tệp kết quả kiểm tra dự thảo (.json) để sửa rồi dùng với --findings.")
@db_option
def draft(code, unit, targets_path, deadline, output, db_url) -> None:
    """Dự thảo ưu điểm, tồn tại và kiến nghị của Thông báo kết luận từ số liệu."""
    from cchc.core.outfile import check_writable, write_text
    from cchc.schemas.validate import load_valid

    if Path(output).suffix.lower() != ".json":
        raise CchcError("tệp dự thảo phải có đuôi .json", file=output)
    check_writable(output)
    targets = load_valid("targets", targets_path)
    with open_archive(db_url, existing=True) as archive:
        name, drafted = draft_for(archive, code, unit, targets)
    when = deadline.date().isoformat() if deadline else None
    write_text(output, json.dumps(findings_of(drafted, when), ensure_ascii=False, indent=2))
    click.echo(f"Đã ghi {output}: dự thảo cho {name} — {len(drafted.strengths)} ưu điểm, "
               f"{len(drafted.weaknesses)} tồn tại, {len(drafted.recommendations)} kiến nghị. "
               f"Sửa, bỏ từng câu rồi: cchc generate conclusion --round {code} "
               f"--unit \"{name}\" --findings {output} -o TB.docx")


commands: list = [draft]
