"""Benchmarks: one command each, printing figures."""
