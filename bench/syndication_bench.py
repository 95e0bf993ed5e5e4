"""Benchmark of the syndication plugin on copies generated from real articles (bbc-dev).

Builds a corpus in memory: every original article, plus syndicated copies (re-wrapped,
wrapped in other boilerplate, with a licensing notice), house-style re-edits (American
spelling, a few edited/dropped words, truncated, re-headed), partial quotes (two paragraphs
inside another article) and several copies of one origin. Calls the plugin's hooks directly
(boilerplate spans of the added furniture are given, as a perfect boilerplate plugin would),
and prints pair recall per kind, precision against the known pairs (natural duplicates in
bbc-dev are taken from a run over the untouched corpus), origin accuracy and docs/s.

Usage: python bench/syndication_bench.py [N_ORIGINS] [--holdout]
"""

from __future__ import annotations

import random
import re
import sys
import textwrap
import time
from pathlib import Path

from auditor_plugins import syndication as syn

from auditor.context import Corpus, DocumentView, PluginContext, Record
from auditor.model import Data, Document, Provenance, Repeat, Span

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc-dev"

US = {
    "organise": "organize", "organised": "organized", "realise": "realize",
    "realised": "realized", "recognise": "recognize", "criticised": "criticized",
    "favour": "favor", "colour": "color", "labour": "labor", "centre": "center",
    "programme": "program", "defence": "defense", "travelled": "traveled",
    "per cent": "percent", "behaviour": "behavior", "analyse": "analyze",
}  # fmt: skip

HEADERS = [
    ["By Staff Reporter", "Published {date}"],
    ["{outlet} | {date}", "Share this article"],
    ["Home > Business > News", "{date} - {outlet}"],
]
FOOTERS = [
    ["This article originally appeared in {origin}.", "Copyright {year} {outlet}."],
    ["Distributed by Tribune Content Agency.", "Comments (3)", "Great article!", "Nonsense."],
    ["This content is published through a licensing agreement with Acquire Media."],
    ["Advertisement", "Related: Markets rally as oil falls", "Subscribe to our newsletter"],
]


def paragraphs(text: str) -> tuple[str, list[str]]:
    lines = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return lines[0], lines[1:]


def rewrap(paras: list[str], rng: random.Random) -> str:
    width = rng.choice([60, 72, 90])
    return "\n\n".join(textwrap.fill(p, width) for p in paras)


def restyle(p: str, rng: random.Random, rate: float) -> str:
    for k, v in US.items():
        p = re.sub(rf"\b{k}\b", v, p)
    words = p.split(" ")
    out = []
    for w in words:
        r = rng.random()
        if r < rate / 2:
            continue  # dropped word
        if r < rate:
            out.append(rng.choice(["also", "now", "very", "reportedly", "still"]))
            out.append(w)
            continue
        out.append(w)
    return " ".join(out).replace("'", "\u2019")


def wrap(body: str, rng: random.Random, outlet: str, origin: str, date: str):
    head = [line.format(date=date, outlet=outlet) for line in rng.choice(HEADERS)]
    foot = [
        line.format(origin=origin, outlet=outlet, year=date[:4]) for line in rng.choice(FOOTERS)
    ]
    spans = []
    text = ""
    for line in head:
        spans.append((len(text), len(text) + len(line), "navigation"))
        text += line + "\n"
    text += "\n" + body + "\n\n"
    for line in foot:
        cat = (
            "syndication"
            if ("appeared" in line or "Distributed" in line or "licens" in line)
            else "other"
        )
        spans.append((len(text), len(text) + len(line), cat))
        text += line + "\n"
    return text, [Span(s, e, c) for s, e, c in spans]


