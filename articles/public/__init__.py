"""The public pages: views, templates engine, feedback, abuse limits."""
