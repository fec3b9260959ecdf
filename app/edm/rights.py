"""The item's licence as the rights URI Europeana accepts in edm:rights: one table, from our canonical URIs
(app/item/rights.py) to the http:// forms of Europeana's list of available rights statements.

Europeana accepts exactly these fourteen statements; a licence outside them (Etalab's, NoC-US, UND, NKC, a ported
CC licence) has no `edm:rights` and the item says so (`unmapped`), rather than being published under a guess.
"""

from app.item.rights import normalise

CC = "http://creativecommons.org/"
RS = "http://rightsstatements.org/vocab/"
EDM_RIGHTS = {
    "https://creativecommons.org/publicdomain/mark/1.0/": CC + "publicdomain/mark/1.0/",
    "https://creativecommons.org/publicdomain/zero/1.0/": CC + "publicdomain/zero/1.0/",
    "https://creativecommons.org/licenses/by/4.0/": CC + "licenses/by/4.0/",
    "https://creativecommons.org/licenses/by-sa/4.0/": CC + "licenses/by-sa/4.0/",
    "https://creativecommons.org/licenses/by-nd/4.0/": CC + "licenses/by-nd/4.0/",
    "https://creativecommons.org/licenses/by-nc/4.0/": CC + "licenses/by-nc/4.0/",
    "https://creativecommons.org/licenses/by-nc-sa/4.0/": CC + "licenses/by-nc-sa/4.0/",
    "https://creativecommons.org/licenses/by-nc-nd/4.0/": CC + "licenses/by-nc-nd/4.0/",
    "http://rightsstatements.org/vocab/NoC-NC/1.0/": RS + "NoC-NC/1.0/",
    "http://rightsstatements.org/vocab/NoC-OKLR/1.0/": RS + "NoC-OKLR/1.0/",
    "http://rightsstatements.org/vocab/InC/1.0/": RS + "InC/1.0/",
    "http://rightsstatements.org/vocab/InC-EDU/1.0/": RS + "InC-EDU/1.0/",
    "http://rightsstatements.org/vocab/InC-OW-EU/1.0/": RS + "InC-OW-EU/1.0/",
    "http://rightsstatements.org/vocab/CNE/1.0/": RS + "CNE/1.0/",
}
# The Publishing Framework's reuse levels: open statements allow content tier 4, restricted ones tier 3.
OPEN = frozenset(EDM_RIGHTS[uri] for uri in list(EDM_RIGHTS)[:4])
RESTRICTED = frozenset(EDM_RIGHTS[uri] for uri in list(EDM_RIGHTS)[4:10])


def edm_rights(licence: str | None) -> str | None:
    """The edm:rights URI of a licence (a URI or a short code such as `CC BY-SA 4.0`), None if Europeana has none."""
    canonical = normalise(licence) if licence else None
    return EDM_RIGHTS.get(canonical) if canonical else None


def reuse(uri: str | None) -> str:
    """`open`, `restricted` or `closed` (in copyright, not evaluated, or no statement)."""
    if uri in OPEN:
        return "open"
    return "restricted" if uri in RESTRICTED else "closed"
