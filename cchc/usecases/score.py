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


def with_stored(archive, code: str, given: dict, cs) -> dict[str, tuple[str, dict]]:
    """The archive's stored scores of the round, each point overridden by the scores
    file's where the file gives it: scoring again never drops a verified score. Stored
    points of criteria the set (a revised one) no longer has are left behind."""
    from cchc.archive.scores import stored_entries

    ids = {leaf.id for leaf in cs.leaves}
    out = {}
    for name, entry in stored_entries(archive, code).items():
        kept = {part: {k: v for k, v in entry[part].items() if k in ids}
                for part in ("self", "verified")}
        out[name.casefold()] = (f"kho lưu trữ, đơn vị '{name}'", {"unit": name, **kept})
    for key, (path, entry) in given.items():
        base = out.get(key, (path, {}))[1]
        out[key] = (path, {"unit": entry["unit"],
                           "self": {**base.get("self", {}), **(entry.get("self") or {})},
                           "verified": {**base.get("verified", {}),
                                        **(entry.get("verified") or {})}})
    return out


def round_criteria(archive, code: str, criteria_path: Path | None):
    """(criteria set, its data): the file given, else the set the round was scored on."""
    from cchc.archive.scores import stored_criteria
    from cchc.schemas.validate import load_json
    from cchc.scoring.criteria import criteria_from

    if criteria_path is not None:
        data = load_json(criteria_path)
        return criteria_from(data, file=str(criteria_path)), data
    data = stored_criteria(archive, code)
    if data is None:
        raise CchcError(f"đợt {code} chưa được chấm theo bộ tiêu chí nào; chỉ rõ bộ tiêu "
                        f"chí bằng --criteria")
    return criteria_from(data, file=f"bộ tiêu chí của đợt {code} trong kho lưu trữ"), data


def round_scores(archive, code: str, cs, given: dict, *, only: str | None = None,
                 checked: set[str] | None = None) -> tuple[list, list[str]]:
    """Each unit of the round (scheduled first) scored, and the units left unscored
    because they have neither a report nor a score; units outside the set's levels are
    left out, and an entry (of ``checked``, default all) for a unit the round lacks is
    an error. ``only`` scores that one unit."""
    from cchc.archive.store import get_report
    from cchc.archive.summary_data import round_summary
    from cchc.scoring.ranking import level_of
    from cchc.scoring.unit_score import score_unit

    scores, unscored, seen = [], [], set()
    for row in round_summary(archive, code)["units"]:
        level = level_of(row["level"], row["unit"])
        key = row["unit"].casefold()
        if level not in cs.levels or (only is not None and key != only.casefold()):
            continue
        seen.add(key)
        if not row["report_id"] and key not in given:
            unscored.append(row["unit"])
            continue
        record = get_report(archive, row["report_id"])["record"] if row["report_id"] else None
        path, entry = given.get(key, ("$", {}))
        scores.append(score_unit(cs, row["unit"], level, record, entry, path))
    keys = given.keys() if checked is None else checked
    unknown = [f"{p}.unit: không có đơn vị '{e['unit']}' (thuộc khối được chấm) trong đợt {code}"
               for name, (p, e) in given.items() if name in keys and name not in seen]
    if unknown and only is None:
        raise CchcError("tệp điểm nêu đơn vị không có trong đợt kiểm tra", details=unknown)
    return scores, unscored


def stored_ranking(archive, code: str, criteria_path: Path | None = None,
                   scores_path: Path | None = None) -> tuple:
    """(criteria set, its data, scores, ranking by level, units left unscored) of round
    ``code`` from the scores the archive holds (and a scores file's, given one)."""
    from cchc.scoring.ranking import rank_by_level

    cs, data = round_criteria(archive, code, criteria_path)
    from_file = _given(scores_path)
    given = with_stored(archive, code, from_file, cs)
    scores, unscored = round_scores(archive, code, cs, given, checked=set(from_file))
    return cs, data, scores, rank_by_level(scores, cs.tie_break), unscored


