"""Django's admin finds the app's admin here; it lives with the rest of the editorial tools."""

from articles.editorial import (
    admin,  # noqa: F401
    policies_admin,  # noqa: F401
    translation_admin,  # noqa: F401
)
