import pytest

from articles.rendering.markdown import default_callout_titles, render

XSS_SAMPLES = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "![x](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<body onload=alert(1)>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<object data="javascript:alert(1)"></object>',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    "[x](vbscript:msgbox(1))",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="&#106;avascript:alert(1)">x</a>',
]


@pytest.mark.parametrize("payload", XSS_SAMPLES)
def test_hostile_markup_is_neutralised(payload):
    html = render(payload).html.lower()
    assert "<script" not in html
    assert "javascript:" not in html
    assert "vbscript:" not in html
    assert "onerror" not in html and "onload" not in html
    assert "<iframe" not in html and "<object" not in html and "<form" not in html
    assert "style=" not in html
    assert "data:text/html" not in html


def test_headings_get_stable_ids_and_a_contents_list():
    result = render("## What is it?\n\ntext\n\n### In more detail\n\nmore\n\n## Risks and side effects\n")
    assert '<h2 id="what-is-it">' in result.html
    assert '<h3 id="in-more-detail">' in result.html
    assert [item["id"] for item in result.toc] == ["what-is-it", "risks-and-side-effects"]
    assert result.toc[0]["children"][0]["title"] == "In more detail"
    # Same input, same ids: links to sections keep working.
    assert render("## What is it?").html == render("## What is it?").html


def test_callouts_take_their_titles_from_the_clinic_settings():
    source = "!!! emergency\n    You cannot move your legs.\n\n!!! urgent\n    You have a fever.\n"
    html = render(source, callout_titles=default_callout_titles("112")).html
    assert '<div class="admonition emergency">' in html
    assert "Call 112 now if" in html
    assert '<div class="admonition urgent">' in html
    assert "Call the clinic the same day if" in html


def test_titled_callouts_keep_their_title():
    html = render('!!! note "Blood thinners"\n    Do not stop them on your own.\n').html
    assert '<div class="admonition note">' in html and "Blood thinners" in html


def test_tables_and_lists_render():
    html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n1. one\n2. two\n").html
    assert "<table>" in html and "<td>1</td>" in html
    assert "<ol>" in html


def test_prose_is_the_running_text_patients_read():
    # Paragraphs, list items, table cells and callout text; never headings or callout titles.
    source = (
        '## Heading\n\nA sentence here.\n\n- a list item\n\n| t |\n|---|\n| cell |\n\n!!! note "A title"\n    Inside the box.\n'
    )
    result = render(source)
    assert result.prose == "A sentence here.\na list item\nt\ncell\nInside the box."
    assert "a list item" in result.text and "cell" in result.text


def test_images_are_collected():
    result = render("![A spine](/static/img/spine.svg) and [a link](/articles/x/)")
    assert result.images == [{"src": "/static/img/spine.svg", "alt": "A spine"}]


def test_nul_bytes_and_empty_input_do_not_break_rendering():
    assert render("\x00").html == ""
    assert render("").html == ""
    assert render(None).html == ""


def test_drawings_get_their_size_and_load_lazily(db):
    """A drawing's room is kept from the start (its viewBox), so the text does not jump."""
    from articles.rendering import site

    html = site.render("![The spine from the side](/static/img/spine-anatomy.svg)\n\n![Gone](/static/img/missing.svg)").html
    assert 'src="/static/img/spine-anatomy.svg" width="800" height="660" loading="lazy" decoding="async"' in html
    # A file that cannot be read keeps no made-up size, but still loads lazily.
    assert 'src="/static/img/missing.svg" loading="lazy" decoding="async"' in html
