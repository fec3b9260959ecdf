"""The JSON API under generated requests (schemathesis): no server error, and every answer as documented.

Each operation of /api/v1 in the app's OpenAPI document gets generated requests, valid and invalid,
each sent three times: without a token, with a curator's and with an administrator's. Every answer must be
below 500, carry a status code, content type and body that the document lists for that operation.
The app runs for real (no overridden session), on a migrated SQLite file and an index of its own.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.item import search as item_search
from app.main import create_app
from app.search.index import SearchIndex
from tests.factories import api_token, make_item, make_user
from tests.migrate import settings_on_copy

EXAMPLES = 100  # per operation, each sent as 3 identities: 17 operations x 100 x 3 = 5,100 requests at most
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory, migrated_sqlite_file):
    folder = tmp_path_factory.mktemp("fuzz")
    museum = settings_on_copy(folder, migrated_sqlite_file)
    app = create_app(museum)
    tokens = {}
    with app.state.session_factory.begin() as session:
        for n in range(3):
            make_item(session, identifier=f"VIL-FUZZ-{n}")
        make_item(session, identifier="VIL-FUZZ-DRAFT", status="draft")
        tokens["curator"] = api_token(session, make_user(session, "fuzz-curator", role="curator"))
        tokens["admin"] = api_token(session, make_user(session, "fuzz-admin", role="admin"))
    with app.state.session_factory() as session:
        SearchIndex(museum.index_dir).rebuild(item_search.documents(session))
    app.state.fuzz_tokens = tokens
    return app


def test_generated_requests_get_documented_answers_and_no_server_error(fuzzed_app, figures):
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", fuzzed_app).include(path_regex="^/api/v1/")
    tokens = fuzzed_app.state.fuzz_tokens
    identities = [{}] + [{"Authorization": f"Bearer {token}"} for token in tokens.values()]
    sent, operations = 0, 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            database=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
        def each(case):
            nonlocal sent
            for headers in identities:
                case.call_and_validate(headers=headers, checks=CHECKS)
                sent += 1

        each()
    figures.append(
        f"API fuzzing (schemathesis): {sent:,} generated requests over {operations} operations, "
        "with and without a token: 0 server errors, 0 answers outside the documented codes, "
        "content types and schemas"
    )
    assert operations >= 15 and sent >= 5000, (operations, sent)
