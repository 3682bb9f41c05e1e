"""Files that once hung the loader, failed half-way on PostgreSQL, or reached outside content/
(F19, F20, F21): each is refused as file:line: problem, with a short message, and nothing is
written."""

import resource
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.library import schema
from articles.library.files import MAX_FILE_BYTES
from articles.models import Article, GlossaryTerm, Topic
from tests.servers import MANAGE, ROOT, site_env

TOPIC = "back-pain/_topic.md"
GLOSSARY = "glossary.yaml"


def replace(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def load_fails(library_dir, capsys):
    """load_content refuses the library; its problems, and the database is as it was."""
    before = (list(Topic.objects.values_list("slug", "title")), list(GlossaryTerm.objects.values_list("term", "definition")))
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_content", str(library_dir), verbosity=0)
    assert (
        list(Topic.objects.values_list("slug", "title")),
        list(GlossaryTerm.objects.values_list("term", "definition")),
    ) == before
    assert not Article.objects.exists()
    return capsys.readouterr().err


# --- F20: every value the database would refuse, refused by validation on both databases -----

LONG = "a" * 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (TOPIC, "title: Back pain treatments", 'title: "Nerve\\0blocks"', f"library/{TOPIC}:2: 'title' contains a NUL character"),
        (
            TOPIC,
            "title: Back pain treatments",
            f"title: {LONG[:201]}",
            f"library/{TOPIC}:2: 'title' is 201 characters; the limit is 200",
        ),
        (
            TOPIC,
            "summary: Treatments for long-lasting back pain.",
            f"summary: {LONG}",
            f"library/{TOPIC}:3: 'summary' is 400 characters; the limit is 300",
        ),
        (
            GLOSSARY,
            "- term: Fluoroscopy",
            f"- term: {LONG[:200]}",
            f"library/{GLOSSARY}:1: 'aaaaaaaaaaaaaaaaaaaaaaaaaaa...aaaaaaaaaaaaaaaaaaaaaaaaaaaa': 'term' is 200 characters; the limit is 120",
        ),
        (
            GLOSSARY,
            "definition: A live X-ray picture",
            'definition: "A live\\0 X-ray picture',
            f"library/{GLOSSARY}:1: 'Fluoroscopy': 'definition' contains a NUL character",
        ),
        (
            GLOSSARY,
            "aliases: [live X-ray]",
            'aliases: ["live\\0 X-ray"]',
            f"library/{GLOSSARY}:1: 'Fluoroscopy': 'aliases' contains a NUL character",
        ),
    ],
    ids=[
        "topic-title-nul",
        "topic-title-201",
        "topic-summary-400",
        "glossary-term-200",
        "glossary-definition-nul",
        "glossary-alias-nul",
    ],
)
def test_values_the_database_refuses_are_refused_first(library_dir, capsys, path, old, new, expected):
    replace(library_dir / path, old, new)
    if new.startswith('definition: "'):
        replace(library_dir / path, "guides the needle.", 'guides the needle."')
    assert expected in load_fails(library_dir, capsys).splitlines()


@pytest.mark.django_db
def test_an_article_file_name_longer_than_its_column_is_refused(library_dir, capsys):
    (library_dir / "back-pain/nerve-ablation.md").rename(library_dir / f"back-pain/{'n' * 121}.md")
    err = load_fails(library_dir, capsys)
    assert "file name is 121 characters; the limit is 120" in err


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite does not enforce a varchar's length")
def test_a_value_the_database_refuses_that_validation_does_not_know_is_a_problem_not_a_traceback(library_dir, capsys):
    # A column narrower than the model says (a migration not yet applied, a hand-made change):
    # the database's DataError becomes a problem naming the file being written.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE articles_topic ALTER COLUMN title TYPE varchar(5)")
    err = load_fails(library_dir, capsys)
    assert f"library/{TOPIC}:1: the database refused a value: 'value too long for type character varying(5)'" in err


# --- F21: links out of content/, and files too large to read ------------------------------


@pytest.mark.django_db
def test_a_link_to_an_article_outside_the_content_folder_is_refused(library_dir, tmp_path, capsys):
    outside = tmp_path / "outside-secret.md"
    outside.write_text(
        (library_dir / "back-pain/nerve-ablation.md").read_text().replace("title: Nerve ablation", "title: Secret")
    )
    (library_dir / "back-pain/outside-secret.md").symlink_to(outside)
    err = load_fails(library_dir, capsys)
    assert "library/back-pain/outside-secret.md:1: a link to something outside the content folder; copy it in instead" in err


@pytest.mark.django_db
def test_a_link_to_a_folder_outside_the_content_folder_is_refused(library_dir, tmp_path, capsys):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/_topic.md").write_text((library_dir / TOPIC).read_text())
    (library_dir / "other-topic").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    err = load_fails(library_dir, capsys)
    assert "library/other-topic:1: a link to something outside the content folder; copy it in instead" in err


@pytest.mark.django_db
def test_a_glossary_linked_from_outside_is_refused(library_dir, tmp_path, capsys):
    (library_dir / GLOSSARY).rename(tmp_path / GLOSSARY)
    (library_dir / GLOSSARY).symlink_to(tmp_path / GLOSSARY)
    assert f"library/{GLOSSARY}:1: a link to something outside the content folder" in load_fails(library_dir, capsys)


