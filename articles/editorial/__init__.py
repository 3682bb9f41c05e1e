"""What clinic staff use: the admin, the editor's preview and checks, reviews, uploads."""
