"""A deterministic synthetic content tree for the benchmark, in Målbild's own content format.

    python benchmarks/generate.py --municipalities 290 --seed 1 --out /tmp/corpus

Writes `teman.yaml`, `agenda2030.yaml` and `tillganglighet.yaml` (copied from the repository)
and, for each of N made-up municipalities, `kommun.yaml`, one plan, five goal areas and about 40
goals with 3 indicators each (targets, a baseline and 8 years of measurements), themes and
Agenda 2030 links.
The same N and seed always give the same bytes. The municipalities are invented (their names are
made from common parts of Swedish place names); the corpus is for measuring speed, never published.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VOCABULARIES = ("teman.yaml", "agenda2030.yaml", "tillganglighet.yaml")  # shared site files

THEMES = [
    "boende", "utbildning", "halsa", "arbete-och-naringsliv", "miljo-och-klimat",
    "ekonomi", "trygghet", "delaktighet", "arbetsgivare", "service",
]  # fmt: skip
COUNTIES = [
    ("01", "Stockholms län"), ("03", "Uppsala län"), ("04", "Södermanlands län"),
    ("05", "Östergötlands län"), ("06", "Jönköpings län"), ("07", "Kronobergs län"),
    ("08", "Kalmar län"), ("09", "Gotlands län"), ("10", "Blekinge län"), ("12", "Skåne län"),
    ("13", "Hallands län"), ("14", "Västra Götalands län"), ("17", "Värmlands län"),
    ("18", "Örebro län"), ("19", "Västmanlands län"), ("20", "Dalarnas län"),
    ("21", "Gävleborgs län"), ("22", "Västernorrlands län"), ("23", "Jämtlands län"),
    ("24", "Västerbottens län"), ("25", "Norrbottens län"),
]  # fmt: skip
NAME_START = [
    "Björk", "Ek", "Gran", "Lind", "Sand", "Sten", "Strand", "Älv", "Sjö", "Berg", "Dal",
    "Hög", "Norr", "Sölve", "Öster", "Väster", "Söder", "Malm", "Ny", "Al", "Ask", "Hassel",
    "Rönn", "Tall", "Vik", "Fors", "Kvarn", "Åker", "Äng", "Mo", "Hag", "Ros", "Lönn", "Ving",
    "Hammar", "Holm", "Ed", "Bro", "Torp", "Kil",
]  # fmt: skip
NAME_END = [
    "by", "köping", "sund", "ås", "vik", "hult", "torp", "stad", "berga", "fors", "näs", "ö",
    "dal", "holm", "lunda", "åker", "ryd", "bo", "inge", "hed", "red", "ed", "tuna", "mark",
]  # fmt: skip

AREAS = [
    ("Attraktiv plats att bo och leva på", ["boende", "trygghet"], [11]),
    ("Livslångt lärande", ["utbildning"], [4]),
    ("Hållbar tillväxt och arbete", ["arbete-och-naringsliv", "ekonomi"], [8, 9]),
    ("Hälsa, omsorg och trygghet", ["halsa", "trygghet"], [3, 10]),
    ("Hållbar miljö och klimat", ["miljo-och-klimat"], [7, 12, 13, 15]),
    ("Delaktighet och god service", ["delaktighet", "service"], [16]),
    ("Attraktiv arbetsgivare och stark ekonomi", ["arbetsgivare", "ekonomi"], [5, 8]),
]

SUBJECTS = [
    ("boende", [11], "bostäder", "bostadsbyggandet", "Färdigställda bostäder", "bostäder"),
    ("boende", [11], "trivsamma bostadsområden", "nöjdheten med boendemiljön",
     "Nöjd-Region-Index boende", "index"),
    ("utbildning", [4], "behöriga elever", "andelen elever som når behörighet till gymnasiet",
     "Elever i åk 9 behöriga till yrkesprogram", "%"),
    ("utbildning", [4], "förskolans kvalitet", "andelen legitimerade förskollärare",
     "Legitimerade förskollärare", "%"),
    ("utbildning", [4, 8], "vuxnas lärande",
     "andelen som går vidare till arbete efter vuxenutbildning",
     "Arbete efter vuxenutbildning", "%"),
    ("halsa", [3], "folkhälsan", "andelen invånare med gott allmänt hälsotillstånd",
     "Invånare med gott hälsotillstånd", "%"),
    ("halsa", [3, 10], "äldreomsorgen", "brukarnas nöjdhet med hemtjänsten",
     "Brukarbedömning hemtjänst", "%"),
    ("arbete-och-naringsliv", [8], "företagsklimatet", "omdömet om företagsklimatet",
     "Sammanfattande omdöme om företagsklimatet", "betyg"),
    ("arbete-och-naringsliv", [8, 9], "nya företag", "antalet nystartade företag",
     "Nystartade företag per 1 000 invånare", "antal"),
    ("arbete-och-naringsliv", [8], "sysselsättningen", "andelen förvärvsarbetande 20–64 år",
     "Förvärvsarbetande 20–64 år", "%"),
    ("miljo-och-klimat", [7, 13], "klimatutsläppen", "utsläppen av växthusgaser",
     "Utsläpp av växthusgaser per invånare", "ton"),
    ("miljo-och-klimat", [12], "återbruket", "mängden hushållsavfall",
     "Insamlat hushållsavfall per invånare", "kg"),
    ("miljo-och-klimat", [7], "förnybar energi", "andelen förnybar energi i kommunens fastigheter",
     "Förnybar energi i kommunens fastigheter", "%"),
    ("ekonomi", [8, 16], "ekonomin", "resultatet i förhållande till skatteintäkterna",
     "Resultat före extraordinära poster", "%"),
    ("ekonomi", [16], "investeringarna", "självfinansieringsgraden av investeringarna",
     "Självfinansieringsgrad av investeringar", "%"),
    ("trygghet", [16], "tryggheten", "andelen invånare som känner sig trygga utomhus på kvällen",
     "Invånare som känner sig trygga", "%"),
    ("trygghet", [5, 16], "våld i nära relationer", "antalet insatser mot våld i nära relationer",
     "Insatser mot våld i nära relationer", "antal"),
    ("delaktighet", [16], "invånarnas inflytande", "invånarnas möjlighet till inflytande",
     "Nöjd-Inflytande-Index", "index"),
    ("delaktighet", [10, 16], "ungas delaktighet", "andelen unga som känner att de kan påverka",
     "Unga som upplever att de kan påverka", "%"),
    ("arbetsgivare", [5, 8], "medarbetarnas hälsa", "den totala sjukfrånvaron bland medarbetarna",
     "Sjukfrånvaro bland kommunens medarbetare", "%"),
    ("arbetsgivare", [5], "heltidsarbetet", "andelen heltidsanställda medarbetare",
     "Heltidsanställda medarbetare", "%"),
    ("service", [16], "servicen", "andelen e-post som besvaras inom en arbetsdag",
     "E-post besvarad inom en dag", "%"),
    ("service", [9, 16], "den digitala servicen", "antalet e-tjänster för invånarna",
     "E-tjänster för invånare", "antal"),
]  # fmt: skip

VERBS = ["Stärka", "Utveckla", "Förbättra", "Öka", "Säkra", "Främja", "Värna", "Bygga ut"]
QUALIFIERS = [
    "för alla invånare", "i hela kommunen", "med barnens bästa i fokus",
    "genom samverkan med näringslivet", "för kommande generationer",
    "i samarbete med civilsamhället",
    "med hållbarhet som grund", "för en jämlik kommun",
]  # fmt: skip
SENTENCES = [
    "Kommunen ska arbeta för att {s} utvecklas i positiv riktning under hela mandatperioden.",
    "Arbetet med {s} ska ske i nära dialog med invånare, föreningar och företag.",
    "Nämnderna ska i sina verksamhetsplaner beskriva hur de bidrar till {s}.",
    "Målet följs upp i delårsrapporten och i årsredovisningen.",
    "Ett långsiktigt och systematiskt arbete krävs för att nå målet, "
    "och resultaten ska vara jämförbara över tid.",
    "Särskild vikt läggs vid barn och unga, äldre och personer med funktionsnedsättning.",
    "Kommunen ska vara en föregångare och samarbeta med regionen och grannkommunerna.",
    "Insatserna prioriteras utifrån var behoven är störst och var de gör mest nytta.",
]  # fmt: skip
FOCUS = [
    "Ta fram en handlingsplan tillsammans med berörda nämnder.",
    "Genomföra en kartläggning av nuläget och sprida goda exempel.",
    "Följa upp insatserna och redovisa resultaten för kommunstyrelsen.",
    "Fördjupa samverkan med näringsliv och civilsamhälle.",
]
NAMNDER = [
    ("barn-och-utbildningsnamnden", "Barn- och utbildningsnämnden"),
    ("socialnamnden", "Socialnämnden"),
    ("samhallsbyggnadsnamnden", "Samhällsbyggnadsnämnden"),
    ("kultur-och-fritidsnamnden", "Kultur- och fritidsnämnden"),
]
YEARS = list(range(2018, 2026))  # 8 years of measurements


def quote(text: str) -> str:
    """A single-quoted YAML string (always quoted, so no value changes meaning)."""
    return "'" + text.replace("'", "''") + "'"


def block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.split("\n")) + "\n"


def slugify(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower())
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    out, dash = [], False
    for ch in ascii_text:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")[:60].strip("-")


def municipality_names(n: int, rng: random.Random) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    pairs = [(a, b) for a in NAME_START for b in NAME_END]
    rng.shuffle(pairs)
    for a, b in pairs:
        name = a + (b if not a.endswith(b[0]) else b[1:] or b)
        if slugify(name) in seen:
            continue
        seen.add(slugify(name))
        names.append(name)
        if len(names) == n:
            return names
    raise ValueError(f"at most {len(names)} municipality names")  # pragma: no cover


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def write_indicator(
    lines: list[str], rng: random.Random, subject: tuple, ind_id: str, source_title: str
) -> None:
    theme, sdgs, _short, what, title, unit = subject
    direction = rng.choice(["oka", "oka", "minska"]) if unit != "index" else "oka"
    base = {"%": rng.uniform(20, 80), "antal": rng.uniform(5, 200), "index": rng.uniform(40, 70),
            "betyg": rng.uniform(2.5, 4.0), "ton": rng.uniform(2, 8), "kg": rng.uniform(150, 250),
            "bostäder": rng.uniform(20, 150)}[unit]  # fmt: skip
    step = base * rng.uniform(0.01, 0.04) * (1 if direction == "oka" else -1)
    values = [
        round(max(0.1, base + step * i + rng.uniform(-1, 1) * abs(step)), 1) for i in range(8)
    ]
    verb = "öka" if direction == "oka" else "minska"
    shown_base = _number(values[0]).replace(".", ",")
    target_year = rng.choice([2026, 2028, 2030])
    target_value = round(values[-1] + step * (target_year - YEARS[-1]) * 1.5, 1)
    lines += [
        f"  - id: {ind_id}",
        f"    titel: {quote(title)}",
        f"    formulering: {quote(f'{what[0].upper()}{what[1:]} ska {verb}.')}",
        f"    enhet: {quote(unit)}",
        f"    riktning: {direction}",
        "    utgangsvarden:",
        f"      - ar: {YEARS[0]}",
        f"        varde: {_number(values[0])}",
        f"        enhet: {quote(unit)}",
        f"        text: {quote(f'{shown_base} {unit} år {YEARS[0]}')}",
        "    malvarden:",
    ]
    kind = rng.choice(["niva", "niva", "riktning", "forandring", "rang"])
    if kind == "niva":
        comparison = "minst" if direction == "oka" else "hogst"
        word = "minst" if direction == "oka" else "högst"
        shown = _number(target_value).replace(".", ",")
        lines += [
            "      - typ: niva",
            f"        text: {quote(f'{word} {shown} {unit} år {target_year}')}",
            f"        varde: {_number(target_value)}",
            f"        enhet: {quote(unit)}",
            f"        jamforelse: {comparison}",
            f"        ar: {target_year}",
        ]
    elif kind == "riktning":
        lines += [
            "      - typ: riktning",
            f"        text: {quote(f'{what[0].upper()}{what[1:]} ska {verb} årligen.')}",
            f"        riktning: {direction}",
            "        arligen: true",
        ]
    elif kind == "forandring":
        pct = rng.choice([2, 3, 5])
        lines += [
            "      - typ: forandring",
            f"        text: {quote(f'{verb} med {pct} % årligen')}",
            f"        varde: {pct if direction == 'oka' else -pct}",
            "        enhet: '%'",
            "        fran_ar: 2023",
            f"        till_ar: {target_year}",
        ]
    else:
        top = rng.choice([25, 50])
        lines += [
            "      - typ: rang",
            f"        text: {quote(f'bland de {top} % bästa i riket {target_year}')}",
            f"        andel_basta: {top}",
            "        jamforelsegrupp: 'landets kommuner'",
            f"        ar: {target_year}",
        ]
    if rng.random() < 0.3:
        lines += [
            "      - typ: redovisning",
            "        text: 'Utvecklingen redovisas i årsredovisningen.'",
            "        frekvens: arligen",
        ]
    lines.append("    matningar:")
    for year, value in zip(YEARS, values, strict=True):
        lines += [
            f"      - ar: {year}",
            f"        varde: {_number(value)}",
            f"        kalla: {quote(f'{source_title} {year + 1}')}",
        ]
    if rng.random() < 0.5:
        lines += [
            "    kolada:",
            f"      kpi: 'N{rng.randrange(10000, 99999):05d}'",
            "      grund: bedomning",
        ]
    lines += [
        f"    teman: [{theme}]",
        "    teman_grund: bedomning",
        f"    agenda2030: [{', '.join(map(str, sdgs))}]",
        "    agenda2030_grund: bedomning",
    ]


def write_municipality(root: Path, index: int, name: str, rng: random.Random) -> None:
    mid = slugify(name)
    county_code, county = COUNTIES[index % len(COUNTIES)]
    code = f"{county_code}{index // len(COUNTIES) + 10:02d}"
    folder = root / "kommuner" / mid
    for sub in ("planer", "omraden", "mal"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    namnder = rng.sample(NAMNDER, 3)
    vision = (
        f"{name} – en levande kommun där människor och företag växer.\n\n"
        f"I {name} tar vi vara på naturen, kulturen och gemenskapen, och vi möter framtiden "
        "tillsammans med våra invånare."
    )
    kommun = [
        "# yaml-language-server: $schema=../../../schemas/kommun.schema.json",
        "# Påhittad kommun för prestandamätningen (benchmarks/generate.py).",
        f"id: {mid}",
        f"namn: {quote(name)}",
        f"kommunkod: '{code}'",
        f"lan: {quote(county)}",
        f"webbplats: 'https://www.{mid}.example/'",
        "vision: " + block(vision, 2).rstrip("\n"),
        "vardegrund: null",
        "vision_kalla: mal-och-budget",
        "organ:",
        "  - id: kf",
        "    namn: 'Kommunfullmäktige'",
        "    typ: kf",
        "  - id: ks",
        "    namn: 'Kommunstyrelsen'",
        "    typ: ks",
    ]
    for nid, nname in namnder:
        kommun += [f"  - id: {nid}", f"    namn: {quote(nname)}", "    typ: namnd"]
    kommun += [
        "kallor:",
        "  - id: mal-och-budget",
        f"    titel: {quote(f'Mål och budget 2023–2026, {name} kommun')}",
        f"    adress: 'https://www.{mid}.example/mal-och-budget/'",
        "    publicerad: '2022-11'",
        "  - id: arsredovisning",
        f"    titel: {quote(f'Årsredovisning 2023, {name} kommun')}",
        f"    adress: 'https://www.{mid}.example/arsredovisning/'",
        "    publicerad: '2024-04'",
    ]
    (folder / "kommun.yaml").write_text("\n".join(kommun) + "\n", encoding="utf-8")

    plan = [
        "# yaml-language-server: $schema=../../../../schemas/plan.schema.json",
        "id: mal-och-budget-2023-2026",
        "titel: 'Mål och budget 2023–2026'",
        "period:",
        "  fran: 2023",
        "  till: 2026",
        "  mandatperiod: true",
        "beslutas_av: kf",
        f"beslutsdatum: '2022-11-{rng.randrange(10, 29)}'",
        "status: antagen",
        "beskrivning: "
        + block(
            f"Kommunfullmäktige i {name} beslutar om mål för mandatperioden. Målen utgår från "
            "visionen och de globala målen i Agenda 2030.",
            2,
        ).rstrip("\n"),
        "process:",
        "  - datum: '2022-06'",
        "    titel: 'Budgetberedningen inleds'",
        "  - datum: '2022-11'",
        "    titel: 'Kommunfullmäktige beslutar'",
        "kalla: mal-och-budget",
    ]
    (folder / "planer" / "mal-och-budget-2023-2026.yaml").write_text(
        "\n".join(plan) + "\n", encoding="utf-8"
    )

    areas = rng.sample(AREAS, 5)
    area_ids = []
    for order, (title, themes, sdgs) in enumerate(areas, start=1):
        aid = slugify(title)
        area_ids.append((aid, themes))
        text = [
            "# yaml-language-server: $schema=../../../../schemas/omrade.schema.json",
            f"id: {aid}",
            f"titel: {quote(title)}",
            "plan: mal-och-budget-2023-2026",
            "beskrivning: "
            + block(f"Målområdet {title.lower()} samlar kommunens mål inom området.", 2).rstrip(
                "\n"
            ),
            f"ordning: {order}",
            f"teman: [{', '.join(themes)}]",
            "teman_grund: kalla",
            f"agenda2030: [{', '.join(map(str, sdgs))}]",
            "agenda2030_grund: kalla",
            "kalla: mal-och-budget",
        ]
        (folder / "omraden" / f"{aid}.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")

    goal_count = 40 + rng.randrange(-2, 3)
    goal_ids: list[str] = []
    for order in range(1, goal_count + 1):
        aid, area_themes = area_ids[(order - 1) % len(area_ids)]
        subject = rng.choice([s for s in SUBJECTS if s[0] in area_themes] or SUBJECTS)
        title = f"{rng.choice(VERBS)} {subject[2]} {rng.choice(QUALIFIERS)}"
        stem = slugify(title)[:60].strip("-")
        gid = f"{stem}-{order}"
        owner = rng.choice(["ks", *(n[0] for n in namnder)])
        sentences = rng.sample(SENTENCES, 3)
        description = (
            " ".join(s.format(s=subject[3]) for s in sentences[:2])
            + "\n\n"
            + (sentences[2].format(s=subject[3]))
        )
        lines = [
            "# yaml-language-server: $schema=../../../../schemas/mal.schema.json",
            f"id: {gid}",
            f"titel: {quote(title)}",
            "beskrivning: " + block(description, 2).rstrip("\n"),
            "plan: mal-och-budget-2023-2026",
            f"omrade: {aid}",
            f"niva: {'kf' if order % 4 else 'ks'}",
            f"ansvarig: {owner}",
            f"ordning: {order}",
            f"agenda2030: [{', '.join(map(str, subject[1]))}]",
            "agenda2030_grund: bedomning",
            f"teman: [{subject[0]}]",
            "teman_grund: bedomning",
        ]
        if rng.random() < 0.4:
            lines += ["fokus:", "  - ar: 2024", f"    text: {quote(rng.choice(FOCUS))}"]
        if goal_ids and rng.random() < 0.25:
            lines.append(f"bidrar_till: [{rng.choice(goal_ids)}]")
        lines += ["kalla: mal-och-budget", "indikatorer:"]
        used = rng.sample([s for s in SUBJECTS if s != subject], 2)
        for k, sub in enumerate([subject, *used], start=1):
            write_indicator(lines, rng, sub, f"{gid}-i{k}", "Årsredovisning")
        (folder / "mal" / f"{gid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        goal_ids.append(gid)
    write_actions(folder, goal_ids, ["ks", *(n[0] for n in namnder)], rng)


ACTION_TITLES = [
    "Ny detaljplan för bostäder",
    "Digital tjänst för bygglov",
    "Solceller på kommunens tak",
    "Läxhjälp på biblioteket",
    "Fler feriejobb för unga",
    "Trygghetsvandringar i centrum",
    "Ny cykelväg till skolan",
    "Kompetensplan för vården",
]
ACTION_STATUSES = ["planerad", "pagar", "klar", "avbruten", "forsenad"]


def write_actions(folder: Path, goal_ids: list[str], owners: list[str], rng: random.Random) -> None:
    """About eight actions per municipality, each under one or two goals, every status in use."""
    (folder / "atgarder").mkdir(exist_ok=True)
    for order, title in enumerate(rng.sample(ACTION_TITLES, 8), start=1):
        aid = f"{slugify(title)}-{order}"
        status = ACTION_STATUSES[(order - 1) % len(ACTION_STATUSES)]
        start = 2023 + rng.randrange(0, 2)
        goals = rng.sample(goal_ids, 2 if rng.random() < 0.3 else 1)
        lines = [
            "# yaml-language-server: $schema=../../../../schemas/atgard.schema.json",
            f"id: {aid}",
            f"titel: {quote(title)}",
            f"ansvarig: {rng.choice(owners)}",
            f"mal: [{', '.join(goals)}]",
            f"start: '{start}'",
            f"klar_senast: '{start + rng.randrange(1, 4)}-{rng.randrange(1, 13):02d}'",
            f"status: {status}",
            "uppfoljning:",
            f"  - ar: {start}",
            f"    datum: '{start + 1}-02-{rng.randrange(1, 28):02d}'",
            f"    status: {status}",
            f"    text: {quote(f'{title}: status vid årsredovisningen {start}.')}",
            f"ordning: {order}",
        ]
        (folder / "atgarder" / f"{aid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def generate(out: Path, municipalities: int = 290, seed: int = 1) -> Path:
    """Write the corpus into `out` (replacing it) and return it."""
    if out.exists():
        shutil.rmtree(out)
    (out / "kommuner").mkdir(parents=True)
    for name in VOCABULARIES:
        if (REPO / "content" / name).is_file():
            shutil.copyfile(REPO / "content" / name, out / name)
    rng = random.Random(seed)
    names = municipality_names(municipalities, rng)
    for index, name in enumerate(names):
        write_municipality(out, index, name, random.Random(f"{seed}:{name}"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Skriv ett syntetiskt innehåll för mätningar.")
    parser.add_argument("--municipalities", type=int, default=290, help="antal kommuner (1–960)")
    parser.add_argument("--seed", type=int, default=1, help="slumpfrö; samma frö ger samma filer")
    parser.add_argument("--out", type=Path, required=True, help="mappen som skrivs (ersätts)")
    args = parser.parse_args(argv)
    if not 1 <= args.municipalities <= len(NAME_START) * len(NAME_END):
        print("fel: --municipalities måste vara 1–960", file=sys.stderr)
        return 2
    generate(args.out, args.municipalities, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
