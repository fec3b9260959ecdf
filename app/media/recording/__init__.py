"""Recordings (sound and video) made ready for the browser with PyAV: see the modules for each part."""
