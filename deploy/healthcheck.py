"""Container health check: GET /healthz from the app inside this container.

Used by deploy/Dockerfile's HEALTHCHECK. Exit status 0 when the app answers
{"status": "ok"}, 1 otherwise. Standard library only.

Django rejects a Host it does not know (ALLOWED_HOSTS), so the request carries the first
allowed host name. It also says X-Forwarded-Proto: https, so that with BEHIND_PROXY=1 and
SECURE_SSL_REDIRECT=1 the check is not answered by a redirect to HTTPS.
"""

import json
import os
import sys
import urllib.request

URL = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")


def first_allowed_host():
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost").split(",") if h.strip()]
    host = hosts[0] if hosts else "localhost"
    if host == "*":
        return "localhost"
    return host.lstrip(".")  # ".example.org" allows example.org too


def main():
    if not URL.startswith(("http://", "https://")):
        print("unhealthy: HEALTHCHECK_URL must be http(s)", file=sys.stderr)
        return 1
    request = urllib.request.Request(  # noqa: S310 (http(s) only, checked above)
        URL, headers={"Host": first_allowed_host(), "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310
            ok = response.status == 200 and json.load(response).get("status") == "ok"
    except Exception as exc:  # any failure means unhealthy
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1
    if not ok:
        print("unhealthy: unexpected answer from /healthz", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
