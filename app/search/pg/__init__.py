"""Search on PostgreSQL full-text search (MUSEUM_SEARCH_ENGINE=postgres): the second engine behind the search
interface, whose documents are written in the transaction of the change itself (no outbox, no worker)."""
