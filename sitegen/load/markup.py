"""Content checks for text that ends up in HTML: raw HTML, script links, invisible characters.

Every string of a validated model is checked at load time, so that an editor learns what to change
(file, line, field) instead of the sanitiser silently dropping it at render time:

- Markdown fields (a field whose description says "Markdown"): raw HTML, HTML comments, links and
  images whose address is not https://, http:// or mailto: (javascript:, vbscript:, data: in any
  case, with entities, whitespace or control characters inside), images;
- every other text: HTML tags (they would be shown as text), script addresses, control characters.

nh3 still sanitises the rendered Markdown (sitegen/render/markdown.py) as a second line of defence,
and Jinja2's autoescape escapes every other text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown as md
import yaml
from markdown.treeprocessors import Treeprocessor
from pydantic import BaseModel

from sitegen.issues import IssueList
from sitegen.load.validate import field_name
from sitegen.load.yamlfile import decode
from sitegen.render.markdown import URL_SCHEMES

#: Schemes a link in Markdown may use: the sanitiser's allow-list.
ALLOWED_SCHEMES = frozenset(URL_SCHEMES)
#: Schemes that run code or smuggle content in a browser.
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data", "livescript", "mocha"})
#: Elements that run code, load other documents or change the page around them.
ACTIVE_TAGS = frozenset(
    {
        "script", "iframe", "frame", "frameset", "style", "object", "embed", "applet", "link",
        "meta", "base", "form", "input", "button", "textarea", "select", "svg", "math",
        "template", "noscript", "xmp", "plaintext", "audio", "video", "source", "portal",
    }
)  # fmt: skip

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9:-]*)(?=[\s/>]|$)")
_TEXT_TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?\s*>|<!--|<!\[CDATA\[")
_EVENT = re.compile(r"(?i)[\s\"'/]on[a-z]+\s*=")
_ATTR_URL = re.compile(r"(?i)[\s\"'/](?:href|src|action|formaction|xlink:href|data|poster)\s*=")
_TEXT_SCRIPT = re.compile(r"(?i)\b(java|vb)\s*script\s*:")
_ENTITY_ONLY = re.compile(r"^&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")
_CLOSING_ONLY = re.compile(r"^\s*</\s*[A-Za-z][A-Za-z0-9:-]*\s*>\s*$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_INVISIBLE = re.compile(
    r"[\x00-\x20\x7f-\x9f\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f"
    r"\u3000\ufeff]"
)
_MARKDOWN_HINT = re.compile(r"[<&\]]")
#: What a file's text must contain for any string in it to have a problem above: a control
#: character, `<` (HTML, comments, autolinks), a backslash (a double-quoted YAML string can spell
#: any character as an escape: "\x3c"), a Markdown link, image or link definition (`](`, `][`,
#: `]:`, `![`; a plain `]` also closes YAML's [a, b] lists; YAML joins lines with a space, which
#: `\s*` matches across lines) or the word "script" (see :func:`may_have_problems`).
_SOURCE_CHAR = re.compile(r"[<\\" + _CONTROL.pattern[1:])  # the control characters above
_SOURCE_LINK = re.compile(r"\]\s*[(\[:]")
#: Letters that case-insensitive matching takes for one of "script" but str.lower() does not.
_FOLDED_LETTERS = ("\u0130", "\u0131", "\u017f")  # İ, ı, ſ
_AMP = "\x02amp\x03"  # Python-Markdown's stand-in for '&' until its last step


@dataclass(frozen=True)
class MarkupProblem:
    """One problem in one text: what to look for in the source to locate it, and the message."""

    snippet: str
    message: str


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (entities decoded, invisible characters removed)."""
    value = url.replace(_AMP, "&")
    for _ in range(3):  # '&amp;#106;' → '&#106;' → 'j'
        decoded = html.unescape(value)
        if decoded == value:
            break
        value = decoded
    value = _INVISIBLE.sub("", value)
    match = _SCHEME.match(value)
    return match.group(1).lower() if match else None


def _control_problems(text: str) -> list[MarkupProblem]:
    out = []
    for match in _CONTROL.finditer(text):
        code = f"U+{ord(match.group()):04X}"
        out.append(
            MarkupProblem(
                match.group(),
                f"texten innehåller ett osynligt styrtecken ({code}), ofta inklistrat från Word "
                "eller en webbsida; ta bort det",
            )
        )
        break  # one is enough to make the editor look
    return out


def text_problems(text: str) -> list[MarkupProblem]:
    """Problems in a plain-text field (shown escaped, so HTML would appear as code)."""
    out = _control_problems(text)
    tag = _TEXT_TAG.search(text)
    if tag is not None:
        found = tag.group()
        out.append(
            MarkupProblem(
                found,
                f"fältet är vanlig text; HTML-koden {_short(found)} skulle visas som den är. "
                "Ta bort taggen och skriv bara texten",
            )
        )
    script = _TEXT_SCRIPT.search(text)
    if script is not None:
        out.append(
            MarkupProblem(
                script.group(),
                f"'{script.group()}' är början på en skriptadress och får inte stå i innehållet; "
                "ta bort den",
            )
        )
    return out


