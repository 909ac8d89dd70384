"""Outlet names for provenance: name patterns, wire services, outlet cues, domains.

A name in running text is a run of capitalised words with inner connectives
("The Daily Caller News Foundation", "Al-Monitor", "U.S. News & World Report").
Whether a name after "told the" or before "reported" is an outlet rather than a
person or agency is decided by the words outlets' names end with (Times, Post,
News, Monitor...) and a short list of one-word outlet brands; the spaCy ORG
entities, when the parse is there, only mend a name's boundaries. Turning a name
into a domain is not done here: the provenance stage is handed a resolver
(:data:`DomainOf`) built from the run's rating index.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

log = logging.getLogger(__name__)

#: A name-to-domain resolver: an outlet's name in, its domain (or None) out.
DomainOf = Callable[[str], str | None]

#: Whether a name is a rated outlet's: a name in, True when the rating sets know an
#: outlet by it.
OutletTest = Callable[[str], bool]

# Month and weekday names are capitalised but never end an outlet name: "told The
# Hill Monday", "originally published on October 9" must not take them.
_CALENDAR = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
             r"March|April|May|June|July|August|September|October|November|December|Jan|Feb|"
             r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b")
# One capitalised word. A period belongs to it only inside ("U.S") or after an
# initial, so a sentence-final period is left out ("told the Al-Monitor.").
_WORD = rf"(?!{_CALENDAR})[A-Z](?:[\w&'’-]|\.(?=\w)|(?<=\b[A-Z])\.)*"
#: A capitalised name: words joined by spaces, with lower-case connectives inside.
NAME_CORE = rf"{_WORD}(?:[ \t]+(?:(?:of|the|and|for|&|de|du|al)[ \t]+)*{_WORD})*"
#: A name in a pattern, with an optional leading article, as group ``name``.
NAME = rf"(?P<name>(?:[Tt]he[ \t]+)?{NAME_CORE})"
#: A name ending at the end of the searched stretch (for "X reported").
NAME_BEFORE = re.compile(rf"(?<![\w'’.-])(?:[Tt]he[ \t]+)?{NAME_CORE}(?=[ \t]*$)")

#: Canonical names of wire services, by the names and abbreviations in credits.
WIRES = {
    "AP": "The Associated Press", "Associated Press": "The Associated Press",
    "The Associated Press": "The Associated Press", "ASSOCIATED PRESS": "The Associated Press",
    "Reuters": "Reuters", "REUTERS": "Reuters", "Reuters Staff": "Reuters",
    "AFP": "Agence France-Presse", "Agence France-Presse": "Agence France-Presse",
    "Agence France Presse": "Agence France-Presse", "UPI": "United Press International",
    "United Press International": "United Press International", "Bloomberg": "Bloomberg",
    "Bloomberg News": "Bloomberg", "dpa": "Deutsche Presse-Agentur",
    "Deutsche Presse-Agentur": "Deutsche Presse-Agentur", "Xinhua": "Xinhua", "TASS": "TASS",
    "PA": "PA Media", "Press Association": "PA Media",
}
WIRE_ALT = "|".join(sorted((re.escape(k) for k in WIRES), key=len, reverse=True))

# Words that end outlet names: a capitalised name containing one after "told the"
# or before "reported" is an outlet, not a person. Collected from the outlet names
# of the AllSides and MBFC source lists in the data directory.
OUTLET_WORDS = frozenset("""
Times Post News Journal Monitor Herald Tribune Guardian Telegraph Independent Observer
Examiner Star Sun Mirror Mail Express Gazette Chronicle Review Magazine Daily Weekly Wire
Reports
Press Radio Television TV Network Broadcasting Channel Report Reporter Register Record
Inquirer Beacon Caller Beast Hill Dispatch Bulletin Standard Globe Courier Sentinel Enquirer
Free Newsroom Newspaper Tribune-Review Pundit Insider Intercept Atlantic Nation Spectator
Economist Federalist Blaze Newsmax Mediaite Politico POLITICO Axios Breitbart Vox Slate Salon
Reuters Bloomberg CNN BBC NPR PBS MSNBC CNBC Fox ABC CBS NBC AP AFP UPI Al-Monitor
Al-Jazeera Jazeera Haaretz Newsweek Forbes Fortune BuzzFeed HuffPost Gawker TheBlaze
Townhall Twitchy Mashable Deadline Variety ProPublica Gizmodo Wired Semafor Punchbowl
Drudge NewsBusters Daily-Caller Bild Spiegel Figaro Monde Pravda RT Sputnik Xinhua TASS
Yonhap Kyodo Interfax Mediapart Vice Reason Quartz Gothamist Slashdot Recode Verge
""".split())

#: Names taken for outlets on their own (short brands that share no outlet word).
KNOWN_OUTLETS = frozenset({"Time", "TIME", "People", "The Verge", "Morning Consult", "Grist",
                           "Undark", "Kaiser Health News", "Climatewire", "E&E News"})

#: Social platforms, for posts and links cited as sources.
PLATFORMS = {
    "twitter": "Twitter", "tweet": "Twitter", "tweeted": "Twitter", "x": "X",
    "facebook": "Facebook", "instagram": "Instagram", "youtube": "YouTube",
    "tiktok": "TikTok", "truth social": "Truth Social", "telegram": "Telegram",
    "reddit": "Reddit", "linkedin": "LinkedIn", "gab": "Gab", "parler": "Parler",
    "threads": "Threads", "bluesky": "Bluesky", "medium": "Medium", "substack": "Substack",
}
PLATFORM_HOSTS = {"twitter.com": "Twitter", "x.com": "X", "facebook.com": "Facebook",
                  "instagram.com": "Instagram", "youtube.com": "YouTube",
                  "youtu.be": "YouTube", "tiktok.com": "TikTok", "t.me": "Telegram",
                  "reddit.com": "Reddit", "truthsocial.com": "Truth Social"}

#: Picture agencies: "(via Getty Images)" credits a photo, not the story.
IMAGE_CREDITS = re.compile(r"\b(?:Images?|Photos?|Getty|Shutterstock|Pool|Flickr|Wikimedia)\b")

#: Capitalised words that start sentences, not names ("But The Post reported").
LEADING_STOP = frozenset("""
But And Or Yet So Then Now Still Also Even Meanwhile However Moreover Earlier Later Last
Previously Recently Separately Initially Instead Indeed Today Yesterday Tonight This That
These Those It He She They We I You His Her Their Its Our My Your As When While If In On At
After Before Since Both According Citing Per Speaking Asked Writing Late Early Over Under
""".split())

#: Names never taken as outlets after "told"/"per" (pronouns, generic words).
NOT_OUTLETS = frozenset({"The", "He", "She", "They", "We", "It", "This", "That", "Reporters",
                         "Press", "News", "Report", "Radio", "Television", "TV",
                         "Capitol Hill", "White House", "Times Square", "Post Office"})

_POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")


def name_bounds(text: str, start: int, end: int, orgs: dict[int, int] | None = None
                ) -> tuple[int, int]:
    """Offsets of the name inside ``text[start:end]``, trimmed to the outlet's own words.

    Drops sentence-initial words ("But The Post" -> "The Post") and a previous
    sentence's last initial ("X. The Hill" -> "The Hill"), cuts at a
    possessive ("CNN's Jake Tapper" -> "CNN") and trailing punctuation, and ends
    the name where a spaCy ORG entity starting with it ends, when one does.
    """
    while True:
        m = re.match(r"(\S+)[ \t]+", text[start:end])
        if not m or (m.group(1) not in LEADING_STOP and not re.fullmatch(r"[A-Z]\.", m.group(1))):
            break
        start += m.end()
    m = _POSSESSIVE.search(text, start, end)
    if m:
        end = m.start()
    while end > start and text[end - 1] in ",;:’'\"” \t":
        end -= 1
    if orgs:
        inner = start + 4 if text[start:start + 4].lower() == "the " else start
        for s in (start, inner):
            e = orgs.get(s)
            if e is not None and start < e < end:
                end = e
                break
    return start, end


def clean_name(name: str) -> str:
    """An outlet name without a lower-case leading article or trailing punctuation.

    A capitalised "The" inside a sentence is part of the name ("The Daily Caller
    News Foundation", "The New York Times"); "the Al-Monitor" is Al-Monitor. Wire
    services take their canonical names ("AP" -> "The Associated Press").
    """
    name = re.sub(r"^the\s+(?=\S)", "", " ".join(name.split()))
    name = name.rstrip(",;:’'\"”")
    if name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
        name = name[:-1]
    if name.isupper() and len(name) > 5 and " " in name:  # "THE CHICAGO MAROON"
        name = name.title()
    return WIRES.get(name, name)


def key(name: str) -> str:
    """A comparison key: lower case, no leading article, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", clean_name(name).lower()))


def outlet_like(name: str) -> bool:
    """Whether a cleaned name reads as a news outlet's name."""
    if name in KNOWN_OUTLETS or name in WIRES.values():
        return True
    bare = re.sub(r"^[Tt]he\s+", "", name)
    words = bare.split()
    if not words or bare in NOT_OUTLETS:
        return False
    return any(w in OUTLET_WORDS for w in words)


def platform(name: str) -> str | None:
    """The social platform a word names ("tweet" -> "Twitter"), if any."""
    return PLATFORMS.get(name.lower())
