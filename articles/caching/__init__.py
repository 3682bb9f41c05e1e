"""Caching that is never stale: the library's change stamp keys every cached page and copy."""
