"""Language signals side by side with nela-features 3.0.1 on the same AllSides articles.

    .venv/bin/python benchmarks/signals.py --limit 200

Both run on each article's text as given. newsaudit's time is
:func:`newsaudit.analysis.signals.compute` on the spaCy ``Doc`` the pipeline
parses anyway (the parse is timed and printed apart); nela-features' time is
``NELAFeatureExtractor.extract_all(text)``.

nela-features needs NLTK data files (punkt, the perceptron tagger, the maxent NE
chunker, the stop-word corpus) that NLTK downloads from its own server, which
these machines cannot reach. The benchmark supplies what NLTK itself can do
without data and spaCy for the rest, patched into nela-features' module:

* sentences: NLTK's Punkt, trained (unsupervised, as NLTK's English model was)
  on 2,000 other AllSides articles (articles 1,201 to 3,200 of the file, none of
  the compared ones), plus common title and month abbreviations ("Sen.", "Gov.")
  and without the sentence starters it learns from so little text (names);
  words: NLTK's ``NLTKWordTokenizer`` over those sentences (what
  ``word_tokenize`` does);
* POS tags and named-entity chunks: spaCy's tagger and recogniser run on the
  tokens NLTK produced, converted to NLTK's tags and ``Tree`` chunks;
* stop words: spaCy's English list (the list newsaudit uses).

The time spent in the spaCy substitutes is measured and subtracted from
nela-features' time, so the speed-up printed is against nela-features' own code
only, which favours the peer (its real tagger and chunker would add their time).
Pearson's r is computed per feature over the articles. Features that are zero
on almost every article (fewer than ``--min-nonzero`` articles non-zero on either
side, such as the share of words tagged "LS" or ".") are listed as rare: their r
measures a handful of articles, not the feature.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from typing import Any

import numpy as np

from common import allsides_articles, print_table
from newsaudit.analysis import lexicons
from newsaudit.analysis.signals import compute
from newsaudit.nlp import load

#: NELA names that newsaudit computes differently on purpose (docs/signals.md).
DELIBERATE = {
    "UH": "NELA tags its punctuation-free word list as one sequence; newsaudit reads "
          "the tags of the parse, where punctuation gives context (interjections)",
    "RBR": "as UH (comparative adverbs: \"more\", \"less\" before punctuation)",
    "NNPS": "as UH (plural proper nouns)",
    "PDT": "as UH (predeterminers: \"all\", \"both\", \"such\")",
    "num_locations": "spaCy GPE/LOC entities; NELA's chunk loop counts a place only when "
                     "another entity follows it",
    "num_dates": "spaCy DATE entities; NELA counts datefinder matches (\"may\", numbers)",
}

#: Abbreviations a news-trained Punkt model knows (titles, agencies, months),
#: added to those learned from the 2,000 articles.
TITLE_ABBREVIATIONS = {
    "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "mr", "mrs", "ms",
    "dr", "prof", "st", "jr", "sr", "rev", "sec", "atty", "supt", "u.s", "u.k", "u.n", "d.c",
    "inc", "corp", "co", "ltd", "vs", "no", "jan", "feb", "aug", "sept", "oct", "nov", "dec",
}

# spaCy tags outside the tag list NELA counts (it fails on any other tag).
_TAG_TO_NELA = {"-LRB-": "(", "-RRB-": ")", "HYPH": ":", "NFP": ":", "ADD": "NN", "XX": "FW",
                "AFX": "JJ", "_SP": ":", "": ":", "#": "$"}
_ENT_TO_NLTK = {"GPE": "GPE", "NORP": "GPE", "LOC": "LOCATION", "PERSON": "PERSON",
                "ORG": "ORGANIZATION", "FAC": "FACILITY"}


class Substitutes:
    """Stand-ins for NLTK's data-backed functions, timing the spaCy parts."""

    def __init__(self, punkt_training: str) -> None:
        from nltk.tokenize import NLTKWordTokenizer
        from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

        self.nlp = load()
        trainer = PunktTrainer()
        trainer.INCLUDE_ALL_COLLOCS = True
        trainer.train(punkt_training, finalize=True)
        params = trainer.get_params()
        params.abbrev_types.update(TITLE_ABBREVIATIONS)
        # From 2,000 articles Punkt learns names ("bernie", "biden") as frequent
        # sentence starters and then splits after "Sen." before them.
        params.sent_starters = set()
        self.punkt = PunktSentenceTokenizer(params)
        self.words = NLTKWordTokenizer()
        self.spacy_seconds = 0.0

    def sent_tokenize(self, text: str, language: str = "english") -> list[str]:
        return self.punkt.tokenize(text)

    def word_tokenize(self, text: str, language: str = "english",
                      preserve_line: bool = False) -> list[str]:
        return [t for s in self.sent_tokenize(text) for t in self.words.tokenize(s)]

    def _doc(self, tokens: list[str], pipes: tuple[str, ...]) -> Any:
        from spacy.tokens import Doc

        t = time.perf_counter()
        doc = Doc(self.nlp.vocab, words=[w or " " for w in tokens])
        for name in pipes:
            doc = self.nlp.get_pipe(name)(doc)
        self.spacy_seconds += time.perf_counter() - t
        return doc

    def pos_tag(self, tokens: list[str]) -> list[tuple[str, str]]:
        doc = self._doc(list(tokens), ("tok2vec", "tagger"))
        return [(t.text, _TAG_TO_NELA.get(t.tag_, t.tag_)) for t in doc]

    def ne_chunk(self, tagged: list[tuple[str, str]]) -> Any:
        from nltk.tree import Tree

        doc = self._doc([w for w, _ in tagged], ("tok2vec", "ner"))
        out: list[Any] = []
        i = 0
        for ent in sorted(doc.ents, key=lambda e: e.start):
            out.extend(tagged[i:ent.start])
            label = _ENT_TO_NLTK.get(ent.label_)
            if label is None:
                out.extend(tagged[ent.start:ent.end])
            else:
                out.append(Tree(label, list(tagged[ent.start:ent.end])))
            i = ent.end
        out.extend(tagged[i:])
        return Tree("S", out)

    def install(self, module: Any) -> None:
        stop_list = sorted(lexicons.stop_words())

        class _Stopwords:
            @staticmethod
            def words(language: str = "english") -> list[str]:
                return stop_list

        module.sent_tokenize = self.sent_tokenize
        module.word_tokenize = self.word_tokenize
        module.pos_tag = self.pos_tag
        module.ne_chunk = self.ne_chunk
        module.stopwords = _Stopwords()


