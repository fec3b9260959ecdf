"""The printed documents (label sheet, A5 plaque) and the plaque page with chosen records pass the Nu HTML checker:
the documents are not pages of the site, so tests/web/test_html_valid.py only sees their refusals."""

import pytest

from tests.factories import login, make_user
from tests.plaque.helpers import church, furnaces
from tests.web.test_html_valid import JAVA, _check, _line

pytestmark = pytest.mark.skipif(not JAVA, reason="java is not installed (apt-get install default-jre-headless)")


def test_the_sheet_the_plaque_and_the_plaque_page_are_valid_html(client, session, tmp_path):
    login(client, make_user(session, role="curator"))
    item, exhibit = church(session), furnaces(session)
    records = f"{item.identifier}\n{exhibit.slug}/la-coulee\nNOWHERE"
    pages = {
        "sheet": client.get("/workspace/plaques/print", params={"records": records.rsplit("\n", 1)[0]}).text,
        "plaque": client.get("/workspace/plaques/print", params={"records": item.identifier, "layout": "plaque"}).text,
        "page": client.get("/workspace/plaques", params={"records": records}).text,
    }
    folder = tmp_path / "pages"
    folder.mkdir()
    errors = [m for m in _check(pages, folder) if m["type"] in ("error", "non-document-error")]
    assert not errors, "\n".join(_line(m) for m in errors)
