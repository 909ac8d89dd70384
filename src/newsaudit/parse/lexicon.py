"""Phrases that mark a line as page furniture, and of which kind.

Collected from the page furniture of news sites (the 181 pages of the Scrapinghub
article-extraction benchmark, WordPress and Disqus defaults, common donation and
newsletter widgets). Each pattern is anchored on wording that does not occur in
ordinary reporting; a short line (at most :data:`MAX_WORDS_FOR_PHRASE` words) that
matches is furniture whatever the classifier says. Licence and syndication notices
are recognised at any length, as they are written in full sentences.
"""

from __future__ import annotations

import bisect
import functools
import re

#: Lines longer than this are prose even if they contain a furniture phrase
#: (a body sentence may say "follow us on Twitter"). Checked on the example and
#: the Scrapinghub pages: donation appeals run to 16 words, share rows to 12.
MAX_WORDS_FOR_PHRASE = 18

_KINDS: dict[str, list[str]] = {
    "donation": [
        r"\bdonat(e|ion)s?\b", r"support (our|us|independent)", r"help support",
        r"select payment method", r"^personal info(rmation)?$", r"keep our .{0,30}voice alive",
        r"we can only deliver", r"\bcontribute\b", r"become a (patron|member|supporter)",
        r"(one-time|monthly) (gift|donation)", r"^(billing|payment) (details|info)",
        r"\bpatreon\b", r"like our (news|work|journalism)",
    ],
    "subscription": [
        r"\bsubscribe\b", r"\bnewsletters?\b", r"sign up (for|to)\b", r"\bsign (in|up)$",
        r"^(log ?in|register|my account|create (an )?account)$", r"enter your e-?mail",
        r"\bsubscribers? only\b", r"\bunlimited (digital )?access\b", r"^get the app$",
        r"in your inbox",
    ],
    "share": [
        r"(follow|like|find) (us )?on (facebook|twitter|instagram|youtube|linkedin|x)\b",
        r"^share( this( article| story)?)?( on \w+)?:?$", r"share on (facebook|twitter)",
        r"^(facebook|twitter|email|print|whatsapp|reddit|linkedin|pinterest|tweet|pin it|copy link)"
        r"((\s|,|\|)+(facebook|twitter|email|print|whatsapp|reddit|linkedin|pinterest|tweet|share))*$",
        r"(facebook|twitter)(follow|share|tweet)", r"^click to (share|email|print)",
    ],
    "comments": [
        r"^leave a (reply|comment)", r"^(\d+\s+)?comments?( \(\d+\))?$", r"^post a comment",
        r"^add (a|your) comment", r"^join the (discussion|conversation)", r"^show comments",
        r"comments are (closed|moderated)", r"^you must be logged in to post",
        r"^(reply|report|flag)$", r"what do you think\?$", r"^view comments",
    ],
    "advertising": [
        r"^advertisements?$", r"^sponsored( content| links?)?$", r"^(paid|promoted) (content|post)",
        r"^ad( choices)?$", r"^story continues (below|after)", r"^continue reading (below|after)",
        r"\brecommended by\b", r"^around the web$", r"^from our partners$",
        r"^(article|story) continues below",
    ],
    "licence": [
        r"content created by .{2,80}? is available without charge",
        r"content created by (the )?[A-Z][\w.&' -]{2,60}(news foundation|foundation)",
        r"(originally|first) (appeared|published) (on|in|at)\b",
        r"republished (here )?(with|by) (the )?permission", r"reprinted (here )?with permission",
        r"appeared first on\b", r"for licensing opportunities",
        r"licensed under (a )?creative commons",
        r"this (article|story|piece) (is|was) (republished|syndicated|reproduced)",
        r"^\(?c\)? ?\d{4}.{0,40}(distributed|all rights)", r"syndicated (with|by) permission",
    ],
    "legal": [
        r"^(©|\(c\)|copyright\b)", r"all rights reserved",
        r"^(privacy|cookie) (policy|settings|notice)",
        r"^terms (of (use|service)|and conditions)", r"\bwe use cookies\b", r"^do not sell my",
        r"^(accessibility|sitemap|site map)$", r"^(contact|about) us$", r"^ad ?choices$",
    ],
    "related": [
        r"^(related|recommended|more|trending|popular|most read|read more|see also|you may "
        r"(also )?like|you might (also )?like|more from|more stories|"
        r"related (articles|stories|posts))\b",
        r"^(next|previous) (article|post|story)\b", r"^(read|watch) next\b",
    ],
    "navigation": [
        r"^(home|menu|search|skip to (main )?content|close|back to top|toggle navigation|"
        r"main menu|navigation|top stories|latest news|sections?)$",
        r"^(tags?|topics?|filed under|categories)\s*:",
    ],
}

