"""subject domain."""
