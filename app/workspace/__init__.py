"""The curators' workspace: item forms, media, the review workflow, and each curator's record."""
