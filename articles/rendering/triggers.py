"""Stored HTML follows the glossary and the clinic's settings, whatever path changed them.

Articles link glossary terms and their emergency callouts carry the clinic's number when
they are rendered, so a saved or deleted glossary term, or saved clinic settings, render
the stored articles again once the change is committed: from the admin, the shell, a data
migration or a script alike. The loader renders what it needs itself and says so
(`rerender_handled`), so a load of 240 terms does not re-render the library 240 times.
"""

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

_handled = contextvars.ContextVar("rerender_handled", default=False)


@contextmanager
def rerender_handled() -> Iterator[None]:
    token = _handled.set(True)
    try:
        yield
    finally:
        _handled.reset(token)


def _rerender() -> None:
    from articles.library.sync import rerender_all

    rerender_all()


def library_context_changed(sender, **kwargs) -> None:
    if _handled.get() or kwargs.get("raw"):
        return
    connection = transaction.get_connection()
    # Once per transaction, however many rows changed (run_on_commit holds what is queued).
    if not any(entry[1] is _rerender for entry in connection.run_on_commit):
        transaction.on_commit(_rerender)
