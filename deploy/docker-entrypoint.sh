#!/bin/sh
# Container entry point for deploy/Dockerfile.
#
# With no arguments: bring the database up to date (migrate, then load content/), then
# replace this shell with gunicorn, listening on port 8000 of the container's network
# (GUNICORN_BIND changes it, e.g. 127.0.0.1:8000 with --network host). Only nginx should
# reach it: compose keeps it internal; with `docker run` publish it on 127.0.0.1 only.
#
# With arguments: run them instead, with no setup, e.g.
#   docker compose run --rm web python manage.py createsuperuser
#
# Static files were collected when the image was built.
# If you run several web containers against one database, let only one of them migrate:
# set SKIP_SETUP=1 on the others.
set -eu

if [ "$#" -gt 0 ]; then
    exec "$@"
fi

if [ "${SKIP_SETUP:-0}" != "1" ]; then
    python manage.py migrate --noinput
    python manage.py load_content
fi

exec gunicorn -c painsite/gunicorn.conf.py --bind "${GUNICORN_BIND:-0.0.0.0:8000}" painsite.wsgi
