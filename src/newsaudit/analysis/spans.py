"""Attribution spans read by a fine-tuned encoder, on top of the rules.

The rules of :mod:`.frames` and :mod:`.candidates` know the shapes of reporting
("X said that ...", "according to X"); they miss what has no such shape ("Trump
blasted the deal as a disaster", "it was unclear whether ...") and cut some
contents at the wrong word. The span model reads the words themselves: a small
BERT encoder (all-MiniLM-L6-v2, 6 layers, 384 wide) fine-tuned on PolNeAR train
to tag, token by token, the content, cue and source of attributions (B/I/O), with
the rules' own output as an input (each word knows whether the rules put it in a
content, cue or speaker). It then:

- adds the contents it is sure of that the rules did not find at all, with the
  cue and speaker it tagged next to them (pattern ``"model"``);
- moves the boundary of a rule content it disagrees with when it is sure and the
  rules are not.

The model runs on ONNX Runtime from ``models/spans/`` (int8 weights, the
tokenizer, the thresholds, chosen on PolNeAR dev); it is trained by
:mod:`newsaudit.training.spans` (see ``models/spans.md``). Inputs are windows of whole
sentences of at most :data:`MAX_WORDPIECES` word pieces, broken at paragraphs.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError
from ..nlp import doc_text
from .intervals import predicted

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "spans"

#: Most word pieces in a window; a window is whole sentences (a longer sentence is
#: cut), and a paragraph break ends a window that already has
#: :data:`PARAGRAPH_WORDPIECES` pieces.
MAX_WORDPIECES = 256
PARAGRAPH_WORDPIECES = 120

#: The roles tagged, in the order of the model's outputs (three B/I/O columns each).
ROLES = ("content", "cue", "source")

#: Threads ONNX Runtime may use inside one model call; 0 lets it take every core
#: (best for one article at a time). Corpus workers set 1: they run one per core.
SESSION_THREADS = 0

_EDGE = " \n\"“”,;:"


@dataclass(frozen=True, slots=True)
class Window:
    """Model input: word piece ids, the rules' tag of each piece's word, the word
    (token index, -1 for the special pieces) and whether the piece is the word's first."""

    ids: np.ndarray
    rule_tags: np.ndarray
    token: np.ndarray
    first: np.ndarray


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A span the model tagged: character range and its mean probability of
    not being outside (1 - mean P(O) over its words)."""

    start: int
    end: int
    confidence: float


def rule_tags(doc: Any, found: Iterable[Any]) -> np.ndarray:
    """Per token, the rules' tag: content O/B/I (0/1/2) + 3 if in a cue + 6 if in a
    speaker, from attributions ``found`` (those kept at the confidence threshold)."""
    n = len(doc)
    content = np.zeros(n, np.int64)
    cue = np.zeros(n, np.int64)
    speaker = np.zeros(n, np.int64)
    for key, atts in predicted(list(found)):
        for a, b in key:
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None or not len(span):
                continue
            content[span.start] = 1
            inside = content[span.start + 1 : span.end]
            content[span.start + 1 : span.end] = np.where(inside == 1, 1, 2)
        for att in atts:
            for rng, arr in ((att.cue, cue), (att.speaker, speaker)):
                if rng is None:
                    continue
                span = doc.char_span(rng.start, rng.end, alignment_mode="expand")
                if span is not None:
                    arr[span.start : span.end] = 1
    return content + 3 * cue + 6 * speaker


def windows(doc: Any, tokenizer: Any, tags: np.ndarray) -> list[Window]:
    """The model's input windows over ``doc`` (see the module docstring)."""
    text = doc_text(doc)
    starts = [t.idx for t in doc]
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    sents = list(doc.sents)
    groups: list[list[tuple[Any, Any]]] = []
    cur: list[tuple[Any, Any]] = []
    size = 0
    for k, sent in enumerate(sents):
        enc = tokenizer.encode(sent.text, add_special_tokens=False)
        n = min(len(enc.ids), MAX_WORDPIECES)
        new_paragraph = bool(cur) and "\n" in text[sents[k - 1].end_char : sent.start_char]
        full = size + n > MAX_WORDPIECES
        if cur and (full or (new_paragraph and size + n > PARAGRAPH_WORDPIECES)):
            groups.append(cur)
            cur, size = [], 0
        cur.append((sent, enc))
        size += n
    if cur:
        groups.append(cur)
    out = []
    for group in groups:
        ids, tok_of = [cls], [-1]
        for sent, enc in group:
            for piece, (a, _) in list(zip(enc.ids, enc.offsets, strict=True))[:MAX_WORDPIECES]:
                ids.append(piece)
                tok_of.append(bisect.bisect_right(starts, sent.start_char + a) - 1)
        ids.append(sep)
        tok_of.append(-1)
        token = np.array(tok_of)
        first = np.zeros(len(ids), bool)
        seen: set[int] = set()
        for j, t in enumerate(tok_of):
            if t >= 0 and t not in seen:
                first[j] = True
                seen.add(t)
        out.append(Window(np.array(ids, np.int64),
                          np.where(token >= 0, tags[np.maximum(token, 0)], 0).astype(np.int64),
                          token, first))
    return out


