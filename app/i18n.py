"""Interface languages: gettext catalogues (Babel) and the language of the current request."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from gettext import GNUTranslations, NullTranslations
from io import BytesIO
from pathlib import Path

from babel.core import Locale, negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import LazyProxy

from app.config import LANGUAGES

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
LANGUAGE_COOKIE = "museum_lang"

_current: ContextVar[str] = ContextVar("language", default=LANGUAGES[0])
_catalogues: dict[str, GNUTranslations] = {}


def load_catalogues() -> dict[str, GNUTranslations]:
    """Compile each language's .po file in memory once (no build step, no stale .mo)."""
    if not _catalogues:
        for lang in LANGUAGES:
            path = TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po"
            with path.open("rb") as po:
                catalog = read_po(po, locale=lang)
            buffer = BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            _catalogues[lang] = GNUTranslations(buffer)
    return _catalogues


def _translations() -> GNUTranslations | NullTranslations:
    return load_catalogues().get(_current.get()) or NullTranslations()


def gettext(message: str) -> str:
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations().ngettext(singular, plural, n)


def lazy_gettext(message: str) -> LazyProxy:
    """A message translated when it is used, in the language of that moment."""
    return LazyProxy(gettext, message, enable_cache=False)


_ = gettext


def get_language() -> str:
    return _current.get()


def set_language(lang: str) -> Token[str]:
    """Make `lang` the language of this context; returns a token for `reset_language`."""
    return _current.set(lang)


def reset_language(token: Token[str]) -> None:
    _current.reset(token)


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block (for work done outside the request's own context)."""
    token = set_language(lang)
    try:
        yield
    finally:
        reset_language(token)


def negotiate(explicit: str | None, cookie: str | None, accept_language: str | None, default: str) -> str:
    """An explicit choice, then the remembered one, then the browser's preference, then the default."""
    for choice in (explicit, cookie):
        if choice in LANGUAGES:
            return choice
    preferred = [part.split(";")[0].strip().replace("-", "_") for part in (accept_language or "").split(",")]
    return negotiate_locale([p for p in preferred if p], list(LANGUAGES), sep="_") or default


def language_name(lang: str) -> str:
    """The language's own name for itself, e.g. 'Deutsch'."""
    name = Locale.parse(lang).get_display_name(lang)
    if name is None:
        raise ValueError(f"Babel knows no name for the language {lang!r}")
    return name.capitalize()
