"""place domain."""
