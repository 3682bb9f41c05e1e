"""Spanish beside English: files, rows, addresses, hreflang, freshness, no cookie, no redirect."""

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.library.reader import read_source
from articles.models import Article, ArticleTranslation
from articles.translation.files import english_hash
from tests.conftest import FIXTURE_LIBRARY

BODY = """Un bloqueo es una inyección de medicina para adormecer cerca de un nervio.

## ¿Cómo funciona?

El médico pone una aguja fina. Vea también [la ablación](/articles/nerve-ablation/).
"""


def _spanish_file(root: Path, slug="epidural-injection", extra="", source_hash=None):
    english = root / "back-pain" / f"{slug}.md"
    digest = source_hash or english_hash(read_source(english, root, []))
    text = f"---\ntitle: Inyección epidural\nsummary: Una inyección en la espalda para calmar el dolor.\nupdated: 2026-11-30\nsource_hash: {digest}\n{extra}---\n{BODY}"
    (root / "back-pain" / f"{slug}.es.md").write_text(text, encoding="utf-8")


@pytest.fixture
def root(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_LIBRARY, folder)
    return folder


@pytest.fixture
def spanish(db, root):
    _spanish_file(root)
    call_command("load_content", str(root), verbosity=0)
    return root


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_a_translation_is_its_own_row_with_the_english_hash(spanish):
    row = ArticleTranslation.objects.get(article__slug="epidural-injection", language="es")
    assert row.title == "Inyección epidural" and row.status == "published"
    assert row.source_hash == row.article.translations.get().source_hash
    assert Article.objects.count() == 3  # the translation is not an English article


@pytest.mark.parametrize(
    "extra,message",
    [("kind: guide\n", "comes from the English file"), ("", None)],
)
def test_the_loader_refuses_what_a_translation_cannot_say(db, root, extra, message, capsys):
    _spanish_file(root, extra=extra)
    if message is None:
        call_command("load_content", str(root), verbosity=0)
        return
    with pytest.raises(CommandError):
        call_command("load_content", str(root), verbosity=0)
    assert message in capsys.readouterr().err and not ArticleTranslation.objects.exists()


