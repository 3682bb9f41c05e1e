"""Per-process copies of what every page reads and the library seldom changes.

A copy is kept until the library's change stamp moves (caching/stamps.py): the stamp is
read once per request anyway, so the copy is never stale on any worker or host.

Workers are threaded (painsite/gunicorn.conf.py): a stamp and its copy are stored together
in one assignment, and the per-key table changes under a lock, so a thread never reads a
copy of another stamp nor a key another thread has just dropped. Building runs outside the
lock: two threads may build the same copy once, which is harmless.
"""

import threading
from collections import OrderedDict
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
        entry = held.get("value")
        if entry is None or entry[0] != key:  # type: ignore[index]
            entry = held["value"] = (key, build())
        return entry[1]  # type: ignore[index]

    current.held = held  # type: ignore[attr-defined]  # for tests: what this process holds
    return current


def per_stamp_by_key(maxsize: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """per_stamp for a function of one key (a slug), holding at most `maxsize` answers, the
    most recently used, so a large library cannot fill a worker's memory."""

    def decorate(build: Callable[[str], T]) -> Callable[[str], T]:
        held: dict[str, object] = {}
        answers: OrderedDict[str, T] = OrderedDict()
        lock = threading.Lock()

        @wraps(build)
        def current(key: str) -> T:
            stamp = stamps.last_change().key()
            with lock:
                if held.get("stamp") != stamp:
                    held["stamp"] = stamp
                    answers.clear()
                if key in answers:
                    answers.move_to_end(key)
                    return answers[key]
            answer = build(key)
            with lock:
                if held.get("stamp") == stamp:  # not a copy of a stamp another thread has moved past
                    answers[key] = answer
                    if len(answers) > maxsize:
                        answers.popitem(last=False)
            return answer

        current.held = answers  # type: ignore[attr-defined]  # for tests
        return current

    return decorate
