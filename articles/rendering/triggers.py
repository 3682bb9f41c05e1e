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
from django.db.models.signals import post_delete

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


def image_changed(sender, instance, **kwargs) -> None:
    """A library picture replaced, described anew or deleted reaches every article that uses
    it once the change is committed, and its old file stops being served."""
    if kwargs.get("raw"):
        return
    image_id, old_name = instance.pk, getattr(instance, "_replaced_file", "")
    deleted = kwargs.get("signal") is post_delete

    def follow() -> None:
        from articles.library.sync import rerender_all
        from articles.models import Article

        users = Article.objects.filter(body__contains=f"(image:{image_id})")
        rerender_all(only=users)
        for name in (old_name, instance.file.name if deleted else ""):
            if name:
                instance.file.storage.delete(name)

    transaction.on_commit(follow)
