"""Markdown to what patients read: the pure pipeline, glossary links, readability, site glue."""
