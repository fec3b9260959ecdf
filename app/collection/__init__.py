"""collection domain."""
