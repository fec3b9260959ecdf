"""job domain: a durable queue of background work."""
