"""Villerupt.com: the virtual heritage museum of Villerupt."""
