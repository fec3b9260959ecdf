"""The JSON API under generated requests (schemathesis): no server error, and every answer as documented.

Each operation of /api/v1 in the app's OpenAPI document gets generated requests, valid and invalid,
each sent three times: without a token, with a curator's and with an administrator's. Every answer must be
below 500, carry a status code, content type and body that the document lists for that operation.
The app runs for real (no overridden session), on a migrated SQLite file and an index of its own.
"""

from collections import Counter
from collections.abc import Iterator

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

EXAMPLES = 100  # per operation, each sent as 3 identities: 38 operations x 100 x 3 = 11,400 requests
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

# The JSON API's operations, in the order of the app's OpenAPI document: one test each, so that pytest-xdist
# spreads them over its workers (one test for all of them ran for minutes on one worker while the other sat idle).
# test_every_operation_of_the_document_is_fuzzed fails when an operation is added or removed without this table.
OPERATIONS = [
    "GET /api/v1/items",
    "POST /api/v1/items",
    "GET /api/v1/items/{identifier}",
    "PATCH /api/v1/items/{identifier}",
    "DELETE /api/v1/items/{identifier}",
    "POST /api/v1/items/{identifier}/transcript",
    "GET /api/v1/items/{identifier}/transcript",
    "GET /api/v1/items/{identifier}/index",
    "GET /api/v1/items/{identifier}/transcript.vtt",
    "GET /api/v1/items/{identifier}/transcript.srt",
    "GET /api/v1/items/{identifier}/transcript.txt",
    "GET /api/v1/items/{identifier}/translation.vtt",
    "GET /api/v1/items/{identifier}/translation.srt",
    "GET /api/v1/items/{identifier}/translation.txt",
    "GET /api/v1/items/{identifier}/index.vtt",
    "GET /api/v1/collections",
    "GET /api/v1/collections/{slug}",
    "GET /api/v1/exhibits",
    "GET /api/v1/exhibits/{slug}",
    "GET /api/v1/tours",
    "GET /api/v1/tours/{slug}",
    "POST /api/v1/items/{identifier}/media",
    "GET /api/v1/search",
    "GET /api/v1/suggest",
    "GET /api/v1/timeline",
    "GET /api/v1/map",
    "GET /api/v1/items/{identifier}/revisions",
    "POST /api/v1/items/{identifier}/submit",
    "POST /api/v1/items/{identifier}/publish",
    "POST /api/v1/items/{identifier}/send-back",
    "POST /api/v1/items/{identifier}/withdraw",
    "POST /api/v1/items/{identifier}/to-draft",
    "GET /api/v1/workspace/suggest",
    "GET /api/v1/contributions",
    "GET /api/v1/contributions/{contribution_id}",
    "POST /api/v1/contributions/{contribution_id}/approve",
    "POST /api/v1/contributions/{contribution_id}/reject",
    "POST /api/v1/contributions/{contribution_id}/ask",
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


@pytest.fixture(scope="module")
def fuzzed_schema(fuzzed_app):
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", fuzzed_app).include(path_regex="^/api/v1/")


@pytest.fixture(scope="module")
def tally(figures) -> Iterator[Counter]:
    """Requests sent per operation by this worker's tests, summed into one figure when the module is done."""
    sent: Counter = Counter()
    yield sent
    if sent:
        figures.append(
            f"API fuzzing (schemathesis): {sum(sent.values()):,} generated requests over {len(sent)} operations, "
            "with and without a token: 0 server errors, 0 answers outside the documented codes, "
            "content types and schemas"
        )


def test_every_operation_of_the_document_is_fuzzed(fuzzed_schema):
    assert [result.ok().label for result in fuzzed_schema.get_all_operations()] == OPERATIONS


@pytest.mark.parametrize("label", OPERATIONS)
def test_generated_requests_get_documented_answers_and_no_server_error(fuzzed_app, fuzzed_schema, tally, label):
    method, path = label.split(" ", 1)
    operation = fuzzed_schema[path][method]
    identities = [{}] + [{"Authorization": f"Bearer {token}"} for token in fuzzed_app.state.fuzz_tokens.values()]

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
        for headers in identities:
            case.call_and_validate(headers=headers, checks=CHECKS)
            tally[label] += 1

    each()
    # Every operation gets its full share of examples, each sent as every identity.
    assert tally[label] == EXAMPLES * len(identities), tally[label]
