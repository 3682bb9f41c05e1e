"""Per-process copies of what every page reads and the library seldom changes.

A copy is kept until the library's change stamp moves (caching/stamps.py): the stamp is
read once per request anyway, so the copy is never stale on any worker or host.
"""

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from articles.caching import stamps

T = TypeVar("T")


def per_stamp(build: Callable[[], T]) -> Callable[[], T]:
    held: dict[str, object] = {}

    @wraps(build)
    def current() -> T:
        key = stamps.last_change().key()
        if held.get("key") != key:
            held.update(key=key, value=build())
        return held["value"]  # type: ignore[return-value]

    current.held = held  # type: ignore[attr-defined]  # for tests: what this process holds
    return current
