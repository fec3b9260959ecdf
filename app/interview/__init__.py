"""interview domain."""
