"""Turning pydantic validation errors into located, Swedish messages."""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from sitegen.load.yamlfile import locate, locate_key
from sitegen.model.docs import field_doc

_TYPE_NAMES = {
    "int": "ett heltal (t.ex. 2022)",
    "float": "ett tal (t.ex. 1.6)",
    "str": "en text",
    "bool": "true eller false",
    "list": "en lista (rader som börjar med '- ')",
    "dict": "fält (nyckel: värde)",
    "NoneType": "inget värde (null)",
}


def _got(value: Any) -> str:
    if value is None:
        return "inget värde"
    if isinstance(value, bool):
        return f"sanningsvärdet {str(value).lower()}"
    if isinstance(value, int):
        return f"talet {value}"
    if isinstance(value, float):
        return f"talet {value:g}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "…"
        return f"texten '{short}'"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en grupp av fält"
    return type(value).__name__


def allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The YAML keys that the (sub)model at `loc` accepts, for 'menade du' suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = _fields_of(current)
        match = next((f for f in fields.values() if (f.alias or "") == part), None)
        if match is None:
            # A discriminator tag (e.g. 'niva') selects a union member.
            members = _union_members(current)
            current = next((m for m in members if _tag_of(m) == part), current)
            continue
        current = _inner_model(match.annotation)
    return [f.alias or name for name, f in _fields_of(current).items()]


def _fields_of(tp: Any) -> dict[str, Any]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return dict(tp.model_fields)
    return {}


def _union_members(tp: Any) -> list[Any]:
    return [m for m in getattr(tp, "__args__", ()) if isinstance(m, type)]


def _tag_of(model: Any) -> str | None:
    field = _fields_of(model).get("kind")
    if field is None:
        return None
    args = getattr(field.annotation, "__args__", ())
    return args[0] if args else None


def _inner_model(tp: Any) -> Any:
    """The model inside list[X], X | None, Annotated[Union, ...]."""
    origin_args = getattr(tp, "__args__", None)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    if origin_args:
        models = [_inner_model(a) for a in origin_args]
        models = [m for m in models if m is not None]
        if len(models) == 1:
            return models[0]
        if models:
            return _UnionOf(models)
    meta = getattr(tp, "__origin__", None)
    if meta is not None and getattr(tp, "__metadata__", None) is not None:
        return _inner_model(meta)
    return None


class _UnionOf:
    def __init__(self, members: list[Any]) -> None:
        self.__args__ = tuple(members)


def _fold(word: str) -> str:
    """Lowercase ASCII form for comparing: 'Målvärden' → 'malvarden', 'kommun_kod' → 'kommunkod'."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if c.isalnum() or c == "-")


def suggest(word: str, options: list[str]) -> str:
    """' Menade du 'x'?' for the closest option, or '' when nothing is close."""
    if not word or not options:
        return ""
    folded = {_fold(o): o for o in options}
    key = _fold(word)
    if key in folded and folded[key] != word:
        return f" Menade du '{folded[key]}'?"
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return f" Menade du '{folded[close[0]]}'?" if close and folded[close[0]] != word else ""


def field_name(loc: tuple[Any, ...]) -> str:
    """A model location as an editor reads it: 'indikatorer[0].malvarden[1].ar'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _clean_loc(loc: tuple[Any, ...], model: type[BaseModel]) -> tuple[Any, ...]:
    """Drop discriminator tags and validator names pydantic puts in the location."""
    cleaned: list[Any] = []
    for i, part in enumerate(loc):
        if isinstance(part, str) and part not in allowed_fields(model, tuple(loc[:i])):
            # Keep it only if it is the last part (an unknown key is reported by name).
            if i == len(loc) - 1:
                cleaned.append(part)
            continue
        cleaned.append(part)
    return tuple(cleaned)


