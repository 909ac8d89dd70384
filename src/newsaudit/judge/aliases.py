"""Well-known outlets by the names and abbreviations stories use for them.

The rating sets name outlets by their domains and, in places, by a name column;
stories call them "the AP", "NYT", "WaPo" or "the Times". This table, written by
hand for newsaudit, maps the names of well-known outlets (national and wire
outlets of the US and UK, and the international outlets most cited in the AllSides
corpus) to their domains, and lists the short names that several outlets share
("the Times", "the Post", "the Journal"): those stay unknown unless the article
names the outlet in full (:func:`newsaudit.analysis.outlets.expand_short_names`
matches them against the full names in the same text first).

A name here is matched by :func:`key` (lower case, no leading "the", letters and
digits only), so "The Associated Press", "Associated Press" and "associated
press" are one entry.
"""

from __future__ import annotations

import re

#: Domain -> the names and abbreviations of the outlet published there.
OUTLETS: dict[str, tuple[str, ...]] = {
    "apnews.com": ("The Associated Press", "AP", "AP News", "Associated Press News"),
    "reuters.com": ("Reuters", "Reuters News Agency", "Thomson Reuters", "Reuters News"),
    "afp.com": ("Agence France-Presse", "Agence France Presse", "AFP"),
    "upi.com": ("United Press International", "UPI"),
    "nytimes.com": ("The New York Times", "NYT", "NY Times", "N.Y. Times", "NYTimes",
                    "The New York Times Magazine", "New York Times Co"),
    "washingtonpost.com": ("The Washington Post", "WaPo", "Wash Post", "Washington Post-ABC"),
    "wsj.com": ("The Wall Street Journal", "WSJ", "Wall St. Journal"),
    "bbc.co.uk": ("BBC", "BBC News", "British Broadcasting Corporation", "BBC World Service",
                  "BBC Radio", "BBC World"),
    "theguardian.com": ("The Guardian", "Guardian US"),
    "cnn.com": ("CNN", "Cable News Network", "CNN International"),
    "npr.org": ("NPR", "National Public Radio", "NPR News"),
    "bloomberg.com": ("Bloomberg", "Bloomberg News", "Bloomberg Television", "Bloomberg TV",
                      "Bloomberg Radio", "Bloomberg Businessweek", "Businessweek"),
    "foxnews.com": ("Fox News", "Fox", "Fox News Channel", "Fox News Radio", "Fox & Friends"),
    "foxbusiness.com": ("Fox Business", "Fox Business Network", "FBN"),
    "nbcnews.com": ("NBC News", "NBC"),
    "cbsnews.com": ("CBS News", "CBS"),
    "abcnews.go.com": ("ABC News", "ABC"),
    "msnbc.com": ("MSNBC",),
    "cnbc.com": ("CNBC", "CNBC Make It"),
    "pbs.org": ("PBS", "PBS NewsHour", "PBS News Hour", "PBS News", "Frontline"),
    "usatoday.com": ("USA Today", "USA TODAY"),
    "latimes.com": ("The Los Angeles Times", "LA Times", "L.A. Times"),
    "nypost.com": ("The New York Post", "NY Post", "N.Y. Post"),
    "nydailynews.com": ("New York Daily News", "NY Daily News"),
    "washingtontimes.com": ("The Washington Times",),
    "washingtonexaminer.com": ("Washington Examiner",),
    "politico.com": ("Politico", "POLITICO Pro", "Politico Magazine"),
    "thehill.com": ("The Hill",),
    "axios.com": ("Axios",),
    "time.com": ("Time", "TIME", "Time magazine"),
    "newsweek.com": ("Newsweek",),
    "theatlantic.com": ("The Atlantic",),
    "thenation.com": ("The Nation",),
    "newyorker.com": ("The New Yorker",),
    "economist.com": ("The Economist",),
    "ft.com": ("Financial Times", "FT"),
    "telegraph.co.uk": ("The Telegraph", "The Daily Telegraph", "The Sunday Telegraph"),
    "independent.co.uk": ("The Independent",),
    "dailymail.co.uk": ("Daily Mail", "MailOnline", "Mail Online", "The Mail on Sunday"),
    "thetimes.co.uk": ("The Times of London", "Times of London", "The Times (London)",
                       "The Sunday Times"),
    "news.sky.com": ("Sky News",),
    "aljazeera.com": ("Al Jazeera", "Al-Jazeera", "Al Jazeera English"),
    "dw.com": ("Deutsche Welle", "DW"),
    "france24.com": ("France 24",),
    "voanews.com": ("Voice of America", "VOA"),
    "rferl.org": ("Radio Free Europe/Radio Liberty", "RFE/RL", "Radio Free Europe"),
    "rt.com": ("RT", "Russia Today"),
    "sputniknews.com": ("Sputnik", "Sputnik News"),
    "tass.com": ("TASS",),
    "xinhuanet.com": ("Xinhua", "Xinhua News Agency"),
    "yna.co.kr": ("Yonhap", "Yonhap News Agency"),
    "scmp.com": ("South China Morning Post", "SCMP"),
    "haaretz.com": ("Haaretz",),
    "jpost.com": ("The Jerusalem Post", "JPost"),
    "timesofisrael.com": ("The Times of Israel",),
    "huffpost.com": ("HuffPost", "The Huffington Post", "HuffPo"),
    "buzzfeednews.com": ("BuzzFeed News",),
    "thedailybeast.com": ("The Daily Beast",),
    "vox.com": ("Vox",),
    "vice.com": ("Vice", "VICE News", "Vice News"),
    "propublica.org": ("ProPublica",),
    "theintercept.com": ("The Intercept",),
    "slate.com": ("Slate",),
    "salon.com": ("Salon",),
    "motherjones.com": ("Mother Jones",),
    "nationalreview.com": ("National Review",),
    "breitbart.com": ("Breitbart", "Breitbart News", "Breitbart London"),
    "dailycaller.com": ("The Daily Caller", "Daily Caller News Foundation"),
    "freebeacon.com": ("The Washington Free Beacon", "Free Beacon"),
    "newsmax.com": ("Newsmax", "Newsmax TV"),
    "oann.com": ("One America News", "One America News Network", "OAN", "OANN"),
    "csmonitor.com": ("The Christian Science Monitor", "CS Monitor"),
    "bostonglobe.com": ("The Boston Globe",),
    "chicagotribune.com": ("The Chicago Tribune",),
    "realclearpolitics.com": ("RealClearPolitics", "RCP", "Real Clear Politics"),
    "c-span.org": ("C-SPAN",),
    "cbn.com": ("CBN News", "Christian Broadcasting Network"),
    "inquirer.com": ("The Philadelphia Inquirer",),
    "forbes.com": ("Forbes",),
    "businessinsider.com": ("Business Insider",),
    "hollywoodreporter.com": ("The Hollywood Reporter",),
    "nymag.com": ("New York Magazine", "New York magazine"),
}

