"""Documents a round hands out, with their data taken from the round's plan.

Staff download the outline and the statistics form from the round page in one click:
what the plan knows (its number, symbol, date and who issued it) is filled in, and
nothing the plan does not know is invented. The paperwork kinds whose content the
plan cannot give (visit dates, teams, deadlines) start from their example with the
plan's reference, issuer and place filled, for staff to finish on the generate page.
"""

from __future__ import annotations

import copy

from cchc.commands.conclusion import plan_by

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
