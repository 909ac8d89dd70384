"""Entities: people, organisations, places and other names in the body.

The named entities come from the shared spaCy pipeline's recogniser (OntoNotes 5
labels: PERSON, ORG, GPE, NORP, LOC, DATE, ...; see ``newsaudit.nlp``), read off
``article.doc`` so their offsets are offsets into ``article.text``. Entities
are trimmed of a leading "the" and of a trailing possessive, so "the Al-Monitor"
and "the White House’s" become "Al-Monitor" and "White House".
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ..article import Article
from ..nlp import doc_text
from ..options import Options
from ..pipeline import stage

log = logging.getLogger(__name__)

_LEADING = ("the ", "The ")
_TRAILING = ("'s", "’s", "'", "’")


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: ``text == article.text[start:end]``, with its spaCy label."""

    text: str
    label: str
    start: int
    end: int


#: Titles that precede a person's name. The small English model sometimes tags a
#: titled name as one ORG ("State Rex Tillerson" in "Secretary of State Rex
#: Tillerson"); the words after such a title are the person (the title-and-name
#: pattern of the OntoNotes guidelines, where titles are outside PERSON spans).
TITLES = (
    "secretary of state", "secretary", "president", "senator", "sen.", "rep.", "governor",
    "gov.", "minister", "ambassador", "envoy", "general", "gen.", "mayor", "judge",
    "director", "chairman", "speaker", "spokesman", "spokeswoman",
)


def _titled_person(doc: Any, ent: Any) -> tuple[int, int] | None:
    """Character range of the name after a title inside (or just before) ``ent``."""
    if ent.label_ == "PERSON":
        return None
    lo = max(0, ent.start - 3)
    words = [t.lower_ for t in doc[lo : ent.end]]
    best = None
    for title in TITLES:
        parts = title.split()
        for i in range(len(words) - len(parts) + 1):
            if words[i : i + len(parts)] == parts and lo + i + len(parts) > ent.start:
                best = max(best or 0, lo + i + len(parts))
    if best is None:
        return None
    name = doc[best : ent.end]
    if len(name) >= 2 and all(t.pos_ == "PROPN" and t.is_title for t in name):
        return name.start_char, name.end_char
    return None


def find_entities(doc: Any) -> list[Entity]:
    """Named entities of a parsed text, in text order.

    Args:
        doc: A spaCy ``Doc`` with entities; offsets index into ``doc.text``.

    Returns:
        One :class:`Entity` per recognised entity, trimmed as described above.
    """
    text = doc_text(doc)
    out: list[Entity] = []
    for ent in doc.ents:
        start, end = ent.start_char, ent.end_char
        label = ent.label_
        titled = _titled_person(doc, ent)
        if titled is not None:
            (start, end), label = titled, "PERSON"
        for lead in _LEADING:
            if text.startswith(lead, start) and end - start > len(lead):
                start += len(lead)
        for tail in _TRAILING:
            if text.endswith(tail, start, end) and end - start > len(tail):
                end -= len(tail)
        # The parse runs over the body with furniture blanked out: an entity the
        # recogniser ran on into such a blank ends at the last word, not in the blank.
        chunk = text[start:end]
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        if end > start:
            out.append(Entity(text[start:end], label, start, end))
    return out


@stage("analysis.entities", version="1", requires=("doc",), assigns=("entities",))
def entities(article: Article, options: Options) -> None:
    """Named entities (spaCy NER) with offsets into the article's text."""
    article.entities = find_entities(article.doc) if article.doc is not None else []
