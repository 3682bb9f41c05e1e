"""Content files <-> database: read, validate, write, export, check."""
