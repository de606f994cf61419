"""The Swedish words editors see for every YAML key and content type: title, description, example.

The models' own `Field(description=…, examples=…)` win where they are set (they know the context);
this table gives every key a Swedish title and fills in what a field leaves out. It feeds the JSON
Schemas in `schemas/` (completion and hover texts in the editor) and the examples in `check`'s error
messages. A key is looked up as '<Model>.<key>' first, then as '<key>'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldDoc:
    title: str
    description: str
    example: Any


_YEAR = 2022
_SLUG_NOTE = "små bokstäver a–z, siffror och bindestreck"

FIELD_DOCS: dict[str, FieldDoc] = {
    # Identity and text.
    "id": FieldDoc("Id", f"Stabilt id, samma som filnamnet; {_SLUG_NOTE}.", "hallbar-tillvaxt"),
    "titel": FieldDoc("Titel", "Titeln med källans egna ord.", "Mål och budget 2022"),
    "Goal.titel": FieldDoc("Titel", "Målet med källans egna ord.", "Alla elever ska nå målen"),
    "GoalArea.titel": FieldDoc("Titel", "Målområdets namn i källan.", "Hållbar tillväxt"),
    "Indicator.titel": FieldDoc("Titel", "Kort namn på indikatorn.", "Nöjda invånare"),
    "Source.titel": FieldDoc("Titel", "Sidans eller dokumentets titel.", "Kommunens mål"),
    "ProcessStep.titel": FieldDoc("Titel", "Stegets namn.", "Beslut i kommunfullmäktige"),
    "Action.titel": FieldDoc("Titel", "Åtgärden med källans egna ord.", "Bygg ut förskolan"),
    "kort_titel": FieldDoc(
        "Kort titel", "En kortare titel för rubriker och menyer (vår, inte källans).", "Trygg skola"
    ),
    "namn": FieldDoc("Namn", "Namnet på svenska.", "Kommunstyrelsen"),
    "namn_en": FieldDoc("Namn på engelska", "Namnet på engelska.", "Housing"),
    "beskrivning": FieldDoc(
        "Beskrivning", "Längre text i Markdown; skriv den i ett |-block.", "Kommunen ska …"
    ),
    "text": FieldDoc("Text", "Källans egna ord.", "minst 85 % år 2025"),
    "formulering": FieldDoc(
        "Formulering", "Indikatorn med källans egna ord.", "Andel elever med godkända betyg"
    ),
    "anmarkning": FieldDoc("Anmärkning", "En kort anmärkning.", "Siffran avser hösten."),
    "motivering": FieldDoc(
        "Motivering", "Kommunens motivering (Markdown).", "Målet nåddes för tredje året i rad."
    ),
    "avser": FieldDoc("Avser", "Vad värdet gäller, om källan säger det.", "åk 5"),
    # Vocabularies.
    "teman": FieldDoc(
        "Teman", "Id:n ur det gemensamma temaregistret (content/teman.yaml).", ["boende"]
    ),
    "ThemeVocabulary.teman": FieldDoc(
        "Teman", "Det gemensamma temaregistret: ett tema per rad.", [{"id": "boende"}]
    ),
    "teman_grund": FieldDoc(
        "Grund för teman",
        "kalla om källan anger temana, bedomning om de är vår bedömning.",
        "bedomning",
    ),
    "agenda2030": FieldDoc("Agenda 2030", "Nummer 1–17 på de globala mål som berörs.", [3, 11]),
    "agenda2030_grund": FieldDoc(
        "Grund för Agenda 2030",
        "kalla om källan anger kopplingen, bedomning om den är vår bedömning.",
        "bedomning",
    ),
    "SdgCatalogue.mal": FieldDoc(
        "Globala mål", "De 17 globala målen, ett per rad, i nummerordning.", [{"nummer": 1}]
    ),
    "nummer": FieldDoc("Nummer", "Det globala målets nummer, 1–17.", 1),
    "farg": FieldDoc("Färg", "Hexkod inom citattecken.", "#E5243B"),
    # Municipality.
    "kommunkod": FieldDoc(
        "Kommunkod",
        "SCB:s fyra siffror, alltid inom citattecken (utan citattecken tappas nollan).",
        "0665",
    ),
    "lan": FieldDoc("Län", "Länet kommunen ligger i.", "Västmanlands län"),
    "organisationsnummer": FieldDoc("Organisationsnummer", "NNNNNN-NNNN.", "212000-2056"),
    "webbplats": FieldDoc("Webbplats", "Kommunens webbplats.", "https://kungsor.se/"),
    "vision": FieldDoc("Vision", "Kommunens vision (Markdown).", "Kungsör – där alla trivs."),
    "vardegrund": FieldDoc("Värdegrund", "Kommunens värdegrund (Markdown).", "Vi är öppna."),
    "vision_kalla": FieldDoc("Källa för visionen", "Id för en källa i kallor.", "vision"),
    "organ": FieldDoc(
        "Organ",
        "Organ som beslutar om eller äger mål: fullmäktige, styrelse, nämnder, bolag.",
        [{"id": "kf", "namn": "Kommunfullmäktige", "typ": "kf"}],
    ),
    "Body.typ": FieldDoc("Typ av organ", "kf, ks, namnd, forvaltning eller bolag.", "namnd"),
    "kallor": FieldDoc(
        "Källor",
        "Dokument och sidor som innehållet kommer från; mål och planer hänvisar med kalla.",
        [{"id": "webbplats", "titel": "Kommunens mål", "adress": "https://kungsor.se/"}],
    ),
    "adress": FieldDoc(
        "Adress", "Webbadressen, eller null om den är okänd (gissa aldrig).", "https://kungsor.se/"
    ),
    "publicerad": FieldDoc(
        "Publicerad", "'ÅÅÅÅ', 'ÅÅÅÅ-MM' eller 'ÅÅÅÅ-MM-DD' inom citattecken.", "2022-06-20"
    ),
    # Plan.
    "period": FieldDoc("Period", "Åren planen gäller.", {"fran": 2019, "till": 2022}),
    "fran": FieldDoc("Från år", "Första året.", 2019),
    "till": FieldDoc("Till år", "Sista året (tas med).", 2022),
    "mandatperiod": FieldDoc("Mandatperiod", "true om perioden är en mandatperiod.", True),
    "beslutas_av": FieldDoc("Beslutas av", "Id för ett organ i kommun.yaml.", "kf"),
    "beslutsdatum": FieldDoc(
        "Beslutsdatum", "'ÅÅÅÅ', 'ÅÅÅÅ-MM' eller 'ÅÅÅÅ-MM-DD' inom citattecken.", "2021-06-14"
    ),
    "status": FieldDoc("Status", "Var planen står.", "antagen"),
    "Action.status": FieldDoc("Status", "Var åtgärden står nu.", "pagar"),
    "StatusNote.status": FieldDoc("Status", "Åtgärdens status vid noteringen.", "pagar"),
    "kriterier": FieldDoc(
        "Kriterier", "Kriterier som målen ska uppfylla.", ["Målen ska vara mätbara."]
    ),
    "process": FieldDoc(
        "Process", "Daterade steg i processen.", [{"datum": "2021-06", "titel": "Beslut i KF"}]
    ),
    "datum": FieldDoc("Datum", "'ÅÅÅÅ-MM-DD' inom citattecken.", "2022-05-17"),
    "ProcessStep.datum": FieldDoc(
        "Datum", "'ÅÅÅÅ', 'ÅÅÅÅ-MM' eller 'ÅÅÅÅ-MM-DD' inom citattecken, eller null.", "2021-06"
    ),
    "kalla": FieldDoc("Källa", "Id för en källa i kommunens kallor.", "kommunens-mal"),
    "Measurement.kalla": FieldDoc(
        "Källa", "Varifrån värdet kommer: titel eller adress.", "Kolada, N15436"
    ),
    "RankEntry.kalla": FieldDoc(
        "Källa", "Varifrån rangordningen kommer: titel eller adress.", "Kolada"
    ),
    "GoalAssessment.kalla": FieldDoc(
        "Källa", "Varifrån bedömningen kommer: titel eller adress.", "Årsredovisning 2023"
    ),
    "ordning": FieldDoc("Ordning", "Ordningen i källan; lägre först.", 1),
    # Goal and goal area.
    "plan": FieldDoc("Plan", "Id för planen (filnamnet i planer/).", "mal-och-budget-2022"),
    "omrade": FieldDoc("Målområde", "Id för målområdet (filnamnet i omraden/), eller null.", None),
    "Goal.niva": FieldDoc("Nivå", "kf, ks eller namnd.", "kf"),
    "ansvarig": FieldDoc("Ansvarig", "Id för ett organ i kommun.yaml, eller null.", "ks"),
    "fokus": FieldDoc(
        "Fokus", "Vad målet fokuserar på ett visst år.", [{"ar": _YEAR, "text": "Fler bostäder"}]
    ),
    "bidrar_till": FieldDoc(
        "Bidrar till", "Id för mål i samma kommun som detta mål tjänar.", ["hallbar-tillvaxt"]
    ),
    "indikatorer": FieldDoc(
        "Indikatorer",
        "Indikatorer (nyckeltal) med utgångsvärden, målvärden och mätningar.",
        [{"id": "nojda-invanare", "titel": "Nöjda invånare", "riktning": "oka"}],
    ),
    # Indicator.
    "enhet": FieldDoc("Enhet", "Enheten, t.ex. '%', 'antal' eller 'kvm'.", "%"),
    "riktning": FieldDoc("Riktning", "oka, minska, behalla eller redovisa.", "oka"),
    "utgangsvarden": FieldDoc(
        "Utgångsvärden",
        "Värdet indikatorn utgår från.",
        [{"ar": 2018, "varde": 72, "enhet": "%", "text": "72 % 2018"}],
    ),
    "malvarden": FieldDoc(
        "Målvärden",
        "Målvärden: typ niva, forandring, rang, riktning, antal eller redovisning.",
        [{"typ": "niva", "text": "minst 85 % 2025", "varde": 85, "enhet": "%", "ar": 2025}],
    ),
    "matningar": FieldDoc(
        "Mätningar",
        "Uppföljda värden, ett per år (och tertial, kön).",
        [{"ar": _YEAR, "varde": 78.5, "kalla": "Kolada"}],
    ),
    "FollowUp.matningar": FieldDoc(
        "Mätningar",
        "Värden per indikator: indikator, varden och rangordning.",
        [{"indikator": "nojda-invanare", "varden": [{"ar": _YEAR, "varde": 78, "kalla": "SCB"}]}],
    ),
    "ar": FieldDoc("År", "Ett årtal som tal, utan citattecken.", _YEAR),
    "varde": FieldDoc("Värde", "Talet, med punkt som decimaltecken.", 85),
    "typ": FieldDoc("Typ", "Målvärdets form.", "niva"),
    "jamforelse": FieldDoc("Jämförelse", "minst, hogst, exakt, over eller under.", "minst"),
    "fran_ar": FieldDoc("Från år", "Året förändringen räknas från.", 2020),
    "till_ar": FieldDoc("Till år", "Året målet gäller till och med.", 2025),
    "andel_basta": FieldDoc("Andel bästa", "Andel bästa kommuner i procent.", 25),
    "jamforelsegrupp": FieldDoc("Jämförelsegrupp", "Vilka kommuner som jämförs.", "riket"),
    "arligen": FieldDoc("Årligen", "true om målet gäller varje år.", True),
    "frekvens": FieldDoc("Frekvens", "arligen, tertial eller mandatperiod.", "arligen"),
    "tertial": FieldDoc("Tertial", "1, 2 eller 3; null för helår.", 2),
    "kon": FieldDoc("Kön", "T totalt, K kvinnor, M män.", "T"),
    "kolada": FieldDoc(
        "Kolada", "Ett nyckeltal i Kolada som mäter samma sak.", {"kpi": "N15436", "grund": "kalla"}
    ),
    "kpi": FieldDoc("Koladas id", "N eller U följt av fem siffror.", "N15436"),
    "grund": FieldDoc("Grund", "kalla om kommunen anger id:t, bedomning om det är vårt.", "kalla"),
    "nyckel": FieldDoc(
        "Nyckel", "Gemensam nyckel för indikatorer som mäter samma sak.", "nojda-invanare"
    ),
    # Follow-up.
    "indikator": FieldDoc("Indikator", "Id för indikatorn som värdena gäller.", "nojda-invanare"),
    "varden": FieldDoc(
        "Värden", "Ett värde per period och kön.", [{"ar": _YEAR, "varde": 78, "kalla": "SCB"}]
    ),
    "rangordning": FieldDoc(
        "Rangordning",
        "Kommunens plats bland landets kommuner, per år.",
        [{"ar": _YEAR, "plats": 12, "antal": 290, "kalla": "Kolada"}],
    ),
    "plats": FieldDoc("Plats", "Platsen, 1 är bäst.", 12),
    "RankEntry.antal": FieldDoc("Antal kommuner", "Antalet kommuner med ett värde.", 290),
    "maluppfyllelse": FieldDoc(
        "Måluppfyllelse",
        "Kommunens bedömning per mål och år.",
        [{"mal": "trygg-skola", "ar": _YEAR, "bedomning": "uppfyllt", "kalla": "Årsredovisning"}],
    ),
    "GoalAssessment.mal": FieldDoc("Mål", "Id för målet som bedöms.", "trygg-skola"),
    "bedomning": FieldDoc(
        "Bedömning", "uppfyllt, delvis-uppfyllt, ej-uppfyllt eller ej-bedomt.", "uppfyllt"
    ),
    # Actions.
    "Action.mal": FieldDoc("Mål", "Id för målen som åtgärden bidrar till.", ["trygg-skola"]),
    "start": FieldDoc("Start", "'ÅÅÅÅ', 'ÅÅÅÅ-MM' eller 'ÅÅÅÅ-MM-DD'.", "2022-01"),
    "klar_senast": FieldDoc("Klar senast", "'ÅÅÅÅ', 'ÅÅÅÅ-MM' eller 'ÅÅÅÅ-MM-DD'.", "2023"),
    "uppfoljning": FieldDoc(
        "Uppföljning",
        "Daterade statusnoteringar, i tidsordning.",
        [{"ar": _YEAR, "datum": "2022-12-15", "status": "pagar", "text": "Arbetet har startat."}],
    ),
    # Accessibility statement (tillganglighet.yaml).
    "organisation": FieldDoc("Organisation", "Vem som står bakom webbplatsen.", "Målbild"),
    "AccessibilityStatement.webbplats": FieldDoc(
        "Webbplats", "Vilken webbplats redogörelsen gäller.", "Målbild – kommunernas mål"
    ),
    "efterlevnad": FieldDoc("Efterlevnad", "helt, delvis eller inte förenlig med lagen.", "delvis"),
    "standard": FieldDoc("Standard", "Standarden som granskats mot.", "WCAG 2.1 nivå AA"),
    "brister": FieldDoc(
        "Brister",
        "Innehåll eller funktioner som inte uppfyller kraven.",
        [{"titel": "Sökningen kräver JavaScript", "beskrivning": "Utan JavaScript …"}],
    ),
    "Shortcoming.titel": FieldDoc("Titel", "Kort beskrivning av bristen.", "Sökningen kräver JS"),
    "Shortcoming.beskrivning": FieldDoc(
        "Beskrivning", "Vad som inte fungerar och för vem (Markdown).", "Utan JavaScript …"
    ),
    "wcag": FieldDoc("WCAG-kriterier", "Framgångskriterier som berörs.", ["1.4.3"]),
    "atgard": FieldDoc("Åtgärd", "Vad som görs åt bristen.", "Vi rättar det under 2027."),
    "oskaligt_betungande": FieldDoc(
        "Oskäligt betungande", "Brister som inte rättas för att det vore oskäligt betungande.", None
    ),
    "metod": FieldDoc("Metod", "Hur webbplatsen har granskats (Markdown).", "Självskattning."),
    "bedomningsdatum": FieldDoc("Bedömningsdatum", "'ÅÅÅÅ-MM-DD' inom citattecken.", "2026-11-23"),
    "uppdaterad": FieldDoc("Uppdaterad", "'ÅÅÅÅ-MM-DD' inom citattecken.", "2026-11-23"),
    "kontakt": FieldDoc("Kontakt", "Vart besökare rapporterar brister.", {"namn": "Redaktionen"}),
    "Contact.namn": FieldDoc("Namn", "Vem som tar emot synpunkterna.", "Redaktionen"),
    "epost": FieldDoc("E-post", "E-postadress.", "redaktionen@kommun.se"),
    "Contact.adress": FieldDoc(
        "Adress", "Adress till ett formulär eller en kontaktsida.", "https://kommun.se/kontakt"
    ),
    "telefon": FieldDoc("Telefon", "Telefonnummer.", "0227-60 00 00"),
    "svarstid": FieldDoc("Svarstid", "Hur snabbt ni svarar.", "inom två veckor"),
    "anmalan": FieldDoc(
        "Anmälan", "Länken till DIGG:s anmälningsformulär.", "https://www.digg.se/tdosanmalan"
    ),
}

#: Swedish title and description of each model and vocabulary (the `$defs` of the schemas).
MODEL_DOCS: dict[str, tuple[str, str]] = {
    "ThemeVocabulary": ("Temaregister", "Filen content/teman.yaml: de gemensamma temana."),
    "Theme": ("Tema", "Ett tema som mål, områden och indikatorer sorteras under."),
    "SdgCatalogue": ("Agenda 2030", "Filen content/agenda2030.yaml: de 17 globala målen."),
    "SdgGoal": ("Globalt mål", "Ett av de 17 globala målen för hållbar utveckling."),
    "Municipality": ("Kommun", "Filen kommuner/<kommun>/kommun.yaml."),
    "Body": ("Organ", "Kommunfullmäktige, kommunstyrelsen, en nämnd, förvaltning eller ett bolag."),
    "BodyKind": ("Typ av organ", "kf, ks, namnd, forvaltning eller bolag."),
    "Source": ("Källa", "Ett dokument eller en sida som innehållet kommer från."),
    "Plan": ("Plan", "Filen kommuner/<kommun>/planer/<id>.yaml: ett beslut som sätter mål."),
    "Period": ("Period", "Åren planen gäller, båda medräknade."),
    "PlanStatus": ("Planens status", "utkast, antagen eller reviderad."),
    "ProcessStep": ("Processteg", "Ett daterat steg i processen kring planen."),
    "GoalArea": ("Målområde", "Filen kommuner/<kommun>/omraden/<id>.yaml: ett målområde."),
    "Goal": ("Mål", "Filen kommuner/<kommun>/mal/<id>.yaml: ett mål med sina indikatorer."),
    "GoalLevel": ("Nivå", "kf, ks eller namnd: var i styrkedjan målet sitter."),
    "Focus": ("Fokus", "Vad målet fokuserar på ett år."),
    "Basis": ("Grund", "kalla: källan säger det; bedomning: vår bedömning."),
    "Indicator": ("Indikator", "Ett nyckeltal under ett mål eller ett målområde."),
    "Direction": ("Riktning", "oka, minska, behalla eller redovisa."),
    "Comparison": ("Jämförelse", "minst, hogst, exakt, over eller under."),
    "Gender": ("Kön", "T totalt, K kvinnor, M män (som i Kolada)."),
    "Baseline": ("Utgångsvärde", "Värdet indikatorn utgår från."),
    "LevelTarget": ("Målvärde: nivå", "En nivå, ofta till ett år: 'minst 85 % 2025'."),
    "ChangeTarget": ("Målvärde: förändring", "En förändring varje år: 'minska med 5 % årligen'."),
    "RankTarget": ("Målvärde: rang", "En plats bland kommunerna: 'bland de 25 % bästa'."),
    "DirectionTarget": ("Målvärde: riktning", "Bara en riktning: 'ska öka'."),
    "CountTarget": ("Målvärde: antal", "Ett antal: '50 platser', '150 bostäder 2020–2025'."),
    "ReportTarget": ("Målvärde: redovisning", "Bara redovisning: 'ska redovisas årligen'."),
    "Measurement": ("Mätning", "Ett uppföljt värde för en period."),
    "KoladaLink": ("Kolada-koppling", "Ett nationellt nyckeltal i Kolada som mäter samma sak."),
    "FollowUp": (
        "Uppföljning",
        "Filen kommuner/<kommun>/uppfoljning/<id>.yaml: värden och bedömningar ur en rapport.",
    ),
    "IndicatorSeries": ("Värden för en indikator", "Värden för en indikator över tid."),
    "RankEntry": ("Rangordning", "Kommunens plats bland kommunerna ett år."),
    "GoalAssessment": ("Bedömning av mål", "Kommunens bedömning av ett mål ett år."),
    "Attainment": ("Måluppfyllelse", "uppfyllt, delvis-uppfyllt, ej-uppfyllt eller ej-bedomt."),
    "Action": (
        "Åtgärd",
        "Filen kommuner/<kommun>/atgarder/<id>.yaml: en åtgärd och dess uppföljning.",
    ),
    "ActionStatus": ("Åtgärdens status", "planerad, pagar, klar, avbruten eller forsenad."),
    "StatusNote": ("Statusnotering", "En daterad notering för en uppföljningsperiod."),
    "AccessibilityStatement": (
        "Tillgänglighetsredogörelse",
        "Filen content/tillganglighet.yaml, enligt lagen (2018:1937) och DIGG:s föreskrifter.",
    ),
    "Compliance": ("Efterlevnad", "helt, delvis eller inte förenlig."),
    "Shortcoming": ("Brist", "Innehåll eller en funktion som inte uppfyller kraven."),
    "Contact": ("Kontakt", "Vart besökare rapporterar brister i tillgängligheten."),
}


def field_doc(model_name: str, key: str) -> FieldDoc | None:
    """The documentation of a YAML key in a model: '<Model>.<key>' first, then '<key>'."""
    return FIELD_DOCS.get(f"{model_name}.{key}") or FIELD_DOCS.get(key)
