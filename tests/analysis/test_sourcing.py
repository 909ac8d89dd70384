"""Tests for analysis.sourcing, analysis.quotes and analysis.speakers."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from newsaudit.analysis.quotes import find_quotes
from newsaudit.analysis.sourcing import find_attributions, sourcing, summarize
from newsaudit.article import Article, Span
from newsaudit.nlp import load
from newsaudit.options import Options

DIPLOMAT_CONTENT = "Last week, the Americans and Russia met in Jordan"


@pytest.fixture(scope="module")
def nlp():
    return load()


def attributions(nlp, text, provenance=None):
    return find_attributions(nlp(text), provenance)


def _diplomat(attrs):
    hits = [a for a in attrs if a.content.text.startswith(DIPLOMAT_CONTENT)]
    assert len(hits) == 1, [a.content.text for a in attrs]
    return hits[0]


# -- the example ---------------------------------------------------------------------


def test_sourcing_example_former_diplomat_full_pipeline(example_report, example_text):
    article = example_report.article
    a = _diplomat(article.attributions)
    assert a.speaker is not None and a.speaker.text == "a former diplomat"
    assert a.speaker_type == "anonymous"
    assert a.cue is not None and a.cue.text == "told"
    assert a.direct is True
    assert a.via == "Al-Monitor"
    start = example_text.index("Last week, the Americans")
    assert (a.content.start, a.content.text) == (start, example_text[start : a.content.end])
    assert a.content.text.endswith("these zones in the south")
    assert example_text[a.speaker.start : a.speaker.end] == "a former diplomat"


def test_sourcing_example_body_all_lines(example_text, nlp):
    article = Article(example_text)
    article.body = [(0, len(example_text))]
    article.doc = nlp(article.body_text())
    sourcing(article, Options())
    a = _diplomat(article.attributions)
    assert (a.speaker.text, a.speaker_type, a.cue.text, a.direct, a.via) == (
        "a former diplomat", "anonymous", "told", True, "Al-Monitor")
    # "per the report" and "according to the report" resolve to the outlet named before.
    reports = [x for x in article.attributions if x.speaker and x.speaker.text == "the report"]
    assert {x.cue.text for x in reports} == {"per", "according to"}
    assert {x.via for x in reports} == {"Al-Monitor"}
    signals = article.signals["sourcing"]
    assert signals["n_attributions"] == len(article.attributions)
    assert signals["n_anonymous"] == 2  # the quote and its continuation
    assert 0 < signals["share_secondhand"] <= 1


def test_sourcing_example_snippet_continuation(nlp):
    text = ("“Last week, the Americans and Russia met in Jordan,” a former diplomat told "
            "the Al-Monitor. “The meeting in Jordan was one part of it.”")
    attrs = attributions(nlp, text)
    got = [(a.content.text, a.speaker.text, a.cue.text if a.cue else None, a.via) for a in attrs]
    assert got == [
        ("Last week, the Americans and Russia met in Jordan", "a former diplomat", "told",
         "Al-Monitor"),
        ("The meeting in Jordan was one part of it.", "a former diplomat", None, "Al-Monitor"),
    ]


@dataclass
class _Cited:
    name: str
    mentions: list[Span] = field(default_factory=list)


@dataclass
class _Prov:
    cited_sources: list[_Cited]


def test_sourcing_via_matches_provenance_mentions(nlp):
    text = "The ministry leaked a memo, the paper said. “It is over now,” an aide told the paper."
    start = text.index("told the paper")
    prov = _Prov([_Cited("The Daily Planet", [Span(start, start + 14, "told the paper")])])
    a = next(x for x in attributions(nlp, text, prov) if x.speaker.text == "an aide")
    assert (a.via, a.speaker_type, a.direct) == ("The Daily Planet", "anonymous", True)


# -- quote styles --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win the race" today.', ['"we will win the race"']),
        ("He said “we will win the race” today.", ["“we will win the race”"]),
        ("She said ‘we don’t know yet’ and the players’ union agreed.", ["‘we don’t know yet’"]),
        ("PM says 'we will fight on' tonight", ["'we will fight on'"]),
        ("“A ‘nested’ quote here,” he said.", ["“A ‘nested’ quote here,”"]),
        ("“First paragraph goes on.\n“Second one ends.” he said.",
         ["“First paragraph goes on.\n“Second one ends.”"]),
        ('"Straight runs on.\n\n"And ends here," she said.',
         ['"Straight runs on.\n\n"And ends here,"']),
        ("An unclosed “quote here\nNext paragraph.", ["“quote here"]),
        ("It's the players' choice, isn't it", []),
        ("Rock ’n’ roll in the ’90s", []),
        ("''Yes,'' he said, ''we will.''", ["''Yes,''", "''we will.''"]),
        ("It's the players'' choice", []),
    ],
)
def test_find_quotes_styles(text, expected):
    assert [text[q.start : q.end] for q in find_quotes(text)] == expected


def test_find_quotes_nested_flagged():
    quotes = find_quotes("“He told me ‘never again’ after it,” Jones said.", nested=True)
    assert [(q.kind, q.nested) for q in quotes] == [("double", False), ("single", True)]


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        ('"We will win this race," said Senator John Smith.', "Senator John Smith", "said",
         "We will win this race"),
        ("“We will win this race,” Smith said.", "Smith", "said", "We will win this race"),
        ("‘We will win this race,’ Smith said.", "Smith", "said", "We will win this race"),
        ("“He told me ‘never again’ after the vote,” Jones said.", "Jones", "said",
         "He told me ‘never again’ after the vote"),
        ("“The economy is strong. Wages are rising.\n\n“We will keep going,” the governor said.",
         "the governor", "said", "The economy is strong. Wages are rising.\n\n“We will keep going"),
    ],
)
def test_sourcing_direct_quote_styles(nlp, text, speaker, cue, content):
    (a,) = attributions(nlp, text)
    assert (a.speaker.text, a.cue.text, a.content.text, a.direct) == (speaker, cue, content, True)
    assert text[a.content.start : a.content.end] == content


# -- indirect speech -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content", "via"),
    [
        ("The senator said that the bill would pass next week.", "The senator", "said",
         "the bill would pass next week", None),
        ("Secretary of State Rex Tillerson said the United States would respond.",
         "Secretary of State Rex Tillerson", "said", "the United States would respond", None),
        ("According to officials, the talks collapsed on Monday.", "officials", "According to",
         "the talks collapsed on Monday.", None),
        ("The talks collapsed on Monday, according to sources familiar with the matter.",
         "sources familiar with the matter", "according to", "The talks collapsed on Monday",
         None),
        ("Kim told CNN that the border would stay closed.", "Kim", "told",
         "the border would stay closed", "CNN"),
        ("A senior administration official told reporters the deal was dead.",
         "A senior administration official", "told", "the deal was dead", None),
    ],
)
def test_sourcing_indirect_patterns(nlp, text, speaker, cue, content, via):
    (a,) = attributions(nlp, text)
    assert (a.speaker.text, a.cue.text, a.content.text, a.direct, a.via) == (
        speaker, cue, content, False, via)


# -- speakers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker_type", "name", "role"),
    [
        ("Secretary of State Rex Tillerson said the United States would respond.", "named",
         "Rex Tillerson", "Secretary of State"),
        ("Maria Lopez, a spokeswoman for the ministry, said the border would stay closed.",
         "named", "Maria Lopez", "spokeswoman for the ministry"),
        ("Officials said the border would stay closed.", "anonymous", None, None),
        ("A person close to the president said the decision was final.", "anonymous", None,
         None),
        ("The Pentagon said the strike hit its target.", "organization", "Pentagon", None),
        ("The newspaper reported that the deal was signed.", "outlet", None, None),
    ],
)
def test_sourcing_speaker_types(nlp, text, speaker_type, name, role):
    (a,) = attributions(nlp, text)
    assert (a.speaker_type, a.speaker_name, a.role) == (speaker_type, name, role)


@pytest.mark.parametrize(
    ("text", "cue", "speaker_type", "name", "source_type"),
    [
        # Reuters, allsides:IXDCq9MDUwpY3MNK: the head after a dateline is tagged as a
        # name, and the name inside "for ..." only says whose lawyers they are.
        ("NEW YORK (Reuters) - Lawyers for U.S. President Donald Trump asked a federal "
         "appeals court on Friday to block Deutsche Bank AG from handing the financial "
         "records of the president’s family to Democratic lawmakers.", "asked", "anonymous",
         "Lawyers for U.S. President Donald Trump", "unnamed"),
        # USA Today, allsides:OaNbWgzJl2tm2ehd (the article's "Abedin." split the
        # sentence): an aide to Clinton is not Clinton.
        ('A former top aide to Hillary Rodham Clinton, declares the couple\'s love for New '
         'York City in the video and vows that "no one will work harder to make it better" '
         'than her husband.', "vows", "anonymous",
         "former top aide to Hillary Rodham Clinton", "unnamed"),
        # Breitbart, allsides:xganCPK7oNACGKqh: "saying" follows McConnell, not Scalise.
        ("During a Thursday interview on Fox News Channel’s “America’s Newsroom,” Rep. Steve "
         "Scalise (R-LA) reacted to Senate Majority Leader Mitch McConnell (R-KY) saying he "
         "favors allowing states to declare bankruptcy instead of a bailout from the federal "
         "government.", "saying", "named", "Mitch McConnell", "person"),
    ],
)
def test_sourcing_speaker_is_the_head_not_a_name_beside_it(nlp, text, cue, speaker_type,
                                                            name, source_type):
    (a,) = [a for a in attributions(nlp, text) if a.cue is not None and a.cue.text == cue]
    assert (a.speaker_type, a.speaker_name, a.source_type) == (speaker_type, name,
                                                              source_type)


def test_sourcing_people_who_spoke_to_an_outlet_are_not_the_outlet(nlp):
    # Washington Free Beacon, allsides:LBexlrmMmsevO1cD (AP's story): the outlet is
    # cited, but the two people are the source.
    text = ("The Associated Press reported last month about Zelenskiy's meeting on May 7 with "
            "two top aides. [He] separately briefed two U.S. Embassy officials, Suriya "
            "Jayanti and Joseph Pennington, about Zelenskiy's concerns, said the two people "
            "who spoke to the AP.")
    provenance = {"cited_sources": [{"name": "The Associated Press", "mentions": [
        {"start": 0, "end": 24}, {"start": text.index("AP."), "end": text.index("AP.") + 2}]}]}
    (a,) = [a for a in attributions(nlp, text, provenance) if a.cue and a.cue.text == "said"]
    assert a.speaker.text == "the two people who spoke to the AP"
    assert (a.speaker_type, a.source_type) == ("anonymous", "unnamed")


def test_sourcing_pronoun_goes_to_the_main_clause_subject(nlp):
    # The Guardian, allsides:vewf8SqfJM8hN4B5: "He" is Peterson, who said that
    # Benjamin was one of them, not Benjamin.
    text = ("Peterson, who describes himself as a “professor against political correctness” "
            "said that Benjamin, who blogs under the name Sargon of Akkad, was one of a "
            "handful of controversial figures who had been invited to test the initiative.\n\n"
            "He said: “I think we’ve got four, five or six people who are lined up. They’ll "
            "be our first beta testers fundamentally.”")
    (a,) = [a for a in attributions(nlp, text) if a.speaker and a.speaker.text == "He"]
    assert a.speaker_name == "Peterson"


def test_sourcing_two_coordinated_names_are_both_the_speaker(nlp):
    # Associated Press, allsides:EdwBg8on3BBPiMhx (read after the changes): the parser
    # makes "Trump" a modifier of "Xi Jinping"; the speaker is both, not the longer name.
    text = ("In a meeting over the weekend, Trump and Chinese President Xi Jinping agreed "
            "to a ceasefire in the trade dispute. Details are unclear, but the White House "
            "says it agreed to delay a planned tariff increase on Chinese goods.")
    names = {a.speaker_name for a in attributions(nlp, text)
             if a.speaker is not None and "Xi Jinping" in a.speaker.text}
    assert names == {"Trump and Chinese President Xi Jinping"}


def test_sourcing_participle_with_its_own_object_keeps_the_subject(nlp):
    # Fox News, allsides:gZqTuVZdacoBJxPe: the lawmakers ask, not Perez.
    text = ("Separately, Darrell Issa and Jim Jordan wrote to Labor Secretary Thomas Perez "
            "asking him about any possible involvement, given his prior position.")
    names = {a.speaker_name for a in attributions(nlp, text)
             if a.cue is not None and a.cue.text == "asking"}
    assert "Thomas Perez" not in names


def test_sourcing_according_to_an_outlet_is_the_channel(nlp):
    # The Hill, allsides:H07iC8RY5V0rIV4z.
    text = ("Sen. Chris Van Hollen (D-Md.), chairman of the Democratic Senatorial Campaign "
            "Committee, spoke last week. \"We welcome support from everybody who wants to "
            "help, including Secretary Clinton and President Obama,\" he said, according to "
            "the Washington Examiner.")
    (a,) = attributions(nlp, text)
    assert (a.speaker.text, a.speaker_name, a.cue.text, a.via) == (
        "he", "Chris Van Hollen", "said", "Washington Examiner")


def test_sourcing_according_to_a_person_is_their_account(nlp):
    # CNN, allsides:dUPj2ShmqvEWKTWQ: what Trump said to Stahl is reported by Stahl.
    text = ('According to "60 Minutes" correspondent Lesley Stahl, Trump said to her, "I do '
            'it to discredit you all and demean you all so when you write negative stories '
            'about me, no one will believe you."')
    (a,) = attributions(nlp, text)
    assert (a.cue.text, a.speaker_name) == ("According to", "Lesley Stahl")


def test_sourcing_speaker_stays_on_its_cue_line(nlp):
    # USA Today opinion, allsides:p5eTLwpLMWEmQW1E: a related-story line run into the
    # next sentence by the parser is not its speaker.
    text = ("Read: Stop trusting viral videos\n\nLet’s assume the worst, and agree that "
            "the boy was being disrespectful. That still would not justify the threats.")
    assert all(a.speaker is None or a.speaker.text != "Read" for a in attributions(nlp, text))


@pytest.mark.parametrize(
    ("text", "pronoun", "antecedent", "speaker_type"),
    [
        ("Rex Tillerson arrived in Moscow. He said the talks were productive.", "He",
         "Rex Tillerson", "named"),
        ("The Pentagon issued a statement. They said the border would stay closed.", "They",
         "Pentagon", "organization"),
    ],
)
def test_sourcing_pronoun_resolution(nlp, text, pronoun, antecedent, speaker_type):
    (a,) = attributions(nlp, text)
    assert (a.speaker.text, a.antecedent.text, a.speaker_type) == (
        pronoun, antecedent, speaker_type)
    assert text[a.antecedent.start : a.antecedent.end] == antecedent


@pytest.mark.parametrize(
    ("text", "speaker", "speaker_type", "antecedent"),
    [
        # A surname the entity recogniser tags ORG is the person named in full before.
        ("Donald Trump held a rally in Ohio. Trump said the election was rigged.", "Trump",
         "named", "Donald Trump"),
        # A person named by office: the earlier name given that office.
        ("Sen. Tim Kaine visited the plant. The senator said the jobs would stay.",
         "The senator", "named", "Tim Kaine"),
        ("Republican presidential nominee Donald Trump spoke in Ohio on Monday. "
         "The Republican presidential nominee said the economy was a disaster.",
         "The Republican presidential nominee", "named", "Donald Trump"),
        # ... but not a holder of another party's nomination.
        ("Republican nominee Donald Trump spoke in Ohio on Monday. "
         "The Democratic nominee said the economy was growing.", "The Democratic nominee",
         "unresolved", None),
        ("The president said the economy was improving.", "The president", "unresolved", None),
        # An indefinite office introduces someone unnamed.
        ("A federal judge said the law was unconstitutional.", "A federal judge", "anonymous",
         None),
        # A party qualifies a group of people; it does not make them an organisation.
        ("Two Democratic speechwriters said the line was borrowed from a 2008 speech.",
         "Two Democratic speechwriters", "anonymous", None),
    ],
)
def test_sourcing_speakers_by_name_and_office(nlp, text, speaker, speaker_type, antecedent):
    (a,) = attributions(nlp, text)
    assert (a.speaker.text, a.speaker_type) == (speaker, speaker_type)
    assert (a.antecedent.text if a.antecedent else None) == antecedent
    if antecedent:
        assert a.speaker_name == antecedent


# -- negatives -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "experts" were wrong about the vote.',
        "The “deal” fell apart after two “rounds” of talks.",
        "The board read “War and Peace” over the summer holidays.",
        "Prices rose by 4 per cent in March.",
        "",
    ],
)
def test_sourcing_scare_quotes_are_not_attributions(nlp, text):
    assert attributions(nlp, text) == []


def test_sourcing_called_scare_quote_is_indirect(nlp):
    (a,) = attributions(nlp, "He called the plan a “disaster” and left.")
    assert (a.content.text, a.direct) == ("the plan a “disaster”", False)


def test_summarize_counts():
    assert summarize([], 0)["n_attributions"] == 0
    assert summarize([], 0)["share_anonymous"] == 0.0


# -- cues beyond "say": the PolNeAR-derived lexicon and frames ------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content", "pattern"),
    [
        ("The senator denied that she had received the money.", "The senator", "denied",
         "she had received the money", "ccomp"),
        ("Critics argue the plan would raise taxes on the middle class.", "Critics", "argue",
         "the plan would raise taxes on the middle class", "ccomp"),
        ("The governor warned that the state would run out of water by August.",
         "The governor", "warned", "the state would run out of water by August", "ccomp"),
        ("The union vowed to fight the closure in court.", "The union", "vowed",
         "to fight the closure in court", "xcomp"),
        ("Trump accused Clinton of lying about her emails.", "Trump", "accused",
         "Clinton of lying about her emails", "object"),
        ("The mayor called for an independent inquiry into the shooting.", "The mayor",
         "called", "an independent inquiry into the shooting", "prep_object"),
        ("The plan was criticized by environmental groups.", "environmental groups",
         "was criticized", "The plan", "passive"),
        ("As experts have pointed out, the law is free to change.", "experts",
         "have pointed out", "the law is free to change.", "as_clause"),
    ],
)
def test_sourcing_lexicon_cues(nlp, text, speaker, cue, content, pattern):
    (a,) = attributions(nlp, text)
    assert (a.speaker.text, a.cue.text, a.content.text, a.pattern, a.direct) == (
        speaker, cue, content, pattern, False)


def test_sourcing_critics_are_anonymous(nlp):
    (a,) = attributions(nlp, "Critics argue the plan would raise taxes on the middle class.")
    assert a.speaker_type == "anonymous"


def test_sourcing_document_object_is_not_content(nlp):
    # "issued a statement": the object names the vessel, not the message.
    assert attributions(nlp, "The Pentagon issued a statement.") == []


def test_cue_lexicon_thresholds():
    from newsaudit.analysis import cue_lexicon, frames

    ccomp = cue_lexicon.cues("ccomp")
    assert {"say", "tell", "argue", "deny", "warn", "insist", "believe"} <= ccomp
    m, n = cue_lexicon.TRAIN_COUNTS["object"]["tell"]
    assert m / n < cue_lexicon.MIN_PRECISION  # "told reporters": the addressee
    assert "tell" not in frames.OBJECT_CUES and "tell" in frames.CCOMP_CUES
    assert cue_lexicon.cues("ccomp", min_precision=1.1) == frozenset()
    # A verb too rare on train for its counts to decide keeps its hand-listed role.
    assert "quip" not in cue_lexicon.counted("ccomp") and "quip" in frames.CCOMP_CUES


# -- layout: interrupted quotations, signed quotes, "X said:", transcripts ------------


def test_sourcing_interrupted_quote_fragments(nlp):
    text = "“We will win,” she said. “Count on it, every single one of us.”"
    first, second = attributions(nlp, text)
    assert [f.text for f in first.fragments] == [
        "We will win", "Count on it, every single one of us."]
    assert (first.content.text, first.cue.text, first.pattern) == ("We will win", "said", "ccomp")
    assert (second.pattern, second.speaker.text, second.fragments) == ("continuation", "she", ())


def test_sourcing_quote_in_another_paragraph_is_not_a_fragment(nlp):
    text = "“We will win,” she said.\n\n“Count on it, every single one of us.”"
    first, second = attributions(nlp, text)
    assert first.fragments == () and second.pattern == "continuation"


def test_sourcing_double_apostrophe_quotes(nlp):
    text = ("''This isn't tax reform,'' said Mr. Holtz-Eakin, an economist. "
            "''It's anti-reform and it makes the code worse.''")
    first, second = attributions(nlp, text)
    assert (first.speaker.text, first.speaker_type, first.content.text, first.direct) == (
        "Mr. Holtz-Eakin, an economist", "named", "This isn't tax reform", True)
    assert second.content.text == "It's anti-reform and it makes the code worse."
    assert len(first.fragments) == 2


def test_sourcing_signed_quote(nlp):
    text = "“I just hope this campaign gives us the anger to go out and vote.” ― Jorge Falcon"
    (a,) = attributions(nlp, text)
    assert (a.speaker.text, a.speaker_type, a.cue.text, a.pattern, a.direct) == (
        "Jorge Falcon", "named", "―", "signed", True)
    assert a.content.text.startswith("I just hope")


@pytest.mark.parametrize("quote", ["", "“"])
def test_sourcing_colon_introduces_next_paragraph(nlp, quote):
    body = "She can't beat this guy without rigging it with the referee."
    text = f"Limbaugh added:\n\n{quote}{body}{'”' if quote else ''}"
    (a,) = attributions(nlp, text)
    assert (a.speaker.text, a.cue.text, a.content.text, a.pattern, a.direct) == (
        "Limbaugh", "added", body, "colon", bool(quote))


def test_sourcing_transcript_inside_quotation(nlp):
    text = ('"WALLACE: Let\'s start with breaking news on the debate story.\n\n'
            '"PENCE: Well, look, this is an episode of a game show."')
    got = [(a.speaker.text, a.pattern) for a in attributions(nlp, text)]
    assert got == [("WALLACE", "transcript"), ("PENCE", "transcript")]


def test_sourcing_quote_split_within_sentence(nlp):
    text = "“We will win this race,” he said, “and we will win it by a mile.”"
    (a,) = attributions(nlp, text)
    assert (a.speaker.text, a.cue.text, a.pattern, a.direct) == ("he", "said", "ccomp", True)
    assert [f.text for f in a.fragments] == [
        "We will win this race", "and we will win it by a mile."]
    assert a.content.start == a.fragments[0].start and a.content.end == a.fragments[1].end


def test_sourcing_parenthetical_cue_fragments(nlp):
    (a,) = attributions(nlp, "The museum, Mr. Obama said, would make visitors face hard truths.")
    assert (a.speaker.text, a.pattern) == ("Mr. Obama", "parataxis")
    assert [f.text for f in a.fragments] == ["The museum", "would make visitors face hard truths."]


# -- content boundaries (PolNeAR dev sentences) ----------------------------------------


def _content(nlp, text, cue):
    hits = [a for a in attributions(nlp, text) if a.cue is not None and a.cue.text == cue]
    assert len(hits) == 1, [(a.cue and a.cue.text, a.content.text) for a in hits]
    return hits[0]


@pytest.mark.parametrize(
    "text,cue,content",
    [
        # a non-restrictive relative clause the writer adds
        ("Trump compared his struggles to those of the former president, who also ran "
         "into financial trouble at one point.", "compared",
         "his struggles to those of the former president"),
        ("He said he expects Clinton to fully recover from her bout with pneumonia, which "
         "forced her to leave a Sept. 11 memorial event early.", "said",
         "he expects Clinton to fully recover from her bout with pneumonia"),
        # a participial clause set off by a comma
        ("She said she believes we must continue to push policies that help make up for "
         "racial divides in the United States, saying that “race still determines too much” "
         "in America.", "said",
         "she believes we must continue to push policies that help make up for racial "
         "divides in the United States"),
        # a second reporting verb coordinated with the cue, hung on the content
        ('China said it was "resolutely opposed" to the test and warned North Korea to '
         "refrain from further actions that would worsen the situation.", "said",
         'it was "resolutely opposed" to the test'),
    ],
)
def test_sourcing_content_leaves_out_trailing_asides(nlp, text, cue, content):
    assert _content(nlp, text, cue).content.text == content


def test_sourcing_coordinated_cue_with_own_complement_is_its_own_attribution(nlp):
    text = ("She said fathers and parents who adopt would not be eligible for the six weeks of "
            "paid leave, and when pressed on why the plan leaves out dads, the 34-year-old "
            'mother of three replied, "It\'s meant to benefit, whether it\'s in same-sex '
            "marriages as well, to benefit the mother who has given birth to the child if they "
            'have legal married status under the tax code."')
    said = _content(nlp, text, "said")
    assert said.content.text == ("fathers and parents who adopt would not be eligible for the "
                                 "six weeks of paid leave")
    replied = _content(nlp, text, "replied")
    assert replied.content.text.startswith("It's meant to benefit")


def test_sourcing_xcomp_takes_coordinated_infinitives(nlp):
    a = _content(nlp, "Obama promised to triple the size of the AmeriCorps program, grow the "
                      "Peace Corps and create a new national service reserve program.", "promised")
    assert a.content.text.endswith("and create a new national service reserve program")


@pytest.mark.parametrize(
    "text,cue,content",
    [
        ("Sanders talked about economic fairness, and a need to raise the minimum wage and "
         "close corporate loopholes.", "talked",
         "economic fairness, and a need to raise the minimum wage and close corporate loopholes"),
        ("The leaders condemned Russia’s invasion of Ukraine, including its annexation of "
         "Crimea.", "condemned",
         "Russia’s invasion of Ukraine, including its annexation of Crimea"),
        # a participle and a preposition the parser hangs on the verb, not the object
        ("Hillary Clinton released her returns this year, even though they disclosed the "
         "unseemly specter of her husband making millions of dollars from a for-profit "
         "university.", "disclosed",
         "the unseemly specter of her husband making millions of dollars from a for-profit "
         "university"),
        ("European leaders gathered Friday to discuss the torrent of challenges facing their "
         "continent after Britain's decision to leave the European Union.", "to discuss",
         "the torrent of challenges facing their continent after Britain's decision to leave "
         "the European Union"),
    ],
)
def test_sourcing_object_takes_conjuncts_and_including(nlp, text, cue, content):
    assert _content(nlp, text, cue).content.text == content


def test_sourcing_parenthetical_cue_after_ccomp(nlp):
    text = ("The middle one-fifth paid 8.9 percent, the agency said in a June report, and "
            "those in the bottom fifth of incomes paid 0.8 percent.")
    a = _content(nlp, text, "said")
    assert [f.text for f in a.fragments] == [
        "The middle one-fifth paid 8.9 percent",
        "and those in the bottom fifth of incomes paid 0.8 percent."]


def test_sourcing_as_clause_with_object_is_not_a_comment(nlp):
    text = ("Trump made the reference Monday as he discussed his commitment to improving "
            "mental health services for veterans.")
    assert "as_clause" not in {a.pattern for a in attributions(nlp, text)}


def test_sourcing_fragment_runs_to_end_of_quotation(nlp):
    text = ('"I think Lester Holt will be very fair," Sanders said, "but a lot of people are '
            "going to be watching to see if that's true. The reason why so many corporate "
            'newspapers are opposed to our movement is the same."')
    a = _content(nlp, text, "said")
    assert a.fragments[-1].text.endswith("is the same.")
    assert a.fragments[0].text == "I think Lester Holt will be very fair"


def test_sourcing_quote_with_one_name_is_not_a_title(nlp):
    first, *_ = attributions(nlp, "“I would,” Melanie said to the TV. “I would, Donald.”")
    assert [f.text for f in first.fragments] == ["I would", "I would, Donald."]


# -- docs --------------------------------------------------------------------------


def test_sourcing_docs_cover_every_key_type_and_pattern():
    from dataclasses import fields
    from pathlib import Path

    from newsaudit.analysis.attribution import Attribution

    doc = (Path(__file__).resolve().parents[2] / "docs" / "sourcing.md").read_text("utf-8")
    for f in fields(Attribution):
        assert f"`{f.name}`" in doc, f.name
    for kind in ("named", "anonymous", "organization", "outlet", "unresolved"):
        assert f"**{kind}**" in doc, kind
    for pattern in ("ccomp", "xcomp", "object", "prep_object", "passive", "parataxis",
                    "as_clause", "noun_that", "according_to", "per", "transcript", "post", "signed",
                    "colon", "quote", "continuation", "model"):
        assert f"`{pattern}`" in doc, pattern
    for key in summarize([], 0):
        assert key in doc, key


# Quality floor: the README's PolNeAR test figures (benchmarks/polnear.py, the
# "newsaudit" rows). A change that loses a match fails here; raise a floor when a
# change raises the figure, never lower it silently.

#: Content and source span F1 on PolNeAR test (84 documents, overlap >= 50% of
#: the longer span), which the README gives as 0.750 and 0.739: measured 0.75019
#: (1,503 matches, 1,956 predicted, 2,051 gold) and 0.73900 (1,226; 1,578; 1,740).
#: One match fewer, or one more span predicted, falls under these.
CONTENT_F1_FLOOR = 0.7501
SOURCE_F1_FLOOR = 0.7389


@pytest.mark.slow
def test_sourcing_floor_polnear_test(nlp) -> None:
    from newsaudit.analysis.intervals import predicted
    from newsaudit.training.polnear import load_split, match

    counts = {"content": [0, 0, 0], "source": [0, 0, 0]}  # matched, predicted, gold
    for d in load_split("test"):
        found = find_attributions(nlp(d.text))
        pred = {"content": [key for key, _ in predicted(found)],
                "source": sorted({((a.speaker.start, a.speaker.end),)
                                  for a in found if a.speaker is not None})}
        for role, spans in pred.items():
            c = counts[role]
            c[0] += len(match(d.text, spans, d.gold[role]))
            c[1] += len(spans)
            c[2] += len(d.gold[role])
    f1 = {role: 2 * tp / (n_pred + n_gold) for role, (tp, n_pred, n_gold) in counts.items()}
    print("PolNeAR test span F1:", f1)  # the margin over the floors, with -rA
    assert f1["content"] >= CONTENT_F1_FLOOR, f1
    assert f1["source"] >= SOURCE_F1_FLOOR, f1
