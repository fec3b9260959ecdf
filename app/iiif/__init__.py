"""iiif domain: the IIIF Image API 3.0 (level 2) over image pyramids, and Presentation 3.0 manifests."""
