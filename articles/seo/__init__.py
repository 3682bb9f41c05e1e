"""What search engines read: structured data, sitemaps, feeds, redirects."""
