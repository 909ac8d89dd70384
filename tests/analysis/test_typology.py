"""The source typology a journalist recognises."""

from __future__ import annotations

import pytest

from newsaudit.analysis.speakers import OutletIndex, classify
from newsaudit.analysis.typology import SOURCE_TYPES, source_name, source_type


@pytest.fixture(scope="module")
def nlp():
    from newsaudit.nlp import load

    return load()


@pytest.mark.parametrize("text, phrase, kind", [
    ("Patrick Strawbridge, a lawyer for the Trumps, told the panel it was too broad.",
     "Patrick Strawbridge, a lawyer for the Trumps", "person"),
    ("The Obama administration has cited the cuts as one of the keys.",
     "The Obama administration", "organization"),
    ("The Justice Department said in a statement that the rule applies.",
     "The Justice Department", "organization"),
    ("A spokesperson for the Department of Homeland Security confirmed the waiver ended.",
     "A spokesperson for the Department of Homeland Security", "unnamed"),
    ("Pentagon officials stress they are not targeting the smugglers.",
     "Pentagon officials", "unnamed"),
    ("A federal judge said the order would stand.", "A federal judge", "unnamed"),
    ("Legal experts believe the law could be used as a defense.", "Legal experts", "vague"),
    ("But cynics assumed that Christie wanted a big margin.", "cynics", "vague"),
    ("Court records show that Moore had a tax lien against him.", "Court records",
     "document"),
    ("A Pentagon planning memo released in March said the parade would feature aircraft.",
     "A Pentagon planning memo released in March", "document"),
    ("In a troubling sign, 49% of New York City voters say he should not run.",
     "49% of New York City voters", "document"),
    ("The Jerusalem Post reported that the cells are manipulated.", "The Jerusalem Post",
     "outlet"),
    ("I think it is safe to say the auction will be exciting.", "I", "author"),
    # Breitbart: an outlet's name in capitals, which the recogniser did not tag.
    ("The conversation was set for Friday, according to ABS-CBN.", "ABS-CBN",
     "organization"),
    # ABC News (the fixture's second batch): "Speaker Boehner" is a person.
    ("Last week, Speaker Boehner said he disagreed with Cole.", "Speaker Boehner", "person"),
])
def test_source_type(nlp, text, phrase, kind):
    doc = nlp(text)
    i = text.index(phrase)
    span = doc.char_span(i, i + len(phrase), alignment_mode="expand")
    info = classify(span, OutletIndex())
    assert source_type(span, info) == kind
    assert kind in SOURCE_TYPES


def test_source_name_is_the_resolved_name(nlp):
    text = ("Douglas Letter, a lawyer for the committees, told the court that Congress "
            "needed the information. \"We're investigating massive amounts of Russian "
            "money,\" he said.")
    doc = nlp(text)
    i = text.rindex("he said")
    span = doc.char_span(i, i + 2)
    info = classify(span, OutletIndex())
    assert source_name(span, info) == "Douglas Letter"
    assert source_type(span, info) == "person"


def test_source_name_cuts_the_aside(nlp):
    text = ("Administration officials, without citing specific figures, say they believe "
            "the revenue is down.")
    doc = nlp(text)
    phrase = "Administration officials, without citing specific figures"
    span = doc.char_span(0, len(phrase), alignment_mode="expand")
    assert source_name(span, classify(span, OutletIndex())) == "Administration officials"


def test_a_role_a_name_only_qualifies_is_unnamed(nlp):
    # Breitbart (AllSides): "a former top Obama adviser" is not Obama.
    text = "A former top Obama adviser told the paper that he needs to run."
    phrase = "A former top Obama adviser"
    doc = nlp(text)
    span = doc.char_span(0, len(phrase))
    info = classify(span, OutletIndex())
    assert source_type(span, info) == "unnamed"
    assert source_name(span, info) == "former top Obama adviser"


def test_a_coordinated_subject_keeps_the_named_person(nlp):
    # CNN, allsides:JNmy4ZPXSaBIZ3ae: not "Republican", an organisation.
    text = ("Indiana Gov. Mike Pence signed the bill on Thursday. Pence and Republican "
            "leaders in the state legislature vowed this week to clarify the law.")
    doc = nlp(text)
    phrase = "Pence and Republican leaders in the state legislature"
    i = text.index(phrase)
    span = doc.char_span(i, i + len(phrase), alignment_mode="expand")
    info = classify(span, OutletIndex())
    assert source_name(span, info) == "Mike Pence"
    assert source_type(span, info) == "person"
