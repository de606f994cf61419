"""The four seed municipalities are on the built site faithfully: every goal and indicator the
source states, each on its own page, with targets, years, Agenda 2030 links and a source link."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from sitegen.pipeline import BuildResult

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
SEEDS = REPO.parent / "shared" / "seeds"


def text_of(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    raw = re.sub(r"<[^>]+>", " ", raw)
    return re.sub(r"\s+", " ", html.unescape(raw)).replace("”", "").replace("\u00a0", " ")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def seed_bullets(name: str) -> list[str]:
    lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    return [norm(line.split("•", 1)[1]) for line in lines if line.strip().startswith("•")]


def site_text(out: Path) -> str:
    return " ".join(text_of(p) for p in sorted(out.rglob("*.html")))


@pytest.fixture(scope="module")
def all_text(built_site: tuple[Path, BuildResult]) -> str:
    return site_text(built_site[0])


def test_hallsberg_all_28_indicators_with_own_pages(built_site: tuple[Path, BuildResult]) -> None:
    out, result = built_site
    bullets = seed_bullets("hallsberg-strategiska-omraden-mal-och-indikatorer.txt")
    assert len(bullets) == 28
    hallsberg = result.site.municipality("hallsberg")
    assert len(hallsberg.indicators) == 28
    wordings = {norm(i.indicator.wording) for i in hallsberg.indicators}
    for bullet in bullets:
        assert bullet in wordings, bullet
    for ind in hallsberg.indicators:
        page = out / f"kommuner/hallsberg/indikatorer/{ind.id}/index.html"
        assert page.is_file()
        text = text_of(page)
        assert norm(ind.indicator.wording) in text
        for target in ind.indicator.targets:
            assert norm(target.text) in text


def test_kungsor_ks_goals_and_long_term_goals(
    built_site: tuple[Path, BuildResult], all_text: str
) -> None:
    out, result = built_site
    bullets = seed_bullets("kungsor-kommunstyrelsens-mal-2022.txt")
    assert len(bullets) == 14
    kungsor = result.site.municipality("kungsor")
    ks = [g for g in kungsor.goals if g.goal.level == "ks"]
    kf = [g for g in kungsor.goals if g.goal.level == "kf"]
    assert [norm(g.goal.title) for g in ks] == bullets
    assert len(kf) == 5
    assert sorted(n for g in kf for n in g.goal.sdgs) == [3, 4, 8, 11, 12]
    assert all(g.goal.sdgs_basis == "kalla" and len(g.goal.sdgs) == 1 for g in kf)
    for goal in kungsor.goals:
        page = out / f"kommuner/kungsor/mal/{goal.id}/index.html"
        text = text_of(page)
        assert norm(goal.goal.title) in text
        for sdg in goal.sdgs:
            assert sdg.name in text
    assert "150 bostäder och 30.000 kvm industrimark från 2020 tom 2025" in all_text
    assert "minst 30 000 kvm industrimark från 2020 till och med 2025" in all_text


def test_smedjebacken_vision_perspectives_and_six_goals(
    built_site: tuple[Path, BuildResult],
) -> None:
    out, result = built_site
    m = result.site.municipality("smedjebacken")
    assert [a.area.title.lower() for a in m.areas] == ["hållbarhet", "utveckling", "effektivitet"]
    titles = [g.goal.title for g in m.goals]
    assert titles == [
        "En kommun för alla",
        "En hållbar ekokommun",
        "Attraktiv boendekommun",
        "Hög sysselsättning",
        "Stark ekonomi",
        "Välfärd med hög kvalitet",
    ]
    home = text_of(out / "kommuner/smedjebacken/index.html")
    assert "välkomnande kommun med engagemang, trygghet och framtidstro" in home
    kinds = {t.kind for g in m.goals for i in g.indicators for t in i.indicator.targets}
    assert {"niva", "rang"} <= kinds


def test_vaggeryd_vision_areas_criteria_and_process(built_site: tuple[Path, BuildResult]) -> None:
    out, result = built_site
    m = result.site.municipality("vaggeryd")
    assert [a.area.title for a in m.areas] == [
        "Hållbar tillväxt och samhällsplanering",
        "Utbildning, arbete och näringsliv",
        "Kunskap, hälsa och fritid",
        "Delaktighet, tillgänglighet och trygghet",
    ]
    assert not m.goals  # the source states no goals yet
    plan = m.plans[0].plan
    assert len(plan.criteria) == 6
    dates = [s.date for s in plan.process]
    assert "2019-03-06" in dates and "2019-04-10" in dates
    home = text_of(out / "kommuner/vaggeryd/index.html")
    assert "Här ger vi plats för att göra skillnad" in home
    for step in plan.process:
        assert norm(step.title) in home


def test_every_goal_and_indicator_in_content_has_its_page(
    built_site: tuple[Path, BuildResult],
) -> None:
    out, _ = built_site
    for path in sorted((CONTENT / "kommuner").glob("*/mal/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kommun = path.parent.parent.name
        page = out / f"kommuner/{kommun}/mal/{data['id']}/index.html"
        assert page.is_file(), page
        for ind in data.get("indikatorer") or []:
            assert (out / f"kommuner/{kommun}/indikatorer/{ind['id']}/index.html").is_file()


def test_sources_are_linked_or_marked_unknown(built_site: tuple[Path, BuildResult]) -> None:
    out, result = built_site
    for m in result.site.municipalities:
        home = (out / f"kommuner/{m.id}/index.html").read_text(encoding="utf-8")
        for source in m.municipality.sources:
            if source.url:
                assert f'href="{html.escape(source.url)}"' in home
            else:
                assert "adress okänd" in text_of(out / f"kommuner/{m.id}/index.html")


def test_municipality_facts(built_site: tuple[Path, BuildResult]) -> None:
    out, result = built_site
    codes = {
        m.id: (m.municipality.kommunkod, m.municipality.county) for m in result.site.municipalities
    }
    assert codes == {
        "kungsor": ("1960", "Västmanlands län"),
        "vaggeryd": ("0665", "Jönköpings län"),
        "hallsberg": ("1861", "Örebro län"),
        "smedjebacken": ("2061", "Dalarnas län"),
    }
    start = text_of(out / "index.html")
    for m in result.site.municipalities:
        assert m.name in start
