"""The UI string catalogue. Templates write Swedish msgids through `_()`; other languages map them
through a gettext catalogue, `sitegen/locale/<lang>/LC_MESSAGES/messages.po`, read with Babel.

The catalogue is extracted from the templates with pybabel (`make i18n`); a test fails when a
template string has no translation. Content is never translated: it stays in the language it was
written in (Swedish) and is marked `lang="sv"` on pages whose interface is in another language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

#: The language of the content and of the msgids; pages in it live at the site root.
DEFAULT_LANGUAGE = "sv"
#: Every language the interface is rendered in; each other language gets its own `/<lang>/` tree.
LANGUAGES: tuple[str, ...] = ("sv", "en")
#: The language's own name, for the language switch.
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Marks a msgid written in Python for extraction (pybabel keyword `N_`); translate it in the
    template with `_()`. Returns the message unchanged."""
    return message


class CatalogueError(Exception):
    """The translation catalogue is missing or cannot be read."""


@dataclass(frozen=True)
class Translations:
    """One language's translations: singular msgid → text, (singular, plural) → forms."""

    language: str
    singular: dict[str, str] = field(default_factory=dict)
    plural: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)


def catalogue_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(language: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    """The Babel catalogue of `language` (raises :class:`CatalogueError` when unreadable)."""
    path = catalogue_path(language, locale_dir)
    try:
        with path.open("rb") as fh:
            return read_po(fh, locale=language, domain=DOMAIN, abort_invalid=True)
    except OSError as err:
        raise CatalogueError(f"{path}: översättningarna kan inte läsas: {err.strerror}") from err
    except Exception as err:  # babel raises PoFileError and ValueError for broken files
        raise CatalogueError(f"{path}: översättningsfilen är trasig: {err}") from err


@lru_cache(maxsize=8)
def translations(language: str) -> Translations:
    """The translations of `language`; the default language needs none (msgids are Swedish)."""
    if language not in LANGUAGES:
        raise CatalogueError(f"okänt språk '{language}'; finns: {', '.join(LANGUAGES)}")
    if language == DEFAULT_LANGUAGE:
        return Translations(language)
    singular: dict[str, str] = {}
    plural: dict[tuple[str, str], tuple[str, ...]] = {}
    for message in read_catalogue(language):
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            forms = tuple(message.string or ())
            if all(forms):
                plural[(message.id[0], message.id[1])] = forms
        elif message.string:
            singular[message.id] = str(message.string)
    return Translations(language, singular, plural)


def gettext_for(language: str) -> Callable[[str], str]:
    """`_()` for templates. A missing translation falls back to the Swedish text (a test keeps
    the catalogue complete, so this only happens while a template is being edited)."""
    table = translations(language).singular

    def gettext(message: str) -> str:
        return table.get(message, message)

    return gettext


def ngettext_for(language: str) -> Callable[[str, str, int], str]:
    """`ngettext()` for templates. Swedish and English both have two plural forms."""
    current = translations(language)

    def ngettext(singular: str, plural: str, n: int) -> str:
        forms = current.plural.get((singular, plural))
        if forms is None:
            return singular if n == 1 else plural
        return forms[0] if n == 1 or len(forms) == 1 else forms[1]

    return ngettext
