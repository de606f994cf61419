"""Descriptions of targets and baselines (sitegen/render/formats.py) and the phrases they are made
of (sitegen/render/phrases.py): Swedish as it always was, English from the catalogue, content
marked lang="sv" on English pages."""

from __future__ import annotations

from types import SimpleNamespace as NS
from typing import Any

import pytest
from markupsafe import Markup

from sitegen.model.indicator import (
    Baseline,
    ChangeTarget,
    CountTarget,
    DirectionTarget,
    LevelTarget,
    RankTarget,
    ReportTarget,
)
from sitegen.render import formats
from sitegen.render.phrases import (
    Content,
    Num,
    Phrase,
    Term,
    html,
    phrase,
    say_for,
    seq,
    text,
    unit_is_content,
)

NB = "\u00a0"


def level(**kw: Any) -> LevelTarget:
    return LevelTarget.model_validate({"typ": "niva", "text": "t", **kw})


def count(**kw: Any) -> CountTarget:
    return CountTarget.model_validate({"typ": "antal", "text": "t", **kw})


def change(**kw: Any) -> ChangeTarget:
    return ChangeTarget.model_validate({"typ": "forandring", "text": "t", **kw})


def rank(**kw: Any) -> RankTarget:
    return RankTarget.model_validate({"typ": "rang", "text": "t", **kw})


def direction(**kw: Any) -> DirectionTarget:
    return DirectionTarget.model_validate({"typ": "riktning", "text": "t", **kw})


def report(**kw: Any) -> ReportTarget:
    return ReportTarget.model_validate({"typ": "redovisning", "text": "t", **kw})


#: Every target form: the target, its Swedish text (as before the English UI), its English HTML.
TARGETS = [
    (
        level(varde=1.6, enhet="%", ar=2017),
        f"minst 1,6{NB}% år 2017",
        f"at least 1.6{NB}% by 2017",
    ),
    (
        level(varde=30000, enhet="kvm", jamforelse="exakt"),
        f"30{NB}000{NB}kvm",
        f'30,000{NB}<span lang="sv">kvm</span>',
    ),
    (level(varde=8, enhet="%", jamforelse="hogst"), f"högst 8{NB}%", f"at most 8{NB}%"),
    (
        level(varde=0, enhet="mnkr", jamforelse="over"),
        f"över 0{NB}mnkr",
        f'above 0{NB}<span lang="sv">mnkr</span>',
    ),
    (level(varde=5, enhet="%", jamforelse="under"), f"under 5{NB}%", f"below 5{NB}%"),
    (
        count(varde=150, enhet="bostäder", fran_ar=2020, ar=2025),
        f"minst 150{NB}bostäder från 2020 till och med 2025",
        f'at least 150{NB}<span lang="sv">bostäder</span> from 2020 through 2025',
    ),
    (
        count(varde=20, enhet="e-tjänster", ar=2017),
        f"minst 20{NB}e-tjänster år 2017",
        f'at least 20{NB}<span lang="sv">e-tjänster</span> by 2017',
    ),
    (
        change(varde=2, enhet="%", fran_ar=2020, till_ar=2024),
        f"öka med 2{NB}% per år (2020–2024)",
        f"increase by 2{NB}% a year (2020–2024)",
    ),
    (
        change(varde=-0.5, enhet="procentenheter", fran_ar=2020),
        f"minska med 0,5{NB}procentenheter per år (2020–…)",
        f'decrease by 0.5{NB}<span lang="sv">procentenheter</span> a year (2020–…)',
    ),
    (change(varde=-5, enhet="%"), f"minska med 5{NB}% per år", f"decrease by 5{NB}% a year"),
    (
        rank(andel_basta=25, jamforelsegrupp="riket", ar=2026),
        f"bland de 25{NB}% bästa i riket år 2026",
        f'among the top 25{NB}% in <span lang="sv">riket</span> by 2026',
    ),
    (
        rank(andel_basta=12.5, jamforelsegrupp="landets kommuner"),
        f"bland de 12,5{NB}% bästa i landets kommuner",
        f'among the top 12.5{NB}% in <span lang="sv">landets kommuner</span>',
    ),
    (
        direction(riktning="oka", arligen=True, till_ar=2030),
        "ska öka årligen till år 2030",
        "should increase every year until 2030",
    ),
    (direction(riktning="minska"), "ska minska", "should decrease"),
    (direction(riktning="behalla", till_ar=2026), "ska behållas till år 2026", None),
    (direction(riktning="redovisa", arligen=True), "ska redovisas årligen", None),
    (report(), "ska redovisas årligen", "should be reported every year"),
    (report(frekvens="tertial"), "ska redovisas varje tertial", None),
    (report(frekvens="mandatperiod"), "ska redovisas varje mandatperiod", None),
]


@pytest.mark.parametrize(("target", "swedish", "english"), TARGETS)
def test_every_target_form_in_swedish_and_english(
    target: object, swedish: str, english: str | None
) -> None:
    described = formats.target_phrase(target)
    assert formats.describe_target(target) == swedish == text(described, "sv")
    # Swedish pages get the same text, escaped by the template as before.
    assert say_for("sv")(described) == swedish
    assert html(described, "sv") == Markup.escape(swedish)
    if english is not None:
        assert html(described, "en") == english
    en = text(described, "en")
    assert "<span" not in en
    assert not any(word in en.split() for word in ("ska", "år", "minst", "bland", "med"))


