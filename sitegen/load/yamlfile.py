"""Safe, strict YAML reading with source positions.

PyYAML implements YAML 1.1 while editors (VS Code's YAML extension) read YAML 1.2. We parse with
LibYAML when available, resolve plain scalars ourselves by the YAML 1.2 core schema, and refuse any
plain scalar that the two versions read differently (`no`, `0114`, `1:30`, `2019-06-20`, ...), so
that a value never silently changes meaning between the editor and the build.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.resolver import Resolver as _Yaml11Resolver

MAX_BYTES = 1_000_000

try:  # LibYAML's parser is much faster; the pure-Python one behaves the same.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _NoImplicitLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Composes nodes without guessing scalar types: every scalar is tagged as a string."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - class-level by PyYAML's design

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        """The default tag of each kind (what PyYAML's resolver returns with no implicit
        resolvers), without its per-scalar lookups: called for every untagged node."""
        if kind is yaml.ScalarNode:
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# YAML 1.2 core schema.
_CORE_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_CORE_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_CORE_INT10 = re.compile(r"^[-+]?[0-9]+$")
_CORE_INT8 = re.compile(r"^0o[0-7]+$")
_CORE_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_CORE_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_CORE_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_CORE_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_TOKEN_HINT = re.compile(r"(?:^|[\s\[\{,:-])[&*!]", re.MULTILINE)


class Ambiguous:
    """A plain scalar that YAML 1.1 and 1.2 read differently; never accepted by the model."""

    __slots__ = ("kind", "text")

    def __init__(self, text: str, kind: str) -> None:
        self.text = text
        self.kind = kind


def resolve_core(text: str) -> Any:
    """The value of a plain scalar under the YAML 1.2 core schema."""
    if _CORE_NULL.match(text):
        return None
    if _CORE_BOOL.match(text):
        return text.lower() == "true"
    if _CORE_INT10.match(text):
        return int(text, 10)
    if _CORE_INT8.match(text):
        return int(text[2:], 8)
    if _CORE_INT16.match(text):
        return int(text[2:], 16)
    if _CORE_FLOAT.match(text):
        return float(text)
    if _CORE_INF.match(text):
        return -math.inf if text.startswith("-") else math.inf
    if _CORE_NAN.match(text):
        return math.nan
    return text


def _resolve_11_tag(text: str) -> str:
    resolvers = _Yaml11Resolver.yaml_implicit_resolvers
    for tag, regexp in resolvers.get(text[:1] if text else "", []):
        if regexp.match(text):
            return tag
    for tag, regexp in resolvers.get(None, []):
        if regexp.match(text):
            return tag
    return _STR


def _kind_of(tag: str) -> str:
    return tag.rsplit(":", 1)[-1]


_CACHE: dict[str, Any] = {}


def resolve_plain(text: str) -> Any:
    """YAML 1.2 value of a plain scalar, or :class:`Ambiguous` where YAML 1.1 differs."""
    try:
        return _CACHE[text]
    except KeyError:
        pass
    v12 = resolve_core(text)
    tag11 = _resolve_11_tag(text)
    if tag11 == _STR:
        result: Any = v12 if isinstance(v12, str) else Ambiguous(text, _kind_of(tag11))
    elif tag11 in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
        result = Ambiguous(text, _kind_of(tag11))
    else:
        v11 = yaml.load(text, Loader=_BaseLoader)
        same_type = type(v11) is type(v12) and not isinstance(v12, str)
        if same_type and (v11 == v12 or (isinstance(v11, float) and math.isnan(v11))):
            result = v12
        else:
            result = Ambiguous(text, _kind_of(tag11))
    if len(_CACHE) < 50_000:
        _CACHE[text] = result
    return result


@dataclass(frozen=True)
class YamlProblem:
    line: int  # 1-based
    column: int  # 1-based
    field: str
    message: str


class YamlFileError(Exception):
    def __init__(self, problems: list[YamlProblem]) -> None:
        self.problems = problems
        super().__init__(problems[0].message if problems else "")


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _ambiguity_message(value: Ambiguous) -> str:
    quoted = f"'{value.text}'"
    if value.kind == "bool":
        return (
            f"värdet {value.text} läses som sant/falskt av vissa YAML-läsare och som text av "
            f"andra; skriv {quoted} inom citattecken för text, eller true/false"
        )
    if value.kind == "timestamp":
        return f"datum ska skrivas inom citattecken, t.ex. {quoted}"
    if value.kind == "int":
        return (
            f"talet {value.text} läses olika av olika YAML-läsare (t.ex. inledande nolla, "
            f"kolon eller understreck); skriv {quoted} inom citattecken om det är en text "
            "eller skriv talet utan inledande nollor"
        )
    return (
        f"värdet {value.text} läses olika av olika YAML-läsare; skriv det inom citattecken: "
        f"{quoted}"
    )


class _Converter:
    def __init__(self) -> None:
        self.problems: list[YamlProblem] = []
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, field: str) -> Any:
        if id(node) in self.seen:
            line, col = _mark(node)
            self.problems.append(
                YamlProblem(line, col, field, "alias (*namn) är inte tillåtna; skriv ut värdet")
            )
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR:
                return self._bad_tag(node, field)
            if not node.style:  # plain (LibYAML gives "", pure Python None)
                value = resolve_plain(node.value)
                if isinstance(value, Ambiguous):
                    line, col = _mark(node)
                    self.problems.append(YamlProblem(line, col, field, _ambiguity_message(value)))
                    return None
                return value
            return node.value
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self._bad_tag(node, field)
            return [self.convert(item, f"{field}[{i}]") for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                return self._bad_tag(node, field)
            result: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                line, col = _mark(key_node)
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                    self.problems.append(YamlProblem(line, col, field, "nyckeln måste vara text"))
                    continue
                key = key_node.value
                path = f"{field}.{key}" if field else key
                if key == "<<":
                    self.problems.append(
                        YamlProblem(line, col, path, "sammanslagning med << är inte tillåten")
                    )
                    continue
                if key in result:
                    self.problems.append(
                        YamlProblem(
                            line,
                            col,
                            path,
                            f"nyckeln '{key}' finns två gånger (rad {first_line[key]} och rad "
                            f"{line}); ta bort den ena",
                        )
                    )
                    continue
                first_line[key] = line
                result[key] = self.convert(value_node, path)
            return result
        raise AssertionError(f"unknown node {node!r}")  # pragma: no cover

    def _bad_tag(self, node: yaml.Node, field: str) -> None:
        line, col = _mark(node)
        self.problems.append(
            YamlProblem(
                line,
                col,
                field,
                f"taggen {node.tag} är inte tillåten; ta bort den och skriv värdet",
            )
        )
        return None


_MISSING = object()


class _Problem(Exception):
    """Something :class:`_Converter` reports; raised by :func:`_plain_data` to hand over."""


def _plain_data(node: yaml.Node) -> Any:
    """The data of a document with no anchors, aliases or tags (no `&`, `*` or `!` where a token
    could start), as :class:`_Converter` makes it, without tracking field paths and positions for
    messages: most files have no problem at all. Raises :class:`_Problem` at the first one."""
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag != _STR:
            raise _Problem
        if node.style:  # quoted or block scalar: a string as written
            return node.value
        value = resolve_plain(node.value)
        if type(value) is Ambiguous:
            raise _Problem
        return value
    if kind is yaml.SequenceNode:
        if node.tag != _SEQ:
            raise _Problem
        return [_plain_data(item) for item in node.value]
    if node.tag != _MAP:
        raise _Problem
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR:
            raise _Problem
        key = key_node.value
        if key == "<<" or key in result:
            raise _Problem
        result[key] = _plain_data(value_node)
    return result


def _scan_tokens(text: str) -> list[YamlProblem]:
    """Find anchors, aliases and explicit tags (only run when the text hints at them)."""
    problems: list[YamlProblem] = []
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            mark = event.start_mark
            line, col = mark.line + 1, mark.column + 1
            if isinstance(event, yaml.AliasEvent):
                problems.append(
                    YamlProblem(line, col, "", "alias (*namn) är inte tillåtna; skriv ut värdet")
                )
                continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                problems.append(
                    YamlProblem(line, col, "", "ankare (&namn) är inte tillåtna; skriv ut värdet")
                )
            tag = getattr(event, "tag", None)
            implicit = getattr(event, "implicit", True)
            explicit_tag = tag is not None and not (
                implicit is True or (isinstance(implicit, tuple) and any(implicit))
            )
            if explicit_tag:
                problems.append(
                    YamlProblem(
                        line,
                        col,
                        "",
                        f"taggen {tag} är inte tillåten; ta bort den och skriv värdet",
                    )
                )
    except yaml.YAMLError:
        pass  # the composer reports syntax errors with their position
    return problems


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is accepted), CRLF and CR normalised to LF."""
    text = raw.decode("utf-8-sig")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _utf8_problem(raw: bytes, err: UnicodeDecodeError) -> YamlProblem:
    before = raw[: err.start]
    line = before.count(b"\n") + 1
    column = err.start - (before.rfind(b"\n") + 1) + 1
    return YamlProblem(
        line,
        column,
        "",
        "filen är inte giltig UTF-8 (kanske sparad som Windows-1252/Latin-1); "
        "spara om den som UTF-8",
    )


