"""``cchc score``: score a round's units on a criteria set and write the ranking.

An application command: it reads the round's current reports from the archive,
scores them (``cchc.scoring``) with the self-scores and verified scores of a scores
file, and writes the workbook through the generator.
"""

from __future__ import annotations

from pathlib import Path

import click

from cchc.archive.commands import db_option, open_archive
from cchc.core.errors import CchcError


def _given(path: Path | None) -> dict[str, tuple[str, dict]]:
    """Unit name → (JSON path, entry) from a scores file."""
    if path is None:
        return {}
    from cchc.schemas.validate import check, load_valid

    if path.suffix.lower() == ".xlsx":
        from cchc.scoring.sheet import read_scores_sheet

        data = read_scores_sheet(path)
        check("scores", data, file=str(path))
    else:
        data = load_valid("scores", path)
    return {u["unit"].casefold(): (f"$.units[{i}]", u) for i, u in enumerate(data["units"])}


def round_scores(archive, code: str, cs, given: dict) -> tuple[list, list[str]]:
    """Each unit of the round (scheduled first) scored, and the units left unscored
    because they have neither a report nor a score; units outside the set's levels are
    left out, and a scores entry for a unit the round lacks is an error."""
    from cchc.archive.store import get_report
    from cchc.archive.summary_data import round_summary
    from cchc.scoring.ranking import level_of
    from cchc.scoring.unit_score import score_unit

    scores, unscored, seen = [], [], set()
    for row in round_summary(archive, code)["units"]:
        level = level_of(row["level"], row["unit"])
        if level not in cs.levels:
            continue
        key = row["unit"].casefold()
        seen.add(key)
        if not row["report_id"] and key not in given:
            unscored.append(row["unit"])
            continue
        record = get_report(archive, row["report_id"])["record"] if row["report_id"] else None
        path, entry = given.get(key, ("$", {}))
        scores.append(score_unit(cs, row["unit"], level, record, entry, path))
    unknown = [f"{p}.unit: không có đơn vị '{e['unit']}' (thuộc khối được chấm) trong đợt {code}"
               for name, (p, e) in given.items() if name not in seen]
    if unknown:
        raise CchcError("tệp điểm nêu đơn vị không có trong đợt kiểm tra", details=unknown)
    return scores, unscored


def rank_round(db_url: str, code: str, criteria_path: Path, scores_path: Path | None,
               output: str | Path) -> tuple:
    """Score round ``code``, rank per level and write the workbook to ``output``;
    returns (criteria set, ranking by level, units left unscored)."""
    from cchc.generator.ranking_xlsx import write_ranking_xlsx
    from cchc.scoring.criteria import load_criteria
    from cchc.scoring.ranking import rank_by_level

    cs = load_criteria(criteria_path)
    given = _given(scores_path)
    with open_archive(db_url, existing=True) as archive:
        scores, unscored = round_scores(archive, code, cs, given)
    by_level = rank_by_level(scores, cs.tie_break)
    write_ranking_xlsx(output, cs, scores, by_level, code)
    return cs, by_level, unscored


@click.command("score")
@click.option("--round", "code", required=True, help="Mã đợt kiểm tra.")
@click.option("--criteria", "criteria_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Bộ tiêu chí (JSON).")
@click.option("--scores", "scores_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Điểm tự chấm và điểm thẩm định của các đơn vị: JSON, hoặc bảng tính .xlsx "
                   "có cột Đơn vị, Mã tiêu chí, Điểm tự chấm, Tài liệu kiểm chứng, Điểm thẩm "
                   "định, Lý do.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Tệp xếp hạng .xlsx.")
@db_option
def score(code, criteria_path, scores_path, output, db_url) -> None:
    """Chấm điểm các đơn vị của đợt theo bộ tiêu chí và xếp hạng theo từng khối."""
    from cchc.core.outfile import check_writable

    if Path(output).suffix.lower() != ".xlsx":
        raise CchcError("tệp xếp hạng phải có đuôi .xlsx", file=output)
    check_writable(output)
    cs, by_level, unscored = rank_round(db_url, code, criteria_path, scores_path, output)
    scored = sum(len(r) for r in by_level.values())
    for ranked in by_level.values():
        for item in ranked:
            s = item.score
            click.echo(f"{item.rank:3d}. {s.unit}: {s.total:g}/{cs.max_points:g} điểm "
                       f"({s.percent:g}%)" + (f" — thiếu: {len(s.missing)} tiêu chí"
                                              if s.missing else ""))
    if unscored:
        click.echo(f"Chưa chấm {len(unscored)} đơn vị (chưa có báo cáo, chưa có điểm): "
                   + ", ".join(unscored))
    click.echo(f"Đã ghi {output}: {scored} đơn vị được chấm.")


commands: list = [score]