def test_every_frequency_and_direction_reads_in_english() -> None:
    english = {
        formats.describe_target(t): text(formats.target_phrase(t), "en") for t, *_ in TARGETS
    }
    assert english["ska behållas till år 2026"] == "should be maintained until 2026"
    assert english["ska redovisas årligen"] == "should be reported every year"
    assert english["ska redovisas varje tertial"] == "should be reported every four-month period"
    assert english["ska redovisas varje mandatperiod"] == "should be reported every term of office"


@pytest.mark.parametrize(
    ("data", "swedish", "english"),
    [
        (
            {"ar": 2019, "varde": 1.6, "enhet": "%", "avser": "flickor"},
            f"1,6{NB}% (flickor), år 2019",
            f'1.6{NB}% (<span lang="sv">flickor</span>) in 2019',
        ),
        ({"ar": 2019, "varde": 30000, "enhet": "%"}, f"30{NB}000{NB}%, år 2019", None),
        ({"ar": None, "varde": 4, "enhet": "kr"}, f"4{NB}kr, år okänt", None),
        (
            {"ar": None, "varde": 87, "enhet": "%", "avser": "åk 5"},
            f"87{NB}% (åk 5), år okänt",
            f'87{NB}% (<span lang="sv">åk 5</span>), year unknown',
        ),
    ],
)
def test_baselines_in_swedish_and_english(
    data: dict[str, Any], swedish: str, english: str | None
) -> None:
    baseline = Baseline.model_validate({**data, "text": "t"})
    assert formats.describe_baseline(baseline) == swedish
    described = formats.baseline_phrase(baseline)
    if english is not None:
        assert html(described, "en") == english
    if data["enhet"] == "kr":
        assert html(described, "en") == f'4{NB}<span lang="sv">kr</span>, year unknown'
    if data["varde"] == 30000:
        assert text(described, "en") == f"30,000{NB}% in 2019"


def test_units_with_letters_are_content() -> None:
    assert unit_is_content("kvm") and unit_is_content("kr/invånare") and unit_is_content("kr")
    assert not unit_is_content("%") and not unit_is_content("‰")


def test_phrases_escape_content_and_format_numbers_per_language() -> None:
    p = phrase("Diagram över %(title)s.", title=Content("<Kostnad & mer>"))
    assert html(p, "en") == 'Chart of <span lang="sv">&lt;Kostnad &amp; mer&gt;</span>.'
    assert text(p, "sv") == "Diagram över <Kostnad & mer>."
    assert say_for("sv")(p) == "Diagram över <Kostnad & mer>."  # Jinja escapes it
    assert html(Num(-2.5, "%", signed=True), "en") == f"−2.5{NB}%"
    assert text(Num(0, "kr", signed=True), "sv") == f"±0{NB}kr"
    assert text(Num(1234567.5), "sv") == f"1{NB}234{NB}567,5"
    assert text(Num(1234567.5), "en") == "1,234,567.5"
    assert text(seq("2020", ": ", Num(3, "kvm"), sep=""), "en") == f"2020: 3{NB}kvm"
    # A msgid missing from the catalogue falls back to Swedish; '%%' is a percent sign.
    assert text(Phrase("inte i katalogen %%"), "en") == "inte i katalogen %"
    say = say_for("en")
    assert say(None) is None and say("2024 T2") == "2024 T2"
    assert isinstance(say(p), Markup)
    # Phrases are values: equal phrases render once (cached) and compare equal.
    assert phrase("x %(a)s", a=1) == phrase("x %(a)s", a=1)
    assert hash(formats.target_phrase(TARGETS[0][0])) == hash(formats.target_phrase(TARGETS[0][0]))


def test_terms_are_in_the_page_language_or_marked_swedish() -> None:
    """A vocabulary name (a theme, a global goal) is in the page's language where the
    vocabulary has it; without a name of its own it is Swedish content."""
    goal = Term("Hälsa & välbefinnande", (("en", "Good health & well-being"),))
    p = phrase("Globala målet %(num)s: %(name)s", num="3", name=goal)
    assert text(p, "sv") == "Globala målet 3: Hälsa & välbefinnande"
    assert text(p, "en") == "Global goal 3: Good health & well-being"
    assert html(p, "en") == "Global goal 3: Good health &amp; well-being"
    assert html(Term("Boende"), "en") == '<span lang="sv">Boende</span>'
    assert html(Term("Boende", (("en", "Housing"),)), "sv") == "Boende"


def test_indicator_tags_are_each_theme_and_global_goal_once_in_order() -> None:
    housing, school, safety = NS(id="boende"), NS(id="utbildning"), NS(id="trygghet")
    sdg11, sdg4 = NS(number=11), NS(number=4)
    indicators = [
        NS(themes=[school, housing], sdgs=[sdg4]),
        NS(themes=[], sdgs=[]),
        NS(themes=[housing, safety], sdgs=[sdg11, sdg4]),
    ]
    assert formats.indicator_tags(indicators) == ([school, housing, safety], [sdg4, sdg11])
    assert formats.indicator_tags([]) == ([], [])


@pytest.mark.parametrize(
    ("fields", "expected"),
    [({"year": 2030}, 2030), ({"end_year": 2027}, 2027), ({"year": None}, None), ({}, None)],
)
def test_target_year_is_the_year_or_else_the_end_year(
    fields: dict[str, Any], expected: int | None
) -> None:
    assert formats.target_year(NS(**fields)) == expected
