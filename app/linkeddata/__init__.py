"""schema.org JSON-LD on the public pages of items, interviews, collections and exhibits (pure builders, no queries)."""
