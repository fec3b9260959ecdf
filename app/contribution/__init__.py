"""Residents' contributions: the public "Share a memory" form, its private status page, and moderation.

A contribution is kept apart from the catalog until a curator approves it: its files are stored like
every original (content-addressed) but have no `Media` row, so no public route can find them; its
contact details and the hash of its sender's address live only in the `contributions` table, which
neither the pages, the API, the search index nor `museum export` read. Approval copies what the
resident chose to publish (story, date, place, credit, licence, files) into a published item.
"""