def build(n: int, seed: int = 7):
    rng = random.Random(seed)
    paths = sorted(ROOT.glob("*/*.txt"))
    files = {
        str(p.relative_to(ROOT)): p.read_text(encoding="utf-8", errors="replace") for p in paths
    }
    spans: dict[str, list[Span]] = {}
    prov: dict[str, Provenance] = {}
    truth: dict[tuple[str, str], str] = {}  # (a, b) sorted -> kind
    origin_of: dict[str, str] = {}
    names = sorted(files)
    chosen = rng.sample(names, n)
    for k, name in enumerate(chosen):
        title, paras = paragraphs(files[name])
        if len(paras) < 4:
            continue
        prov[name] = Provenance(byline=["Jane Doe"], outlet="BBC News", date="2005-01-10")
        kind = k % 4
        if kind == 0:  # syndicated copy, re-wrapped, other boilerplate
            body = title + "\n\n" + rewrap(paras, rng)
            cp = f"syn/{k:04d}.txt"
            files[cp], spans[cp] = wrap(body, rng, "Daily Courier", "BBC News", "2005-01-11")
            prov[cp] = Provenance(date="2005-01-11", syndicated_via="Acquire Media")
            truth[tuple(sorted((name, cp)))] = "syndicated"
            origin_of[cp] = name
        elif kind == 1:  # house style: spelling, edits, truncated, re-headed
            keep = paras[: max(3, int(len(paras) * rng.uniform(0.6, 1.0)))]
            body = "New headline for a story\n\n" + "\n\n".join(restyle(p, rng, 0.03) for p in keep)
            cp = f"house/{k:04d}.txt"
            files[cp], spans[cp] = wrap(body, rng, "US Herald", "BBC News", "2005-01-12")
            prov[cp] = Provenance(date="2005-01-12")
            truth[tuple(sorted((name, cp)))] = "house-style"
            origin_of[cp] = name
        elif kind == 2:  # partial quote of two paragraphs inside another article
            other = rng.choice(names)
            if other == name:
                continue
            q = [p for p in paras if len(p.split()) >= 25][:2]
            if len(q) < 2 or sum(len(p.split()) for p in q) < 50:
                continue
            t2, p2 = paragraphs(files[other])
            mid = len(p2) // 2
            body = "\n\n".join([t2, *p2[:mid], *q, *p2[mid:]])
            cp = f"quote/{k:04d}.txt"
            files[cp] = body
            truth[tuple(sorted((name, cp)))] = "partial-quote"
            truth[tuple(sorted((other, cp)))] = "quote-host"
        else:  # three copies of one origin
            cps = []
            for c in range(3):
                body = title + "\n\n" + rewrap([restyle(p, rng, 0.01) for p in paras], rng)
                cp = f"multi/{k:04d}-{c}.txt"
                files[cp], spans[cp] = wrap(
                    body, rng, f"Paper {c}", "BBC News", "2005-01-1" + str(c + 1)
                )
                prov[cp] = Provenance(date="2005-01-1" + str(c + 1), syndicated_via="Wire")
                truth[tuple(sorted((name, cp)))] = "syndicated"
                cps.append(cp)
                origin_of[cp] = name
            for x in range(3):
                for y in range(x + 1, 3):
                    truth[tuple(sorted((cps[x], cps[y])))] = "siblings"
    return files, spans, prov, truth, origin_of


