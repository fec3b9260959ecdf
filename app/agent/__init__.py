"""agent domain."""
