"""load_content: every bad input is named with its file and line; the database is untouched."""

import pytest
from django.core.management import CommandError, call_command

from articles.library.reader import read_library
from articles.models import Article, GlossaryTerm, Topic

pytestmark = pytest.mark.django_db

EPIDURAL = "back-pain/epidural-injection.md"


def load(path, *args):
    call_command("load_content", str(path), *args, verbosity=0)


def snapshot():
    return (
        sorted(Article.objects.values_list("slug", "title", "body", "content_hash")),
        sorted(Topic.objects.values_list("slug", "title")),
        sorted(GlossaryTerm.objects.values_list("term", "definition")),
    )


def edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


def test_loads_topics_articles_glossary_and_relations(library_dir, capsys):
    call_command("load_content", str(library_dir))
    assert "created 3, updated 0, unchanged 0" in capsys.readouterr().out
    article = Article.objects.get(slug="epidural-injection")
    assert article.topic.slug == "back-pain"
    assert article.also_called == ["ESI", "back shot"]
    assert article.at_a_glance["imaging"] == "Live X-ray (fluoroscopy)"
    assert [a.slug for a in article.related.all()] == ["nerve-ablation"]
    assert "admonition emergency" in article.body_html
    assert article.word_count > 0 and article.reading_minutes >= 1
    assert article.source_path.endswith("back-pain/epidural-injection.md")
    assert Article.objects.get(slug="coming-soon").status == "draft"
    assert GlossaryTerm.objects.get(term="Fluoroscopy").aliases == ["live X-ray"]


def test_second_load_is_idempotent(library_dir, capsys):
    load(library_dir)
    before = snapshot()
    call_command("load_content", str(library_dir))
    assert "created 0, updated 0, unchanged 3" in capsys.readouterr().out
    assert snapshot() == before


def test_a_changed_file_updates_its_article(library_dir, capsys):
    load(library_dir)
    edit(library_dir / EPIDURAL, "Most people have mild soreness.", "Most people feel a little sore.")
    call_command("load_content", str(library_dir))
    assert "created 0, updated 1, unchanged 2" in capsys.readouterr().out
    assert "a little sore" in Article.objects.get(slug="epidural-injection").body_html


def test_an_admin_edit_is_never_silently_overwritten(library_dir, capsys):
    load(library_dir)
    article = Article.objects.get(slug="epidural-injection")
    article.body += "\nAn editor added this in the admin.\n"
    article.save()
    edit(library_dir / EPIDURAL, "Most people have mild soreness.", "Changed in the file.")
    call_command("load_content", str(library_dir))
    err = capsys.readouterr().err
    assert "back-pain/epidural-injection.md" in err and "kept the admin edit" in err
    body = Article.objects.get(slug="epidural-injection").body
    assert "An editor added this in the admin." in body and "Changed in the file." not in body
    # --force lets the file win.
    load(library_dir, "--force")
    body = Article.objects.get(slug="epidural-injection").body
    assert "Changed in the file." in body and "An editor added this" not in body


def test_an_admin_edit_survives_a_reload_of_unchanged_files(library_dir):
    load(library_dir)
    Article.objects.filter(slug="nerve-ablation").update(title="Edited title")
    load(library_dir)
    assert Article.objects.get(slug="nerve-ablation").title == "Edited title"


BROKEN = [
    (
        "bad yaml",
        EPIDURAL,
        "title: Epidural injection",
        "title: [unclosed",
        "back-pain/epidural-injection.md:3: front matter is not valid YAML",
    ),
    (
        "missing title",
        EPIDURAL,
        "title: Epidural injection\n",
        "",
        "back-pain/epidural-injection.md:1: missing required field 'title'",
    ),
    (
        "missing sources",
        "back-pain/nerve-ablation.md",
        "sources:\n  - title: Radiofrequency ablation\n    publisher: Example Society\n    year: 2022\n",
        "",
        "missing required field 'sources'",
    ),
    (
        "bad date",
        EPIDURAL,
        "updated: 2026-01-15",
        "updated: 15/01/2026",
        "back-pain/epidural-injection.md:22: 'updated' must be a date",
    ),
    (
        "impossible date",
        EPIDURAL,
        "updated: 2026-01-15",
        "updated: 2026-02-30",
        "epidural-injection.md:22: front matter has a value that cannot be read: day is out of range",
    ),
    (
        "long summary",
        EPIDURAL,
        "summary: A shot of steroid medicine near the nerves in your back.",
        "summary: " + "word " * 40,
        "back-pain/epidural-injection.md:3: summary is 199 characters; the limit is 160",
    ),
    ("bad kind", EPIDURAL, "kind: procedure", "kind: operation", "kind must be one of"),
    (
        "missing link target",
        EPIDURAL,
        "(/articles/nerve-ablation/)",
        "(/articles/no-such-article/)",
        "back-pain/epidural-injection.md:28: link to missing article '/articles/no-such-article/'",
    ),
    (
        "missing related",
        EPIDURAL,
        "related: [nerve-ablation]",
        "related: [no-such-article]",
        "back-pain/epidural-injection.md:17: related article 'no-such-article' does not exist",
    ),
    (
        "procedure without facts",
        "back-pain/nerve-ablation.md",
        "at_a_glance:",
        "at_a_glance_typo:",
        "unknown field 'at_a_glance_typo'",
    ),
    ("incomplete facts", EPIDURAL, "  repeatable: Yes, a few times a year\n", "", "at_a_glance is missing: repeatable"),
    (
        # YAML reads a bare Yes as true: the page would have said "True".
        "yes without quotes",
        EPIDURAL,
        "  same_day_home: Yes, with a driver",
        "  same_day_home: Yes",
        "back-pain/epidural-injection.md:7: at_a_glance 'same_day_home': put the answer in quotes",
    ),
    ("no front matter", EPIDURAL, "---\ntitle:", "title:", "back-pain/epidural-injection.md:1: missing front matter"),
    ("bad status", EPIDURAL, "order: 1", "order: 1\nstatus: hidden", "status must be 'published', 'review' or 'draft'"),
]


