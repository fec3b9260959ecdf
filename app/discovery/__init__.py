"""What lets others find the museum's records: sitemaps, robots.txt, Atom feeds, IIIF Change Discovery and the
alternate links of public pages."""
