"""Stored HTML follows the glossary, the clinic's settings and the image library, whatever
path changed them (the admin, the shell, a data migration or a script alike).

Articles link glossary terms and their emergency callouts carry the clinic's number when
they are rendered. After a change is committed:
- articles that cannot have changed (none of the changed glossary names in their text; no
  emergency callout when the number changed) are marked as rendered with the new glossary
  in one UPDATE;
- the rest are rendered again: inside the request when they are few, otherwise in a
  background job (RenderJob) whose progress staff see;
- meanwhile pages are never stale: an article stored with an older glossary or number is
  rendered afresh when it is read (public/reads.py compares `rendered_with`).
The loader renders what it needs itself and says so (`rerender_handled`).
"""

import contextvars
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.utils import timezone

from articles.caching import stamps
from articles.rendering import policies as policy_text

log = logging.getLogger("articles.rendering")
_handled = contextvars.ContextVar("rerender_handled", default=False)
# What the transaction under way changed, per thread like Django's connections:
# {alias: {"names": set, "emergency": bool, "policies": set, "old_key": str}}
_local = threading.local()


def _changes() -> dict[str, dict]:
    if not hasattr(_local, "changes"):
        _local.changes = {}
    return _local.changes


@contextmanager
def rerender_handled() -> Iterator[None]:
    token = _handled.set(True)
    try:
        yield
    finally:
        _handled.reset(token)


def _names(term) -> set[str]:
    return {name for name in [term.term, *(term.aliases or [])] if isinstance(name, str) and len(name.strip()) >= 3}


def before_change(sender, instance, **kwargs) -> None:
    """pre_save / pre_delete: note what is about to change, and the glossary it changes from."""
    from articles.models import ClinicPolicy, ClinicSettings, GlossaryTerm
    from articles.rendering.site import Context

    if _handled.get() or kwargs.get("raw"):
        return
    if not any(item[1] is _after_commit for item in connection.run_on_commit):
        # No change of this transaction is waiting for its commit: what is noted is left from
        # a transaction that rolled back (its callback went with it), and must not be used.
        _changes().pop(connection.alias, None)
    change = _changes().setdefault(connection.alias, {"names": set(), "emergency": False, "policies": set(), "old_key": ""})
    change["old_key"] = change["old_key"] or Context.current().key
    if sender is GlossaryTerm:
        term = GlossaryTerm.objects.filter(pk=instance.pk).first() if instance.pk else None
        change["names"] |= _names(instance) | (_names(term) if term else set())
    elif sender is ClinicSettings:
        clinic = ClinicSettings.objects.filter(pk=1).first() or ClinicSettings.from_settings()
        change["emergency"] |= clinic.emergency_number != instance.emergency_number
        for name, field in (("clinic-name", "clinic_name"), ("clinic-phone", "phone")):
            if getattr(clinic, field) != getattr(instance, field):
                change["policies"].add(name)
    elif sender is ClinicPolicy:
        change["policies"].add(instance.name)


def library_context_changed(sender, **kwargs) -> None:
    """post_save / post_delete: render what the change touched, once the change is committed."""
    if _handled.get() or kwargs.get("raw"):
        return
    # One callback a saved row; the first one after the commit does the work for all of them.
    transaction.on_commit(_after_commit)


def _after_commit() -> None:
    from articles.models import Article, RenderJob, Topic
    from articles.rendering.site import Context

    change = _changes().pop(connection.alias, None)
    if change is None:
        return  # done by an earlier callback of the same transaction
    stamps.forget()  # committed inside a request: its stamp, and copies keyed on it, predate the change
    context = Context.current()
    touched = Q(pk__in=[])
    if change["names"]:
        # A superset: the first word of each name (a plural or hyphenated use contains it too).
        touched |= reduce(or_, (Q(plain_text__icontains=name.split()[0]) for name in change["names"]))
    policies = _policies_touched(change)
    if policies:
        # A superset: every article whose text names one of the changed policies.
        touched |= reduce(or_, (Q(body__contains=name) for name in policies))
        for topic in Topic.objects.filter(reduce(or_, (Q(intro__contains=name) for name in policies))):
            topic.render(context)
            Topic.objects.filter(pk=topic.pk).update(intro_html=topic.intro_html)
    if change["emergency"]:
        touched |= Q(body__contains="!!! emergency")
        for topic in Topic.objects.filter(intro__contains="!!! emergency"):
            topic.render(context)
            Topic.objects.filter(pk=topic.pk).update(intro_html=topic.intro_html)
    if change["old_key"]:
        Article.objects.filter(rendered_with=change["old_key"]).exclude(touched).update(rendered_with=context.key)
    stale = list(Article.objects.exclude(rendered_with=context.key).values_list("pk", flat=True))
    if not stale:
        return
    if len(stale) <= settings.RERENDER_IN_REQUEST:
        render_articles(stale, context)
        return
    job = RenderJob.objects.create(reason=_reason(change), total=len(stale))
    threading.Thread(target=_run_job, args=(job.pk, stale), daemon=True, name=f"render-job-{job.pk}").start()


def _policies_touched(change) -> set[str]:
    """The changed policies and built-in names, and every policy whose text uses one of them."""
    from articles.models import ClinicPolicy

    names = set(change["policies"]) | ({"emergency-number"} if change["emergency"] else set())
    if names:
        names |= {p.name for p in ClinicPolicy.objects.all() if policy_text.uses(p.text, names)}
    return names


def _reason(change) -> str:
    if change["names"]:
        return "Glossary change: " + ", ".join(sorted(change["names"]))[:150]
    if change["policies"]:
        return "Clinic policy change: " + ", ".join(sorted(change["policies"]))[:150]
    return "Clinic settings change: the emergency number" if change["emergency"] else "Library change"


def render_articles(ids, context) -> int:
    from articles.library.sync import rerender_all
    from articles.models import Article

    return rerender_all(only=Article.objects.filter(pk__in=ids), context=context)


def _run_job(job_id, ids, batch=100) -> None:
    """Render the articles in batches, recording progress; a worker that stops half-way
    leaves them stale, and the next change (or `manage.py rerender_stale`) takes them up."""
    from articles.models import RenderJob
    from articles.rendering.site import Context

    try:
        for start in range(0, len(ids), batch):
            done = render_articles(ids[start : start + batch], Context.current())
            RenderJob.objects.filter(pk=job_id).update(done=start + done)
        RenderJob.objects.filter(pk=job_id).update(done=len(ids), finished_at=timezone.now())
    except Exception:
        log.exception("Render job %s stopped; pages stay correct (rendered when read)", job_id)
    finally:
        close_old_connections()
        connection.close()


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

        stamps.forget()
        users = Article.objects.filter(body__contains=f"(image:{image_id})")
        rerender_all(only=users)
        for name in (old_name, instance.file.name if deleted else ""):
            if name:
                instance.file.storage.delete(name)

    transaction.on_commit(follow)
