"""Documents a round hands out, with their data taken from the round's plan.

Staff download the outline and the statistics form from the round page in one click:
what the plan knows (its number, symbol, date and who issued it) is filled in, and
nothing the plan does not know is invented. The paperwork kinds whose content the
plan cannot give (visit dates, teams, deadlines) start from their example with the
plan's reference, issuer and place filled, for staff to finish on the generate page.
"""

from __future__ import annotations

import copy

from cchc.usecases.conclusion import plan_by

from . import forms

# Kinds made from the plan alone, in one click from the round page.
ONE_CLICK = ("outline", "stats-form")
# Kinds the plan only starts: staff finish them on the generate page.
STARTED = ("schedule", "reminder", "team-decision", "minutes")


def plan_citation(plan: dict) -> dict:
    """The plan as the paperwork kinds cite it: number, symbol, date, issuer."""
    issuer = plan_by(plan).removeprefix("Chủ tịch ")
    return {"number": plan.get("number"), "symbol": plan.get("symbol") or "KH-UBND",
            "date": plan.get("date"), **({"issuer": issuer} if issuer else {})}


def _outline(plan: dict, data: dict) -> dict:
    data["attached_to"] = {"type_name": "Kế hoạch", "number": plan.get("number"),
                           "symbol": plan.get("symbol") or "KH-UBND",
                           "date": plan.get("date"), "by": plan_by(plan)}
    return data


def _stats_form(_plan: dict, data: dict) -> dict:
    """A blank form for every unit: no unit, no period, no example rows."""
    data.update(unit=None, period={"from": None, "to": None}, rows=[], total=None)
    return data


def _started(plan: dict, data: dict) -> dict:
    data["plan"] = plan_citation(plan)
    # The minutes are headed by the inspection team, not by the plan's issuer.
    for key in ("place",) if data.get("kind") == "minutes" else ("issuer", "place"):
        if plan.get(key):
            data[key] = copy.deepcopy(plan[key])
    return data


_BUILD = {"outline": _outline, "stats-form": _stats_form,
          **dict.fromkeys(STARTED, _started)}


def kind_data(kind: str, plan: dict) -> dict:
    """The data of ``kind`` for a round with ``plan``: its example, overridden by the plan."""
    return _BUILD[kind](plan, copy.deepcopy(forms.example(kind)))


def _schedule_from_round(rows: list[dict], data: dict) -> dict:
    """The visits the round keeps (cchc round schedule, add-unit): each unit's date,
    in date order; session, time and team are left for staff, never guessed."""
    dated = sorted((r for r in rows if r["visit"]), key=lambda r: r["visit"])
    if not dated:
        return data
    data["visits"] = [{"unit": r["unit"], "date": r["visit"].isoformat(), "session": "",
                       "team": ""} for r in dated]
    gaps = {(r["visit"] - r["deadline"]).days for r in dated if r["deadline"]}
    if len(gaps) == 1:
        data["report_days_before"] = gaps.pop()
    return data


def with_invites(data: dict, codes: dict[str, str], address: str) -> dict:
    """The schedule notice carrying each visited unit's one-time code (``codes``: unit →
    code) and the address to enter it; a unit without a new code prints none."""
    for visit in data.get("visits") or []:
        name = visit["unit"]["name"] if isinstance(visit["unit"], dict) else visit["unit"]
        if name in codes:
            visit["invite_code"] = codes[name]
    data["invite_address"] = address
    return data


def print_invites(archive, code: str, data: dict, by: str, address: str) -> dict:
    """The notice's data with new invite codes in, made only once the data is valid (a
    refused notice must not leave codes no one ever saw)."""
    from cchc.generator.paperwork import schedule_problems
    from cchc.schemas.validate import check

    from . import rounds, unit_accounts

    code = rounds.require_round(archive, code)
    check("schedule", data)
    if schedule_problems(data):
        return data   # the generator says what is wrong; no code is made for it
    return with_invites(data, unit_accounts.invite_scheduled(archive, code, by), address)


def _reminder_from_round(rows: list[dict], data: dict) -> dict:
    """The units whose report is late on the app's clock, with the deadline they had,
    the longest overdue first."""
    late = [{"name": r["unit"], "deadline": r["deadline"].isoformat()}
            for r in sorted((r for r in rows if r["status"] == "late"),
                            key=lambda r: r["deadline"])]
    data["units"] = late
    data.pop("new_deadline", None)   # a new deadline is the office's decision
    return data


FROM_ROUND = {"schedule": _schedule_from_round, "reminder": _reminder_from_round}


def round_data(archive, kind: str, code: str, plan: dict, today) -> dict:
    """``kind``'s data started from the round: its plan, and for the schedule notice and
    the reminder the dates the round keeps (visits, deadlines, who is late)."""
    data = kind_data(kind, plan)
    if kind in FROM_ROUND:
        from cchc.archive.schedule import standing

        data = FROM_ROUND[kind](standing(archive, code, today), data)
    return data
