"""The editor's live preview and the readability figures above it, from one request.

markdownx posts the body as the editor types; the answer is the panel (reading grade,
hardest sentences, medical words the glossary does not explain) and the page text, both
from the site's one rendering pipeline.
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from articles import rules
from articles.editorial.uploads import save_image
from articles.library.quality import medical_terms_outside
from articles.library.words import MEDICAL_TERMS_FILE, read_term_list
from articles.rendering import site as rendering


def staff_with(*permissions):
    """Staff who hold any of these permissions (a staff account with none gets nothing)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not (user.is_active and user.is_staff):
                return JsonResponse({"error": "Staff sign-in required."}, status=403)
            if not any(user.has_perm(p) for p in permissions):
                return JsonResponse({"error": "Your account may not do this."}, status=403)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def panel(rendered):
    figures = rendering.readability(rendered)
    terms = read_term_list(settings.CONTENT_DIR / MEDICAL_TERMS_FILE, settings.CONTENT_DIR, [])
    return render_to_string(
        "editorial/_readability_panel.html",
        {
            "figures": figures,
            "grade": rules.reading_grade(figures),
            "unknown_terms": medical_terms_outside(rendering.glossary_index(), terms, rendered.text),
        },
    )


@require_POST
@staff_with("articles.add_article", "articles.change_article", "articles.add_topic", "articles.change_topic")
def markdownify(request):
    # The readability figures ride on the same request as the preview, above the page text.
    rendered = rendering.render(request.POST.get("content", ""))
    return HttpResponse(panel(rendered) + rendered.html)


@require_POST
@staff_with("articles.add_image")
def upload(request):
    image = request.FILES.get("image")
    if image is None:
        return JsonResponse({"image": ["Choose an image to upload."]}, status=400)
    try:
        stored = save_image(image)
    except ValidationError as exc:
        return JsonResponse({"image": exc.messages}, status=400)
    # Into the image library; the article cannot be saved until the picture is described.
    return JsonResponse({"image_code": f"![{rules.PLACEHOLDER_ALT}](image:{stored.pk})"})