def flatten(groups: dict[str, dict[str, float]]) -> dict[str, float]:
    return {k: float(v) for g, feats in groups.items() if g != "person" for k, v in feats.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="articles to compare")
    parser.add_argument("--min-nonzero", type=int, default=20,
                        help="articles a feature must be non-zero on to count in the summary")
    args = parser.parse_args()

    warnings.filterwarnings("ignore")
    import nela_features.nela_features as nela_module

    everything = list(allsides_articles(3201))
    rows = everything[:args.limit + 1]
    print("training Punkt for nela-features on 2,000 other articles ...", flush=True)
    subs = Substitutes("\n\n".join(r["content_original"] for r in everything[1201:]))
    del everything
    subs.install(nela_module)
    nela = nela_module.NELAFeatureExtractor()
    nlp = load()

    # Warm-up (lexicons, VADER, the caches of both) on one article outside the count.
    compute(nlp(rows[0]["content_original"]))
    nela.extract_all(rows[0]["content_original"])
    rows = rows[1:]

    ours: list[dict[str, float]] = []
    theirs: list[dict[str, float]] = []
    t_parse = t_ours = t_nela = 0.0
    spacy_before = subs.spacy_seconds
    for row in rows:
        text = row["content_original"]
        t = time.perf_counter()
        doc = nlp(text)
        t_parse += time.perf_counter() - t
        t = time.perf_counter()
        ours.append(flatten(compute(doc)))
        t_ours += time.perf_counter() - t
        t = time.perf_counter()
        vect, names = nela.extract_all(text)
        t_nela += time.perf_counter() - t
        theirs.append(dict(zip(names, (float(v) for v in vect), strict=True)))
    t_subs = subs.spacy_seconds - spacy_before
    n = len(rows)
    t_peer = t_nela - t_subs

    mean_chars = statistics.fmean(len(r["content_original"]) for r in rows)
    print_table(
        f"signals on {n} AllSides articles (mean {mean_chars:,.0f} chars), one process",
        ["system", "ms / article", "articles / s"],
        [
            ["newsaudit signals (from the pipeline's Doc)", 1000 * t_ours / n, n / t_ours],
            ["nela-features extract_all, own code only", 1000 * t_peer / n, n / t_peer],
            ["nela-features incl. spaCy stand-ins for NLTK data", 1000 * t_nela / n, n / t_nela],
            ["(spaCy parse, shared with the pipeline)", 1000 * t_parse / n, n / t_parse],
            ["newsaudit signals incl. the whole parse", 1000 * (t_ours + t_parse) / n,
             n / (t_ours + t_parse)],
        ],
    )
    print(f"\nspeed-up, signals vs nela-features' own code: {t_peer / t_ours:.1f}x")

    names = [k for k in theirs[0] if k in ours[0]]
    table = []
    rs = []
    rare = []
    for name in names:
        a = np.array([o[name] for o in ours])
        b = np.array([t[name] for t in theirs])
        nonzero = min(int((a != 0).sum()), int((b != 0).sum()))
        r = float(np.corrcoef(a, b)[0, 1]) if a.std() > 0 and b.std() > 0 else float("nan")
        if name in DELIBERATE:
            note = "different on purpose: " + DELIBERATE[name]
        elif nonzero < args.min_nonzero:
            note = f"rare: non-zero on {nonzero} articles"
            rare.append(name)
        else:
            note = ""
            rs.append(r)
        table.append([name, r, a.mean(), b.mean(), note])
    print_table("Pearson r per feature, newsaudit vs nela-features",
                ["feature", "r", "mean newsaudit", "mean nela", "note"], table)
    missing = [k for k in theirs[0] if k not in ours[0]]
    ok = sum(r >= 0.95 for r in rs)
    low = [n for n, r in zip([n for n in names if n not in DELIBERATE and n not in rare], rs,
                             strict=True) if r < 0.95]
    print(f"\n{len(names)} NELA features computed ({len(missing)} missing: {missing}); "
          f"{len(DELIBERATE)} different on purpose, {len(rare)} rare; of the other {len(rs)}: "
          f"{ok} with r >= 0.95, median r {statistics.median(rs):.3f}, "
          f"min r {min(rs):.3f}; below 0.95: {low}")


if __name__ == "__main__":
    main()
