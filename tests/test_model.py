"""The content models: strict types, no unknown fields, every target form as data."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from sitegen.model import Goal, Indicator, Municipality, Plan
from sitegen.model.indicator import (
    ChangeTarget,
    CountTarget,
    DirectionTarget,
    LevelTarget,
    RankTarget,
    ReportTarget,
)

MUNICIPALITY: dict[str, Any] = {
    "id": "exempelby",
    "namn": "Exempelby",
    "kommunkod": "0665",
    "lan": "Exempel län",
    "webbplats": "https://exempelby.se/",
    "organ": [{"id": "kf", "namn": "Kommunfullmäktige", "typ": "kf"}],
    "kallor": [{"id": "mal", "titel": "Mål", "adress": None}],
}
INDICATOR: dict[str, Any] = {
    "id": "behorighet",
    "titel": "Behörighet",
    "formulering": "Behörigheten ska 2015 vara minst 85%",
    "riktning": "oka",
}


def errors(model: type, data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in info.value.errors()]


def test_municipality_valid() -> None:
    m = Municipality.model_validate(MUNICIPALITY)
    assert m.kommunkod == "0665"
    assert m.sources[0].url is None


def test_kommunkod_is_never_an_int() -> None:
    assert errors(Municipality, {**MUNICIPALITY, "kommunkod": 665}) == [
        (("kommunkod",), "string_type")
    ]
    assert errors(Municipality, {**MUNICIPALITY, "kommunkod": "665"})[0][0] == ("kommunkod",)


def test_unknown_fields_are_refused() -> None:
    assert errors(Municipality, {**MUNICIPALITY, "namm": "x"}) == [(("namm",), "extra_forbidden")]


@pytest.mark.parametrize("bad", ["Kungsör", "a/b", "..", "", "A", "a--b", "-a", "x" * 81, "index"])
def test_ids_are_validated_slugs(bad: str) -> None:
    assert errors(Municipality, {**MUNICIPALITY, "id": bad})[0][0] == ("id",)


def test_types_are_not_coerced() -> None:
    data = {**INDICATOR, "matningar": [{"ar": "2023", "varde": 1, "kalla": "x"}]}
    assert errors(Indicator, data) == [(("matningar", 0, "ar"), "int_type")]
    data = {**INDICATOR, "matningar": [{"ar": 2023, "varde": True, "kalla": "x"}]}
    assert errors(Indicator, data) == [(("matningar", 0, "varde"), "float_type")]
    data = {**INDICATOR, "matningar": [{"ar": 2023.0, "varde": 1, "kalla": "x"}]}
    assert errors(Indicator, data) == [(("matningar", 0, "ar"), "int_type")]


def test_enum_values_are_checked() -> None:
    assert errors(Indicator, {**INDICATOR, "riktning": "upp"}) == [(("riktning",), "enum")]


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ({"typ": "niva", "varde": 85, "enhet": "%", "ar": 2015, "text": "minst 85%"}, LevelTarget),
        ({"typ": "forandring", "varde": -5, "enhet": "%", "text": "minska med 5%"}, ChangeTarget),
        (
            {"typ": "rang", "andel_basta": 25, "jamforelsegrupp": "riket", "ar": 2018, "text": "t"},
            RankTarget,
        ),
        ({"typ": "riktning", "riktning": "oka", "text": "ska öka"}, DirectionTarget),
        ({"typ": "antal", "varde": 50, "enhet": "platser", "text": "50 platser"}, CountTarget),
        ({"typ": "redovisning", "frekvens": "arligen", "text": "redovisas årligen"}, ReportTarget),
    ],
)
def test_every_target_form_is_data(target: dict[str, Any], kind: type) -> None:
    indicator = Indicator.model_validate({**INDICATOR, "malvarden": [target]})
    assert isinstance(indicator.targets[0], kind)
    assert indicator.targets[0].text == target["text"]


def test_target_kind_must_be_known() -> None:
    data = {**INDICATOR, "malvarden": [{"typ": "nivå", "varde": 1, "enhet": "%", "text": "t"}]}
    assert errors(Indicator, data)[0][1] == "union_tag_invalid"


def test_count_target_needs_a_whole_number() -> None:
    data = {**INDICATOR, "malvarden": [{"typ": "antal", "varde": 2.5, "enhet": "st", "text": "t"}]}
    assert errors(Indicator, data)[0][0][-1] == "varde"


def test_rank_share_is_a_percentage() -> None:
    target = {"typ": "rang", "andel_basta": 125, "jamforelsegrupp": "riket", "text": "t"}
    assert errors(Indicator, {**INDICATOR, "malvarden": [target]})[0][1] == "less_than_equal"


def test_measurements_unique_per_period() -> None:
    data = {
        **INDICATOR,
        "matningar": [
            {"ar": 2023, "varde": 1, "kalla": "x"},
            {"ar": 2023, "varde": 2, "kalla": "y"},
        ],
    }
    assert errors(Indicator, data)[0][1] == "value_error"
    data["matningar"][1]["kon"] = "K"
    assert len(Indicator.model_validate(data).measurements) == 2


def test_year_bounds() -> None:
    data = {**INDICATOR, "matningar": [{"ar": 20233, "varde": 1, "kalla": "x"}]}
    assert errors(Indicator, data)[0][1] == "less_than_equal"


PLAN: dict[str, Any] = {
    "id": "mal-och-budget-2022",
    "titel": "Mål och budget 2022",
    "period": {"fran": 2022, "till": 2022},
    "beslutas_av": "kf",
    "status": "antagen",
    "kalla": "mal",
}


def test_plan_period_order_and_unknowns() -> None:
    assert Plan.model_validate(PLAN).period is not None
    assert errors(Plan, {**PLAN, "period": {"fran": 2022, "till": 2019}})[0][0] == ("period",)
    unknown = Plan.model_validate({**PLAN, "period": None, "beslutas_av": None})
    assert unknown.period is None and unknown.decided_by is None


@pytest.mark.parametrize("date", ["2019", "2019-04", "2019-04-10"])
def test_partial_dates(date: str) -> None:
    plan = Plan.model_validate({**PLAN, "process": [{"datum": date, "titel": "Steg"}]})
    assert plan.process[0].date == date


@pytest.mark.parametrize("date", ["2019-13", "2019-02-30", "april 2019", "19-04-10"])
def test_bad_dates(date: str) -> None:
    assert errors(Plan, {**PLAN, "process": [{"datum": date, "titel": "Steg"}]})


GOAL: dict[str, Any] = {
    "id": "bostader",
    "titel": "Fler bostäder",
    "plan": "mal-och-budget-2022",
    "niva": "ks",
    "ansvarig": "ks",
    "kalla": "mal",
}


def test_goal_levels_and_sdgs() -> None:
    goal = Goal.model_validate({**GOAL, "agenda2030": [11], "agenda2030_grund": "kalla"})
    assert goal.sdgs == [11]
    assert errors(Goal, {**GOAL, "agenda2030": [18]})[0][0] == ("agenda2030", 0)
    assert errors(Goal, {**GOAL, "niva": "kommun"})[0][0] == ("niva",)
    assert errors(Goal, {**GOAL, "agenda2030_grund": "gissning"})[0][0] == ("agenda2030_grund",)
