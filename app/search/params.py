"""What a search request asks for, parsed once for the page and the API."""

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote_plus

from app.search.schemas import SearchFilters, parse_sort

# Longer input is cut here: nobody types more, and it bounds the work a query can ask for.
MAX_QUERY = 200


@dataclass(frozen=True)
class SearchRequest:
    text: str
    filters: SearchFilters
    sort: str

    def query_args(self, **changes) -> dict[str, str]:
        """The request as query parameters, with some changed or removed (value None)."""
        args = {"q": self.text, **self.filters.query_args()}
        if self.sort != "relevance":
            args["sort"] = self.sort
        args.update(changes)
        return {key: value for key, value in args.items() if value}

    def url(self, base, **changes) -> str:
        """The search page's address for this request with some parameters changed (None removes one), as
        `urlencode` writes it; the request's own parameters are encoded once, not again for each facet link."""
        encoded = dict(self._encoded)
        for key, value in changes.items():
            if value:
                encoded[key] = quote_plus(str(value))
            else:
                encoded.pop(key, None)
        return f"{base}?{'&'.join(f'{key}={value}' for key, value in encoded.items())}" if encoded else str(base)

    @cached_property
    def _encoded(self) -> dict[str, str]:
        return {key: quote_plus(str(value)) for key, value in self.query_args().items()}


def parse_request(q, kind, collection, place, period, creator, subject, sort, exhibit=None) -> SearchRequest:
    """Validate the query parameters; a bad filter is a FilterError (a 400) with a message that says what to write."""
    filters = SearchFilters.parse(kind, collection, place, period, creator, subject, exhibit)
    order = parse_sort(sort)
    return SearchRequest(" ".join((q or "").split())[:MAX_QUERY], filters, order)
