#!/usr/bin/env python3
"""Score audits against a generated corpus's truth, the way EVALUATION.md counts.

Usage: ``python bench/score.py TRUTH_DIR AUDIT_DIR [--json]``

TRUTH_DIR is a ``generate.py`` output (``truth.json`` and ``docs/``); AUDIT_DIR holds
``<path>.audit.json`` or ``<path>.audit.toml`` for each ``docs/<path>`` (AUDIT_FORMAT.md).

Measured:
- pairs: a truth pair is found when either audit lists the other under ``repeats``. Predicted
  pairs that are listed as ``near`` in the truth, or whose files derive from the same source
  article (``roots``: reworded variants), are neither rewarded nor punished. P/R/F1 overall,
  recall per kind.
- origin: for found truth pairs whose text shows which came first: correct when the copy says
  ``copy-of`` or the origin says ``source-of`` and neither contradicts.
- passages: coverage = non-whitespace characters of the truly shared passages covered by the
  reported passages (both sides, both audits); validity = fraction of reported passages whose
  two slices hold the same words (difflib ratio >= 0.8 over NFKC-casefolded ``\\w+`` words).
- boilerplate: character-level P/R/F1 over non-whitespace characters, overall (any category)
  and per category (same category on both sides).
- provenance: exact byline (order-insensitive), published date, outlet (files whose outlet only
  appears in weak places are skipped); ``ambiguous-date`` recall; ``attribution-dropped`` P/R/F1.
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

try:
    import tomllib
except ImportError:  # pragma: no cover - Python 3.10
    tomllib = None  # type: ignore[assignment]

WORD = re.compile(r"\w+")
VALID_RATIO = 0.8


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def load_audit(audit_dir: Path, rel: str) -> dict | None:
    j = audit_dir / (rel + ".audit.json")
    if j.exists():
        return json.loads(j.read_text(encoding="utf-8"))
    t = audit_dir / (rel + ".audit.toml")
    if t.exists() and tomllib is not None:
        return tomllib.loads(t.read_text(encoding="utf-8"))
    return None


def prf(tp: float, fp: float, fn: float) -> dict[str, float | None]:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = (
        2 * p * r / (p + r)
        if p is not None and r is not None and p + r
        else (0.0 if p is not None and r is not None else None)
    )
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


class NonWs:
    """Prefix counts of non-whitespace characters, for span arithmetic."""

    def __init__(self, text: str) -> None:
        self.ws = [m.start() for m in re.finditer(r"\s", text)]
        self.n = len(text)

    def count(self, s: int, e: int) -> int:
        s, e = max(0, min(s, self.n)), max(0, min(e, self.n))
        if e <= s:
            return 0
        return (e - s) - (bisect.bisect_left(self.ws, e) - bisect.bisect_left(self.ws, s))


def normalise_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def overlap(nw: NonWs, a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Non-whitespace characters in the intersection of two normalised span lists."""
    i = j = tot = 0
    while i < len(a) and j < len(b):
        s, e = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if s < e:
            tot += nw.count(s, e)
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tot


def total(nw: NonWs, a: list[tuple[int, int]]) -> int:
    return sum(nw.count(s, e) for s, e in a)


