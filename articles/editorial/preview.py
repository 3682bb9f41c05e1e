"""The editor's live preview with the readability figures above it, and the checks list
beside it.

markdownx posts the body as the editor types; the answer is the panel (reading grade and
figures, the longest sentences) and the page text, both from the site's one rendering
pipeline. After each preview, static/js/editor.js posts the body again with what markdownx
does not send (the article's kind, title, summary and at-a-glance facts) to `checks`: the
style guide's checks (library/checks.py, the functions check_content runs), each with the
line to jump to.
"""

import json
import re
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from articles import rules
from articles.editorial.uploads import save_image
from articles.library import checks as style
from articles.library.schema import KINDS
from articles.library.words import MEDICAL_TERMS_FILE, PLAIN_WORDS_FILE, read_plain_words, read_term_list
from articles.models import Article, ClinicPolicy, Image
from articles.rendering import site as rendering
from articles.search.query import section_questions
from articles.translation.files import languages as translation_languages

# Who may use the editor's endpoints: anyone who writes articles or topic introductions.
EDITORS = (
    "articles.add_article",
    "articles.change_article",
    "articles.add_topic",
    "articles.change_topic",
    "articles.change_articletranslation",
)


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
    return render_to_string("editorial/_readability_panel.html", {"figures": figures, "grade": rules.reading_grade(figures)})


def ease_panel(rendered, language):
    """A translation's panel: its language's reading-ease measure (rules.reading_ease)."""
    from articles.rendering.readability import reading_ease

    figures = rendering.readability(rendered)
    ease = rules.reading_ease(language, reading_ease(rendered.prose, language))
    return render_to_string("editorial/_reading_ease_panel.html", {"figures": figures, "ease": ease})


@require_POST
@staff_with(*EDITORS)
def markdownify(request):
    # The readability figures ride on the same request as the preview, above the page text.
    # A translation's editor asks with ?language=es (editorial/translation_admin.py).
    language = request.GET.get("language", "")
    if language in translation_languages():
        from articles.translation import rendering as translated

        rendered = translated.render(request.POST.get("content", ""), language)
        return HttpResponse(ease_panel(rendered, language) + rendered.html)
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


_LIBRARY_IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(image:(\d+)\)")


def _with_library_alt(body):
    """The body with the image library's alt text in each ![](image:ID) that gives none, as the
    article form and the page use it (line for line, so findings keep their lines)."""
    ids = {int(i) for i in _LIBRARY_IMAGE_WITHOUT_ALT.findall(body)}
    if not ids:
        return body
    alt = {pk: " ".join(text.split()) for pk, text in Image.objects.filter(pk__in=ids).values_list("pk", "alt_text")}
    return _LIBRARY_IMAGE_WITHOUT_ALT.sub(lambda m: f"![{alt.get(int(m.group(1)), '')}](image:{m.group(1)})", body)


def _facts(text):
    """The at-a-glance facts as the form's JSON box holds them; None if they are not a mapping yet."""
    try:
        facts = json.loads(text or "{}")
    except ValueError:
        return None
    return facts if isinstance(facts, dict) else None


def words():
    content = settings.CONTENT_DIR
    return style.Words(
        rendering.glossary_index(),
        read_term_list(content / MEDICAL_TERMS_FILE, content, []),
        read_plain_words(content / PLAIN_WORDS_FILE, content, []),  # check_content reports a broken file
        [
            {"name": p.name, "title": p.title, "text": p.text, "source": p.source, "spot": list(p.spot)}
            for p in ClinicPolicy.objects.all()
        ],
    )


def findings(post):
    """The checks list for a posted draft: content, and kind, title, summary, at_a_glance and
    slug (what patients ask that its sections answer is filed by the page's slug)."""
    body = post.get("content", "").replace("\r\n", "\n")
    kind = post.get("kind", "")
    rendered = rendering.render(body)  # with glossary links, as the preview: links are counted alike
    facts = _facts(post.get("at_a_glance"))
    figures = rendering.readability(rendered, facts)  # as the publish gate measures it
    text = "\n".join([post.get("title", ""), post.get("summary", ""), rendered.text])
    known = set(Article.objects.values_list("slug", flat=True))
    values = [str(value) for value in (facts or {}).values()]
    filed = section_questions().get(post.get("slug", "").strip(), {})
    return style.ordered(
        [
            *style.article_findings(body, rendered, figures, kind if kind in KINDS else "", words(), text, values),
            *style.body_findings(_with_library_alt(body), known, ClinicPolicy.objects.values_list("name", flat=True)),
            *style.questions_left_behind(filed, rendered),
        ]
    )


@require_POST
@staff_with(*EDITORS)
def checks(request):
    found = findings(request.POST)
    stops = sum(1 for finding in found if finding.stops)
    return HttpResponse(render_to_string("editorial/_checks.html", {"findings": found, "stops": stops}))