def rank_round(db_url: str, code: str, criteria_path: Path | None, scores_path: Path | None,
               output: str | Path | None, *, save: bool = False) -> tuple:
    """Score round ``code``, rank per level, store the scores (``save``) and write the
    workbook to ``output``; returns (criteria set, ranking by level, units left
    unscored, verified scores changed). The save is audited as the command line's
    login ("score_save") in its own transaction."""
    from cchc.archive.audit import audit, current_actor
    from cchc.archive.scores import save_scores
    from cchc.generator.ranking_xlsx import write_ranking_xlsx

    with open_archive(db_url, existing=True) as archive:
        cs, data, scores, by_level, unscored = stored_ranking(archive, code, criteria_path,
                                                              scores_path)
        user = current_actor()
        detail = {"criteria": cs.name, "units": len(scores),
                  "scores": Path(scores_path).name if scores_path else None}
        changed = save_scores(archive, code, data, scores, user=user, then=lambda s, rnd: audit(
            s, user, "score_save", "round", rnd.id, detail, ref=rnd.code)) if save else []
    if output is not None:
        write_ranking_xlsx(output, cs, scores, by_level, code)
    return cs, by_level, unscored, changed


def score_round_on(archive, code: str, data: dict, *, file: str | None = None,
                   user: str | None = None) -> tuple:
    """Score round ``code`` on the criteria set ``data`` (keeping the points stored
    already) and store it, audited as ``user``'s "score_criteria" in the same
    transaction; returns (criteria set, scores)."""
    from cchc.archive.audit import audit
    from cchc.archive.scores import save_scores
    from cchc.scoring.criteria import criteria_from

    cs = criteria_from(data, file=file)
    scores, _ = round_scores(archive, code, cs, with_stored(archive, code, {}, cs))
    save_scores(archive, code, data, scores, user=user, then=lambda s, rnd: audit(
        s, user, "score_criteria", "round", rnd.id, {"criteria": cs.name,
                                                     "units": len(scores)}, ref=rnd.code))
    return cs, scores


def store_unit_entry(archive, code: str, unit: str, entry: dict, user: str | None,
                     *, path: str = "$", version: str | None = None,
                     audited: tuple[str, dict] | None = None) -> tuple:
    """Replace one unit's self-scores and verified scores with ``entry`` (the shape of a
    scores file's entry), score it and store it; refused with the scoring rules' words
    (a reason wherever a verified score differs), or when the unit's points were saved
    since ``version``, and nothing stored. ``audited``: (action, details) of the save's
    own audit row, written as ``user``'s in the same transaction. Returns (the unit's
    score, the verified scores that changed)."""
    from cchc.archive.audit import audit
    from cchc.archive.scores import save_scores

    cs, data = round_criteria(archive, code, None)
    given = with_stored(archive, code, {}, cs)
    given[unit.casefold()] = (path, {"unit": unit, "self": entry.get("self") or {},
                                     "verified": entry.get("verified") or {}})
    scores, _ = round_scores(archive, code, cs, given, only=unit)
    if not scores:
        raise CchcError(f"không có đơn vị '{unit}' thuộc khối được chấm trong đợt {code}")
    expected = {scores[0].unit: version} if version is not None else None
    then = None if audited is None else lambda s, rnd: audit(
        s, user, audited[0], "score", None, audited[1], ref=f"{scores[0].unit}, đợt {rnd.code}")
    return scores[0], save_scores(archive, code, data, scores, user=user, whole_round=False,
                                  expected=expected, then=then)


