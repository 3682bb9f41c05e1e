"""How ranking.py finds a query's words in a section's text (lower case)."""

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.search.ranking import _Words


@given(
    text=st.lists(st.sampled_from(["a", "ab", "b", "driv", "driving", "x", " ", "-", ",", "\n"]), max_size=30).map("".join),
    words=st.lists(st.sampled_from(["driv", "a", "ab", "b"]), min_size=1, max_size=2),
)
@hypothesis_settings(max_examples=300, deadline=None, derandomize=True, database=None)
def test_where_words_start_is_found_as_the_pattern_finds_it(text, words):
    """_Words.starts finds the words by their letters first: the same places, one after the
    other, as the pattern's own finditer, which tries every position (several times slower)."""
    matcher = _Words(words)
    assert matcher.starts(text) == [m.start() for m in matcher.pattern.finditer(text)]