def message_for(error: dict[str, Any], model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else ""
        # The raw location keeps the discriminator tag that picks the target form.
        options = allowed_fields(model, tuple(error["loc"])[:-1])
        hint = suggest(name, options)
        listed = ", ".join(sorted(options))
        return f"okänt fält '{name}'.{hint} Tillåtna fält här: {listed}"
    if kind == "missing":
        return "fältet saknas men är obligatoriskt"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"väntade {_TYPE_NAMES['int']}, fick {_got(value)}"
    if kind in ("float_type", "float_parsing"):
        return f"väntade {_TYPE_NAMES['float']}, fick {_got(value)}"
    if kind == "string_type":
        if isinstance(value, int | float) and loc and isinstance(loc[-1], str):
            shown = str(value).lower() if isinstance(value, bool) else f"{value:g}"
            return (
                f"väntade {_TYPE_NAMES['str']}, fick {_got(value)}; sätt värdet inom "
                f"citattecken: {loc[-1]}: '{shown}'"
            )
        return (
            f"väntade {_TYPE_NAMES['str']}, fick {_got(value)}; "
            "sätt värdet inom citattecken, t.ex. 'text'"
        )
    if kind == "bool_type":
        return f"väntade true eller false, fick {_got(value)}"
    if kind == "list_type":
        return f"väntade {_TYPE_NAMES['list']}, fick {_got(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"väntade {_TYPE_NAMES['dict']}, fick {_got(value)}"
    if kind == "enum":
        expected = ctx.get("expected", "")
        hint = suggest(str(value), _options(expected))
        return f"ogiltigt värde: {_got(value)}; tillåtna värden: {_swedish_or(expected)}.{hint}"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        hint = suggest(str(value), _options(expected))
        return f"ogiltigt värde: {_got(value)}; tillåtna värden: {_swedish_or(expected)}.{hint}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = ctx.get("expected_tags", "")
        if kind == "union_tag_not_found":
            return f"fältet 'typ' saknas; ange en av: {_swedish_or(tags)}"
        tag = ctx.get("tag", "")
        hint = suggest(str(tag), [t.strip(" '") for t in tags.split(",")])
        return f"okänd typ '{tag}'; ange en av: {_swedish_or(tags)}.{hint}"
    if kind in ("greater_than_equal", "greater_than"):
        least = ctx.get("ge", ctx.get("gt"))
        return f"värdet {_got(value)} är för litet; det ska vara minst {least}"
    if kind in ("less_than_equal", "less_than"):
        most = ctx.get("le", ctx.get("lt"))
        return f"värdet {_got(value)} är för stort; det får vara högst {most}"
    if kind == "too_short":
        return f"listan ska ha minst {ctx.get('min_length')} rader"
    if kind == "too_long":
        return f"listan får ha högst {ctx.get('max_length')} rader"
    if kind == "finite_number":
        return f"väntade ett vanligt tal, fick {_got(value)}; skriv talet med siffror, t.ex. 1.6"
    if kind == "value_error":
        msg = str(ctx.get("error", error.get("msg", "")))
        return msg[0].upper() + msg[1:] if msg else "ogiltigt värde"
    return f"ogiltigt värde {_got(value)} ({error.get('msg', kind)})"


def _options(expected: str) -> list[str]:
    """ "'a', 'b' or 'c'" → ['a', 'b', 'c']."""
    return [e.strip(" '") for e in expected.replace(" or ", ",").split(",")]


def _swedish_or(expected: str) -> str:
    return expected.replace(" or ", " eller ")


def field_info(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Any, Any]:
    """(owning model, pydantic FieldInfo) at a raw validation location (tags included)."""
    current: Any = model
    owner: Any = None
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        fields = _fields_of(current)
        match = next((f for n, f in fields.items() if (f.alias or n) == part), None)
        if match is None:
            member = next((m for m in _union_members(current) if _tag_of(m) == part), None)
            if member is None:
                return None, None
            current = member
            continue
        owner, info = current, match
        current = _inner_model(match.annotation)
    return owner, info


def _yaml_value(value: Any) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    return str(value)


#: Error kinds after which an example of a right value helps.
_EXAMPLE_KINDS = frozenset(
    {
        "missing",
        "int_type",
        "int_parsing",
        "int_from_float",
        "float_type",
        "float_parsing",
        "bool_type",
        "list_type",
        "value_error",
        "greater_than_equal",
        "greater_than",
        "less_than_equal",
        "less_than",
    }
)


def example_for(model: type[BaseModel], raw_loc: tuple[Any, ...]) -> str:
    """' Exempel: `ar: 2022`' from the field's `examples`, or '' when it has none."""
    if not raw_loc or not isinstance(raw_loc[-1], str):
        return ""
    owner, info = field_info(model, raw_loc)
    if info is None:
        return ""
    examples = list(info.examples or [])
    if not examples:
        doc = field_doc(getattr(owner, "__name__", ""), str(raw_loc[-1]))
        examples = [doc.example] if doc is not None else []
    if not examples or isinstance(examples[0], dict):
        return ""
    if isinstance(examples[0], list) and any(isinstance(v, dict) for v in examples[0]):
        return ""
    return f" Exempel: {raw_loc[-1]}: {_yaml_value(examples[0])}"


def validation_problems(
    err: ValidationError, model: type[BaseModel], node: yaml.Node
) -> list[tuple[int, int, str, str]]:
    """(line, column, field, message) for each error of a failed validation."""
    out: list[tuple[int, int, str, str]] = []
    for error in err.errors(include_url=False):
        loc = _clean_loc(tuple(error["loc"]), model)
        message = message_for(error, model, loc)
        if error["type"] in _EXAMPLE_KINDS and "t.ex." not in message:
            example = example_for(model, tuple(error["loc"]))
            if example:
                message = message.rstrip(".") + "." + example
        if error["type"] == "extra_forbidden":
            line, col = locate_key(node, loc)
        else:
            line, col = locate(node, loc)
        out.append((line, col, field_name(loc), _capitalise(message)))
    return out


def _capitalise(message: str) -> str:
    return message[:1].upper() + message[1:]
