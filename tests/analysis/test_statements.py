"""Statements a reader is shown, and the acts and asides that are not."""

from __future__ import annotations

import pytest

from newsaudit.analysis.sourcing import find_attributions
from newsaudit.analysis.statements import why_not_statement


@pytest.fixture(scope="module")
def nlp():
    from newsaudit.nlp import load

    return load()


def _why(nlp, text: str, content_words: str) -> str | None:
    doc = nlp(text)
    for a in find_attributions(doc, min_confidence=0.0, span_model=False):
        if content_words in a.content.text:
            return why_not_statement(doc, a)
    raise AssertionError(f"no attribution with {content_words!r}")


@pytest.mark.parametrize("text, words, why", [
    # National Review, allsides:ezcZIggtrnJcHrH6: proposing an amendment is an act.
    ("Senate minority leader Chuck Schumer proposed an amendment Tuesday to the rules "
     "for the trial.", "an amendment", "act"),
    # Politico, allsides:J7qojgr04t3A9Uuu.
    ("Yet even as Allen pounds away at the connection, Kaine refuses to blink.",
     "to blink", "act"),
    # A first-person blog post (FakeNewsCorpus 6493).
    ("I think it's safe to say this is likely going to be one of the most exciting live "
     "auctions yet.", "most exciting", "author"),
    # A reader poll widget left in the body (FakeNewsCorpus 23081).
    ("% of readers think this story is Fact. Add your two cents.", "story is Fact",
     "reader poll"),
    # The writer's hedge (NPR, allsides:C5aBxEelPfxKcQ0D).
    ("By calling an Oct. 16 special election, it appears the governor took the most "
     "politically advantageous option available to him.", "the governor took", "author"),
    # Breitbart: "no word" is no one's word.
    ("While there is at press time no word on the details of the call, presidential aid "
     "Christopher Bong Go posted a photo of Duterte speaking to Trump on his Facebook page.",
     "a photo of", "no speaker"),
    # After USA Today opinion, allsides:p5eTLwpLMWEmQW1E: "let’s" is the writer and reader.
    ("Let’s agree that the boy was being disrespectful.",
     "the boy was", "author"),
    # After a New York Times opinion piece (allsides:fC14DVHWBuEmdguR): what the
    # writers say officials should say, no one has said.
    ("Governors and mayors should tell Americans that they must wear masks in all public "
     "areas.", "they must wear", "author"),
])
def test_not_statements(nlp, text, words, why):
    assert _why(nlp, text, words) == why


@pytest.mark.parametrize("text, words", [
    ("Patrick Strawbridge, a lawyer for the Trumps, told the appellate panel that the "
     "committees did not have a legitimate purpose for the subpoenas.", "committees did"),
    # Judgement verbs with a noun content are statements: "accused X of Y".
    ("Stephen Moore accused Democrats of attacking his character in an effort to derail "
     "his nomination.", "Democrats"),
    ("The lawmakers urged the president to sign interim measures approved by the House.",
     "sign interim"),
    ("Campaign finance records show Bosserman has given more than $6,000 to Obama's two "
     "presidential campaigns.", "Bosserman has given"),
])
def test_statements(nlp, text, words):
    assert _why(nlp, text, words) is None