@pytest.mark.django_db
def test_a_link_inside_the_content_folder_is_read(library_dir, capsys):
    (library_dir / "back-pain/also-ablation.md").symlink_to(library_dir / "back-pain/nerve-ablation.md")
    # Only links that leave content/ are refused: this one is read like any file.
    call_command("load_content", str(library_dir), verbosity=0)
    assert Article.objects.filter(slug="also-ablation").exists()


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(library_dir, capsys):
    path = library_dir / "back-pain/nerve-ablation.md"
    # Front matter that is not valid YAML: refused for its size, so it was never parsed.
    path.write_text("---\ntitle: [unclosed\n---\n" + "Words for the body. " * (MAX_FILE_BYTES // 20 + 1))
    err = load_fails(library_dir, capsys)
    assert "library/back-pain/nerve-ablation.md:1: the file is over 1,000,000 bytes, the limit" in err
    assert "not valid YAML" not in err


# --- F19: YAML alias bombs: a short message, in seconds ----------------------------------


ALIAS = "front matter repeats a value with a YAML alias"


def bomb(name):
    """A YAML value of 10^9 strings in 9 lines of anchors: str() of it never returns."""
    levels = [f"&{name}0 [{', '.join(['lol'] * 10)}]"]
    levels += [f"&{name}{i} [{', '.join([f'*{name}{i - 1}'] * 10)}]" for i in range(1, 9)]
    return "[" + ", ".join(levels) + "]"


def test_messages_show_a_huge_value_in_a_few_characters():
    # A million strings (what a YAML alias makes of a few lines; validation sees such values
    # from the admin form too): each message quotes a bounded piece of it.
    huge = [["lol"] * 1000] * 1000
    problems = []
    schema.check(
        {
            "kind": huge,
            "status": huge,
            "updated": huge,
            "sources": [{"title": "t", "publisher": "p", "year": 2020, "x" * 10**6: 1}],
        },
        lambda name, message: problems.append(message),
    )
    assert {m.split(" ")[0] for m in problems} >= {"kind", "status", "'updated'", "source"}
    assert max(map(len, problems)) < 200, max(problems, key=len)[:300]


def _limited():
    # An unbounded str() of a bomb took 2.2 GB within a minute: stop it long before.
    resource.setrlimit(resource.RLIMIT_AS, (1 << 31, 1 << 31))


@pytest.mark.slow
def test_alias_bombs_are_refused_with_short_messages_in_seconds(library_dir, tmp_path):
    ablation = (library_dir / "back-pain/nerve-ablation.md").read_text()
    for field, line in [
        ("kind", "kind: procedure"),
        ("status", "order: 2"),
        ("updated", "updated: 2026-02-01"),
        ("also_called", "order: 2"),
        ("sources", "sources:"),
    ]:
        text = ablation.replace("order: 2", f"order: 2\n{field}: {bomb('b')}") if line == "order: 2" else ablation
        if line != "order: 2":
            end = (
                "\n  - title: Radiofrequency ablation\n    publisher: Example Society\n    year: 2022"
                if field == "sources"
                else ""
            )
            text = text.replace(line + end, f"{field}: {bomb('b')}")
        (library_dir / f"back-pain/bomb-{field.replace('_', '-')}.md").write_text(text)
    topic = (library_dir / TOPIC).read_text()
    for field, old in [
        ("title", "title: Back pain treatments"),
        ("summary", "summary: Treatments for long-lasting back pain."),
        ("order", "order: 1"),
    ]:
        (library_dir / f"bomb-{field}").mkdir()
        (library_dir / f"bomb-{field}/_topic.md").write_text(topic.replace(old, f"{field}: {bomb('t')}"))
    replace(library_dir / GLOSSARY, "aliases: [live X-ray]", f"aliases: {bomb('g')}")

    env = site_env(tmp_path)
    subprocess.run([*MANAGE, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    for command in ("load_content", "check_content"):
        done = subprocess.run(
            [*MANAGE, command, str(library_dir)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=_limited,
        )
        assert done.returncode == 1, done.stderr[-3000:]
        assert "Traceback" not in done.stderr, done.stderr[-3000:]
        assert len(done.stderr) < 10_000 and max(map(len, done.stderr.splitlines())) < 400
        for expected in [
            f"bomb-kind.md:4: {ALIAS} (*b0)",
            f"bomb-status.md:6: {ALIAS} (*b0)",
            f"bomb-updated.md:19: {ALIAS} (*b0)",
            f"bomb-also-called.md:6: {ALIAS} (*b0)",
            f"bomb-sources.md:15: {ALIAS} (*b0)",
            f"bomb-title/_topic.md:2: {ALIAS} (*t0)",
            f"bomb-summary/_topic.md:3: {ALIAS} (*t0)",
            f"bomb-order/_topic.md:4: {ALIAS} (*t0)",
            f"{GLOSSARY}:1: 'Fluoroscopy': aliases must be a list of words",
        ]:  # fmt: skip
            assert expected in done.stderr, (command, expected, done.stderr[-3000:])
