from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views

from .sitemaps import SITEMAPS, SiteSitemap


def sitemap(request):
    """One sitemap while the site fits in one file (50,000 URLs); a sitemap index after."""
    total = sum(cls().paginator.count for cls in SITEMAPS.values())
    if total <= SiteSitemap.limit:
        return sitemap_views.sitemap(request, sitemaps=SITEMAPS)
    response = sitemap_views.index(request, sitemaps=SITEMAPS, sitemap_url_name="articles:sitemap_section")
    response.render()
    # The index names its files from the request's host; the public address is SITE_URL.
    base = request.build_absolute_uri("/").rstrip("/")
    response.content = response.content.replace(base.encode(), settings.SITE_URL.encode())
    return response
