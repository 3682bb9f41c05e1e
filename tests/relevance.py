"""A section-level relevance set measured on the shipped library, for each language's search:
each query with the page and the section that answers it (tests/search, tests/translation)."""


def assert_sections_found(queries, find, is_question, label, top3_floor, section_floor, capsys):
    """The page in the top three and the right section as the first link, printed beside the
    test's output and held to the set's floors. find(query) -> hits; is_question(query) -> bool."""
    in_top3 = first_section = 0
    for query, slug, anchor in queries:
        hits = find(query)
        in_top3 += slug in [hit.slug for hit in hits[:3]]
        first_section += bool(hits) and (hits[0].slug, hits[0].anchor) == (slug, anchor)
    total = len(queries)
    with capsys.disabled():
        print(
            f"\n{label}: page in the top 3 {in_top3}/{total} = {in_top3 / total:.1%}; "
            f"right section first {first_section}/{total} = {first_section / total:.1%}"
        )
    assert total >= 60 and sum(1 for query, *_ in queries if is_question(query)) >= 25
    assert in_top3 / total >= top3_floor
    assert first_section / total >= section_floor
