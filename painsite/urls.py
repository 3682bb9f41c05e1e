from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.static import serve

from articles.editorial import preview, signoff

handler404 = "painsite.errors.not_found"
handler500 = "painsite.errors.server_error"

urlpatterns = [
    path("admin/markdownx/markdownify/", preview.markdownify, name="markdownx_markdownify"),
    path("admin/markdownx/upload/", preview.upload, name="markdownx_upload"),
    path("admin/markdownx/checks/", preview.checks, name="markdownx_checks"),
    path("admin/", admin.site.urls),
    # Clinical sign-off by link, for clinicians without an admin account (editorial/signoff.py).
    path("review/done/", signoff.signoff_done, name="signoff_done"),
    path("review/<str:token>/", signoff.signoff, name="signoff"),
    # Browsers ask for /favicon.ico on every page, the admin's included.
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("img/favicon.svg"))),
    # Finding pages by clinical code: the Infobutton service, the content API and FHIR.
    path("", include("articles.connect.urls")),
    path("", include("articles.api.urls")),
    # Uploaded images. A proxy should serve /media/ itself in production (see deploy/).
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]

# The library's pages: English at the root, as always; each other language under its code,
# with the path's words translated (/es/articulos/<slug>/).
urlpatterns += i18n_patterns(path("", include("articles.urls")), prefix_default_language=False)
