"""The site in other languages: addresses, rendering, freshness and loading of translations."""