#: Furniture written as long lines, recognised up to :data:`LONG_PHRASE_MAX_WORDS`
#: words: photo captions ending in a credit, embedded tweets ("... — Name (@handle)
#: March 6, 2016"), teasers ending in "Read more", "(RELATED: ...)" lines and
#: reader polls. Checked on 8,000 AllSides articles: the lines matched read as
#: captions, tweets, teasers and polls.
_LONG: dict[str, list[str]] = {
    "caption": [
        r"\((AP|AFP|Reuters|Getty|EPA|UPI)?\s*(file )?photo(graph)?s?( by|\s*/|:)[^)]*\)\s*$",
        r"/\s*(Getty Images|AFP|AP|Reuters|EPA|Shutterstock|Bloomberg)\)?\s*$",
        r"^(file )?(photo|image|picture)( credit)?:",
        r"^\(?(photo|image|picture) (by|credit|courtesy)\b",
        r"^(enlarge this image|toggle caption|hide caption|image caption|image copyright)\b",
    ],
    "embed": [
        r"[—–-]\s*[^—–]{1,80}\(@\w{1,15}\)\s+\w+ \d{1,2},? \d{4}\s*$", r"\bpic\.twitter\.com/\w+",
    ],
    "related": [
        r"^\(?(related|see also|also read|read also|read more|more|read|watch|listen)\s*:",
        r"\bread (more|the full (story|article))\s*(»|›|>|\.\.\.|…)?\s*$",
    ],
    "poll": [
        r"\b\d{1,3}% of (our )?readers\b", r"(\?|^)\s*vote now\b", r"\bvote now in .{0,30}\bpoll\b",
    ],
}

#: The longest line a long-line phrase makes furniture: a tweet of 280 characters
#: runs to about 55 words, the longest captions seen to 70; an article on one line
#: (text from JSON or CSV) is far longer and is never furniture as a whole.
LONG_PHRASE_MAX_WORDS = 80

_COMPILED = {kind: [re.compile(p, re.I) for p in pats] for kind, pats in _KINDS.items()}
_COMPILED_LONG = {kind: [re.compile(p, re.I) for p in pats] for kind, pats in _LONG.items()}
#: Kinds recognised in a line of any length.
ANY_LENGTH_KINDS = ("licence",)


#: Lines up to this long are looked up in a cache (pages repeat their furniture
#: lines); longer ones are not kept alive by it.
CACHED_LINE_CHARS = 400

# The end of a sentence: a stop, closing quotes or brackets, then space or the end.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?:\s+|$)")


def furniture_kind(line: str) -> str | None:
    """The furniture kind a line's wording marks it as, or None for none.

    A licence or syndication notice makes a line furniture only when the notice
    is most of it: a long line that carries a notice among other sentences (an
    article on one line, as text from JSON or CSV often is) is not furniture as a
    whole; :func:`licence_spans` finds the notice inside it.
    """
    text = line.strip()
    if len(text) <= CACHED_LINE_CHARS:
        return _cached_kind(text)
    return _kind(text)


@functools.lru_cache(maxsize=8192)
def _cached_kind(text: str) -> str | None:
    return _kind(text)


def _kind(text: str) -> str | None:
    n_words = len(text.split())
    spans = licence_spans(text)
    if spans:
        inside = sum(len(text[s:e].split()) for s, e in spans)
        if n_words - inside <= MAX_WORDS_FOR_PHRASE:
            return "licence"
    if n_words <= LONG_PHRASE_MAX_WORDS:
        for kind, patterns in _COMPILED_LONG.items():
            if any(p.search(text) for p in patterns):
                return kind
    if n_words > MAX_WORDS_FOR_PHRASE:
        return None
    for kind, patterns in _COMPILED.items():
        if kind in ANY_LENGTH_KINDS:
            continue
        if any(p.search(text) for p in patterns):
            return kind
    return None


def licence_spans(line: str) -> list[tuple[int, int]]:
    """The sentences of ``line`` that carry a licence or syndication notice.

    Each notice found is widened to the sentences it touches; overlapping ones
    merge. Offsets are into ``line``, trailing white space excluded.
    """
    found = [m.span() for p in _COMPILED["licence"] for m in p.finditer(line)]
    if not found:
        return []
    ends = [m.end() for m in _SENTENCE_END.finditer(line)]
    spans: list[tuple[int, int]] = []
    for s, e in sorted(found):
        k = bisect.bisect_right(ends, s)
        start = ends[k - 1] if k else 0
        k = bisect.bisect_left(ends, e)
        end = ends[k] if k < len(ends) else len(line)
        while end > start and line[end - 1].isspace():
            end -= 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans
