"""What a fresh gunicorn worker would otherwise do on its first request.

Workers are recycled every so many requests. A new worker's first request used to pay
30 to 70 ms: importing the URL modules and views, compiling the page templates, reading
the static manifest, the ORM's first queries. Requests queued behind it waited too, which
showed in the p99. The code is warmed once in the master before it forks (preload_app), so
every worker inherits it; each worker then warms its data before it accepts a connection,
while the other workers serve.
"""

import logging

log = logging.getLogger("painsite.warmup")


def warm_code():
    """No database here: the master must never hold a connection its workers would share."""
    from django.template import engines
    from django.templatetags.static import static
    from django.urls import get_resolver

    try:
        resolver = get_resolver()
        resolver.url_patterns  # noqa: B018 (imports every view module)
        resolver.reverse_dict  # noqa: B018
        env = engines["jinja2"].env
        for name in env.list_templates(extensions=["html"]):
            env.get_template(name)
        static("css/site.css")
    except Exception:  # e.g. static files not collected yet: the pages will say so; the server still starts
        log.warning("Warm-up of the code failed", exc_info=True)


def warm_data():
    from django.db import close_old_connections

    try:
        from articles.models import ClinicSettings
        from articles.public import reads

        ClinicSettings.current()
        for topic in reads.topics()[:1]:
            slug = topic.articles.published().values_list("slug", flat=True).first()
            if slug:
                reads.published_article(slug)
        close_old_connections()
    except Exception:  # a database that is down now is the first request's problem, not the worker's
        log.warning("Worker warm-up could not reach the database", exc_info=True)