def compose(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (raises yaml.YAMLError)."""
    return yaml.compose(text, Loader=_NoImplicitLoader)


#: Deeper nesting is refused before parsing: LibYAML slows down badly and the composer recurses.
MAX_FLOW_DEPTH = 64
_DEEP_INDENT = re.compile(r"^[ ?:-]{200}", re.MULTILINE)
_BRACKET = re.compile(r"[\[\]{}]")


def _nesting_problem(text: str) -> YamlProblem | None:
    """A located problem when the text nests deeper than any content file needs."""
    deep = _DEEP_INDENT.search(text)
    if deep is not None:
        line = text.count("\n", 0, deep.start()) + 1
        return YamlProblem(
            line, 1, "", "raden är indragen för djupt (200 tecken eller fler); minska indraget"
        )
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    for match in _BRACKET.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(0, depth - 1)
        if depth > MAX_FLOW_DEPTH:
            before = text.rfind("\n", 0, match.start())
            line = text.count("\n", 0, match.start()) + 1
            return YamlProblem(
                line,
                match.start() - before,
                "",
                f"listor och grupper är nästlade djupare än {MAX_FLOW_DEPTH} nivåer (med [ och "
                "{); skriv värdena utan så många hakparenteser",
            )
    return None


def load_text(text: str) -> tuple[Any, yaml.Node]:
    """Parse one YAML document into plain data; raise :class:`YamlFileError` on any problem."""
    problems: list[YamlProblem] = []
    nesting = _nesting_problem(text)
    if nesting is not None:
        raise YamlFileError([nesting])
    # (The characters first: a search for them is much faster than the pattern.)
    hinted = any(c in text for c in "&*!") and _TOKEN_HINT.search(text) is not None
    if hinted:
        problems.extend(_scan_tokens(text))
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = _syntax_message(err)
        raise YamlFileError([*problems, YamlProblem(line, col, "", message)]) from None
    except yaml.YAMLError as err:  # pragma: no cover - all PyYAML errors are marked
        raise YamlFileError([YamlProblem(1, 1, "", f"ogiltig YAML: {err}")]) from None
    if node is None:
        raise YamlFileError([YamlProblem(1, 1, "", "filen är tom; den ska innehålla fält")])
    data = _MISSING
    if not problems and not hinted:
        with contextlib.suppress(_Problem):  # the full walk below finds and places it
            data = _plain_data(node)
    if data is _MISSING:
        converter = _Converter()
        data = converter.convert(node, "")
        problems.extend(converter.problems)
    if problems:
        raise YamlFileError(_dedupe(problems))
    return data, node


def _dedupe(problems: list[YamlProblem]) -> list[YamlProblem]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for p in sorted(problems, key=lambda p: (p.line, p.column)):
        key = (p.line, p.column, p.message[:20])
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _syntax_message(err: yaml.MarkedYAMLError) -> str:
    problem = (err.problem or "").strip()
    context = (err.context or "").strip()
    if "expected a single document" in context or "expected a single document" in problem:
        return "filen får bara innehålla ett YAML-dokument; ta bort raden med '---'"
    translations = {
        "found character '\\t' that cannot start any token": (
            "tabbtecken är inte tillåtna i YAML; använd mellanslag för indrag"
        ),
        "mapping values are not allowed here": (
            "ett kolon på fel ställe; sätt texten inom citattecken om den innehåller ': '"
        ),
        "found duplicate anchor": "samma ankare finns två gånger",
        "found undefined alias": "alias (*namn) är inte tillåtna; skriv ut värdet",
        "found a tab character that violates indentation": (
            "ogiltig YAML: tabbtecken är inte tillåtna i YAML; använd mellanslag för indrag"
        ),
        "could not find expected ':'": (
            "ogiltig YAML: ett kolon saknas; "
            "skriv 'nyckel: värde' eller sätt texten inom citattecken"
        ),
        "did not find expected key": (
            "ogiltig YAML: indraget stämmer inte; raden ska börja lika långt in som fälten ovanför"
        ),
        "expected <block end>": (
            "ogiltig YAML: indraget stämmer inte; raden ska börja lika långt in som fälten ovanför"
        ),
        "did not find expected ',' or ']'": (
            "ogiltig YAML: listan inom [ ] saknar ett kommatecken eller ett ]"
        ),
        "did not find expected ',' or '}'": (
            "ogiltig YAML: gruppen inom { } saknar ett kommatecken eller ett }"
        ),
        "found unexpected end of stream": (
            "ogiltig YAML: filen tar slut mitt i ett värde; saknas ett citattecken eller ]?"
        ),
        "found character that cannot start any token": (
            "ogiltig YAML: tecknet kan inte inleda ett värde (t.ex. @ eller `); "
            "sätt värdet inom citattecken"
        ),
        "found unknown escape character": (
            "ogiltig YAML: okänd kombination med \\ inom dubbla citattecken; "
            "använd enkla citattecken"
        ),
        "did not find expected <document start>": (
            "ogiltig YAML: filen ska bara innehålla fält (nyckel: värde); "
            "ta bort raden som inte hör dit"
        ),
        "did not find expected '-' indicator": (
            "ogiltig YAML: indraget stämmer inte i listan; varje rad börjar med '- ' lika långt in"
        ),
    }
    for english, swedish in translations.items():
        if english in problem:
            return swedish
    detail = f"{context} – {problem}" if context else problem
    return f"ogiltig YAML ({detail}); kontrollera indrag, kolon och citattecken"


def read_file(path: Path) -> tuple[Any, yaml.Node]:
    """Read, decode and parse one content file (raises :class:`YamlFileError`)."""
    data, node, _ = read_source(path)
    return data, node


def read_source(path: Path) -> tuple[Any, yaml.Node, str]:
    """:func:`read_file`, with the decoded text it parsed."""
    with path.open("rb") as handle:  # never more than the cap into memory (a 10 GB file)
        raw = handle.read(MAX_BYTES + 1)
        size = os.fstat(handle.fileno()).st_size
    if len(raw) > MAX_BYTES:
        raise YamlFileError(
            [
                YamlProblem(
                    1,
                    1,
                    "",
                    f"filen är för stor ({max(size, len(raw))} byte, högst {MAX_BYTES}); dela upp "
                    "den, t.ex. ett mål per fil",
                )
            ]
        )
    try:
        text = decode(raw)
    except UnicodeDecodeError as err:
        raise YamlFileError([_utf8_problem(raw, err)]) from None
    if "\x00" in text:
        raise YamlFileError([YamlProblem(1, 1, "", "filen innehåller nolltecken (binär fil?)")])
    data, node = load_text(text)
    return data, node, text


def _walk(node: yaml.Node, loc: tuple[Any, ...]) -> yaml.Node:
    """The node at a model location, as far as the document has it. Parts that are not in the
    document (discriminator names) are skipped; an index past the end stops the walk."""
    current = node
    for part in loc:
        if isinstance(current, yaml.MappingNode) and isinstance(part, str):
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                    current = value_node
                    break
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(current.value):
                break
            current = current.value[part]
    return current


def locate(node: yaml.Node, loc: tuple[Any, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the value at a validation error's location; a missing key
    points at the mapping that lacks it."""
    return _mark(_walk(node, loc))


def locate_key(node: yaml.Node, loc: tuple[Any, ...]) -> tuple[int, int]:
    """Like :func:`locate`, but points at the key itself (for unknown fields)."""
    if not loc:
        return _mark(node)
    parent = _walk(node, loc[:-1])
    last = loc[-1]
    if isinstance(parent, yaml.MappingNode):
        for key_node, _ in parent.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == last:
                return _mark(key_node)
    return _mark(parent)
