"""A word with two meanings links to the one the paragraph means, or to none (review §7)."""

from articles.library.words import read_glossary
from articles.rendering.glossary import Entry, GlossaryIndex

STUDY = Entry("Clinical trial", "clinical-trial", "A research study.", ("trial",), ("study", "research"))
TEST_RUN = Entry("Trial stimulation", "trial-stimulation", "A test run.", ("trial",), ("stimulator", "leads"))


def _linked(html):
    index = GlossaryIndex([STUDY, TEST_RUN])
    return index.link(html)


def test_each_paragraph_gets_the_meaning_its_own_words_show():
    html = _linked("<p>First you have a trial of the stimulator.</p><ul><li>This trial is a research study.</li></ul>")
    assert html.index("/glossary/#trial-stimulation") < html.index("/glossary/#clinical-trial")


def test_a_paragraph_that_shows_neither_meaning_links_neither():
    assert "glossary" not in _linked("<p>The trial took a while.</p>")


def test_an_entry_without_sense_words_is_the_meaning_otherwise():
    plain = Entry("Spinal anesthetic", "spinal-anesthetic", "Numbing for surgery.", ("spinal block",))
    other = Entry("Spinal block (pain clinic)", "x", "Other.", ("spinal block",), ("pain clinic",))
    index = GlossaryIndex([plain, other])
    assert "#spinal-anesthetic" in index.link("<p>A spinal block for surgery.</p>")
    assert 'href="/glossary/#x"' in index.link("<p>A spinal block at the pain clinic.</p>")


def test_the_glossary_file_refuses_a_shared_name_nothing_tells_apart(tmp_path):
    (tmp_path / "glossary.yaml").write_text(
        "- term: Clinical trial\n  definition: A study.\n  aliases: [trial]\n"
        "- term: Trial stimulation\n  definition: A test run.\n  aliases: [trial]\n"
    )
    problems = []
    read_glossary(tmp_path / "glossary.yaml", tmp_path, problems)
    assert [p.message for p in problems] == [
        "'trial' is a name of 'Clinical trial' and 'Trial stimulation': give each meaning sense_words, or keep the name on one"
    ]


def test_the_shipped_glossary_fixes_the_reviews_wrong_meanings(settings):
    problems = []
    entries, _ = read_glossary(settings.CONTENT_DIR / "glossary.yaml", settings.CONTENT_DIR, problems)
    index = GlossaryIndex(
        Entry(e["term"], e["term"], e["definition"], tuple(e["aliases"]), tuple(e["sense_words"])) for e in entries
    )
    assert not problems

    def meaning(html):
        linked = index.link(html)
        return linked.split('href="/glossary/#')[1].split('"')[0] if "/glossary/#" in linked else None

    assert meaning("<p>First you have a trial with temporary leads.</p>") == "Trial stimulation"
    assert meaning("<p>First you have a trial of the pump.</p>") == "Pump trial"
    assert meaning("<p>Spinal nerves leave the spine.</p>") is None  # "spinal" is no longer an alias
    assert meaning("<p>It is called the dorsal root ganglion (DRG).</p>") == "Dorsal root ganglion"
    assert meaning("<p>It is nerve pain.</p>") == "Nerve pain"


def test_the_admin_refuses_a_shared_name_nothing_tells_apart(admin_client, db):
    from articles.models import GlossaryTerm

    GlossaryTerm.objects.create(term="Clinical trial", slug="clinical-trial", definition="A study.", aliases=["trial"])
    form = {"term": "Trial stimulation", "slug": "trial-stimulation", "definition": "A test run.", "aliases": "trial"}
    refused = admin_client.post("/admin/articles/glossaryterm/add/", {**form, "sense_words": ""})
    assert refused.status_code == 200
    assert "“trial” is also a name of “Clinical trial”" in refused.content.decode()
    assert not GlossaryTerm.objects.filter(term="Trial stimulation").exists()
    # With words that show its meaning, the new term is linked only where they are near.
    added = admin_client.post("/admin/articles/glossaryterm/add/", {**form, "sense_words": "stimulator\nleads"})
    assert added.status_code == 302 and GlossaryTerm.objects.get(term="Trial stimulation").sense_words == ["stimulator", "leads"]
