"""export_content -> load_content into an empty database gives back every field staff can set:
the article format's fields, a scheduled article's publication time, the relations, the
glossary and the image library (pictures under their own ids, alt text, caption), for content
made in the admin as well as from files (F17). Runs on SQLite and PostgreSQL alike."""

import datetime
import io
import tempfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image as Pillow

from articles.library import schema
from articles.library.images import same_picture
from articles.models import Article, GlossaryTerm, Image, Reviewer, Topic

pytestmark = pytest.mark.django_db

SHIPPED = Path(django_settings.BASE_DIR) / "content"
SOURCE = [{"title": "Low back pain", "publisher": "A health service", "year": 2024}]


def picture(colour, fmt="PNG", size=(24, 16)):
    """A real image's bytes: a colour field with a darker band, so pixels differ inside it."""
    image = Pillow.new("RGB", size, colour)
    image.paste((colour[0] // 2, colour[1] // 2, colour[2] // 2), (0, 0, size[0] // 2, size[1] // 3))
    out = io.BytesIO()
    image.save(out, fmt, quality=90) if fmt == "JPEG" else image.save(out, fmt)
    return out.getvalue()


def add_image(alt, caption="", colour=(200, 120, 40), fmt="PNG"):
    extension = {"PNG": "png", "JPEG": "jpg"}[fmt]
    return Image.objects.create(file=ContentFile(picture(colour, fmt), name=f"x.{extension}"), alt_text=alt, caption=caption)


def empty_the_database():
    Article.objects.all().delete()  # first: topics and reviewers are protected while articles use them
    for model in (Topic, GlossaryTerm, Image, Reviewer):
        model.objects.all().delete()


def export(target):
    call_command("export_content", str(target), stdout=io.StringIO(), stderr=io.StringIO())


def load(path, *args):
    out = io.StringIO()
    call_command("load_content", str(path), *args, verbosity=0, stdout=out, stderr=out)
    return out.getvalue()


def articles():
    """Every field staff can set on each article, by slug (ids differ between databases)."""
    found = {}
    for a in Article.objects.select_related("topic", "reviewer").prefetch_related("related"):
        values = {name: getattr(a, name) for name in Article.CONTENT_FIELDS if name != "reviewer"}
        values.update(
            topic=a.topic.slug,
            reviewer=a.reviewer.name if a.reviewer else None,
            related=sorted(r.slug for r in a.related.all()),
            body=a.body.strip(),  # a file's body ends in one line break, a form's in none
            published_at=a.published_at,
            is_published=a.is_published,
        )
        found[a.slug] = values
    return found


def library_images():
    return {i.pk: (i.alt_text, i.caption, i.file.read()) for i in Image.objects.all()}


def assert_same_images(before, after):
    assert set(after) == set(before)
    for pk, (alt, caption, data) in before.items():
        assert after[pk][:2] == (alt, caption), pk
        assert same_picture(after[pk][2], data), pk  # encoded again on load, as an upload is


def topic(slug="back-pain"):
    return Topic.objects.create(slug=slug, title="Back pain", summary="About back pain.", intro="Intro text.")


def admin_article(slug, **values):
    """An article as the admin's form saves it: Article.save(), nothing from a file."""
    fields = {
        "title": "Nerve block",
        "summary": "A short summary.",
        "kind": "guide",
        "body": "Some text.",
        "sources": SOURCE,
        "updated": datetime.date(2026, 11, 1),
        "topic": Topic.objects.first() or topic(),
    }
    article = Article(slug=slug, **{**fields, **values})
    article.save()
    return article


# --- F17's three problems, one test each ----------------------------------------------------


def test_the_editing_guides_image_code_survives_a_move_to_an_empty_database(tmp_path):
    image = add_image("A needle near the spine, seen on live X-ray", caption="The needle's path", fmt="JPEG")
    admin_article("occipital-nerve-block", body=f"Before.\n\n![](image:{image.pk})\n\nAfter.")
    before, pictures = articles(), library_images()
    export(tmp_path / "export")
    empty_the_database()
    load(tmp_path / "export")  # refused before: "an image needs alt text", and no image library
    assert articles() == before
    assert_same_images(pictures, library_images())
    html = Article.objects.get(slug="occipital-nerve-block").body_html
    stored = Image.objects.get(pk=image.pk)
    assert stored.file.url in html and 'alt="A needle near the spine, seen on live X-ray"' in html
    assert "The needle&#x27;s path" in html or "The needle's path" in html


def test_a_scheduled_article_stays_scheduled(tmp_path):
    when = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3, hours=5)
    admin_article("coming-next-week", status="published", published_at=when)
    export(tmp_path / "export")
    assert "published_at:" in (tmp_path / "export/back-pain/coming-next-week.md").read_text()
    empty_the_database()
    load(tmp_path / "export")
    article = Article.objects.get(slug="coming-next-week")
    assert article.published_at == when and not article.is_published  # it went live at once before
    assert not Article.objects.published().filter(slug="coming-next-week").exists()


def test_an_article_the_format_refuses_is_named_by_the_export(tmp_path):
    admin_article("no-sources-yet")
    Article.objects.filter(slug="no-sources-yet").update(sources=[])  # a row from before the rule
    err = io.StringIO()
    with pytest.raises(CommandError, match="load_content would not load"):
        call_command("export_content", str(tmp_path / "export"), stdout=io.StringIO(), stderr=err)
    assert "back-pain/no-sources-yet.md:" in err.getvalue() and "missing required field 'sources'" in err.getvalue()
    assert (tmp_path / "export/back-pain/no-sources-yet.md").exists()  # written all the same


# --- the image library on disk --------------------------------------------------------------


def test_an_id_taken_by_a_different_picture_is_refused_and_nothing_is_loaded(tmp_path):
    image = add_image("A knee joint")
    admin_article("knee-injection", body=f"![](image:{image.pk})")
    export(tmp_path / "export")
    empty_the_database()
    other = Image.objects.create(pk=image.pk, file=ContentFile(picture((10, 200, 90)), name="y.png"), alt_text="Something else")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_content", str(tmp_path / "export"), verbosity=0, stdout=io.StringIO(), stderr=err)
    assert f"export/images.yaml:1: image {image.pk} in the database is a different picture" in err.getvalue()
    assert not Article.objects.exists() and Image.objects.get().alt_text == other.alt_text


def test_a_second_load_keeps_the_pictures_and_an_admin_edit_of_alt_text(tmp_path):
    image = add_image("A hip joint", fmt="JPEG")
    admin_article("hip-injection", body=f"![](image:{image.pk})")
    export(tmp_path / "export")
    empty_the_database()
    load(tmp_path / "export")
    stored = Image.objects.get().file.name
    Image.objects.filter(pk=image.pk).update(alt_text="A hip joint, from the front")  # edited in the admin
    out = load(tmp_path / "export")  # the JPEG was encoded again on the first load: still the same picture
    assert "images.yaml:1 (image" in out and "kept the admin edit" in out
    assert Image.objects.get().alt_text == "A hip joint, from the front" and Image.objects.get().file.name == stored
    load(tmp_path / "export", "--force")
    assert Image.objects.get().alt_text == "A hip joint"


def test_an_admin_edit_exported_and_loaded_back_is_no_conflict_and_a_later_file_change_loads(tmp_path):
    # The editing guide's round trip: edit in the admin, export, commit, load on the same site.
    folder = tmp_path / "export"
    admin_article("hip-injection")
    export(folder)
    load(folder)
    Article.objects.get(slug="hip-injection").save()  # edited in the admin once more, text unchanged
    article = Article.objects.get(slug="hip-injection")
    article.body = "Changed in the admin."
    article.save()
    export(folder)
    out = load(folder)
    assert "conflict" not in out
    path = folder / "back-pain" / "hip-injection.md"
    path.write_text(path.read_text().replace("Changed in the admin.", "Changed in the file."))
    out = load(folder)
    assert "conflict" not in out
    assert Article.objects.get(slug="hip-injection").body.strip() == "Changed in the file."


def test_the_next_upload_after_a_load_gets_a_free_id(tmp_path):
    images = [add_image(f"Picture {n}", colour=(40 * n, 90, 90)) for n in range(1, 4)]
    admin_article("three-pictures", body="\n\n".join(f"![](image:{i.pk})" for i in images))
    export(tmp_path / "export")
    empty_the_database()
    with connection.cursor() as cursor:  # as in a new database: the id sequence starts again at 1
        for sql in connection.ops.sequence_reset_sql(no_style(), [Image]):
            cursor.execute(sql)
    load(tmp_path / "export")
    # On PostgreSQL the id sequence does not follow ids inserted by hand: without the reset
    # this create takes an id that is in use and fails.
    with transaction.atomic():
        new = add_image("A new upload")
    assert new.pk > max(i.pk for i in images)


@pytest.mark.parametrize(
    "entry, data, message",
    [
        ("- id: 5\n  file: 5.png\n  alt_text: x\n", b"<html><script>alert(1)</script>", "This is not a JPEG, PNG or WebP image"),
        ("- id: 5\n  file: ../../secret.png\n  alt_text: x\n", None, "'file' must be the name of a file in _images/"),
        ("- id: 0\n  file: 5.png\n", picture((1, 2, 3)), "'id' must be a whole number from 1"),
        ("- id: 5\n  file: 5.png\n  shape: round\n", picture((1, 2, 3)), "unknown field 'shape'"),
    ],
    ids=["not-an-image", "outside-the-folder", "bad-id", "unknown-field"],
)
def test_a_picture_from_a_folder_is_checked_as_an_upload_is(tmp_path, entry, data, message):
    folder = tmp_path / "library"
    (folder / "_images").mkdir(parents=True)
    (folder / "images.yaml").write_text(entry)
    if data is not None:
        (folder / "_images/5.png").write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("load_content", str(folder), verbosity=0, stdout=io.StringIO(), stderr=err)
    assert "library/images.yaml:1: " in err.getvalue() and message in err.getvalue()
    assert not Image.objects.exists()


# --- the shipped library --------------------------------------------------------------------


def rows():
    """Every stored column of every article, topic and glossary term, by slug, but the bookkeeping
    that names the file or the load (paths, hashes, times of the write)."""
    skip = {"id", "topic_id", "reviewer_id", "source_path", "content_hash", "loaded_fingerprint", "modified_at"}
    found = {}
    for a in Article.objects.values():
        found[a["slug"]] = {k: v for k, v in a.items() if k not in skip}
    for slug, related in Article.related.through.objects.values_list("from_article__slug", "to_article__slug"):
        found[slug].setdefault("related", set()).add(related)
    topics = {t["slug"]: {k: v for k, v in t.items() if k not in skip} for t in Topic.objects.values()}
    glossary = {g["term"]: {k: v for k, v in g.items() if k not in skip} for g in GlossaryTerm.objects.values()}
    return found, topics, glossary


@pytest.mark.slow  # two loads of the whole library: about 15 s
def test_the_shipped_library_exported_and_loaded_again_gives_identical_rows(tmp_path):
    load(SHIPPED)
    before = rows()
    export(tmp_path / "export")
    empty_the_database()
    load(tmp_path / "export")
    after = rows()
    assert after[1] == before[1] and after[2] == before[2]
    assert set(after[0]) == set(before[0])
    for slug, values in before[0].items():
        assert after[0][slug] == values, slug


# --- the property: any article the admin can save -------------------------------------------

# Text a form's box takes: any printable character; the form strips the ends (and folds a
# summary's spaces, as the format does).
PRINTABLE = st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"))
line = st.text(PRINTABLE, min_size=1, max_size=40).map(str.strip).filter(bool)
summary = line.map(lambda s: " ".join(s.split()))
moment = st.datetimes(
    min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2100, 1, 1), timezones=st.just(datetime.UTC)
)
day = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 1, 1))
source = st.fixed_dictionaries(
    {"title": line, "publisher": line, "year": st.integers(1900, 2100)},
    optional={"url": st.sampled_from(["https://example.org/a?b=1", "http://example.org"])},
)