@pytest.mark.parametrize("name,path,old,new,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_file_is_reported_and_nothing_is_written(library_dir, capsys, name, path, old, new, message):
    load(library_dir)
    edit(library_dir / "back-pain/coming-soon.md", "Not ready yet.", "A good change that must not land.")
    before = snapshot()
    edit(library_dir / path, old, new)
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_content", str(library_dir))
    assert message in capsys.readouterr().err
    assert snapshot() == before


def test_broken_library_on_an_empty_database_writes_nothing(library_dir):
    edit(library_dir / EPIDURAL, "kind: procedure", "kind: nonsense")
    with pytest.raises(CommandError):
        load(library_dir)
    assert snapshot() == ([], [], [])


def test_non_utf8_file_is_named(library_dir, capsys):
    (library_dir / "back-pain/latin.md").write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    with pytest.raises(CommandError):
        load(library_dir)
    assert "back-pain/latin.md:2: the file is not UTF-8 text" in capsys.readouterr().err


def test_duplicate_slug_across_topics(library_dir, capsys):
    other = library_dir / "neck-pain"
    other.mkdir()
    (other / "_topic.md").write_text("---\ntitle: Neck pain\nsummary: Neck.\n---\nNeck.\n")
    (other / "nerve-ablation.md").write_text((library_dir / "back-pain/nerve-ablation.md").read_text())
    with pytest.raises(CommandError):
        load(library_dir)
    assert "neck-pain/nerve-ablation.md:1: duplicate slug 'nerve-ablation'" in capsys.readouterr().err


def test_unknown_topic(library_dir, capsys):
    stray = library_dir / "no-topic"
    stray.mkdir()
    (stray / "lost.md").write_text((library_dir / "back-pain/nerve-ablation.md").read_text())
    with pytest.raises(CommandError):
        load(library_dir)
    assert "no-topic/lost.md:1: unknown topic 'no-topic'" in capsys.readouterr().err


def test_glossary_errors_are_named(library_dir, capsys):
    (library_dir / "glossary.yaml").write_text(
        "- term: Fluoroscopy\n  definition: X.\n- term: fluoroscopy\n  definition: Y.\n- term: Empty\n"
    )
    with pytest.raises(CommandError):
        load(library_dir)
    err = capsys.readouterr().err
    assert "glossary.yaml:3: duplicate term 'fluoroscopy'" in err
    assert "glossary.yaml:5: 'Empty': missing required field 'definition'" in err


def test_all_problems_are_reported_at_once(library_dir, capsys):
    edit(library_dir / EPIDURAL, "kind: procedure", "kind: nonsense")
    edit(library_dir / "back-pain/nerve-ablation.md", "updated: 2026-02-01", "updated: soon")
    with pytest.raises(CommandError, match="2 problem"):
        load(library_dir)


def test_missing_folder(tmp_path, capsys):
    with pytest.raises(CommandError):
        load(tmp_path / "nope")
    assert "no such content folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text,line,message",
    [
        ("- patient: [back shot\n  clinical: [epidural]\n", 2, "not valid YAML"),
        ("- patient: back shot\n  clinical: [epidural]\n", 1, "'patient' and 'clinical' must each be a list of phrases"),
        ("- patient: [a]\n  clinical: [b]\n- patients: [c]\n", 3, "each entry has 'patient' and 'clinical' lists"),
    ],
)
def test_a_broken_synonyms_file_is_a_named_problem_and_search_keeps_working(library_dir, settings, client, text, line, message):
    load(library_dir)
    before = snapshot()
    (library_dir / "synonyms.yaml").write_text("- patient: [back shot]\n  clinical: [epidural steroid injection]\n")
    settings.CONTENT_DIR = library_dir
    assert "Epidural" in client.get("/search/?q=back+shot").content.decode()
    (library_dir / "synonyms.yaml").write_text(text)
    with pytest.raises(CommandError):
        load(library_dir)
    problems = read_library(library_dir).problems
    assert any(p.path.endswith("synonyms.yaml") and p.line == line and message in p.message for p in problems), problems
    assert snapshot() == before
    # Search keeps the last good copy of the file rather than failing.
    response = client.get("/search/?q=back+shot")
    assert response.status_code == 200 and "Epidural" in response.content.decode()