def run(files, spans, prov, config=None):
    ctx = PluginContext(name="syndication", config=config or {})
    recs = []
    t0 = time.perf_counter()
    for path in sorted(files):
        doc = Document(path=path, text=files[path], sha256="", encoding="utf-8")
        sp = spans.get(path, [])
        got: list = []
        syn.auditor_analyze(view=DocumentView(doc, sp), ctx=ctx, register=got.append)
        data = got[0].value if got and isinstance(got[0], Data) else None
        recs.append(Record(doc, sp, prov.get(path, Provenance()), {"syndication": data}))
    t1 = time.perf_counter()
    out: list = []
    syn.auditor_corpus_repeats(corpus=Corpus(recs), ctx=ctx, register=out.append)
    t2 = time.perf_counter()
    return out, t1 - t0, t2 - t1


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    base = {
        str(p.relative_to(ROOT)): p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(ROOT.glob("*/*.txt"))
    }
    natural, _, _ = run(base, {}, {})
    natural_pairs = {tuple(sorted((r.path, r.other))) for r in natural if isinstance(r, Repeat)}
    files, spans, prov, truth, origin_of = build(n)
    out, ta, tc = run(files, spans, prov)
    reps = [r for r in out if isinstance(r, Repeat)]
    found = {tuple(sorted((r.path, r.other))) for r in reps}
    rel = {(r.path, r.other): r.relation for r in reps}
    kinds: dict[str, list[int]] = {}
    for pair, kind in truth.items():
        kinds.setdefault(kind, [0, 0])
        kinds[kind][1] += 1
        kinds[kind][0] += pair in found
    for kind, (hit, tot) in sorted(kinds.items()):
        print(f"recall {kind:14s} {hit}/{tot} = {hit / tot:.3f}")
    known = set(truth) | natural_pairs
    extra = found - known
    # pairs among copies of naturally duplicated originals are true too: count them separately
    fp = [
        p
        for p in extra
        if not (
            p[0].split("/")[0] in {"syn", "house", "multi", "quote"}
            or p[1].split("/")[0] in {"syn", "house", "multi", "quote"}
        )
    ]
    tp = len(found & known)
    prec = tp / max(1, tp + len(fp))
    rec = len(found & set(truth)) / max(1, len(truth))
    print(
        f"pairs found {len(found)} true {tp} unexplained-extra {len(extra)} fp(orig-orig) {len(fp)}"
    )
    print(f"precision~ {prec:.4f} recall {rec:.4f}")
    good = sum(rel.get((cp, o)) == "copy-of" for cp, o in origin_of.items())
    print(f"origin: copy-of decided {good}/{len(origin_of)}")
    sib_bad = sum(
        1 for p, k in truth.items() if k == "siblings" and rel.get(p) != "shares-passages"
    )
    print(f"siblings not shares-passages: {sib_bad}")
    print(f"docs {len(files)} analyze {ta:.2f}s ({len(files) / ta:.0f} docs/s) corpus {tc:.2f}s")
    for p in sorted(extra)[:10]:
        print("extra", p)
    for pair, kind in sorted(truth.items()):
        if pair not in found:
            print("missed", kind, pair)


def write_corpus(out_dir: str, n: int = 400) -> None:
    """Write the generated corpus to disk (no spans: the real plugins must find them)."""
    import json

    files, _spans, prov, truth, origin_of = build(n)
    root = Path(out_dir)
    for path, text in files.items():
        # provenance the real provenance plugin can read: a dateline at the top
        p = prov.get(path)
        if p is not None and p.date and not path.startswith(("syn/", "house/", "multi/")):
            text = f"Published {p.date}\n\n{text}"
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    meta = {"truth": [[a, b, k] for (a, b), k in sorted(truth.items())], "origin_of": origin_of}
    (root.parent / (root.name + ".truth.json")).write_text(json.dumps(meta), encoding="utf-8")


def score_audits(truth_file: str, audit_dir: str) -> None:
    """Pair recall per kind and origin agreement, read from written audits (json or toml)."""
    import json

    import tomllib

    meta = json.loads(Path(truth_file).read_text(encoding="utf-8"))
    rel: dict[tuple[str, str], str] = {}
    for f in Path(audit_dir).rglob("*.audit.*"):
        if f.suffix == ".json":
            a = json.loads(f.read_text(encoding="utf-8"))
        else:
            a = tomllib.loads(f.read_text(encoding="utf-8"))
        for r in a.get("repeats", []):
            rel[(a["path"], r["other"])] = r["relation"]
    found = {tuple(sorted(k)) for k in rel}
    kinds: dict[str, list[int]] = {}
    for a, b, k in meta["truth"]:
        kinds.setdefault(k, [0, 0])
        kinds[k][1] += 1
        kinds[k][0] += (min(a, b), max(a, b)) in found
    for k, (hit, tot) in sorted(kinds.items()):
        print(f"recall {k:14s} {hit}/{tot} = {hit / tot:.3f}")
    truth_pairs = {(min(a, b), max(a, b)) for a, b, _ in meta["truth"]}
    print(f"found {len(found)}, of which not generated {len(found - truth_pairs)}")
    ok = sum(rel.get((c, o)) == "copy-of" for c, o in meta["origin_of"].items())
    bad = sum(rel.get((c, o)) == "source-of" for c, o in meta["origin_of"].items())
    print(f"origin: copy-of {ok}/{len(meta['origin_of'])}, reversed {bad}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--write":
        write_corpus(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 400)
    elif len(sys.argv) > 3 and sys.argv[1] == "--score":
        score_audits(sys.argv[2], sys.argv[3])
    else:
        main()
