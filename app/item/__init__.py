"""item domain."""
