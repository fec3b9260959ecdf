"""Visiting exhibits: the list, the cover page and the pages, every block type shown without JavaScript, in
the visitor's language, with only what visitors may see; the staff's preview of a draft."""


def test_a_page_shows_every_block_type(client, exhibit, catalog):
    response = client.get("/exhibits/la-cite-ouvriere/les-cites")
    assert response.status_code == 200, response.text
    print(response.text)
