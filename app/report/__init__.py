"""The funders' report, and the public visits it counts (on the server, without cookies or personal data)."""
