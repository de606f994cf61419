"""Interface sentences made from data: targets, progress and chart texts in every UI language.

The build describes targets and progress once (sitegen/site/followup.py) as small immutable
*phrases*: a Swedish msgid with `%(name)s` placeholders and typed arguments. A page renders them
in its language (`say` in sitegen/render/env.py): the msgid goes through the language's catalogue
(sitegen/i18n.py), numbers are formatted for the language, and the pieces that are *content* keep
their Swedish words and are marked `<span lang="sv">` on pages whose interface is not Swedish.
Rendered in Swedish, a phrase gives exactly the text it always did.

An argument is one of:

* `str`: taken as it is, e.g. a period label ('2024 T2') or '…';
* `int`: a year or a count, written with plain digits (never grouped: '2030', '12');
* :class:`Num`: a number with its unit, formatted for the language ('1,6 %', '1.6 %');
* :class:`Content`: words from the content (a rank group like 'riket', a baseline's subject, an
  indicator's title), kept in Swedish;
* :class:`Term`: a vocabulary entry's name (a theme, a global goal): in the language's own words
  where the vocabulary has them (`name_en`), else kept in Swedish like content;
* :class:`Phrase` or :class:`Seq`: a nested sentence, rendered first.

Msgids are marked with `N_()` where they are written so that `make i18n` extracts them; `%` in a
msgid is written `%%`, as in the templates' `_()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Union

from markupsafe import Markup, escape

from sitegen.i18n import DEFAULT_LANGUAGE, translations
from sitegen.render.numbers import number

#: What a phrase's argument may be (see the module's docstring).
Piece = Union[str, int, "Num", "Content", "Term", "Phrase", "Seq"]

#: How many rendered phrases a process keeps; a build has a few per indicator and language.
CACHE_SIZE = 1 << 16


def unit_is_content(unit: str) -> bool:
    """A unit with a letter in it is a Swedish word or abbreviation ('kvm', 'kr', 'kr/invånare',
    'bostäder') and is marked as content on other languages' pages. A unit of symbols only ('%',
    '‰') reads the same in every language and is left as it is."""
    return any(ch.isalpha() for ch in unit)


@dataclass(frozen=True, slots=True)
class Num:
    """A number with its unit (content, see :func:`unit_is_content`); `signed` writes its sign
    ('+2 %', '−0,5 %', '±0 %')."""

    value: float | int
    unit: str | None = None
    signed: bool = False

    def __str__(self) -> str:
        return text(self, DEFAULT_LANGUAGE)


@dataclass(frozen=True, slots=True)
class Content:
    """Words from the content: stay Swedish, marked `lang="sv"` on other languages' pages."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Term:
    """A vocabulary entry's name: `text` in Swedish and its `names` in other languages as
    (language, name) pairs. A language without a name of its own shows the Swedish name as
    content."""

    text: str
    names: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return self.text


def term(entry: Any) -> Term:
    """The :class:`Term` of a vocabulary entry (a theme or a global goal, sitegen/model/
    vocabulary.py): its `name`, and its `name_en` when it has one."""
    english = getattr(entry, "name_en", None)
    return Term(entry.name, (("en", english),) if english else ())


@dataclass(frozen=True, slots=True)
class Phrase:
    """A msgid (Swedish, with `%(name)s` placeholders) and its arguments, sorted by name."""

    msgid: str
    args: tuple[tuple[str, Piece], ...] = ()

    def __str__(self) -> str:
        return text(self, DEFAULT_LANGUAGE)


@dataclass(frozen=True, slots=True)
class Seq:
    """Pieces written one after the other with `sep` between them (e.g. sentences)."""

    parts: tuple[Piece, ...]
    sep: str = " "

    def __str__(self) -> str:
        return text(self, DEFAULT_LANGUAGE)


def phrase(msgid: str, **args: Piece) -> Phrase:
    """`Phrase(msgid, args)` with the arguments in a stable order (phrases are compared)."""
    return Phrase(msgid, tuple(sorted(args.items())))


def seq(*parts: Piece, sep: str = " ") -> Seq:
    return Seq(tuple(parts), sep)


@lru_cache(maxsize=CACHE_SIZE)
def text(piece: Piece, language: str = DEFAULT_LANGUAGE) -> str:
    """The piece as plain text in `language` (content unmarked): Swedish pages, open data, the
    text inside an SVG."""
    return _render(piece, language, False)


@lru_cache(maxsize=CACHE_SIZE)
def html(piece: Piece, language: str) -> Markup:
    """The piece as HTML in `language`: escaped, content in `<span lang="sv">` unless the
    language is Swedish."""
    return Markup(_render(piece, language, True))


def _render(piece: Piece, language: str, as_html: bool) -> str:
    mark = as_html and language != DEFAULT_LANGUAGE
    if isinstance(piece, str):
        return str(escape(piece)) if as_html else piece
    if isinstance(piece, Phrase):
        # The catalogue is trusted text, as the templates' `_()` takes it (sitegen/render/env.py).
        template = translations(language).singular.get(piece.msgid, piece.msgid)
        return template % {name: _render(arg, language, as_html) for name, arg in piece.args}
    if isinstance(piece, Num):
        value = piece.value
        out = number(abs(value) if piece.signed else value, language)
        if piece.signed:
            out = ("+" if value > 0 else "−" if value < 0 else "±") + out
        unit = piece.unit
        if not unit:
            return out
        if not as_html:
            return f"{out}\u00a0{unit}"
        if mark and unit_is_content(unit):
            return f'{out}\u00a0<span lang="sv">{escape(unit)}</span>'
        return f"{out}\u00a0{escape(unit)}"
    if isinstance(piece, Content):
        if mark:
            return f'<span lang="sv">{escape(piece.text)}</span>'
        return str(escape(piece.text)) if as_html else piece.text
    if isinstance(piece, Term):
        if language != DEFAULT_LANGUAGE:
            for code, name in piece.names:
                if code == language:
                    return str(escape(name)) if as_html else name
        return _render(Content(piece.text), language, as_html)
    if isinstance(piece, Seq):
        sep = str(escape(piece.sep)) if as_html else piece.sep
        return sep.join(_render(p, language, as_html) for p in piece.parts)
    if isinstance(piece, int):
        return str(piece)
    raise TypeError(f"not a phrase: {piece!r}")  # pragma: no cover


def say_for(language: str) -> Callable[[Piece | None], str | Markup | None]:
    """The template filter `say`: a phrase in the page's language. Swedish pages get plain text,
    which Jinja escapes as it always did; other languages get Markup with content marked. Text
    that is not a phrase (a period label) and None pass through."""
    if language == DEFAULT_LANGUAGE:

        def say_sv(piece: Piece | None) -> str | Markup | None:
            if piece is None or isinstance(piece, str):
                return piece
            return text(piece, language)

        return say_sv

    def say(piece: Piece | None) -> str | Markup | None:
        if piece is None:
            return None
        if isinstance(piece, str):
            return piece
        return html(piece, language)

    return say