def test_a_translation_without_its_source_hash_is_refused_with_the_hash_to_add(db, root, capsys):
    _spanish_file(root)
    path = root / "back-pain" / "epidural-injection.es.md"
    text = path.read_text(encoding="utf-8")
    digest = re.search(r"source_hash: (\w+)", text).group(1)
    path.write_text(re.sub(r"source_hash: \w+\n", "", text), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_content", str(root), verbosity=0)
    assert f"source_hash: {digest}" in capsys.readouterr().err


def test_a_translation_of_no_english_article_is_refused(db, root, capsys):
    _spanish_file(root)
    (root / "back-pain" / "epidural-injection.es.md").rename(root / "back-pain" / "no-such-page.es.md")
    with pytest.raises(CommandError):
        call_command("load_content", str(root), verbosity=0)
    assert "no English article" in capsys.readouterr().err


def test_the_spanish_page_speaks_spanish_and_links_its_english_page(client, spanish):
    response = client.get("/es/articulos/epidural-injection/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == "es" and '<html lang="es">' in html
    assert '"inLanguage": "es"' in html
    assert "Inyección epidural" in html and "En esta página" in html
    links = alternates(html)
    assert links["en"].endswith("/articles/epidural-injection/")
    assert links["es"].endswith("/es/articulos/epidural-injection/")
    assert links["x-default"] == links["en"]
    # Internal links go to the Spanish address of the page they name.
    assert 'href="/es/articulos/nerve-ablation/"' in html


def test_hreflang_is_reciprocal_and_only_for_languages_the_page_exists_in(client, spanish):
    english = client.get("/articles/epidural-injection/").content.decode()
    spanish_html = client.get("/es/articulos/epidural-injection/").content.decode()
    assert alternates(english) == alternates(spanish_html)
    for href in alternates(english).values():
        assert (
            client.get(href.split("8000", 1)[-1] if "8000" in href else re.sub(r"^https?://[^/]+", "", href)).status_code == 200
        )
    # nerve-ablation has no translation: no hreflang at all, and no switcher link.
    other = client.get("/articles/nerve-ablation/").content.decode()
    assert "hreflang" not in other.split("</head>")[0] and "Español" not in other


def test_the_switcher_is_a_plain_link_and_sets_no_cookie(client, spanish):
    response = client.get("/articles/epidural-injection/")
    html = response.content.decode()
    assert re.search(r'<a href="[^"]*/es/articulos/epidural-injection/" hreflang="es" lang="es">Español</a>', html)
    assert not response.cookies
    assert not client.get("/es/articulos/epidural-injection/").cookies


def test_no_redirect_by_accept_language(client, spanish):
    response = client.get("/articles/epidural-injection/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200 and response["Content-Language"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")


def test_a_missing_translation_answers_a_short_spanish_page_that_links_the_english(client, spanish):
    response = client.get("/es/articulos/nerve-ablation/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'content="noindex' in html and "todavía no está traducida" in html
    assert 'href="/articles/nerve-ablation/"' in html
    assert client.get("/es/articulos/no-such-page/").status_code == 404


def test_changing_the_english_text_flips_the_spanish_page_to_may_be_behind(client, spanish):
    assert "atrasada" not in client.get("/es/articulos/epidural-injection/").content.decode()
    article = Article.objects.get(slug="epidural-injection")
    article.body += "\nA new paragraph in English.\n"
    article.save()
    html = client.get("/es/articulos/epidural-injection/").content.decode()
    assert "Puede que esta traducción esté atrasada" in html
    assert 'href="/articles/epidural-injection/"' in html
    handout = client.get("/es/articulos/epidural-injection/hoja/").content.decode()
    assert "Puede que esta traducción esté atrasada" in handout and "/articles/epidural-injection/" in handout


def test_an_unpublished_translation_is_not_shown_or_announced(client, spanish):
    ArticleTranslation.objects.update(status="draft")
    assert client.get("/es/articulos/epidural-injection/").status_code == 404
    assert "hreflang" not in client.get("/articles/epidural-injection/").content.decode().split("</head>")[0]


def test_english_only_pages_are_not_served_under_the_spanish_prefix(client, spanish):
    for path in ["/es/sitemap.xml", "/es/robots.txt"]:
        assert client.get(path).status_code == 404, path


def test_the_spanish_feed_lists_live_translations_in_spanish(client, spanish, settings):
    """/es/feed/: the translations' own titles, summaries and addresses (absolute, under /es/),
    in Spanish; a draft translation is not in it; Spanish pages link it, English ones /feed/."""
    settings.SITE_URL = "https://clinic.example"
    xml = client.get("/es/feed/").content.decode()
    assert '<feed xml:lang="es"' in xml and "artículos nuevos y actualizados" in xml
    assert '<link href="https://clinic.example/es/feed/" rel="self"/>' in xml
    assert "https://clinic.example/es/articulos/epidural-injection/" in xml
    assert "/es/articulos/nerve-ablation/" not in xml  # no translation
    head = client.get("/es/articulos/epidural-injection/").content.decode().split("</head>")[0]
    assert 'type="application/atom+xml" title="Artículos nuevos y actualizados" href="/es/feed/"' in head
    assert 'href="/feed/"' in client.get("/articles/epidural-injection/").content.decode().split("</head>")[0]
    for row in ArticleTranslation.objects.all():  # as the admin does: saved, so the stamp moves
        row.status = "draft"
        row.save()
    assert "/es/articulos/" not in client.get("/es/feed/").content.decode()


def test_the_sitemap_lists_the_spanish_page_with_the_same_alternates(client, spanish):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/es/articulos/epidural-injection/</loc>" in xml
    assert "/es/articulos/nerve-ablation/" not in xml
    block = xml.split("/es/articulos/epidural-injection/</loc>", 1)[1].split("</url>", 1)[0]
    assert 'hreflang="en"' in block and 'hreflang="x-default"' in block


def test_every_template_string_has_a_spanish_translation():
    from babel.messages.pofile import read_po

    with open(Path(__file__).resolve().parents[2] / "locale" / "es" / "LC_MESSAGES" / "django.po", "rb") as po:
        catalog = read_po(po)
    translated = {m.id for m in catalog if m.id and m.string}
    templates = Path(__file__).resolve().parents[2] / "templates" / "jinja2"
    used = set()
    for path in templates.rglob("*.html"):
        used |= set(re.findall(r'_\(\s*"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")))
        used |= set(re.findall(r"_\(\s*'((?:[^'\\]|\\.)*)'", path.read_text(encoding="utf-8")))
    for name in ("500.html", "503.html"):  # Django templates: {% translate %}, {% blocktranslate %}
        text = (templates.parent / name).read_text(encoding="utf-8")
        used |= set(re.findall(r'{% translate "([^"]*)" %}', text))
        used |= {
            m.replace("{{ emergency_number }}", "%(emergency_number)s")
            for m in re.findall(r"{% blocktranslate %}(.*?){% endblocktranslate %}", text)
        }
    assert used and not (used - translated)


def test_the_spanish_handout_is_in_spanish_with_its_spanish_address(client, spanish):
    html = client.get("/es/articulos/epidural-injection/hoja/").content.decode()
    assert "Hoja para imprimir" in html and "Cuándo pedir ayuda" in html
    assert "/es/articulos/epidural-injection/</strong>" in html
    assert client.get("/es/articulos/nerve-ablation/hoja/").status_code == 404


def test_feedback_on_the_spanish_page_is_kept_with_its_language(client, spanish):
    from articles.models import Feedback

    response = client.post(
        "/es/articles/epidural-injection/feedback/", "helpful=yes", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 303
    assert response["Location"].startswith("/es/articulos/epidural-injection/")
    assert Feedback.objects.get().language == "es"


def test_check_content_measures_a_translation_in_its_own_language(root, capsys):
    _spanish_file(root)
    path = root / "back-pain" / "epidural-injection.es.md"
    hard = (
        "La administración transforaminal de corticosteroides particulados conlleva consideraciones "
        "farmacocinéticas extraordinariamente complejas en comorbilidades cardiovasculares preexistentes.\n"
    )
    path.write_text(path.read_text(encoding="utf-8") + "\n" + hard * 3, encoding="utf-8")
    with pytest.raises(CommandError):  # the small library lacks sections check_content asks for
        call_command("check_content", str(root))
    out = capsys.readouterr()
    assert "es: 1 translations" in out.out
    assert "epidural-injection.es.md" in out.err and "reading ease" in out.err


def test_check_content_warns_when_a_translations_headings_differ(root, capsys):
    _spanish_file(root)
    path = root / "back-pain" / "epidural-injection.es.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## Una sección de más\n\nTexto.\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("check_content", str(root))
    assert "not in the same order" in capsys.readouterr().err


def test_the_spanish_word_files_are_checked_like_the_english_ones(db, root, capsys):
    _spanish_file(root)
    (root / "body_parts.es.yaml").write_text("- words: [pie, pies]\n  articles: [no-such-page]\n", encoding="utf-8")
    (root / "synonyms.es.yaml").write_text("- patient: [piquete]\n  clinical: [inyección]\n  otra: cosa\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_content", str(root), verbosity=0)
    err = capsys.readouterr().err
    assert "body_parts.es.yaml" in err and "no-such-page" in err
    assert "synonyms.es.yaml" in err


def test_the_facts_at_a_glance_are_labelled_in_spanish(client, spanish):
    row = ArticleTranslation.objects.get()
    row.at_a_glance = {"duration": "Unos 15 minutos"}
    row.save()
    html = client.get("/es/articulos/epidural-injection/").content.decode()
    assert "<dt>Cuánto tarda</dt><dd>Unos 15 minutos</dd>" in html


def test_the_spanish_a_to_z_lists_the_spanish_pages(client, spanish):
    html = client.get("/es/a-z/").content.decode()
    assert '<html lang="es">' in html and "Artículos de la A a la Z" in html
    assert 'href="/es/articulos/epidural-injection/"' in html and "Inyección epidural" in html
    assert "nerve-ablation" not in html  # not translated


def test_a_spanish_page_is_one_the_page_cache_may_keep(rf, spanish):
    # The page cache decides before the language middleware runs: an /es/ address must be
    # recognised as a @public_page view all the same.
    from articles.caching.page_cache import _page_query

    assert _page_query(rf.get("/es/articulos/epidural-injection/")) == ""
    assert _page_query(rf.get("/articles/epidural-injection/")) == ""
    assert _page_query(rf.get("/es/no-such-address/")) is None


def test_check_content_asks_for_a_drawing_with_its_labels_in_the_pages_language(root):
    """spine-anatomy.svg has a Spanish copy (spine-anatomy.es.svg): a Spanish page using the
    English one is a problem, as is a drawing that does not exist."""
    from articles.library.quality import check_library

    _spanish_file(root, extra="")
    path = root / "back-pain" / "epidural-injection.es.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n![La columna vista de lado](/static/img/spine-anatomy.svg)\n\n![Otra](/static/img/nope.svg)\n")
    found = [str(p) for p in check_library(root, settings.BASE_DIR / "static").problems]
    assert any("epidural-injection.es.md" in p and "use /static/img/spine-anatomy.es.svg" in p for p in found)
    assert any("epidural-injection.es.md" in p and "image not found under static/: /static/img/nope.svg" in p for p in found)
    path.write_text(text + "\n![La columna vista de lado](/static/img/spine-anatomy.es.svg)\n")
    found = [str(p) for p in check_library(root, settings.BASE_DIR / "static").problems]
    assert not any("epidural-injection.es.md" in p and "svg" in p for p in found)


def test_every_drawing_in_spanish_has_no_english_label_left():
    """The Spanish copies of the drawings: every label, title and description translated (a
    word list of the English labels, none of them left)."""
    english = {
        "Vertebra",
        "Disc",
        "Spinal canal",
        "Facet joint",
        "Nerve root",
        "Front",
        "Back",
        "Needle",
        "Skin",
        "Leads",
        "Remote",
    }
    for path in (settings.BASE_DIR / "static" / "img").glob("*.es.svg"):
        text = path.read_text(encoding="utf-8")
        labels = set(re.findall(r">([^<>]+)<", text))
        assert not labels & english, (path.name, labels & english)
        assert 'lang="es"' in text


def test_spanish_section_questions_are_checked_like_the_english(db, root, capsys):
    """section_questions.es.yaml names Spanish anchors: an article that does not exist stops
    the load; a section the Spanish page does not have is named by check_content."""
    from articles.library.quality import check_library

    _spanish_file(root)
    asked = root / "section_questions.es.yaml"
    asked.write_text("- article: no-such-article\n  sections: {a: [b]}\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_content", str(root), verbosity=0)
    assert "section_questions.es.yaml:1: no article 'no-such-article'" in capsys.readouterr().err
    asked.write_text(
        "- article: epidural-injection\n  sections:\n    cómo-funciona: [como me ponen la aguja]\n"
        "    cómo-me-preparo: [puedo comer antes]\n",
        encoding="utf-8",
    )
    found = [str(p) for p in check_library(root, settings.BASE_DIR / "static").problems]
    assert [p for p in found if "section_questions" in p] == [
        "section_questions.es.yaml:1: 'epidural-injection' has no section '#cómo-me-preparo' (was its heading reworded?)"
    ]


def test_what_spanish_patients_ask_counts_for_the_section_that_answers(db):
    """The Spanish sections weigh content/section_questions.es.yaml's questions too."""
    from types import SimpleNamespace

    from articles.translation.search import _sections, _stem_sets
    from articles.translation.stemming import stems

    row = SimpleNamespace(
        stems_title="",
        passages=[
            {"anchor": "qué-es", "heading": "¿Qué es?", "text": "Una inyección calma el nervio."},
            {"anchor": "recuperación", "heading": "¿Cómo es la recuperación?", "text": "Mantenga seco el lugar."},
        ],
    )
    concepts = _stem_sets([["banarme"]], "es")  # as a query's words come: accents folded
    assert all(score == 0 for score, *_ in _sections(row, concepts, [1.0], "es"))
    found = _sections(row, concepts, [1.0], "es", patients={"recuperación": stems("me puedo bañar en tina", "es")})
    assert found[0][1] == "recuperación" and found[0][0] > 0
