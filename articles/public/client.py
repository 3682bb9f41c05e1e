"""The client's address, worked out once per request, for every limit that counts per client
(the search and feedback limits, django-axes' sign-in lock-outs).

Each proxy we run appends the address it saw to X-Forwarded-For (nginx's
$proxy_add_x_forwarded_for), so the last TRUSTED_PROXY_HOPS entries were written by our own
proxies and everything to their left by whoever sent the request. With N hops the client is
the N-th entry from the right; the entries further left are the client's own words and are
never read. With no hops (gunicorn serving directly) the client is the socket's peer.
"""

from django.conf import settings

_ATTRIBUTE = "_painsite_client_address"


def client_address(request) -> str:
    """The address of whoever connected to our outermost proxy (or to gunicorn, with none)."""
    address = getattr(request, _ATTRIBUTE, None)
    if address is None:
        address = _from_headers(request.META, settings.TRUSTED_PROXY_HOPS)
        setattr(request, _ATTRIBUTE, address)
    return address


def _from_headers(meta, hops: int) -> str:
    peer = meta.get("REMOTE_ADDR", "")
    if hops <= 0:
        return peer
    entries = [entry.strip() for entry in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    # Fewer entries than proxies: the request skipped a proxy (or came from the proxy host
    # itself), so nothing in the header can be trusted; the peer is all we know.
    return entries[-hops] if len(entries) >= hops else peer
