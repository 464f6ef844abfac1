"""Renderers: pure functions from the Catalog to the text of every published file."""
