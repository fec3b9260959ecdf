"""The one rule every text field follows, whatever brings it in (API, forms, imports): no NUL, no lone surrogate.

Both fit in a Python `str` but not in what the museum writes out: UTF-8 (pages, CSV and JSON exports, the
search index) cannot encode a lone surrogate, and a NUL cuts text short in C libraries, spreadsheets and
XML. Refusing them where text arrives keeps every stored value exportable and importable again.

`Text` is the constrained type for Pydantic schemas; `fault` and `first_fault` give the same message to
code that reports errors next to form fields or per import row.
"""

import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from app.i18n import gettext as _

FORBIDDEN = re.compile("[\x00\ud800-\udfff]")


def forbidden(value: str) -> str | None:
    """The first character of `value` that text fields refuse, or None."""
    found = FORBIDDEN.search(value)
    return found.group() if found else None


def describe(character: str) -> str:
    """A refused character, named for people (in English, for command-line reports)."""
    return "a NUL character" if character == "\x00" else f"a lone surrogate (U+{ord(character):04X})"


def fault(value: str) -> str | None:
    """Why `value` cannot be stored, in the user's language, or None when it can."""
    character = forbidden(value)
    if character is None:
        return None
    if character == "\x00":
        return _("This text contains a null character (NUL), which cannot be stored: remove it.")
    return _("This text contains an invalid character (a lone surrogate, U+{code}): type the text again.").format(
        code=f"{ord(character):04X}"
    )


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string inside `value` (dict keys and values, list items), with where it is: `titles.fr`, `0`."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key, path)
            yield from strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item, path)


def first_fault(value: Any) -> tuple[str, str] | None:
    """(where, why) for the first refused string inside `value`, or None when all may be stored."""
    for where, text in strings(value):
        if (message := fault(text)) is not None:
            return where, message
    return None


def _checked(value: str) -> str:
    if (message := fault(value)) is not None:
        raise PydanticCustomError("text_character", message)
    return value


Text = Annotated[str, AfterValidator(_checked)]
"""A string that may be stored: refused with a clear message when it holds a NUL or a lone surrogate."""