#: Short names several outlets share: unknown unless the article names one in full.
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "Times": ("nytimes.com", "thetimes.co.uk", "latimes.com", "washingtontimes.com"),
    "Post": ("washingtonpost.com", "nypost.com", "jpost.com", "denverpost.com"),
    "Journal": ("wsj.com", "journalnow.com", "jsonline.com"),
    "Globe": ("bostonglobe.com", "theglobeandmail.com"),
    "Tribune": ("chicagotribune.com", "startribune.com", "sltrib.com"),
    "Herald": ("miamiherald.com", "bostonherald.com", "heraldscotland.com"),
    "Chronicle": ("sfchronicle.com", "houstonchronicle.com"),
    "Examiner": ("washingtonexaminer.com", "sfexaminer.com"),
    "Inquirer": ("inquirer.com", "nationalenquirer.com"),
    "Star": ("thestar.com", "indystar.com", "kansascity.com"),
    "Sun": ("thesun.co.uk", "baltimoresun.com", "torontosun.com"),
    "Monitor": ("csmonitor.com", "al-monitor.com"),
    "Gazette": ("gazette.com", "montrealgazette.com"),
    "Mail": ("dailymail.co.uk", "theglobeandmail.com"),
    "Observer": ("observer.com", "theguardian.com", "charlotteobserver.com"),
    "Daily News": ("nydailynews.com", "nwfdailynews.com"),
    "Daily Times": ("daily-times.com", "dailytimes.com.pk"),
    "Express": ("express.co.uk", "expressnews.com"),
    "Standard": ("standard.co.uk", "standardmedia.co.ke"),
}


def key(name: str) -> str:
    """A name's lookup key: lower case, no leading "the", letters and digits only."""
    s = re.sub(r"^the\s+", "", name.strip().lower().replace("&", " and "))
    return re.sub(r"[^a-z0-9]", "", s)


def _keys(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for domain, names in table.items():
        for name in names:
            out.setdefault(key(name), domain)
    return out


#: Alias key -> domain.
ALIAS_KEYS = _keys(OUTLETS)
#: Ambiguous short name key -> the outlets it may mean.
AMBIGUOUS_KEYS = {key(name): doms for name, doms in AMBIGUOUS.items()}


#: Domain -> the outlet's usual name (the first in :data:`OUTLETS`).
NAMES = {domain: names[0] for domain, names in OUTLETS.items()}


def name_of(domain: str | None) -> str | None:
    """The usual name of the well-known outlet at ``domain`` ("npr.org" -> "NPR")."""
    if not domain:
        return None
    return NAMES.get(domain) or NAMES.get(domain.removeprefix("www."))


def alias(name: str) -> str | None:
    """The domain of a well-known outlet named ``name`` (None if not in the table)."""
    return ALIAS_KEYS.get(key(name))


def ambiguous(name: str) -> tuple[str, ...]:
    """The outlets a short shared name may mean ("the Times"); empty if not such a name."""
    return AMBIGUOUS_KEYS.get(key(name), ())
