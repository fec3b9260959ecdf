"""Odd input to the workspace never gives a 500: empty file fields, unreadable numbers, unknown rows."""

import pytest

from tests.factories import bearer, form, login, make_item, make_user


@pytest.fixture
def curator(client, session):
    user = make_user(session, role="curator")
    login(client, user)
    return user


def test_an_upload_form_sent_without_a_file_asks_for_one(client, session, curator):
    item = make_item(session, status="draft")
    response = client.post(f"/workspace/items/{item.identifier}/media", data=form(client), files=[("files", ("", b""))])
    assert response.status_code == 422 and "un ou plusieurs fichiers" in response.text


@pytest.mark.parametrize(
    "path, data",
    [
        ("/workspace/items/{id}", {"revision": "abc", "kind": "building", "language": "fr", "title_fr": "x"}),
        ("/workspace/items/{id}/history/99/restore", {"revision": "1"}),
        ("/workspace/items/{id}/history/abc/restore", {}),
        ("/workspace/items/{id}/media/999999", {"action": "up"}),
        ("/workspace/items/{id}/media/abc", {"action": "up"}),
        (
            "/workspace/items/{id}",
            {
                "kind": "spaceship",
                "language": "xx",
                "rights": "mine",
                "duration": "long",
                "recording_date": "yesterday",
                "credit_role": "boss",
                "credit_name": "Me",
            },
        ),
    ],
)
def test_odd_form_input_is_answered_without_a_server_error(client, session, curator, path, data):
    item = make_item(session, status="draft")
    response = client.post(path.format(id=item.identifier), data=form(client, **data))
    assert response.status_code in (400, 404, 409, 422)


def test_odd_api_input_is_a_problem_not_a_server_error(client, session):
    headers = bearer(session, make_user(session, role="curator"))
    item = make_item(session, status="draft")
    for body in ({"revision": "x"}, {"revision": 0, "unknown": 1}, {"revision": 0, "titles": "not a dict"}):
        response = client.patch(f"/api/v1/items/{item.identifier}", json=body, headers=headers)
        assert response.status_code == 400 and response.headers["content-type"] == "application/problem+json"
    assert (
        client.post(
            "/api/v1/items", content=b"{not json", headers=headers | {"content-type": "application/json"}
        ).status_code
        == 400
    )
