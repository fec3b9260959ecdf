"""The static copy of the public museum (`museum export-site`): every public page rendered by the real app,
its links made relative, and a Pagefind search that needs no server."""
