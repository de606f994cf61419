"""Progress rules per target form, the follow-up file kind, and how it links to goals/indicators."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from _followup_content import followup_content
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.issues import ContentError
from sitegen.model.followup import RankEntry
from sitegen.model.indicator import (
    Baseline,
    ChangeTarget,
    Comparison,
    CountTarget,
    Direction,
    DirectionTarget,
    Gender,
    Indicator,
    LevelTarget,
    Measurement,
    RankTarget,
    ReportTarget,
)
from sitegen.model.plan import Period
from sitegen.pipeline import load_site
from sitegen.progress import Status, assess, due_years, rules
from sitegen.render.phrases import html, text
from sitegen.reporter import Reporter
from sitegen.settings import Settings

AS_OF = 2026


def sv(text: str) -> str:
    """Swedish formats put a no-break space between number and unit; compare with a space."""
    return str(text).replace("\xa0", " ")


def m(year: int, value: float, gender: str = "T", tertial: int | None = None) -> Measurement:
    data: dict[str, Any] = {"ar": year, "varde": float(value), "kalla": "test", "kon": gender}
    if tertial is not None:
        data["tertial"] = tertial
    return Measurement.model_validate(data)


def level(value: float, comparison: str = "minst", year: int | None = None) -> LevelTarget:
    return LevelTarget.model_validate(
        {
            "typ": "niva",
            "text": "t",
            "varde": float(value),
            "enhet": "%",
            "jamforelse": comparison,
            "ar": year,
        }
    )


def baseline(year: int, value: float) -> Baseline:
    return Baseline.model_validate({"ar": year, "varde": float(value), "enhet": "%", "text": "t"})


# --- level -------------------------------------------------------------------------------------


def test_level_met_by_latest_value_and_rule_is_stated() -> None:
    p = rules.level(level(2, year=2022), [m(2020, 1.5), m(2022, 2.3)], [], AS_OF)
    assert p.status is Status.MET
    assert "2,3 %" in sv(p.summary) and "når målnivån minst 2 %" in sv(p.summary)
    assert "nåddes i tid" in sv(p.summary)
    assert "målåret 2022" in sv(p.rule)


def test_level_missed_after_target_year_and_share_from_baseline() -> None:
    p = rules.level(level(2, year=2022), [m(2021, 1.8)], [baseline(2018, 1.0)], AS_OF)
    assert p.status is Status.MISSED
    assert p.share == pytest.approx(0.8)
    assert "80 % av vägen" in sv(p.summary)
    assert "nåddes inte i tid" in sv(p.summary) and "(2021)" in sv(p.summary)


def test_level_not_yet_before_target_year_and_unknown_without_values() -> None:
    assert rules.level(level(2, year=2030), [m(2024, 1.0)], [], AS_OF).status is Status.NOT_YET
    empty = rules.level(level(2, year=2030), [], [], AS_OF)
    assert empty.status is Status.UNKNOWN and "Inga uppföljda värden" in sv(empty.summary)


def test_level_at_most_and_only_total_gender_counts() -> None:
    values = [m(2022, 3.0), m(2023, 9.0, gender="K")]
    p = rules.level(level(5, "hogst"), values, [], AS_OF)
    assert p.status is Status.MET and "3 %" in sv(p.summary)


def test_level_latest_tertial_counts_after_full_year() -> None:
    values = [m(2023, 1.0), m(2024, 2.5, tertial=2)]
    p = rules.level(level(2), values, [], AS_OF)
    assert p.status is Status.MET and "2024 T2" in sv(p.summary)


@given(
    value=st.floats(-1000, 1000, allow_nan=False),
    goal=st.floats(-1000, 1000, allow_nan=False),
    comparison=st.sampled_from(list(Comparison)),
    year=st.one_of(st.none(), st.integers(2000, 2040)),
)
def test_level_status_matches_comparison(
    value: float, goal: float, comparison: Comparison, year: int | None
) -> None:
    p = rules.level(level(goal, comparison.value, year), [m(2020, value)], [], AS_OF)
    if rules.meets(value, goal, comparison):
        assert p.status is Status.MET
    elif year is not None and year < AS_OF:
        assert p.status is Status.MISSED
    else:
        assert p.status is Status.NOT_YET


@given(
    start=st.floats(-100, 100, allow_nan=False),
    goal=st.floats(-100, 100, allow_nan=False),
    value=st.floats(-1000, 1000, allow_nan=False),
)
def test_level_share_stays_between_zero_and_one(start: float, goal: float, value: float) -> None:
    p = rules.level(level(goal), [m(2021, value)], [baseline(2018, start)], AS_OF)
    assert p.share is None or 0.0 <= p.share <= 1.0


def test_count_target_with_span_is_cumulative() -> None:
    target = CountTarget.model_validate(
        {
            "typ": "antal",
            "text": "150 bostäder 2020–2025",
            "varde": 150,
            "enhet": "bostäder",
            "fran_ar": 2020,
            "ar": 2025,
        }
    )
    values = [m(2019, 99), m(2020, 40), m(2021, 60), m(2022, 55)]
    p = rules.level(target, values, [], AS_OF)
    assert p.status is Status.MET
    assert "Sammanlagt 155 bostäder för 2020–2022" in sv(p.summary)
    assert [s.period for s in p.steps] == ["2020", "2021", "2022"]
    assert "läggs ihop" in sv(p.rule)


def test_count_target_without_span_is_a_level() -> None:
    target = CountTarget.model_validate(
        {"typ": "antal", "text": "50 platser", "varde": 50, "enhet": "platser"}
    )
    assert rules.level(target, [m(2022, 40)], [], AS_OF).status is Status.NOT_YET


# --- yearly change ------------------------------------------------------------------------------


def change(value: float, unit: str = "%", start: int | None = None, end: int | None = None) -> Any:
    return ChangeTarget.model_validate(
        {
            "typ": "forandring",
            "text": "t",
            "varde": float(value),
            "enhet": unit,
            "fran_ar": start,
            "till_ar": end,
        }
    )


def test_change_each_year_against_required() -> None:
    p = rules.change(change(-5), [m(2019, 100), m(2020, 94), m(2021, 92)], AS_OF)
    assert [(s.period, s.ok) for s in p.steps] == [("2020", True), ("2021", False)]
    assert p.status is Status.MISSED
    assert "1 av 2 år" in sv(p.summary)
    assert "högst −5 %" in sv(p.rule)


def test_change_in_percentage_points_skips_gaps_and_years_outside_span() -> None:
    values = [m(2017, 10), m(2018, 11), m(2019, 12), m(2021, 14), m(2022, 15)]
    p = rules.change(change(1, "procentenheter", start=2019, end=2022), values, AS_OF)
    assert [s.period for s in p.steps] == ["2019", "2022"]
    assert all(s.ok for s in p.steps) and p.status is Status.MET
    assert "procentenheter" in sv(p.rule)


def test_change_needs_two_consecutive_years() -> None:
    p = rules.change(change(2), [m(2019, 1), m(2021, 2)], AS_OF)
    assert p.status is Status.UNKNOWN and not p.steps


@given(
    rate=st.floats(-50, 50, allow_nan=False),
    required=st.floats(-20, 20, allow_nan=False),
    n=st.integers(2, 8),
)
@settings(max_examples=60)
def test_change_constant_rate_is_met_every_year_or_none(
    rate: float, required: float, n: int
) -> None:
    values = [m(2010 + k, 100 * (1 + rate / 100) ** k) for k in range(n)]
    p = rules.change(change(required), values, AS_OF)
    assert len(p.steps) == n - 1
    outcomes = {s.ok for s in p.steps}
    if abs(rate - required) > 1e-6:
        assert len(outcomes) == 1
        better = rate >= required if required >= 0 else rate <= required
        assert outcomes == {better}


# --- rank ---------------------------------------------------------------------------------------


def rank_target(top: float = 25, year: int | None = 2022) -> RankTarget:
    return RankTarget.model_validate(
        {
            "typ": "rang",
            "text": "t",
            "andel_basta": top,
            "jamforelsegrupp": "landets kommuner",
            "ar": year,
        }
    )


def entry(year: int, place: int, total: int = 290) -> RankEntry:
    return RankEntry.model_validate({"ar": year, "plats": place, "antal": total, "kalla": "k"})


def test_rank_uses_latest_known_place() -> None:
    p = rules.rank(rank_target(), [entry(2021, 100), entry(2022, 60)], AS_OF)
    assert p.status is Status.MET
    assert "plats: 60 av 290 (2022)" in sv(p.summary) and "nåddes i tid" in sv(p.summary)
    assert [s.ok for s in p.steps] == [False, True]


def test_rank_unknown_without_all_municipalities() -> None:
    p = rules.rank(rank_target(), [], AS_OF)
    assert p.status is Status.UNKNOWN and "alla kommuner" in sv(p.summary)


@given(place=st.integers(1, 290), top=st.floats(1, 100, allow_nan=False))
def test_rank_met_iff_within_top_share(place: int, top: float) -> None:
    p = rules.rank(rank_target(top, None), [entry(2022, place)], AS_OF)
    assert (p.status is Status.MET) == (place / 290 * 100 <= top + 1e-9)


# --- direction ----------------------------------------------------------------------------------


def direction(kind: str, yearly: bool = False, end: int | None = None) -> DirectionTarget:
    return DirectionTarget.model_validate(
        {"typ": "riktning", "text": "t", "riktning": kind, "arligen": yearly, "till_ar": end}
    )


def test_direction_trend_from_baseline() -> None:
    p = rules.direction(direction("oka"), [m(2021, 5)], [baseline(2018, 3)], AS_OF)
    assert p.status is Status.MET
    assert "2018 (utgångsvärde)" in sv(p.summary)


def test_direction_yearly_judges_every_step_and_latest_decides() -> None:
    values = [m(2019, 10), m(2020, 9), m(2021, 8), m(2022, 8.5)]
    p = rules.direction(direction("minska", yearly=True), values, [], AS_OF)
    assert [s.ok for s in p.steps] == [True, True, False]
    assert p.status is Status.NOT_YET
    assert "2 av 3 år" in sv(p.summary)
    late = rules.direction(direction("minska", yearly=True, end=2022), values, [], AS_OF)
    assert late.status is Status.MISSED


def test_direction_keep_allows_one_percent() -> None:
    assert (
        rules.direction(direction("behalla"), [m(2020, 100), m(2022, 100.5)], [], AS_OF).status
        is Status.MET
    )
    assert (
        rules.direction(direction("behalla"), [m(2020, 100), m(2022, 103)], [], AS_OF).status
        is Status.NOT_YET
    )


def test_direction_needs_two_values_and_report_direction_is_reporting() -> None:
    assert rules.direction(direction("oka"), [m(2020, 1)], [], AS_OF).status is Status.UNKNOWN
    p = rules.direction(direction("redovisa"), [m(2020, 1)], [], AS_OF, [2020, 2021])
    assert p.status is Status.MISSING and "2021" in sv(p.summary)


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=10, unique=True))
def test_direction_increasing_series_is_met(values: list[float]) -> None:
    ordered = sorted(values)
    series = [m(2000 + k, v) for k, v in enumerate(ordered)]
    assume_distinct = all(b - a > 1e-9 * max(1, abs(a)) for a, b in pairwise(ordered))
    if not assume_distinct:
        return
    assert rules.direction(direction("oka", yearly=True), series, [], AS_OF).status is Status.MET
    assert rules.direction(direction("minska"), series, [], AS_OF).status is Status.NOT_YET


# --- reporting ----------------------------------------------------------------------------------


def report(frequency: str = "arligen") -> ReportTarget:
    return ReportTarget.model_validate({"typ": "redovisning", "text": "t", "frekvens": frequency})


def test_report_each_due_year() -> None:
    p = rules.report(report(), [m(2019, 1), m(2021, 1, tertial=2)], [2019, 2020, 2021])
    assert p.status is Status.MISSING
    assert [s.ok for s in p.steps] == [True, False, True]
    assert "2 av 3 år" in sv(p.summary) and "2020" in sv(p.summary)
    assert rules.report(report(), [m(2020, 1)], [2020]).status is Status.MET
    assert rules.report(report(), [], []).status is Status.UNKNOWN


@given(
    reported=st.sets(st.integers(2015, 2025)),
    due=st.sets(st.integers(2015, 2025), min_size=1),
)
def test_report_met_iff_every_due_year_has_a_value(reported: set[int], due: set[int]) -> None:
    p = rules.report(report(), [m(y, 1) for y in reported], sorted(due))
    assert (p.status is Status.MET) == due.issubset(reported)
    assert len(p.steps) == len(due)


def test_due_years() -> None:
    period = Period.model_validate({"fran": 2019, "till": 2030})
    assert due_years("arligen", period, [], 2023) == [2019, 2020, 2021, 2022]
    assert due_years("tertial", None, [m(2021, 1)], 2024) == [2021, 2022, 2023]
    assert due_years("arligen", None, [], 2024) == []
    term = Period.model_validate({"fran": 2019, "till": 2022, "mandatperiod": True})
    assert due_years("mandatperiod", term, [], 2023) == [2022]
    assert due_years("mandatperiod", term, [], 2022) == []


def test_assess_gives_one_result_per_target_in_order() -> None:
    ind = Indicator.model_validate(
        {
            "id": "x",
            "titel": "X",
            "formulering": "X",
            "riktning": "oka",
            "malvarden": [
                {"typ": "riktning", "text": "ska öka", "riktning": "oka"},
                {"typ": "niva", "text": "2 %", "varde": 2.0, "enhet": "%"},
                {"typ": "redovisning", "text": "årligen"},
            ],
        }
    )
    out = assess(ind, [m(2020, 1), m(2021, 3)], [], None, AS_OF)
    assert [p.kind for p in out] == ["riktning", "niva", "redovisning"]
    assert all(p.rule and p.summary and p.label and p.symbol for p in out)
    assert Gender.TOTAL.value == "T" and Direction.INCREASE.value == "oka"


# --- every rule in English (the Swedish texts are checked above) --------------------------------


def en(piece: Any) -> str:
    """A progress text as an English page shows it (HTML), with ordinary spaces."""
    return str(html(piece, "en")).replace("\xa0", " ")


SV = '<span lang="sv">'


def report_target(frequency: str = "arligen") -> ReportTarget:
    return ReportTarget.model_validate({"typ": "redovisning", "text": "t", "frekvens": frequency})


def bostader() -> CountTarget:
    return CountTarget.model_validate(
        {
            "typ": "antal",
            "text": "t",
            "varde": 150,
            "enhet": "bostäder",
            "fran_ar": 2020,
            "ar": 2025,
        }
    )


#: (progress, target, rule, summary, steps) in English, for every rule and its outcomes.
ENGLISH = [
    (
        lambda: rules.level(
            level(2, year=2022), [m(2019, 1.2), m(2021, 1.8)], [baseline(2018, 1)], AS_OF
        ),
        "at least 2 % by 2022",
        "The latest value is compared with the target level (at least 2 %). Whether the target was"
        " reached in time is decided by the value for the target year 2022 (or the latest value"
        " before it). The baseline shows how much of the way has been covered.",
        "The latest value, 1.8 % (2021), does not reach the target level of at least 2 %. From the"
        " baseline of 1 %, 80 % of the way has been covered. The target was not reached in time:"
        " the latest value before the target year (2021) was 1.8 %.",
        [],
    ),
    (
        lambda: rules.level(level(2, year=2022), [m(2022, 2.3)], [], AS_OF),
        "at least 2 % by 2022",
        "The latest value is compared with the target level (at least 2 %). Whether the target was"
        " reached in time is decided by the value for the target year 2022 (or the latest value"
        " before it).",
        "The latest value, 2.3 % (2022), reaches the target level of at least 2 %. The target was"
        " reached in time: the value for the target year 2022 was 2.3 %.",
        [],
    ),
    (
        lambda: rules.level(level(2, "hogst", 2030), [m(2031, 1)], [], AS_OF),
        "at most 2 % by 2030",
        None,
        "The latest value, 1 % (2031), reaches the target level of at most 2 %. There is no"
        " measured value for the target year 2030.",
        [],
    ),
    (
        lambda: rules.level(level(2), [], [], AS_OF),
        "at least 2 %",
        "The latest value is compared with the target level (at least 2 %).",
        "No measured values yet.",
        [],
    ),
    (
        lambda: rules.level(bostader(), [m(2020, 40), m(2021, 60)], [], AS_OF),
        f"at least 150 {SV}bostäder</span> from 2020 through 2025",
        f"The values of the years from 2020 through 2025 are added up and compared with the target"
        f" (at least 150 {SV}bostäder</span>).",
        f"100 {SV}bostäder</span> in total for 2020–2021; the target is at least 150"
        f" {SV}bostäder</span>.",
        [
            ("2020", f"40 {SV}bostäder</span>, 40 {SV}bostäder</span> in total"),
            ("2021", f"60 {SV}bostäder</span>, 100 {SV}bostäder</span> in total"),
        ],
    ),
    (
        lambda: rules.level(bostader(), [], [], AS_OF),
        None,
        None,
        "No measured values for the period yet.",
        [],
    ),
    (
        lambda: rules.change(
            change(-5, start=2020, end=2022), [m(2019, 100), m(2020, 94), m(2021, 92)], AS_OF
        ),
        "decrease by 5 % a year (2020–2022)",
        "Each year's change from the year before, counted as a percentage of the previous year's"
        " value, should be at most −5 % (years 2020–2022).",
        "Years with the required change: 1 of 2; latest 2021: −2.1 % (required −5 %).",
        [("2020", "−6 % (required −5 %)"), ("2021", "−2.1 % (required −5 %)")],
    ),
    (
        lambda: rules.change(change(1, unit="kr"), [m(2019, 0), m(2020, 2)], AS_OF),
        f"increase by 1 {SV}kr</span> a year",
        f"Each year's change from the year before, counted in {SV}kr</span>, should be at least"
        f" +1 {SV}kr</span>.",
        f"Years with the required change: 1 of 1; latest 2020: +2 {SV}kr</span> (required"
        f" +1 {SV}kr</span>).",
        [("2020", f"+2 {SV}kr</span> (required +1 {SV}kr</span>)")],
    ),
    (
        lambda: rules.change(change(1), [m(2019, 0), m(2020, 2)], AS_OF),
        None,
        None,
        "Values for two years in a row are needed to calculate a change.",
        [("2020", "cannot be calculated (the year before was 0)")],
    ),
    (
        lambda: rules.rank(rank_target(), [entry(2021, 100), entry(2022, 60)], AS_OF),
        f"among the top 25 % in {SV}landets kommuner</span> by 2022",
        f"The municipality's place among {SV}landets kommuner</span> is compared with the limit"
        " for the top 25 %. The place is only counted when there is a value for every"
        " municipality (e.g. from Kolada).",
        "Latest known place: 60 of 290 (2022), within the top 25 %. The target was reached in"
        " time (place 60 in 2022).",
        [("2021", "place 100 of 290 (34.5 %)"), ("2022", "place 60 of 290 (20.7 %)")],
    ),
    (
        lambda: rules.rank(rank_target(year=2021), [entry(2021, 100), entry(2022, 60)], AS_OF),
        None,
        None,
        "Latest known place: 60 of 290 (2022), within the top 25 %. The target was not reached"
        " in time (place 100 in 2021).",
        None,
    ),
    (
        lambda: rules.rank(rank_target(year=2020), [entry(2022, 100)], AS_OF),
        None,
        None,
        "Latest known place: 100 of 290 (2022), outside the top 25 %. There is no ranking for"
        " the target year 2020.",
        None,
    ),
    (
        lambda: rules.rank(rank_target(), [], AS_OF),
        None,
        None,
        "No ranking yet: values for all municipalities are needed.",
        [],
    ),
    (
        lambda: rules.direction(direction("oka"), [m(2021, 5)], [baseline(2018, 3)], AS_OF),
        "should increase",
        "The latest value is compared with the first known value; it should increase.",
        "From 3 (2018 (baseline)) to 5 (2021): the right direction.",
        [],
    ),
    (
        lambda: rules.direction(
            direction("minska", yearly=True, end=2030),
            [m(2019, 10), m(2020, 9), m(2022, 8.5), m(2021, 8)],
            [],
            AS_OF,
        ),
        "should decrease every year until 2030",
        "The value should decrease every year compared with the year before; the latest year's"
        " change decides.",
        "Years in the right direction: 2 of 3; latest 2022: 8.5 against 8 the year before.",
        [
            ("2020", "9 against 10 the year before"),
            ("2021", "8 against 9 the year before"),
            ("2022", "8.5 against 8 the year before"),
        ],
    ),
    (
        lambda: rules.direction(direction("behalla"), [m(2020, 1000), m(2022, 1030.5)], [], AS_OF),
        "should be maintained",
        "The latest value is compared with the first known value; it should stay the same"
        " (within 1 % of the first value).",
        "From 1,000 (2020) to 1,030.5 (2022): not the right direction.",
        [],
    ),
    (
        lambda: rules.direction(direction("oka"), [m(2020, 1)], [], AS_OF),
        None,
        None,
        "At least two values are needed to see a direction.",
        [],
    ),
    (
        lambda: rules.report(report_target(), [m(2019, 1), m(2021, 1)], [2019, 2020, 2021]),
        "should be reported every year",
        "There should be a value for every year that has passed, within the plan's period or"
        " since the first year followed up.",
        "Years with a value: 2 of 3; values are missing here for 2020.",
        [("2019", "value reported"), ("2020", "value missing here"), ("2021", "value reported")],
    ),
    (
        lambda: rules.report(report_target("mandatperiod"), [m(2022, 1)], [2022]),
        "should be reported every term of office",
        "There should be a value for the last year of the term of office once the term has ended.",
        "Every year due for follow-up has a value (1 in all).",
        [("2022", "value reported")],
    ),
    (
        lambda: rules.report(report_target("tertial"), [], []),
        "should be reported every four-month period",
        None,
        "No year is due for follow-up yet, or the period is unknown.",
        [],
    ),
]


@pytest.mark.parametrize(("make", "target", "rule", "summary", "steps"), ENGLISH)
def test_every_rule_in_english(
    make: Any,
    target: str | None,
    rule: str | None,
    summary: str,
    steps: list[tuple[str, str]] | None,
) -> None:
    p = make()
    if target is not None:
        assert en(p.target) == target
    if rule is not None:
        assert en(p.rule) == rule
    assert en(p.summary) == summary
    if steps is not None:
        assert [(en(s.period), en(s.text)) for s in p.steps] == steps
    # Swedish is what the open data and the Swedish pages show: no markup, no English.
    for piece in (p.target, p.rule, p.summary, *(s.text for s in p.steps)):
        assert text(piece, "sv") == str(piece) and "<span" not in str(piece)


def test_progress_texts_in_swedish_exactly() -> None:
    p = rules.level(level(2, year=2022), [m(2019, 1.2), m(2021, 1.8)], [baseline(2018, 1)], AS_OF)
    assert str(p.summary) == (
        "Senaste värdet, 1,8\xa0% (2021), når inte målnivån minst 2\xa0%. Från utgångsvärdet"
        " 1\xa0% är 80 % av vägen gjord. Målet nåddes inte i tid: värdet senast före målåret"
        " (2021) var 1,8\xa0%."
    )
    c = rules.change(change(-5, start=2020, end=2022), [m(2019, 100), m(2020, 94)], AS_OF)
    assert str(c.rule) == (
        "Varje års förändring från året före, räknad procent av föregående års värde, ska vara"
        " högst −5\xa0% (år 2020–2022)."
    )
    r = rules.report(report_target(), [m(2019, 1)], [2019, 2020])
    assert str(r.summary) == "Värde finns för 1 av 2 år; här saknas värde för 2020."
    d = rules.direction(direction("behalla"), [m(2020, 1000), m(2022, 1030.5)], [], AS_OF)
    assert str(d.rule).endswith("det ska ligga kvar (högst 1 % ifrån det första värdet).")
    assert str(d.summary) == "Från 1\xa0000 (2020) till 1\xa0030,5 (2022): inte rätt riktning."


# --- the follow-up files in a content tree -------------------------------------------------------


def load(content: Path) -> Any:
    site, _ = load_site(Settings(content_dir=content), Reporter())
    return site


def errors(content: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(content)
    return [i.format() for i in info.value.issues]


def test_followup_values_and_assessments_reach_the_nodes(tmp_path: Path) -> None:
    site = load(followup_content(tmp_path / "content"))
    m_ = site.municipality("testby")
    ind = next(i for i in m_.indicators if i.id == "resultat")
    assert [(v.year, v.gender.value) for v in ind.values] == [
        (2019, "T"),
        (2020, "T"),
        (2021, "T"),
        (2021, "K"),
    ]
    assert ind.progress[0].status is Status.MISSED
    goal = m_.goals[0]
    assert [(a.year, a.attainment.value) for a in goal.assessments] == [
        (2020, "ej-uppfyllt"),
        (2021, "delvis-uppfyllt"),
    ]
    assert [f.id for f in m_.followups] == ["arsredovisning-2021"]


def _followup(content: Path) -> Path:
    return content / "kommuner" / "testby" / "uppfoljning" / "arsredovisning-2021.yaml"


def test_unknown_indicator_is_located_with_suggestion(tmp_path: Path) -> None:
    content = followup_content(tmp_path / "content")
    path = _followup(content)
    path.write_text(path.read_text().replace("indikator: kostnad", "indikator: kostnader"))
    found = errors(content)
    assert any(
        "arsredovisning-2021.yaml:18:16:" in e
        and "matningar[1].indikator" in e
        and "indikatorn 'kostnader' finns inte" in e.lower()
        and "Menade du 'kostnad'?" in e
        for e in found
    ), found


def test_unknown_goal_is_located_with_suggestion(tmp_path: Path) -> None:
    content = followup_content(tmp_path / "content")
    path = _followup(content)
    path.write_text(
        path.read_text().replace(
            "mal: stark-ekonomi\n    ar: 2021", "mal: stark-ekonom\n    ar: 2021"
        )
    )
    found = errors(content)
    assert any("maluppfyllelse[0].mal" in e and "Menade du 'stark-ekonomi'?" in e for e in found), (
        found
    )


def test_same_period_in_goal_file_and_followup_is_an_error(tmp_path: Path) -> None:
    content = followup_content(tmp_path / "content")
    path = _followup(content)
    path.write_text(
        path.read_text().replace(
            "      - ar: 2020\n        varde: 1.5", "      - ar: 2019\n        varde: 1.5"
        )
    )
    found = errors(content)
    assert any(
        "arsredovisning-2021.yaml:8:13:" in e
        and "2019, kön T finns redan i" in e
        and "stark-ekonomi.yaml" in e
        for e in found
    ), found


def test_same_assessment_in_two_files_is_an_error(tmp_path: Path) -> None:
    content = followup_content(tmp_path / "content")
    other = _followup(content).with_name("delarsrapport.yaml")
    other.write_text(
        "id: delarsrapport\nmaluppfyllelse:\n  - mal: stark-ekonomi\n    ar: 2021\n"
        "    bedomning: uppfyllt\n    kalla: 'x'\n"
    )
    found = errors(content)
    assert any("redan en bedömning för 2021" in e for e in found), found


@pytest.mark.parametrize(
    ("replace", "needle"),
    [
        ("bedomning: delvis-uppfyllt", "bedomning: uppfylld"),
        ("varde: 1.8", "varde: 'hög'"),
        ("titel: 'Årsredovisning 2021'", "titl: 'Årsredovisning 2021'"),
    ],
)
def test_bad_followup_fields_are_located(tmp_path: Path, replace: str, needle: str) -> None:
    content = followup_content(tmp_path / "content")
    path = _followup(content)
    path.write_text(path.read_text().replace(replace, needle))
    found = errors(content)
    assert any("arsredovisning-2021.yaml:" in e for e in found), found
    joined = "\n".join(found)
    if "uppfylld" in needle:
        assert "Menade du 'uppfyllt'?" in joined
    if "titl" in needle:
        assert "Menade du 'titel'?" in joined


def test_model_rules_of_followup_files(tmp_path: Path) -> None:
    content = followup_content(tmp_path / "content")
    path = _followup(content)
    extra = (
        "  - indikator: foretagsklimat\n    rangordning:\n"
        "      - {ar: 2022, plats: 300, antal: 290, kalla: 'x'}\n"
    )
    text = path.read_text().replace("maluppfyllelse:\n", extra + "maluppfyllelse:\n")
    path.write_text(text)
    assert any("Platsen 300 är större än antalet kommuner 290" in e for e in errors(content))
    path.write_text(text.replace("plats: 300", "plats: 3"))
    dup = path.read_text().replace("indikator: kostnad", "indikator: resultat")
    path.write_text(dup)
    assert any("står två gånger under matningar" in e for e in errors(content))
