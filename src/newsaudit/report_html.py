"""The audit as one self-contained HTML page: the article with its findings on it.

The page holds the original text with the furniture struck through, speakers and
what they say marked by speaker type, claims shaded by score and entities
underlined; clicking any of them shows its evidence and confidence. A side panel
gives the credibility verdict (when judged), the source's ratings rater by rater,
the provenance chain, the sourcing shares and the main language signals against
their usual range in AllSides articles.

Everything from the article is untrusted: every string goes through
:func:`html.escape`, the findings travel as JSON with ``<``, ``>`` and ``&``
escaped, and the page's Content-Security-Policy lets only its own script (by
hash) run, loads nothing from anywhere and submits no form.
"""

from __future__ import annotations

import base64
import hashlib
import json
from bisect import bisect_right
from functools import cache
from html import escape
from importlib import resources
from itertools import pairwise
from typing import Any

from .render import SIGNAL_ROWS

#: Claim shading buckets: a claim's score s gets class ``c{ceil(s * CLAIM_SHADES)}``.
CLAIM_SHADES = 4


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _json_for_script(data: Any) -> str:
    """JSON safe inside a <script> element: no way out through ``</script>`` or ``<!--``."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# -- the marked-up text ----------------------------------------------------------


def _marks(d: dict[str, Any]) -> list[dict[str, Any]]:
    """Every finding that points at words, as ``{start, end, cls, info}``."""
    marks: list[dict[str, Any]] = []
    for f in d.get("furniture") or []:
        marks.append({"start": f["start"], "end": f["end"], "cls": "fur",
                      "title": f"{f['kind']} (page furniture, not body)",
                      "info": {"finding": "furniture", "kind": f["kind"],
                               "score": f.get("score")}})
    for i, a in enumerate(d.get("attributions") or []):
        kind = _e(a.get("speaker_type") or "unknown").replace(" ", "-")
        info = {"finding": "attribution", "n": i + 1,
                "speaker": (a.get("speaker") or {}).get("text"),
                "speaker_name": a.get("speaker_name"), "type": a.get("speaker_type"),
                "cue": (a.get("cue") or {}).get("text"), "direct": a.get("direct"),
                "via": a.get("via"), "confidence": a.get("confidence"),
                "content": a["content"]["text"]}
        for part, cls in (("speaker", "spk"), ("cue", "cue"), ("content", "say")):
            span = a.get(part)
            if span:
                marks.append({"start": span["start"], "end": span["end"],
                              "cls": f"{cls} t-{kind}", "info": info, "link": f"a{i + 1}"})
    for c in d.get("claims") or []:
        shade = min(CLAIM_SHADES, max(1, -int(-c["score"] * CLAIM_SHADES // 1)))
        marks.append({"start": c["start"], "end": c["end"], "cls": f"claim c{shade}",
                      "info": {"finding": "claim", "score": c["score"], "text": c["text"]}})
    for ent in d.get("entities") or []:
        marks.append({"start": ent["start"], "end": ent["end"], "cls": "ent",
                      "info": {"finding": "entity", "label": ent["label"],
                               "text": ent["text"]}})
    prov = d.get("provenance") or {}
    for key in ("syndicated_from", "wire", "hat_tips", "cited_sources"):
        for n in prov.get(key) or []:
            for span in [n.get("evidence"), *(n.get("mentions") or [])]:
                if span:
                    marks.append({"start": span["start"], "end": span["end"], "cls": "prov",
                                  "info": {"finding": "provenance", "kind": n.get("kind"),
                                           "source": n.get("name"),
                                           "rating": (n.get("rating") or {}).get("label")}})
    for c in (d.get("credibility") or {}).get("criteria") or []:
        for span in c.get("evidence") or []:
            marks.append({"start": span["start"], "end": span["end"], "cls": "cev",
                          "info": {"finding": "credibility criterion",
                                   "criterion": c.get("label") or c.get("id"),
                                   "points": c.get("points"), "reason": c.get("reason")}})
    text_len = len(d.get("text") or "")
    return [m for m in marks if 0 <= m["start"] < m["end"] <= text_len]


def _marked_text(text: str, marks: list[dict[str, Any]]) -> str:
    """The text cut at every mark boundary; each piece carries the marks covering it.

    A sweep over the sorted boundaries, so overlapping and nested findings need no
    nesting of elements and the cost is linear in the text plus the marks.
    """
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, m in enumerate(marks):
        starts.setdefault(m["start"], []).append(i)
        ends.setdefault(m["end"], []).append(i)
    cuts = sorted({0, len(text), *starts, *ends})
    active: dict[int, None] = {}
    out: list[str] = []
    for lo, hi in pairwise(cuts):
        for i in ends.get(lo, ()):
            active.pop(i, None)
        for i in starts.get(lo, ()):
            active[i] = None
        piece = _e(text[lo:hi])
        if not active:
            out.append(piece)
            continue
        classes = sorted({c for i in active for c in marks[i]["cls"].split()})
        titles = [marks[i]["title"] for i in active if marks[i].get("title")]
        title = f' title="{_e(titles[0])}"' if titles else ""
        ids = " ".join(str(i) for i in active)
        out.append(f'<span class="{" ".join(classes)}" data-f="{ids}"{title}>{piece}</span>')
    return "".join(out)


# -- the side panel ----------------------------------------------------------------


def _verdict(d: dict[str, Any]) -> str:
    cred = d.get("credibility") or {}
    if not cred:
        return ('<section><h2>Verdict</h2><p class="muted">No credibility verdict in this '
                "report (the stage did not run).</p></section>")
    score = cred.get("score")
    head = (f'<div class="verdict v-{_e(cred.get("label", "")).replace(" ", "-")}">'
            f'<b>{_e(cred.get("label"))}</b>'
            f'{"" if score is None else f" <span>{float(score):.0f}/100</span>"}</div>')
    basis = cred.get("basis")
    basis_html = f'<p class="muted">basis: {_e(_plain(basis))}</p>' if basis else ""
    reasons = "".join(f"<li>{_e(r)}</li>" for r in cred.get("reasons") or [])
    rows = []
    for c in cred.get("criteria") or []:
        pts = "–" if c.get("points") is None else f"{float(c['points']):g}"
        ev = " ".join(f'<a class="ev" data-s="{int(e["start"])}" data-e="{int(e["end"])}">'
                      f"“{_e(_clip(e['text'], 60))}”</a>" for e in c.get("evidence") or [])
        rows.append(f"<tr><td>{_e(c.get('label') or c.get('id'))}</td>"
                    f"<td class=num>{pts}/{float(c.get('max_points', 0)):g}</td>"
                    f"<td>{_e(c.get('reason'))} {ev}</td></tr>")
    table = (f'<table class="crit"><tr><th>criterion</th><th>points</th><th>why</th></tr>'
             f'{"".join(rows)}</table>') if rows else ""
    return (f"<section><h2>Verdict</h2>{head}{basis_html}"
            f'{f"<ul>{reasons}</ul>" if reasons else ""}{table}</section>')


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def _clip(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _rating(r: dict[str, Any]) -> str:
    if not r:
        return ('<section><h2>Source rating</h2><p class="muted">Not rated (the stage did '
                "not run).</p></section>")
    score = "–" if r.get("score") is None else f"{r['score']:.2f}"
    head = (f'<p><b>{_e(r.get("name") or "?")}</b> <span class="muted">'
            f'{_e(r.get("domain") or "not found")}</span> '
            f'<span class="lab l-{_e(r.get("label"))}">{_e(r.get("label"))} {score}</span></p>')
    note = f'<p class="warn">{_e(r["status"])}: {_e(r.get("hint"))}</p>' if r.get("status") \
        else ""
    rows = "".join(
        f"<tr{'' if x.get('counted', True) else ' class=muted'}><td>{_e(x.get('rater'))}</td>"
        f"<td>{_e(x.get('value'))} <span class=muted>{_e(x.get('scale'))}</span></td>"
        f"<td class=num>{'–' if x.get('score') is None else format(x['score'], '.2f')}</td>"
        f"<td>{_e(x.get('date'))}</td><td class=small>{_e(x.get('licence'))}</td></tr>"
        for x in r.get("ratings") or [])
    table = ("<table><tr><th>rater</th><th>value</th><th>score</th><th>date</th>"
             f"<th>licence</th></tr>{rows}</table>") if rows else ""
    return f"<section><h2>Source rating</h2>{head}{note}{table}</section>"


def _chain(d: dict[str, Any]) -> str:
    p = d.get("provenance") or {}
    boxes = []
    for c in p.get("chain") or []:
        label = (c.get("rating") or {}).get("label") or "unrated"
        boxes.append(f'<div class="node l-{_e(label)}"><b>{_e(c.get("name"))}</b>'
                     f'<span>{_e(c.get("role"))} · {_e(label)}</span></div>')
    evidence = []
    for key in ("syndicated_from", "wire", "hat_tips"):
        for n in p.get(key) or []:
            ev = n.get("evidence") or {}
            if ev:
                evidence.append(f'<li>{_e(n.get("kind"))}: {_e(n.get("name"))} — <a class="ev" '
                                f'data-s="{int(ev["start"])}" data-e="{int(ev["end"])}">'
                                f"“{_e(_clip(ev['text'], 80))}”</a></li>")
    for c in p.get("cited_sources") or []:
        links = " ".join(f'<a class="ev" data-s="{int(m["start"])}" data-e="{int(m["end"])}">'
                         f"“{_e(m['text'])}”</a>" for m in c.get("mentions") or [])
        evidence.append(f"<li>cites {_e(c.get('name'))} ({_e(c.get('kind'))}): {links}</li>")
    if not boxes and not evidence:
        return ('<section><h2>Provenance</h2><p class="muted">No syndication, wire credit '
                "or cited outlet found.</p></section>")
    arrows = '<div class="arrow">→</div>'.join(boxes)
    return (f'<section><h2>Provenance</h2><div class="chain">{arrows}</div>'
            f'<ul>{"".join(evidence)}</ul></section>')


def _bar(share: float, label: str, value: str) -> str:
    pct = max(0.0, min(1.0, share)) * 100
    return (f'<div class="bar"><span class="bl">{_e(label)}</span><span class="bt">'
            f'<i class="w{round(pct / 5) * 5}"></i></span><span class="bv">{_e(value)}</span>'
            "</div>")


def _sourcing(d: dict[str, Any]) -> str:
    s = (d.get("signals") or {}).get("sourcing") or {}
    if not s:
        return ""
    bars = "".join(_bar(float(s.get(k) or 0), label, f"{float(s.get(k) or 0):.0%}")
                   for k, label in (("share_direct", "direct quotes"),
                                    ("share_anonymous", "anonymous"),
                                    ("share_secondhand", "secondhand")))
    return (f"<section><h2>Sourcing</h2><p>{int(s.get('n_attributions') or 0)} attributions, "
            f"{float(s.get('quotes_per_100_words') or 0):.2f} quotes per 100 words</p>"
            f"{bars}</section>")


@cache
def signal_ranges() -> dict[str, list[float]]:
    """Quantiles (0, 5, ..., 100th) of the shown signals over AllSides articles."""
    path = resources.files("newsaudit") / "models" / "signal_ranges.json"
    data: dict[str, list[float]] = json.loads(path.read_text(encoding="utf-8"))["quantiles"]
    return data


def percentile(value: float, quantiles: list[float]) -> float:
    """Where ``value`` falls among quantiles taken every 5 percent, as 0..100."""
    i = bisect_right(quantiles, value)
    if i == 0:
        return 0.0
    if i >= len(quantiles):
        return 100.0
    lo, hi = quantiles[i - 1], quantiles[i]
    frac = 0.0 if hi == lo else (value - lo) / (hi - lo)
    return min(100.0, (i - 1 + frac) * 100 / (len(quantiles) - 1))


def _signals(d: dict[str, Any]) -> str:
    sig = d.get("signals") or {}
    if not sig:
        return ""
    ranges = signal_ranges()
    bars = []
    for group, key, label, fmt in SIGNAL_ROWS:
        value = (sig.get(group) or {}).get(key)
        q = ranges.get(f"{group}.{key}")
        if value is None or not q:
            continue
        pct = percentile(float(value), q)
        bars.append(_bar(pct / 100, label, f"{fmt.format(value)} · p{pct:.0f}"))
    return ("<section><h2>Language signals</h2><p class=muted>bar: percentile among AllSides "
            f"articles</p>{''.join(bars)}</section>")


def _lists(d: dict[str, Any]) -> str:
    atts = d.get("attributions") or []
    rows = "".join(
        f'<li id="a{i + 1}"><a class="ev" data-s="{int(a["content"]["start"])}" '
        f'data-e="{int(a["content"]["end"])}">{_e((a.get("speaker") or {}).get("text") or "—")}'
        f'</a> <span class="tag t-{_e(a.get("speaker_type")).replace(" ", "-")}">'
        f'{_e(a.get("speaker_type"))}</span> <span class=muted>'
        f'{"direct" if a.get("direct") else "indirect"} · {float(a.get("confidence") or 0):.2f}'
        f"</span></li>" for i, a in enumerate(atts))
    claims = sorted(d.get("claims") or [], key=lambda c: -c["score"])
    crow = "".join(f'<li><a class="ev" data-s="{int(c["start"])}" data-e="{int(c["end"])}">'
                   f"{c['score']:.2f} {_e(_clip(c['text'], 90))}</a></li>" for c in claims)
    return (f"<section><h2>Who says what ({len(atts)})</h2><ol>{rows}</ol></section>"
            f"<section><h2>Check-worthy claims ({len(claims)})</h2><ol>{crow}</ol></section>")


def _header(d: dict[str, Any]) -> str:
    art = d.get("article") or {}
    site = art.get("site_name") or art.get("domain") or "unknown site"
    by = f" · by {_e(', '.join(art['authors']))}" if art.get("authors") else ""
    date = f" · {_e(art['published'])}" if art.get("published") else ""
    return (f"<header><h1>{_e(art.get('title') or '(no title)')}</h1>"
            f"<p>{_e(site)}{by}{date} <span class=muted>{_e(art.get('url') or '')}</span></p>"
            "</header>")


def render_fragment(d: dict[str, Any]) -> str:
    """The report view as one ``<div>`` (styles and script inside), for pages and notebooks."""
    marks = _marks(d)
    findings = [m["info"] for m in marks]
    legend = ('<p class="legend"><span class="spk t-named">speaker</span> '
              '<span class="say t-named">what is said</span> <span class="claim c3">claim</span> '
              '<span class="ent">entity</span> <span class="fur">furniture</span> — click any '
              "for its evidence</p>")
    side = "".join((_verdict(d), _rating(d.get("source_rating") or {}), _chain(d),
                    _sourcing(d), _signals(d), _lists(d)))
    return (f'<div class="na"><style>{STYLE}</style>{_header(d)}<div class="cols">'
            f'<main>{legend}<div class="text">{_marked_text(d["text"], marks)}'
            f'</div></main><aside><div class="detail" hidden></div>{side}'
            f"</aside></div>"
            f'<script type="application/json" class="na-findings">{_json_for_script(findings)}'
            f"</script><script>{_SCRIPT}</script></div>")


def render_html(d: dict[str, Any]) -> str:
    """The report view as a complete, self-contained, offline HTML page."""
    title = _e((d.get("article") or {}).get("title") or "newsaudit report")
    return ("<!doctype html><html lang=en><head><meta charset=utf-8>"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name=viewport content="width=device-width, initial-scale=1">'
            f"<title>{title} — newsaudit</title></head><body>"
            f"{render_fragment(d)}</body></html>")


_CSS = """
.na{font:15px/1.5 system-ui,sans-serif;color:#1d2329;max-width:1400px;margin:0 auto;padding:1em}
.na h1{font-size:1.5em;margin:.2em 0}.na h2{font-size:1.05em;margin:1.2em 0 .4em}
.na .muted{color:#68737d}.na .small{font-size:.8em}.na .warn{color:#8a5300}
.na .cols{display:flex;gap:2em;align-items:flex-start}
.na main{flex:3;min-width:0}.na aside{flex:2;min-width:0;position:sticky;top:0;max-height:100vh;
overflow:auto}
.na .text{white-space:pre-wrap;font-family:Georgia,serif;font-size:1.02em;border:1px solid #dde;
padding:1em;border-radius:6px}
.na .fur{text-decoration:line-through;color:#98a1a9}
.na .say{background:#e8f0fe;cursor:pointer}.na .spk{font-weight:700;border-bottom:2px solid;
cursor:pointer}.na .cue{font-style:italic}
.na .t-anonymous,.na .t-unnamed,.na .t-vague{border-color:#d93025}
.na .say.t-anonymous,.na .say.t-unnamed,.na .say.t-vague{background:#fde7e5}
.na .t-named,.na .t-person{border-color:#1a73e8}.na .t-organization{border-color:#188038}
.na .t-outlet{border-color:#9334e6}.na .say.t-outlet{background:#f3e8fd}
.na .claim{cursor:pointer;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.na .c1{box-shadow:inset 0 -.3em #fff3c4}.na .c2{box-shadow:inset 0 -.4em #ffe49a}
.na .c3{box-shadow:inset 0 -.45em #ffd66b}.na .c4{box-shadow:inset 0 -.5em #ffc53d}
.na .ent{text-decoration:underline dotted #5f6368}
.na .prov{border-bottom:2px dashed #9334e6;cursor:pointer}
.na .hit{outline:3px solid #fbbc04}
.na table{border-collapse:collapse;width:100%;font-size:.88em}.na td,.na th{text-align:left;
padding:2px 4px;border-bottom:1px solid #eee;vertical-align:top}.na .num{text-align:right}
.na .verdict{font-size:1.2em;padding:.4em .6em;border-radius:6px;background:#eef}
.na .v-generally-credible{background:#e6f4ea}.na .v-credible-with-exceptions{background:#fef7e0}
.na .v-proceed-with-caution{background:#fce8d4}.na .v-maximum-caution{background:#fce8e6}
.na .lab,.na .tag{padding:0 .4em;border-radius:4px;background:#eee;font-size:.85em}
.na .l-high{background:#e6f4ea}.na .l-low{background:#fce8e6}.na .l-mixed{background:#fef7e0}
.na .chain{display:flex;flex-wrap:wrap;align-items:center;gap:.3em}
.na .node{border:1px solid #bbb;border-radius:6px;padding:.2em .5em;display:flex;
flex-direction:column}.na .node span{font-size:.8em;color:#555}.na .arrow{font-size:1.4em}
.na .bar{display:flex;align-items:center;gap:.5em;font-size:.85em;margin:2px 0}
.na .bl{width:12em}.na .bt{flex:1;background:#eee;height:.7em;border-radius:4px;overflow:hidden}
.na .bt i{display:block;height:100%;background:#5f8dd3}.na .bv{width:8em;text-align:right}
.na .detail{border:2px solid #fbbc04;border-radius:6px;padding:.5em;margin-bottom:1em;
font-size:.9em;background:#fffdf5}
.na a.ev{color:#1a57b5;cursor:pointer;text-decoration:none}
.na .legend span{padding:0 .3em}
@media print{.na .cols{display:block}.na aside{position:static;max-height:none}
.na .detail{display:none}}
"""

#: The page's only script: show a finding's evidence on click, jump to quoted words.
_SCRIPT = """(function(){
var root=document.currentScript.parentNode;root.classList.add('na-ready');
var F=JSON.parse(root.querySelector('.na-findings').textContent);
var box=root.querySelector('.detail'),text=root.querySelector('.text');
function show(ids){box.textContent='';ids.forEach(function(i){var f=F[i];if(!f)return;
var d=document.createElement('div');var h=document.createElement('b');h.textContent=f.finding;
d.appendChild(h);Object.keys(f).forEach(function(k){if(k==='finding'||f[k]===null||f[k]===undefined)
return;var p=document.createElement('div');var v=f[k];if(typeof v==='number'&&v%1)v=v.toFixed(2);
p.textContent=k+': '+v;d.appendChild(p);});box.appendChild(d);});box.hidden=false;}
text.addEventListener('click',function(ev){var t=ev.target.closest('[data-f]');
if(t)show(t.getAttribute('data-f').split(' ').map(Number));});
function jump(s,e){var hit=null;text.querySelectorAll('.hit').forEach(function(n){
n.classList.remove('hit');});var pos=0;text.childNodes.forEach(function(n){
var len=n.textContent.length;if(pos<e&&pos+len>s&&n.nodeType===1){n.classList.add('hit');
hit=hit||n;}pos+=len;});if(hit)hit.scrollIntoView({block:'center'});}
root.querySelectorAll('a.ev').forEach(function(a){a.addEventListener('click',function(){
jump(+a.getAttribute('data-s'),+a.getAttribute('data-e'));});});
})();"""

STYLE = _CSS + "".join(f".na .bt i.w{w}{{width:{w}%}}" for w in range(0, 101, 5))


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


#: The report's own style and script, by hash: the only ones a report page runs. A page
#: that shows reports in a frame (the service's page) allows these hashes too.
STYLE_HASH, SCRIPT_HASH = _hash(STYLE), _hash(_SCRIPT)
CSP = (f"default-src 'none'; style-src {STYLE_HASH}; script-src {SCRIPT_HASH}; "
       "img-src 'none'; form-action 'none'; base-uri 'none'")