class _Links(Treeprocessor):
    """Collects every link and image Markdown made (raw HTML is stashed, not in the tree)."""

    def run(self, root: Any) -> None:
        found: list[tuple[str, str]] = []
        for element in root.iter():
            if element.tag == "a":
                found.append(("a", element.get("href", "")))
            elif element.tag == "img":
                found.append(("img", element.get("src", "")))
        self.md.sitegen_links = found  # type: ignore[attr-defined]


@lru_cache(maxsize=1)
def _checker() -> md.Markdown:
    # The same extensions as sitegen/render/markdown.py, so that both read the text alike.
    converter = md.Markdown(extensions=["sane_lists", "tables"], output_format="html")
    converter.treeprocessors.register(_Links(converter), "sitegen_links", -100)
    return converter


def _html_problem(chunk: str) -> MarkupProblem:
    """The one message for a piece of raw HTML: the most dangerous thing in it comes first."""
    autolink = re.fullmatch(r"\s*<([^\s<>]+)>\s*", chunk)
    if autolink is not None and url_scheme(autolink.group(1)) is not None:
        problem = _link_problem("a", autolink.group(1))
        if problem is not None:
            return problem
    tags = [(m.group(2).lower(), m.group(0)) for m in _TAG.finditer(chunk)]
    active = next(((name, raw) for name, raw in tags if name in ACTIVE_TAGS), None)
    if active is not None:
        return MarkupProblem(
            active[1],
            f"<{active[0]}> är inte tillåtet i texten: det kan köra kod eller ändra sidan. "
            "Ta bort det; skriv vanlig Markdown-text",
        )
    event = _EVENT.search(chunk)
    if event is not None:
        name = event.group().strip(" \t\n\"'/=")
        return MarkupProblem(
            event.group().lstrip(" \t\n\"'/"),
            f"HTML med händelseattributet {name}= kör kod och är inte tillåtet; ta bort "
            "HTML-koden och skriv Markdown, t.ex. [länktext](https://…)",
        )
    for attr in _ATTR_URL.finditer(chunk):
        rest = chunk[attr.end() :].lstrip()
        value = re.split(r"[\s>]", rest.strip("\"'"), maxsplit=1)[0] if rest else ""
        quoted = re.match(r"\s*([\"'])(.*?)\1", chunk[attr.end() :], re.S)
        if quoted is not None:
            value = quoted.group(2)
        scheme = url_scheme(value)
        if scheme in SCRIPT_SCHEMES:
            return MarkupProblem(
                attr.group().lstrip(" \t\n\"'/"),
                f"HTML med en {scheme}:-adress kan köra kod och är inte tillåten; ta bort den "
                "och länka med [länktext](https://…)",
            )
    if chunk.lstrip().startswith("<!"):
        return MarkupProblem(
            chunk.strip().splitlines()[0] if chunk.strip() else chunk,
            "HTML-kommentarer och <!…>-kod är inte tillåtna i texten; skriv en YAML-kommentar "
            "(# …) på en egen rad ovanför fältet i stället",
        )
    first = tags[0][1] if tags else chunk.strip().splitlines()[0] if chunk.strip() else chunk
    name = tags[0][0] if tags else "html"
    return MarkupProblem(
        first,
        f"HTML-kod (<{name}>) är inte tillåten i texten; skriv Markdown i stället, t.ex. "
        "**fet**, *kursiv* eller [länktext](https://…)",
    )


def _link_problem(kind: str, url: str) -> MarkupProblem | None:
    shown = url.replace(_AMP, "&")
    scheme = url_scheme(url)
    if kind == "img":
        return MarkupProblem(
            "![",
            "bilder (![…](…)) kan inte visas på webbplatsen; ta bort bilden eller gör den "
            "till en länk: [beskrivning](https://…)",
        )
    if scheme is None or scheme in ALLOWED_SCHEMES:
        return None
    if scheme in SCRIPT_SCHEMES:
        return MarkupProblem(
            shown,
            f"länken '{_short(shown)}' är en {scheme}:-adress som kan köra kod och är inte "
            "tillåten; länka till en webbadress som börjar med https://",
        )
    return MarkupProblem(
        shown,
        f"länken '{_short(shown)}' börjar med '{scheme}:'; länkar kan bara gå till "
        "https://, http:// eller mailto:",
    )


