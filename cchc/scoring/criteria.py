"""A criteria set read from its JSON data: validated, then checked for what a schema
cannot say (unique ids, sub-criteria adding up, steps within the maximum, figures
that exist), each problem named by its JSON path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cchc.core.errors import ValidationFailed
from cchc.schemas.validate import check, load_json

from .figures import FIGURES

LEVEL_LABELS = {"so": "sở, ban, ngành", "huyen": "huyện, thị xã, thành phố", "xa": "xã, phường"}


@dataclass(frozen=True)
class Leaf:
    """A criterion that is scored: a criterion without sub-criteria, or a sub-criterion."""
    id: str             # "4", or "3.a" for a sub-criterion
    title: str
    max_points: float
    rule: dict
    group: str
    how: str = ""


@dataclass
class CriteriaSet:
    name: str
    source: str
    levels: list[str]
    tie_break: list[str]
    groups: list[dict]
    leaves: list[Leaf] = field(default_factory=list)

    @property
    def max_points(self) -> float:
        return round(sum(leaf.max_points for leaf in self.leaves), 2)

    def group_max(self, group: str) -> float:
        return round(sum(lf.max_points for lf in self.leaves if lf.group == group), 2)


def _leaves(data: dict) -> list[tuple[str, Leaf]]:
    """(JSON path, leaf) for every scored criterion, in the set's order."""
    out = []
    for gi, group in enumerate(data["groups"]):
        for ci, crit in enumerate(group["criteria"]):
            path = f"$.groups[{gi}].criteria[{ci}]"
            for si, sub in enumerate(crit.get("sub") or []):
                out.append((f"{path}.sub[{si}]", Leaf(
                    f"{crit['id']}.{sub['id']}", sub["title"], sub["max_points"],
                    sub.get("rule") or {"kind": "manual"}, group["id"], sub.get("how", ""))))
            if not crit.get("sub"):
                out.append((path, Leaf(crit["id"], crit["title"], crit["max_points"],
                                       crit.get("rule") or {"kind": "manual"}, group["id"],
                                       crit.get("how", ""))))
    return out


def _problems(data: dict, leaves: list[tuple[str, Leaf]]) -> list[str]:
    found = []
    ids = [c["id"] for g in data["groups"] for c in g["criteria"]]
    for gi, group in enumerate(data["groups"]):
        for ci, crit in enumerate(group["criteria"]):
            if ids.count(crit["id"]) > 1:
                found.append(f"$.groups[{gi}].criteria[{ci}].id: mã tiêu chí "
                             f"'{crit['id']}' bị trùng")
            subs = crit.get("sub") or []
            total = round(sum(s["max_points"] for s in subs), 2)
            if subs and total != crit["max_points"]:
                found.append(f"$.groups[{gi}].criteria[{ci}].max_points: {crit['max_points']} "
                             f"khác tổng điểm tối đa các tiêu chí thành phần ({total})")
    for path, leaf in leaves:
        found += _rule_problems(path, leaf)
    groups = {g["id"] for g in data["groups"]}
    for i, rule in enumerate(data.get("tie_break") or []):
        kind, _, ref = rule.partition(":")
        known = groups if kind == "group" else {lf.id for _, lf in leaves}
        what = "lĩnh vực" if kind == "group" else "tiêu chí"
        if ref not in known:
            found.append(f"$.tie_break[{i}]: không có {what} '{ref}' trong bộ tiêu chí")
    return found


def _rule_problems(path: str, leaf: Leaf) -> list[str]:
    rule, found = leaf.rule, []
    if rule["kind"] == "threshold" and rule["figure"] not in FIGURES:
        found.append(f"{path}.rule.figure: không có số liệu '{rule['figure']}'; có: "
                     + ", ".join(sorted(FIGURES)))
    steps = rule.get("steps") or [{"points": rule.get("points", 0)}]
    for si, step in enumerate(steps):
        if step["points"] > leaf.max_points:
            where = f"{path}.rule.steps[{si}].points" if "steps" in rule else f"{path}.rule.points"
            found.append(f"{where}: {step['points']} điểm vượt điểm tối đa {leaf.max_points}")
    return found


def criteria_from(data: dict, *, file: str | None = None) -> CriteriaSet:
    check("criteria", data, file=file)
    leaves = _leaves(data)
    problems = _problems(data, leaves)
    if problems:
        raise ValidationFailed(f"bộ tiêu chí không hợp lệ ({len(problems)} lỗi)", file=file,
                               details=problems)
    return CriteriaSet(data["name"], data["source"], list(data["levels"]),
                       list(data.get("tie_break") or []), data["groups"],
                       [leaf for _, leaf in leaves])


def load_criteria(path: str | Path) -> CriteriaSet:
    return criteria_from(load_json(path), file=str(path))