def score(truth_dir: Path, audit_dir: Path) -> dict:
    truth = json.loads((truth_dir / "truth.json").read_text(encoding="utf-8"))
    files: dict[str, dict] = truth["files"]
    docs = truth_dir / "docs"
    audits: dict[str, dict] = {}
    missing = 0
    for rel in files:
        a = load_audit(audit_dir, rel)
        if a is None:
            missing += 1
            a = {}
        audits[rel] = a
    texts: dict[str, str] = {}

    def text(rel: str) -> str:
        if rel not in texts:
            with open(docs / rel, encoding="utf-8", newline="") as fh:
                texts[rel] = fh.read()
        return texts[rel]

    # ---- pairs
    rep: dict[tuple[str, str], dict] = {}
    predicted: set[tuple[str, str]] = set()
    for rel, a in audits.items():
        for r in a.get("repeats", []) or []:
            other = r.get("other")
            if other not in files or other == rel:
                continue
            rep[(rel, other)] = r
            predicted.add((rel, other) if rel < other else (other, rel))
    tpairs = {(p["a"], p["b"]) if p["a"] < p["b"] else (p["b"], p["a"]): p for p in truth["pairs"]}
    ignore = {tuple(sorted(x)) for x in truth.get("near", [])}
    roots = {rel: set(f.get("roots", [])) for rel, f in files.items()}
    tp = len(predicted & tpairs.keys())
    fp_pairs = [
        p for p in predicted - tpairs.keys() if p not in ignore and not (roots[p[0]] & roots[p[1]])
    ]
    fn = len(tpairs.keys() - predicted)
    res: dict = {"files": len(files), "missing_audits": missing}
    res["pairs"] = prf(tp, len(fp_pairs), fn)
    res["pairs"]["ignored"] = len(predicted) - tp - len(fp_pairs)
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, p in tpairs.items():
        kinds[p["kind"]][1] += 1
        kinds[p["kind"]][0] += key in predicted
    res["recall_by_kind"] = {
        k: {"found": f, "total": t, "recall": f / t} for k, (f, t) in sorted(kinds.items())
    }

    # ---- origin
    o_ok = o_n = o_decided = 0
    for key, p in tpairs.items():
        if "origin" not in p or key not in predicted:
            continue
        o_n += 1
        origin = p["origin"]
        copy = key[0] if key[1] == origin else key[1]
        c_rel = (rep.get((copy, origin)) or {}).get("relation")
        o_rel = (rep.get((origin, copy)) or {}).get("relation")
        right = c_rel == "copy-of" or o_rel == "source-of"
        wrong = c_rel == "source-of" or o_rel == "copy-of"
        o_decided += right or wrong
        o_ok += right and not wrong
    res["origin"] = {"accuracy": o_ok / o_n if o_n else None, "decided": o_decided, "pairs": o_n}

    # ---- passages
    cov_num = cov_den = 0
    valid = checked = 0
    for key, p in tpairs.items():
        if key not in predicted:
            continue
        a, b = p["a"], p["b"]
        got: dict[str, list[tuple[int, int]]] = {a: [], b: []}
        for this, other in ((a, b), (b, a)):
            r = rep.get((this, other))
            if not r:
                continue
            for ps in r.get("passages", []) or []:
                try:
                    s, e, os_, oe = ps["start"], ps["end"], ps["other_start"], ps["other_end"]
                except KeyError:
                    continue
                got[this].append((s, e))
                got[other].append((os_, oe))
                wa, wb = words(text(this)[s:e]), words(text(other)[os_:oe])
                checked += 1
                if wa and wb:
                    if wa == wb:
                        valid += 1
                    else:
                        sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
                        valid += sm.ratio() >= VALID_RATIO
        for side, key_s, key_e in ((a, "a_start", "a_end"), (b, "b_start", "b_end")):
            nw = NonWs(text(side))
            tspans = normalise_spans([(q[key_s], q[key_e]) for q in p["passages"]])
            cov_den += total(nw, tspans)
            cov_num += overlap(nw, tspans, normalise_spans(got[side]))
    res["passages"] = {
        "coverage": cov_num / cov_den if cov_den else None,
        "validity": valid / checked if checked else None,
        "reported": checked,
    }

    # ---- boilerplate
    cats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, pred, true
    allc = [0, 0, 0]
    for rel, f in files.items():
        nw = NonWs(text(rel))
        t_by: dict[str, list] = defaultdict(list)
        for s, e, c in f["boilerplate"]:
            t_by[c].append((s, e))
        p_by: dict[str, list] = defaultdict(list)
        for sp in audits[rel].get("boilerplate", []) or []:
            p_by[sp.get("category", "other")].append((sp["start"], sp["end"]))
        t_all = normalise_spans([x for v in t_by.values() for x in v])
        p_all = normalise_spans([x for v in p_by.values() for x in v])
        allc[0] += overlap(nw, t_all, p_all)
        allc[1] += total(nw, p_all)
        allc[2] += total(nw, t_all)
        for c in set(t_by) | set(p_by):
            ts, ps = normalise_spans(t_by.get(c, [])), normalise_spans(p_by.get(c, []))
            cats[c][0] += overlap(nw, ts, ps)
            cats[c][1] += total(nw, ps)
            cats[c][2] += total(nw, ts)

    def bp(tp_: int, pred: int, true: int) -> dict:
        return prf(tp_, pred - tp_, true - tp_)

    res["boilerplate"] = bp(*allc)
    res["boilerplate_by_category"] = {c: bp(*v) for c, v in sorted(cats.items())}
    f1s = [v["f1"] or 0.0 for c, v in res["boilerplate_by_category"].items() if cats[c][2]]
    res["boilerplate"]["macro_f1"] = sum(f1s) / len(f1s) if f1s else None

    # ---- provenance
    by_ok = date_ok = out_ok = out_n = amb_n = amb_ok = 0
    for rel, f in files.items():
        prov = audits[rel].get("provenance", {}) or {}
        by_ok += sorted(prov.get("byline", []) or []) == sorted(f["byline"])
        date_ok += prov.get("date") == f["date"]
        if not f.get("outlet_optional"):
            out_n += 1
            out_ok += prov.get("outlet") == f["outlet"]
        if f.get("ambiguous_date"):
            amb_n += 1
            codes = {x.get("code") for x in audits[rel].get("findings", []) or []}
            amb_ok += "ambiguous-date" in codes
    n = len(files)
    res["provenance"] = {
        "byline": by_ok / n if n else None,
        "date": date_ok / n if n else None,
        "outlet": out_ok / out_n if out_n else None,
        "ambiguous_date_recall": amb_ok / amb_n if amb_n else None,
    }
    pred_ad = {
        rel
        for rel, a in audits.items()
        if any(x.get("code") == "attribution-dropped" for x in a.get("findings", []) or [])
    }
    true_ad = set(truth["attribution_dropped"])
    res["attribution_dropped"] = prf(
        len(pred_ad & true_ad), len(pred_ad - true_ad), len(true_ad - pred_ad)
    )
    return res


def fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.3f}"


def report(res: dict) -> str:
    lines = [f"files {res['files']} (missing audits: {res['missing_audits']})"]
    p = res["pairs"]
    lines.append(
        f"pairs       P {fmt(p['precision'])}  R {fmt(p['recall'])}  F1 {fmt(p['f1'])}  "
        f"(tp {p['tp']}, fp {p['fp']}, fn {p['fn']}, ignored {p['ignored']})"
    )
    for k, v in res["recall_by_kind"].items():
        lines.append(f"  recall {k:<18} {fmt(v['recall'])}  ({v['found']}/{v['total']})")
    o = res["origin"]
    lines.append(
        f"origin      accuracy {fmt(o['accuracy'])} over {o['pairs']} found pairs with evidence"
    )
    ps = res["passages"]
    lines.append(
        f"passages    coverage {fmt(ps['coverage'])}  validity {fmt(ps['validity'])} "
        f"({ps['reported']} reported)"
    )
    b = res["boilerplate"]
    lines.append(
        f"boilerplate P {fmt(b['precision'])}  R {fmt(b['recall'])}  F1 {fmt(b['f1'])}"
        f"  (per-category macro F1 {fmt(b['macro_f1'])})"
    )
    for c, v in res["boilerplate_by_category"].items():
        lines.append(f"  {c:<12} P {fmt(v['precision'])}  R {fmt(v['recall'])}  F1 {fmt(v['f1'])}")
    pv = res["provenance"]
    lines.append(
        f"provenance  byline {fmt(pv['byline'])}  date {fmt(pv['date'])}"
        f"  outlet {fmt(pv['outlet'])}"
        f"  ambiguous-date recall {fmt(pv['ambiguous_date_recall'])}"
    )
    ad = res["attribution_dropped"]
    lines.append(
        f"attribution-dropped P {fmt(ad['precision'])}  R {fmt(ad['recall'])}  F1 {fmt(ad['f1'])}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("truth_dir", type=Path)
    ap.add_argument("audit_dir", type=Path)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    res = score(args.truth_dir, args.audit_dir)
    print(json.dumps(res, indent=1, sort_keys=True) if args.json else report(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