def markdown_problems(text: str) -> list[MarkupProblem]:
    """Problems in a Markdown field: what Markdown would pass through or link to unsafely."""
    out = _control_problems(text)
    script = _TEXT_SCRIPT.search(text)
    if not _MARKDOWN_HINT.search(text):  # no HTML, entity or link: nothing more to look at
        if script is not None:
            out.append(_script_in_prose(script.group()))
        return out
    converter = _checker()
    converter.sitegen_links = []  # type: ignore[attr-defined]
    converter.reset().convert(text)
    closing: list[str] = []
    for chunk in converter.htmlStash.rawHtmlBlocks:
        raw = chunk if isinstance(chunk, str) else str(chunk)
        if _ENTITY_ONLY.match(raw.strip()):
            continue  # an entity (&amp;) is text, not HTML
        if _CLOSING_ONLY.match(raw):
            closing.append(raw)  # reported only when no opening tag is
            continue
        problem = _html_problem(raw)
        if all(p.message != problem.message for p in out):
            out.append(problem)
    html_found = len(out)
    if closing and not html_found:
        out.append(_html_problem(closing[0]))
    for kind, url in converter.sitegen_links:  # type: ignore[attr-defined]
        problem = _link_problem(kind, url)
        if problem is not None and all(p.message != problem.message for p in out):
            out.append(problem)
    converter.reset()
    if script is not None and not any("adress" in p.message for p in out):
        out.append(_script_in_prose(script.group()))
    return out


def _script_in_prose(found: str) -> MarkupProblem:
    return MarkupProblem(
        found, f"'{found}' är början på en skriptadress och får inte stå i innehållet; ta bort den"
    )


def _short(text: str, limit: int = 40) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


# --- walking a validated model ------------------------------------------------------------------


@lru_cache(maxsize=256)
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, bool], ...]:
    """(attribute, YAML key, is Markdown) for each field of a model."""
    return tuple(
        (name, info.alias or name, "markdown" in (info.description or "").lower())
        for name, info in model.model_fields.items()
    )


def _strings(obj: Any, loc: tuple[Any, ...], markdown: bool) -> Any:
    """Yield (location, text, is Markdown) for every string inside a validated value."""
    if isinstance(obj, Enum) or obj is None:
        return
    if isinstance(obj, str):
        yield loc, obj, markdown
    elif isinstance(obj, BaseModel):
        for name, key, is_md in _fields(type(obj)):
            yield from _strings(getattr(obj, name), (*loc, key), is_md)
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _strings(item, (*loc, i), markdown)
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from _strings(item, (*loc, str(key)), markdown)


def node_at(node: yaml.Node, loc: tuple[Any, ...]) -> yaml.Node | None:
    """The YAML node at a model location (None when it is not written in the file)."""
    current = node
    for part in loc:
        if isinstance(current, yaml.MappingNode) and isinstance(part, str):
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                    current = value_node
                    break
            else:
                return None
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(current.value):
                return None
            current = current.value[part]
        else:
            return None
    return current


class _Source:
    """The file's text, read only when a problem has to be located."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            try:
                self._lines = decode(self.path.read_bytes()).split("\n")
            except (OSError, UnicodeDecodeError):
                self._lines = []
        return self._lines

    def find(self, snippet: str, first: int, last: int) -> tuple[int, int] | None:
        """1-based line and column of `snippet` between two 0-based lines, if it is there."""
        needles = [snippet.split("\n", 1)[0][:60]]
        words = snippet.split()
        if words and words[0][:60] not in needles:
            needles.append(words[0][:60])
        for needle in needles:
            if not needle.strip():
                continue
            for case_blind in (False, True):
                for number in range(first, min(last, len(self.lines) - 1) + 1):
                    line = self.lines[number]
                    at = line.lower().find(needle.lower()) if case_blind else line.find(needle)
                    if at >= 0:
                        return number + 1, at + 1
        return None


def may_have_problems(source: str) -> bool:
    """False when no string read from this file text can have a problem :func:`check_markup`
    reports (most files: then their strings need not be walked one by one)."""
    if _SOURCE_CHAR.search(source) or _SOURCE_LINK.search(source) or "![" in source:
        return True
    # _TEXT_SCRIPT, case-insensitive, needs "script"; a search for the word alone is ten times
    # faster than the pattern.
    return "script" in source.lower() or any(letter in source for letter in _FOLDED_LETTERS)


def check_markup(path: Path, obj: BaseModel, node: yaml.Node, issues: IssueList) -> int:
    """Check every string of a validated file; add located errors. Returns how many were found."""
    source = _Source(path)
    found = 0
    for loc, text, is_markdown in _strings(obj, (), False):
        problems = markdown_problems(text) if is_markdown else text_problems(text)
        if not problems:
            continue
        where = node_at(node, loc)
        for problem in problems:
            line, column = _locate(source, where, problem.snippet)
            issues.add(path, line, column, field_name(loc), _capitalise(problem.message))
            found += 1
    return found


def _locate(source: _Source, node: yaml.Node | None, snippet: str) -> tuple[int, int]:
    if node is None:
        return 1, 1
    start, end = node.start_mark, node.end_mark
    last = end.line - 1 if end.column == 0 and end.line > start.line else end.line
    found = source.find(snippet, start.line, last)
    if found is not None:
        return found
    return start.line + 1, start.column + 1


def _capitalise(message: str) -> str:
    return message[:1].upper() + message[1:]
