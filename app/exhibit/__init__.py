"""Exhibits: stories curated from the collection, pages of typed blocks, published through the workflow."""
