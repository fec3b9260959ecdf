"""Walking tours: ordered stops at real places, each with a short text, an item or exhibit page, and audio."""
