"""Full-text search: Whoosh kept behind the small interface of `index` and `service`."""
