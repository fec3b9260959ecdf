"""Rights statements: Creative Commons and rightsstatements.org URIs, with their human labels."""

from app.i18n import lazy_gettext as _l

RIGHTS = {
    "https://creativecommons.org/publicdomain/zero/1.0/": ("CC0 1.0", _l("Public domain dedication")),
    "https://creativecommons.org/publicdomain/mark/1.0/": ("PDM 1.0", _l("Public domain")),
    "https://creativecommons.org/licenses/by/4.0/": ("CC BY 4.0", _l("Attribution")),
    "https://creativecommons.org/licenses/by-sa/4.0/": ("CC BY-SA 4.0", _l("Attribution, share alike")),
    "https://creativecommons.org/licenses/by-nc/4.0/": ("CC BY-NC 4.0", _l("Attribution, non-commercial")),
    "https://creativecommons.org/licenses/by-nc-sa/4.0/": (
        "CC BY-NC-SA 4.0",
        _l("Attribution, non-commercial, share alike"),
    ),
    "https://creativecommons.org/licenses/by-nd/4.0/": ("CC BY-ND 4.0", _l("Attribution, no derivatives")),
    "https://creativecommons.org/licenses/by-nc-nd/4.0/": (
        "CC BY-NC-ND 4.0",
        _l("Attribution, non-commercial, no derivatives"),
    ),
    "https://creativecommons.org/licenses/by/3.0/au/": ("CC BY 3.0 AU", _l("Attribution")),
    "https://www.etalab.gouv.fr/licence-ouverte-open-licence/": ("Licence Ouverte 2.0", _l("Etalab open licence")),
    "http://rightsstatements.org/vocab/InC/1.0/": ("InC", _l("In copyright")),
    "http://rightsstatements.org/vocab/InC-EDU/1.0/": ("InC-EDU", _l("In copyright, educational use permitted")),
    "http://rightsstatements.org/vocab/InC-NC/1.0/": ("InC-NC", _l("In copyright, non-commercial use permitted")),
    "http://rightsstatements.org/vocab/InC-OW-EU/1.0/": ("InC-OW-EU", _l("In copyright, EU orphan work")),
    "http://rightsstatements.org/vocab/NoC-US/1.0/": ("NoC-US", _l("No copyright, United States")),
    "http://rightsstatements.org/vocab/NoC-NC/1.0/": ("NoC-NC", _l("No copyright, non-commercial use only")),
    "http://rightsstatements.org/vocab/NoC-OKLR/1.0/": ("NoC-OKLR", _l("No copyright, other known legal restrictions")),
    "http://rightsstatements.org/vocab/CNE/1.0/": ("CNE", _l("Copyright not evaluated")),
    "http://rightsstatements.org/vocab/UND/1.0/": ("UND", _l("Copyright undetermined")),
    "http://rightsstatements.org/vocab/NKC/1.0/": ("NKC", _l("No known copyright")),
}


def _code_key(code: str) -> str:
    return " ".join(code.casefold().replace("-", " ").split())


_BY_CODE = {_code_key(code): uri for uri, (code, _label) in RIGHTS.items()}


def normalise(value: str) -> str | None:
    """The canonical URI for a known URI or short code (`CC BY 4.0`), else None."""
    value = value.strip()
    candidates = [value, value.replace("https://", "http://"), value.replace("http://", "https://")]
    for candidate in candidates:
        for suffix in ("", "/"):
            if candidate + suffix in RIGHTS:
                return candidate + suffix
    return _BY_CODE.get(_code_key(value))


def label(uri: str | None) -> str:
    """`CC BY 4.0 (Attribution)` for a known URI; the URI itself otherwise."""
    if not uri:
        return ""
    if uri not in RIGHTS:
        return uri
    code, description = RIGHTS[uri]
    return f"{code} ({description})"
