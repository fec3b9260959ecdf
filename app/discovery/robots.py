"""robots.txt: every public page and harvesting endpoint may be visited; the workspace, accounts, private links
and the JSON API not.

The API is left out because its records are the public pages again (each page names its JSON as an alternate)
and its search and suggestion endpoints are an unbounded space of URLs; harvesters have their own doors, which
stay open: the sitemaps, the Atom feeds, IIIF (manifests and Change Discovery) and OAI-PMH.
"""

DISALLOWED = ("/workspace", "/account", "/login", "/contribute/status/", "/api/")


def robots_txt(sitemap_url: str) -> str:
    """The file's text, naming the sitemap index by its absolute URL (as the protocol requires)."""
    lines = ["# Villerupt.com: the public museum may be visited; the workspace, accounts and private links not."]
    lines += ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "Allow: /", ""]
    lines.append(f"Sitemap: {sitemap_url}")
    return "\n".join(lines) + "\n"
