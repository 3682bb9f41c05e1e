"""The clinic's details for the page being served, without a query per request.

The library stamp (one query, already made for the page's validators) says when the
clinic's settings last changed; each process re-reads them only after that moves.
"""

from . import stamps
from .models import ClinicSettings

_cache = {}


def current(request=None):
    changed = stamps.last_change(request).clinic_at
    if "clinic" not in _cache or _cache.get("at") != changed:
        _cache.update(at=changed, clinic=ClinicSettings.load())
    return _cache["clinic"]
