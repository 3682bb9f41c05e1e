"""Codes in the content: checked against their code systems, stored normalised, indexed, and
required of procedure and condition pages by check_content."""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.codes import systems
from articles.library.schema import BY_NAME
from articles.models import Article, ArticleCode
from tests.conftest import FIXTURE_LIBRARY


def problems_of(value, kind="guide"):
    found = []
    BY_NAME["codes"].check(BY_NAME["codes"], value, found.append, {"kind": kind})
    return found


@pytest.mark.parametrize(
    "value,expected",
    [
        ({"icd10cm": ["M54.16", "m5417"], "cpt": ["64493", "0232T"], "snomed": ["23056005"]}, []),
        ({"icd10cm": ["M99.999"]}, ["not an ICD-10-CM code"]),
        ({"icd10cm": ["Z99.X9"]}, ["not an ICD-10-CM code"]),
        ({"cpt": ["6449"]}, ["not a CPT code"]),
        ({"cpt": ["64493 Injection, paravertebral facet joint"]}, ["not a CPT code"]),
        ({"snomed": ["23056006"]}, ["check digit"]),
        ({"loinc": ["1234-5"]}, ["unknown code system"]),
        ({"cpt_pending": ""}, ["must say why"]),
        (["M54.16"], ["must be a set of lists"]),
        ({"icd10cm": "M54.16"}, ["must be a list of codes"]),
    ],
)
def test_each_code_is_checked_against_its_system(value, expected):
    found = problems_of(value)
    assert len(found) == len(expected) and all(e in f for e, f in zip(expected, found, strict=True)), found


def test_codes_are_stored_normalised_and_indexed(library):
    article = Article.objects.get(slug="epidural-injection")
    article.codes = BY_NAME["codes"].to_model({"icd10cm": ["m5416", "M54.16", "M54.17"], "cpt": [62323]})
    article.save()
    assert article.codes == {"icd10cm": ["M54.16", "M54.17"], "cpt": ["62323"]}
    assert set(ArticleCode.objects.filter(article=article).values_list("system", "code")) == {
        ("icd10cm", "M54.16"),
        ("icd10cm", "M54.17"),
        ("cpt", "62323"),
    }
    article.codes = {}
    article.save()
    assert not ArticleCode.objects.filter(article=article).exists()


def test_icd10cm_falls_back_up_the_hierarchy():
    assert systems.broader(systems.ICD10CM, "M54.16") == ["M54.16", "M54.1", "M54"]
    assert systems.broader(systems.ICD10CM, "S33.6XXA") == ["S33.6XXA", "S33.6XX", "S33.6X", "S33.6", "S33"]
    assert systems.broader(systems.CPT, "64493") == ["64493"]


@pytest.fixture
def root(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_LIBRARY, folder)
    return folder


def test_the_loader_refuses_a_code_that_is_not_real(db, root, capsys):
    path = root / "back-pain" / "epidural-injection.md"
    text = path.read_text(encoding="utf-8").replace("sources:", 'codes:\n  icd10cm: ["M54.99"]\nsources:', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_content", str(root), verbosity=0)
    assert "'M54.99' is not an ICD-10-CM code" in capsys.readouterr().err


@pytest.mark.parametrize(
    "codes,message",
    [
        ("", "a procedure needs a procedure code"),
        ('codes:\n  cpt_pending: "Not confirmed from a public source yet."\n', None),
        ('codes:\n  cpt: ["62323"]\n', None),
    ],
)
def test_check_content_wants_a_procedure_code_on_a_procedure(root, capsys, codes, message):
    path = root / "back-pain" / "epidural-injection.md"  # a procedure
    path.write_text(path.read_text(encoding="utf-8").replace("sources:", codes + "sources:", 1), encoding="utf-8")
    with pytest.raises(CommandError):  # the small library lacks sections check_content asks for
        call_command("check_content", str(root))
    err = "\n".join(line for line in capsys.readouterr().err.splitlines() if "epidural-injection.md" in line)
    assert (message in err) if message else ("needs a procedure code" not in err)
    if "cpt_pending" in codes:
        assert "no procedure (CPT) code yet: Not confirmed from a public source yet." in err


def test_every_shipped_procedure_and_condition_carries_its_code():
    from django.conf import settings

    from articles.codes.rules import problems
    from articles.library.reader import read_library

    library = read_library(settings.CONTENT_DIR)
    failures = {slug: problems(s.meta.get("kind"), s.meta.get("codes"))[0] for slug, s in library.articles.items()}
    assert not {slug: f for slug, f in failures.items() if f}
    cpt = [s for s in library.articles.values() if (s.meta.get("codes") or {}).get("cpt")]
    assert len(cpt) >= 18


@pytest.mark.usefixtures("library")
def test_codes_are_edited_in_the_admin_one_a_line(staff_client):
    from tests.editorial.forms import form_data

    article = Article.objects.get(slug="epidural-injection")
    url = f"/admin/articles/article/{article.pk}/change/"
    page = staff_client.get(url).content.decode()
    assert 'name="codes-icd10cm"' in page and 'name="codes-cpt"' in page and 'name="codes-cpt_pending"' in page
    refused = staff_client.post(url, form_data(article, **{"codes-icd10cm": "M54.99"}))
    assert refused.status_code == 200 and "not an ICD-10-CM code" in refused.content.decode()
    saved = staff_client.post(url, form_data(article, **{"codes-icd10cm": "m5416\r\nM54.17", "codes-cpt": "62323"}))
    assert saved.status_code == 302
    article.refresh_from_db()
    assert article.codes == {"icd10cm": ["M54.16", "M54.17"], "cpt": ["62323"]}
    assert ArticleCode.objects.filter(article=article, code="M54.16").exists()
