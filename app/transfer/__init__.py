"""transfer domain."""