def verify_point(archive, code: str, unit: str, leaf_id: str, points: float | None,
                 reason: str, user: str | None) -> dict:
    """Set (or clear, ``points`` None) the team's verified score of one point. Returns
    {"old", "new", "unit", "criterion", "reason"}; "unchanged" when it was so already."""
    from cchc.archive.scores import stored_entries

    entry = next((e for name, e in stored_entries(archive, code).items()
                  if name.casefold() == unit.casefold()), {})
    verified = dict(entry.get("verified") or {})
    if points is None:
        verified.pop(leaf_id, None)
    else:
        verified[leaf_id] = {"points": points, "reason": reason.strip()}
    _score, changed = store_unit_entry(archive, code, unit, {**entry, "verified": verified},
                                       user)
    return changed[0] if changed else {"unit": unit, "criterion": leaf_id, "old": points,
                                       "new": points, "unchanged": True}


def score_history(archive, unit: str, cache: dict | None = None) -> list[dict]:
    """The unit's score round by round, oldest first, through its mergers (the round's
    score of whichever unit of its lineage reported then, as ``archive.history``):
    [{"round", "year", "total", "max", "percent"}]; rounds not scored are left out.
    ``cache`` keeps each round's scores across calls (a dashboard asks for every unit)."""
    from cchc.archive.history import unit_history
    from cchc.archive.models import Unit
    from cchc.archive.scores import stored_criteria

    cache = {} if cache is None else cache
    out = []
    for h in unit_history(archive, unit):
        if h["round"] not in cache:
            cache[h["round"]] = (stored_ranking(archive, h["round"])
                                 if stored_criteria(archive, h["round"]) else None)
        if cache[h["round"]] is None:
            continue
        with archive.sessions() as s:
            name = s.get(Unit, h["unit_id"]).name
        cs, _d, scores, _by, _u = cache[h["round"]]
        mine = next((sc for sc in scores if sc.unit == name), None)
        if mine is not None:
            out.append({"round": h["round"], "year": h["year"], "total": mine.total,
                        "max": cs.max_points, "percent": mine.percent})
    return out


@click.command("score")
@click.option("--round", "code", required=True, help="Mã đợt kiểm tra.")
@click.option("--criteria", "criteria_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Bộ tiêu chí (JSON); mặc định: bộ tiêu chí đợt đã được chấm, lưu trong kho.")
@click.option("--scores", "scores_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Điểm tự chấm và điểm thẩm định của các đơn vị: JSON, hoặc bảng tính .xlsx "
                   "có cột Đơn vị, Mã tiêu chí, Điểm tự chấm, Tài liệu kiểm chứng, Điểm thẩm "
                   "định, Lý do.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Tệp xếp hạng .xlsx.")
@click.option("--save", is_flag=True,
              help="Lưu bộ tiêu chí và điểm (tự chấm, tính từ báo cáo, thẩm định) vào kho "
                   "lưu trữ; lần chấm sau và trang chấm điểm đọc lại từ kho.")
@db_option
def score(code, criteria_path, scores_path, output, save, db_url) -> None:
    """Chấm điểm các đơn vị của đợt theo bộ tiêu chí và xếp hạng theo từng khối.

    Điểm đã lưu trong kho (--save, hoặc trang chấm điểm) được dùng lại; tệp --scores
    thay từng điểm nó nêu."""
    from cchc.core.outfile import check_writable

    if output is None and not save:
        raise CchcError("cần --output (tệp xếp hạng .xlsx), --save (lưu vào kho), hoặc cả hai")
    if output is not None:
        if Path(output).suffix.lower() != ".xlsx":
            raise CchcError("tệp xếp hạng phải có đuôi .xlsx", file=output)
        check_writable(output)
    cs, by_level, unscored, changed = rank_round(db_url, code, criteria_path, scores_path,
                                                 output, save=save)
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
    if save:
        click.echo(f"Đã lưu điểm của {scored} đơn vị vào kho lưu trữ"
                   + (f" ({len(changed)} điểm thẩm định thay đổi)." if changed else "."))
    if output is not None:
        click.echo(f"Đã ghi {output}: {scored} đơn vị được chấm.")


commands: list = [score]