@st.composite
def admin_articles(draw, image_ids):
    kind = draw(st.sampled_from(schema.KINDS))
    facts = st.fixed_dictionaries({}, optional={k: line for k in schema.AT_A_GLANCE})
    if kind == "procedure":
        facts = st.fixed_dictionaries({k: line for k in schema.AT_A_GLANCE})
    body_lines = st.one_of(
        line,
        st.sampled_from(["## Risks", "!!! emergency", "    Call us.", "- a list item", "[A page](/articles/topic-0-page/)"]),
        st.sampled_from(image_ids).map(lambda pk: f"![](image:{pk})"),
        st.tuples(line, st.sampled_from(image_ids)).map(lambda t: f"![{t[0].replace(']', '')}](image:{t[1]})"),
    )
    reviewed = draw(st.none() | day)
    return {
        "title": draw(line),
        "summary": draw(summary),
        "kind": kind,
        "order": draw(st.none() | st.integers(0, schema.MAX_ORDER)),
        "also_called": draw(st.lists(line, max_size=3)),
        "at_a_glance": draw(facts),
        "body_location": draw(st.just("") | line),
        "sources": draw(st.lists(source, min_size=1, max_size=3)),
        "updated": draw(day),
        "reviewed": reviewed,
        "review_due": draw(st.none() | day) if reviewed else None,
        "status": draw(st.sampled_from(schema.STATUSES)),
        "published_at": draw(moment),
        "body": "\n\n".join(draw(st.lists(body_lines, min_size=1, max_size=6))),
        "reviewer": draw(st.none() | st.sampled_from(["Dana Smith", "Lee Park"])) if reviewed else None,
        "related": draw(st.lists(st.integers(0, 3), max_size=3, unique=True)),
    }


