"""map domain: the public items on a map, clustered on the server, and by distance in a list."""