def viterbi(logp: np.ndarray) -> list[int]:
    """Best B/I/O path (0 = O, 1 = B, 2 = I) with no I straight after an O."""
    n = len(logp)
    if not n:
        return []
    trans = np.zeros((3, 3))
    trans[0, 2] = -1e9
    score = logp[0].copy()
    score[2] = -1e9
    back = np.zeros((n, 3), int)
    for i in range(1, n):
        s = score[:, None] + trans
        back[i] = s.argmax(0)
        score = s.max(0) + logp[i]
    tags = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        tags.append(int(back[i][tags[-1]]))
    return tags[::-1]


def decode(doc: Any, probs: np.ndarray) -> list[TaggedSpan]:
    """Spans of one role from per-token B/I/O probabilities (``len(doc) x 3``)."""
    text = doc_text(doc)
    runs: list[list[int]] = []
    cur: list[int] | None = None
    for i, tag in enumerate(viterbi(np.log(probs + 1e-9))):
        if tag == 1 or (tag == 2 and cur is None):
            if cur:
                runs.append(cur)
            cur = [i, i + 1]
        elif tag == 2 and cur is not None:
            cur[1] = i + 1
        elif cur:
            runs.append(cur)
            cur = None
    if cur:
        runs.append(cur)
    out = []
    for a, b in runs:
        s, e = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if e - s >= 3:
            out.append(TaggedSpan(s, e, round(float(1 - probs[a:b, 0].mean()), 4)))
    return out


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When the model's spans are used (chosen on PolNeAR dev, see ``models/spans.md``).

    ``add``: least confidence of a content the rules did not find for it to be
    added (with a cue the model tagged in its sentence); ``min_chars``: its least
    length; ``extend``: least confidence of a content that takes the place of a
    shorter rule content it overlaps but does not match.
    """

    add: float
    min_chars: int
    extend: float


class SpanModel:
    """The fine-tuned encoder on ONNX Runtime; :meth:`tag` gives per-token probabilities."""

    def __init__(self, path: Path = MODEL_DIR):
        """Load ``model.onnx``, ``tokenizer.json`` and ``meta.json`` from ``path``.

        Raises:
            DataError: If a file is missing or malformed.
        """
        import onnxruntime
        from tokenizers import Tokenizer

        try:
            meta = json.loads((path / "meta.json").read_text("utf-8"))
            self.thresholds = Thresholds(**meta["thresholds"])
            # Platt scaling of an added content's confidence, fitted on PolNeAR dev
            # (identity when absent).
            self.calibration: tuple[float, float] | None = (
                (float(meta["calibration"]["a"]), float(meta["calibration"]["b"]))
                if "calibration" in meta else None)
            self.roles: tuple[str, ...] = tuple(meta["roles"])
            self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
            opts = onnxruntime.SessionOptions()
            opts.log_severity_level = 3
            opts.intra_op_num_threads = SESSION_THREADS
            self.session = onnxruntime.InferenceSession(str(path / "model.onnx"), opts,
                                                        providers=["CPUExecutionProvider"])
        except Exception as exc:  # OSError, JSON, tokenizers' and ONNX Runtime's own errors
            raise DataError(f"cannot load the attribution span model from {path}: {exc}; "
                            "reinstall newsaudit, or run with --rules-only") from exc
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()

    def tag(self, doc: Any, found: Iterable[Any]) -> np.ndarray:
        """``len(doc) x 3*len(roles)`` probabilities: B/I/O... per role; a word the
        windows leave out (past a sentence's first :data:`MAX_WORDPIECES`) is O."""
        width = 3 * len(self.roles)
        probs = np.zeros((len(doc), width), np.float32)
        probs[:, 0::3] = 1.0
        for w in windows(doc, self.tokenizer, rule_tags(doc, found)):
            feed = {"ids": w.ids[None], "rule_tags": w.rule_tags[None]}
            logits = self.session.run(None, feed)[0][0]
            p = np.concatenate([_softmax(logits[:, 3 * r : 3 * r + 3])
                                for r in range(len(self.roles))], 1)
            probs[w.token[w.first]] = p[w.first]
        return probs

    def probability(self, confidence: float) -> float:
        """The probability that an added content is right, from its model confidence
        (the mean tag probability overstates it: on PolNeAR dev, added contents at
        0.6-0.7 are right 43% of the time)."""
        if self.calibration is None:
            return confidence
        a, b = self.calibration
        return round(1.0 / (1.0 + math.exp(-(a * confidence + b))), 4)

    def _columns(self, probs: np.ndarray, role: str) -> np.ndarray | None:
        """The B/I/O probabilities of ``role`` (``len(doc) x 3``), None for a role
        the model does not tag."""
        if role not in self.roles:
            return None
        r = self.roles.index(role)
        return probs[:, 3 * r : 3 * r + 3]

    def inside(self, probs: np.ndarray, role: str) -> np.ndarray:
        """Per token, the probability of being in a span of ``role`` (1 - P(O));
        zeros for a role the model does not tag."""
        bio = self._columns(probs, role)
        return np.zeros(len(probs), np.float32) if bio is None else 1.0 - bio[:, 0]

    def spans(self, doc: Any, probs: np.ndarray, role: str = "content") -> list[TaggedSpan]:
        """The spans of ``role`` (none for a role the model does not tag)."""
        bio = self._columns(probs, role)
        return [] if bio is None else decode(doc, bio)


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


@lru_cache(maxsize=2)
def load_span_model(path: Path = MODEL_DIR) -> SpanModel:
    """The shipped span model (loaded once)."""
    return SpanModel(path)
