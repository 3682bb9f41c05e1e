"""The markdownx editor's two endpoints, for staff only (markdownx's own are anonymous)."""

from functools import wraps

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_POST

from . import readability_panel
from .models import render_markdown
from .uploads import save_image
from .validation import PLACEHOLDER_ALT


def staff_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff):
            return JsonResponse({"error": "Staff sign-in required."}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


@require_POST
@staff_only
def markdownify(request):
    # The readability figures ride on the same request as the preview, above the page text.
    rendered = render_markdown(request.POST.get("content", ""))
    return HttpResponse(readability_panel.panel(rendered) + rendered.html)


@require_POST
@staff_only
def upload(request):
    image = request.FILES.get("image")
    if image is None:
        return JsonResponse({"image": ["Choose an image to upload."]}, status=400)
    try:
        stored = save_image(image)
    except ValidationError as exc:
        return JsonResponse({"image": exc.messages}, status=400)
    # Into the image library; the article cannot be saved until the picture is described.
    return JsonResponse({"image_code": f"![{PLACEHOLDER_ALT}](image:{stored.pk})"})
