"""Pronoun and office speakers resolve by salience, gender and number."""

from __future__ import annotations

import pytest

from newsaudit.analysis.sourcing import find_attributions


def _speaker_of(nlp, text: str, content_words: str) -> tuple[str | None, str]:
    doc = nlp(text)
    for a in find_attributions(doc, min_confidence=0.0, span_model=False):
        if content_words in a.content.text:
            return a.speaker_name, a.speaker_type
    raise AssertionError(f"no attribution with {content_words!r}")


@pytest.fixture(scope="module")
def nlp():
    from newsaudit.nlp import load

    return load()


def test_he_is_the_subject_not_the_nearer_object(nlp):
    # Issue 13: Tillerson's statement was given to "he" = Lavrov.
    text = ("Secretary of State Rex Tillerson met Russian Foreign Minister Sergei Lavrov "
            "in Manila on Sunday. He said the talks on Syria had been useful.")
    assert _speaker_of(nlp, text, "talks on Syria")[0] == "Rex Tillerson"


def test_a_name_inside_the_quotation_is_not_the_speaker(nlp):
    # CNN, AllSides allsides:JNmy4ZPXSaBIZ3ae: the quoted "Gov. Pence" is not "he".
    text = ("Bush, who is expected to announce a run for president, had said Monday in an "
            "interview with conservative radio host Hugh Hewitt that the law was fine.\n\n"
            "\"Gov. Pence has done the right thing,\" he said Monday.")
    assert _speaker_of(nlp, text, "done the right thing")[0] == "Bush"


def test_she_skips_a_man(nlp):
    # Issue 13: a judge's "She said" was given to Manafort.
    text = ("Mr. Manafort appeared before U.S. District Judge Amy Berman Jackson on Friday. "
            "She said the order would stand until the trial.")
    name, _ = _speaker_of(nlp, text, "order would stand")
    assert name is not None and "Manafort" not in name
    assert "Jackson" in name


def test_they_is_the_coordinated_names(nlp):
    # Fox News, allsides:gZqTuVZdacoBJxPe: "they" of Issa and Jordan, not the FBI.
    text = ("In their letter, Issa and Jordan cited a litany of concerns about the FBI "
            "probe.\n\n\"Publicly available information suggests a conflict of interest "
            "in this matter,\" they wrote.")
    name, kind = _speaker_of(nlp, text, "Publicly available")
    assert name == "Issa and Jordan" and kind == "named"


def test_an_office_with_no_named_holder_is_the_sentence_subject(nlp):
    # Christian Science Monitor, allsides:96kIrWjCtDyf69mh.
    text = ("Sen. Cruz formally launched his presidential campaign on Monday. The "
            "first-term senator from Texas said he is looking at options available on a "
            "health insurance exchange.")
    assert _speaker_of(nlp, text, "looking at options")[0] == "Cruz"


def test_an_office_does_not_cross_parties(nlp):
    text = ("Republican nominee Donald Trump spoke in Ohio on Monday. The Democratic "
            "nominee said the race would be close.")
    name, kind = _speaker_of(nlp, text, "race would be close")
    assert name is None and kind == "unresolved"


def test_a_relative_pronoun_is_the_noun_before_its_aside(nlp):
    # PolNeAR test: the parser hangs the relative clause on the verb.
    text = ("Donald Trump lit into the women -- about a dozen now -- who have accused him "
            "of sexually predatory behavior.")
    doc = nlp(text)
    i = text.index("who")
    from newsaudit.analysis.speakers import OutletIndex, classify

    info = classify(doc.char_span(i, i + 3), OutletIndex())
    assert info.antecedent is not None
    assert text[info.antecedent[0] : info.antecedent[1]] == "the women"


def test_a_person_the_recogniser_took_for_an_organisation(nlp):
    # Bloomberg (the fixture's second batch) and Breitbart (Duterte): a name labelled
    # ORG is still a person when a role is apposed to it or a full name ends in it,
    # so "She"/"he" reach it instead of the only PERSON in reach.
    text = ("\"We are considering additional sanctions,\" Sarah Huckabee Sanders said.\n\n"
            "Nikki Haley, the U.S. ambassador to the United Nations, caused a stir on "
            "Sunday. She said on CBS that Russian sanctions will be coming down.")
    assert _speaker_of(nlp, text, "sanctions will be coming")[0] == "Nikki Haley"


def test_a_surname_after_the_full_name_is_the_person(nlp):
    text = ("President-elect Donald Trump has invited his Philippine counterpart Rodrigo "
            "Duterte to the White House. Duterte has repeatedly referred to the outgoing "
            "president as a \"son of a whore.\"\n\nFollowing Trump’s election, Duterte "
            "began to change his attitude. “I don’t want to fight because Trump is there,” "
            "he said the day after the election.")
    name, kind = _speaker_of(nlp, text, "want to fight")
    assert kind == "named" and "Duterte" in name


def test_an_unresolved_or_guessed_pronoun_speaker_is_not_sure(nlp):
    from newsaudit.analysis.sourcing import UNSURE_SPEAKER_CONFIDENCE

    # "He" can only be the recipient of the letter, an object: a guess.
    text = ("The letter from the committee was sent to John Smith on Monday. He said the "
            "talks had failed and that the deal was dead.")
    doc = nlp(text)
    (a,) = [a for a in find_attributions(doc) if "talks had failed" in a.content.text]
    assert a.speaker_name == "John Smith"
    assert a.confidence <= UNSURE_SPEAKER_CONFIDENCE


def test_a_subject_pronoun_speaker_keeps_its_confidence(nlp):
    text = ("Douglas Letter, a lawyer for the committees, spoke on Monday. \"We're "
            "investigating massive amounts of Russian money,\" he said.")
    doc = nlp(text)
    (a,) = [a for a in find_attributions(doc) if "Russian money" in a.content.text]
    assert a.speaker_name == "Douglas Letter" and a.confidence > 0.9


def test_a_surname_the_tagger_took_for_a_noun_is_the_person(nlp):
    # InfoWars, allsides:WGVVqdBGl8fo2WI4 (read after the changes, not tuned on):
    # "Ivey" opening a sentence has no entity and is tagged a noun; "he" is Ivey,
    # not Clinton, whom Ivey only wonders about.
    text = ("The email was sent to Hillary Clinton’s campaign chairman John Podesta by "
            "former Clinton administration official Bill Ivey on March 13, 2016.\n\n"
            "Ivey wonders how Clinton can combat Trump’s larger than life appeal, worrying "
            "that simply ‘defaulting to policy’ won’t work.\n\n"
            "“And as I’ve mentioned, we’ve all been quite content to demean government, drop "
            "civics and in general conspire to produce an unaware and compliant "
            "citizenry,” he writes.")
    assert _speaker_of(nlp, text, "demean government") == ("Ivey", "named")
    assert _speaker_of(nlp, text, "combat Trump") == ("Bill Ivey", "named")
