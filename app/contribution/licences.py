"""The licences a resident may choose, with what each means in plain words, and the consent text.

"The museum may show it, all rights reserved" is rightsstatements.org's In Copyright statement: the
resident keeps every right and the museum shows the memory by their permission (its image originals
are then never given out, see `app.media.service.original_is_public`).
"""

from app.i18n import lazy_gettext as _l

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
CC_BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"
RESERVED = "http://rightsstatements.org/vocab/InC/1.0/"

LICENCES = {
    CC_BY: (
        _l("CC BY: anyone may reuse it, naming you"),
        _l(
            "Anyone may share and adapt your memory, even commercially, as long as they credit you as you choose below."
        ),
    ),
    CC_BY_SA: (
        _l("CC BY-SA: anyone may reuse it, naming you, under the same licence"),
        _l("As CC BY, and whoever adapts it must share their version under the same licence."),
    ),
    CC0: (
        _l("CC0: no conditions, public domain"),
        _l("You give up your rights: anyone may use your memory freely, without naming you."),
    ),
    RESERVED: (
        _l("All rights reserved: only the museum may show it"),
        _l("You keep every right. The museum shows your memory on its site; anyone else needs your permission."),
    ),
}
DEFAULT = CC_BY

# Bump the version when the consent text changes: each contribution records the version it agreed to.
CONSENT_VERSION = "2026-11"
CONSENT_TEXT = _l(
    "I am the author of this story and of these photos and recordings, or I have the permission of their "
    "authors and of the people shown or heard. I agree that the museum's team reads them, may correct "
    "spelling and shorten them, and publishes them on Villerupt.com under the licence I chose, credited as "
    "I chose. My contact details stay private: the team uses them only about this memory. I can withdraw "
    "my contribution from its status page while it is being reviewed, and ask for it to be taken down later."
)