@pytest.mark.slow  # about 12 s for 20 examples
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_any_library_made_in_the_admin_survives_export_and_load_into_an_empty_database(data):
    with transaction.atomic():
        empty_the_database()
        pictures = [
            add_image(data.draw(line, "alt"), data.draw(st.just("") | line, "caption"), colour=(60 * n, 30, 200))
            for n in range(3)
        ]
        pictures.append(Image.objects.create(file=ContentFile(picture((9, 9, 9)), name="z.png"), alt_text=""))  # dragged in
        ids = [p.pk for p in pictures]
        topics = [
            Topic.objects.create(slug=f"topic-{n}", title=f"Topic {n}", summary="Summary.", intro="Intro.") for n in range(2)
        ]
        made = [data.draw(admin_articles(ids[:3]), f"article {n}") for n in range(4)]
        for n, values in enumerate(made):
            values = dict(values)
            related, reviewer = values.pop("related"), values.pop("reviewer")
            values["reviewer"] = Reviewer.objects.get_or_create(name=reviewer)[0] if reviewer else None
            values["body"] = values["body"].replace("/articles/topic-0-page/", f"/articles/topic-{n % 2}-page-{n}/")
            article = Article(slug=f"topic-{n % 2}-page-{n}", topic=topics[n % 2], **values)
            article.save()
            made[n] = (article, related)
        for article, related in made:
            article.related.set([made[r][0] for r in related])
        GlossaryTerm.objects.create(term="Fluoroscopy", slug="fluoroscopy", definition="Live X-ray.", aliases=["live X-ray"])
        before, images_before = articles(), library_images()
        with tempfile.TemporaryDirectory() as target:
            export(target)
            empty_the_database()
            load(target)
        after = articles()
        assert set(after) == set(before)
        for slug, values in before.items():
            for name, value in values.items():
                assert after[slug][name] == value, (slug, name)
        assert_same_images(images_before, library_images())
        transaction.set_rollback(True)
