"""check_content: the style guide's rules, each shown failing with file and reason."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.library.quality import check_library

STATIC = Path(settings.BASE_DIR) / "static"
PLAIN = "You lie on a table. The doctor numbs your skin. A thin needle goes in. It takes a few minutes. " * 8


def write_library(root, body, kind="guide", extra=""):
    (root / "t").mkdir(parents=True)
    (root / "t" / "_topic.md").write_text("---\ntitle: T\nsummary: A topic.\n---\nIntro.\n")
    facts = ""
    if kind == "procedure":
        facts = "at_a_glance:\n" + "".join(
            f"  {k}: x\n"
            for k in (
                "treats",
                "duration",
                "anesthesia",
                "imaging",
                "same_day_home",
                "relief_starts",
                "relief_lasts",
                "repeatable",
            )
        )
    (root / "t" / "a.md").write_text(
        f"---\ntitle: A\nsummary: A short summary.\nkind: {kind}\n{facts}{extra}"
        "sources:\n  - title: S\n    publisher: P\n    year: 2020\nupdated: 2026-01-01\n---\n" + body
    )
    (root / "medical_terms.txt").write_text("# watch list\nfluoroscopy\nradiculopathy\n")
    (root / "glossary.yaml").write_text("- term: Fluoroscopy\n  definition: A live X-ray.\n")
    return root


def problems(root):
    return [str(p) for p in check_library(root, STATIC).problems]


def too_hard(root):
    return [str(p) for p in check_library(root, STATIC).too_hard]


def test_a_plain_article_passes(tmp_path):
    assert problems(write_library(tmp_path, PLAIN + "\nThe doctor uses fluoroscopy.\n")) == []


def test_hard_prose_fails_on_grade(tmp_path):
    hard = (
        "Interventional radiofrequency neurotomy necessitates meticulous fluoroscopic localisation "
        "of anatomically variable medial branch innervation. "
    ) * 40
    root = write_library(tmp_path, hard)
    # A warning until the library is under the full measure (the content issue), then a failure.
    assert problems(root) == []
    assert any("t/a.md" in p and "reading grade SMOG" in p and "over 8" in p for p in too_hard(root))
    with pytest.raises(CommandError):
        call_command("check_content", str(root), "--strict-grade")


def test_procedure_missing_sections(tmp_path):
    found = problems(write_library(tmp_path, "## What is it?\n\n" + PLAIN, kind="procedure"))
    for section in ("risks", "other options", "how to prepare", "when to get help"):
        assert any(f"a procedure needs a '{section}' section" in p for p in found)


def test_procedure_without_facts(tmp_path):
    root = write_library(tmp_path, PLAIN)
    path = root / "t" / "a.md"
    path.write_text(path.read_text().replace("kind: guide", "kind: procedure"))
    assert any("a procedure needs 'at_a_glance' facts" in p for p in problems(root))


def test_image_without_alt_text_and_missing_image(tmp_path):
    found = problems(
        write_library(tmp_path, PLAIN + "\n![](/static/img/spine-anatomy.svg)\n\n![A thing](/static/img/nope.svg)\n")
    )
    assert any("t/a.md:" in p and "an image needs alt text" in p for p in found)
    assert any("image not found under static/: /static/img/nope.svg" in p for p in found)


def test_medical_term_not_in_glossary(tmp_path):
    found = problems(write_library(tmp_path, PLAIN + "\nThis is called radiculopathy.\n"))
    assert any("t/a.md:12: medical term 'radiculopathy' is not in the glossary" in p for p in found)


def test_link_to_missing_article_and_long_summary(tmp_path):
    root = write_library(tmp_path, PLAIN + "\nSee [this](/articles/ghost/).\n")
    path = root / "t" / "a.md"
    path.write_text(path.read_text().replace("A short summary.", "x" * 161))
    found = problems(root)
    assert any("link to missing article '/articles/ghost/'" in p for p in found)
    assert any("summary is 161 characters" in p for p in found)


def test_missing_sources(tmp_path):
    root = write_library(tmp_path, PLAIN)
    path = root / "t" / "a.md"
    path.write_text(path.read_text().replace("sources:\n  - title: S\n    publisher: P\n    year: 2020\n", ""))
    assert any("missing required field 'sources'" in p for p in problems(root))


def test_command_exits_non_zero_with_reasons(tmp_path, capsys):
    write_library(tmp_path, PLAIN + "\nradiculopathy\n")
    with pytest.raises(CommandError, match="1 content problem"):
        call_command("check_content", str(tmp_path))
    assert "not in the glossary" in capsys.readouterr().err


def test_the_shipped_library_passes(capsys):
    call_command("check_content")
    out = capsys.readouterr().out
    assert "Content check passed." in out
