#!/usr/bin/env python3
"""Generate a syndication benchmark corpus with known truth from the BBC development articles.

Usage: ``python bench/generate.py --size 10000 --seed 1 --out /tmp/syn10k [--holdout]``

Writes ``OUT/docs/NNNNNN.txt`` (the files to audit) and ``OUT/truth.json`` (what an ideal audit
says). The raw material is ``../shared/corpora/bbc-dev`` (896 articles: a title line, a blank
line, paragraphs separated by blank lines).

How the corpus grows without repeating text
  Each generated story derives from a *unit*: an (article, variant) pair. Variant 0 is the BBC
  article as written. Variant v >= 1 is the article passed through a deterministic per-variant
  word cipher: every p-th word (p in 3..5, per-variant offset) is replaced by another corpus word
  of similar length (numbers get their digits permuted), keeping capitalisation. Every window of
  five words therefore holds at least one substituted word, so the 5-word shingles of two
  variants of the same article, or of a variant and the original, are disjoint: different units
  never share a passage. Only one article per natural-duplicate component is ciphered, so
  identical source articles cannot produce identical ciphered text. A pair of files made from
  different variants of the same article is a "near" pair (reworded duplicate): the scorer
  neither rewards nor punishes it (``roots`` in the truth).

Natural duplicates
  The BBC set holds duplicates and shared paragraphs. An exact pass over rare 5-word shingles
  (in <= 10 articles) maps each later article's matching words onto the ids of the earlier
  article's words, so the truth for any pair of files is computed the same way whatever its
  cause: two files share a passage where they hold the same word ids.

Truth for pairs
  Every word of article text carries the id of the source word it came from (edits drop or
  keep ids explicitly, see ``textseg.py``). Shared passages are monotone runs of common ids with
  gaps of at most two words; a pair is truth when passages of >= 8 words total >= 40 words
  (EVALUATION.md). Pairs with a shared run below that line are listed as ``near``.

Kinds of pairs: ``syndicated`` (copy <-> the file it was copied from), ``restyled`` (re-edited in
another house style), ``copy-of-copy`` (a copy made from a copy <-> that copy), ``indirect``
(a copy of a copy <-> the first origin), ``siblings`` (two copies of one origin), ``quote`` (two
paragraphs quoted inside another article), ``natural-duplicate`` (already duplicated in the
source material).

Some families split paragraphs into one or two sentences, and 30% of originals carry an inserted
article paragraph that uses boilerplate cue words ("could not be reached for comment"), which
must stay article text; copies inherit it with its word ids.

Outlet templates come from ``templates.py``: 24 development families and 10 holdout families
whose wordings never overlap (``--holdout`` uses only the holdout ones).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import templates as T
from textseg import (
    IDX_BITS,
    NO_SRC,
    WORD_RE,
    Seg,
    compress,
    expand,
    shared_passages,
    src_key,
)

DEFAULT_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-dev"
VARIANT_STRIDE = 1024  # unit key = variant * VARIANT_STRIDE + article index
CUE_KEY_BASE = 1 << 24  # word-id keys of inserted cue-word paragraphs (one key per file)

BR_US = {
    "colour": "color", "colours": "colors", "favour": "favor", "favourite": "favorite",
    "labour": "labor", "honour": "honor", "behaviour": "behavior", "neighbour": "neighbor",
    "organisation": "organization", "organisations": "organizations", "analyse": "analyze",
    "realise": "realize", "realised": "realized", "recognise": "recognize",
    "recognised": "recognized", "centre": "center", "centres": "centers", "theatre": "theater",
    "programme": "program", "programmes": "programs", "licence": "license",
    "defence": "defense", "travelling": "traveling", "cancelled": "canceled",
    "criticised": "criticized", "apologised": "apologized", "privatisation": "privatization",
    "organised": "organized", "emphasised": "emphasized", "authorised": "authorized",
    "modernise": "modernize", "catalogue": "catalog", "jewellery": "jewelry", "grey": "gray",
    "cheque": "check", "tyre": "tire", "aluminium": "aluminum", "sceptical": "skeptical",
    "whilst": "while", "amongst": "among", "metres": "meters", "litres": "liters",
    "globalisation": "globalization", "liberalisation": "liberalization",
}  # fmt: skip
VOCAB_SWAP = {
    "film": "movie", "films": "movies", "shares": "stocks", "petrol": "gasoline",
    "lorry": "truck", "flat": "apartment", "holiday": "vacation", "mobile": "cell",
    "firm": "company", "chairman": "chair", "shop": "store", "shops": "stores",
    "autumn": "fall", "queue": "line", "motorway": "highway", "football": "soccer",
}  # fmt: skip


def nfold(w: str) -> str:
    return w.casefold()


# ---------------------------------------------------------------------------------------------
# source material


@dataclass
class Source:
    rel: str
    title: Seg
    paras: list[Seg]
    comp: int = -1  # natural-duplicate component id (an article index)


def read_sources(root: Path) -> list[Source]:
    files = sorted(p for p in root.rglob("*.txt") if p.is_file())
    out: list[Source] = []
    for p in files:
        raw = p.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        blocks = [b.strip() for b in re.split(r"\n\s*\n", raw) if b.strip()]
        if len(blocks) < 2:
            continue
        lines = blocks[0].split("\n")
        title, first = lines[0].strip(), " ".join(x.strip() for x in lines[1:])
        paras = ([first] if first else []) + [" ".join(b.split()) for b in blocks[1:]]
        out.append(Source(p.relative_to(root).as_posix(), Seg.from_text(title), []))
        out[-1].paras = [Seg.from_text(x) for x in paras]
    # own ids
    for a, s in enumerate(out):
        k = 0
        for seg in [s.title, *s.paras]:
            seg.srcs = [(a << IDX_BITS) | (k + i) for i in range(len(seg))]
            k += len(seg)
    canonicalize(out)
    return out


def canonicalize(sources: list[Source]) -> None:
    """Map words of later articles that repeat an earlier article onto the earlier ids.

    Rare 5-word shingles (in <= 10 articles) anchor the mapping; for each article, earlier
    articles are visited by decreasing number of shared shingles, so a duplicate maps onto its
    best partner rather than onto phrases that happen to occur elsewhere too. Articles sharing
    >= 8 rare shingles form a component; only one article per component is ever ciphered.
    """
    words: list[list[str]] = []
    for s in sources:
        words.append([nfold(w) for seg in [s.title, *s.paras] for w in seg.words])
    occ: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for a, ws in enumerate(words):
        for i in range(len(ws) - 4):
            occ[tuple(ws[i : i + 5])].append((a, i))
    parent = list(range(len(sources)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for b, ws in enumerate(words):
        segs = [sources[b].title, *sources[b].paras]
        flat = [s for seg in segs for s in seg.srcs]
        hits: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for i in range(len(ws) - 4):
            lst = occ[tuple(ws[i : i + 5])]
            if len(lst) > 10:
                continue
            seen: set[int] = set()
            for a, j in lst:
                if a < b and a not in seen:
                    seen.add(a)
                    hits[a].append((i, j))
        if not hits:
            continue
        fixed = [False] * len(flat)
        for a in sorted(hits, key=lambda x: (-len(hits[x]), x)):
            if len(hits[a]) >= 8:
                parent[find(b)] = find(a)
            asrc = [s for seg in [sources[a].title, *sources[a].paras] for s in seg.srcs]
            for i, j in hits[a]:
                for k in range(5):
                    if not fixed[i + k]:
                        fixed[i + k] = True
                        flat[i + k] = asrc[j + k]
        k = 0
        for seg in segs:
            seg.srcs = flat[k : k + len(seg)]
            k += len(seg)
    for a, s in enumerate(sources):
        s.comp = find(a)


def build_vocab(sources: list[Source]) -> dict[int, list[str]]:
    counts: dict[str, int] = defaultdict(int)
    for s in sources:
        for seg in [s.title, *s.paras]:
            for w in seg.words:
                if w.isalpha() and w.islower():
                    counts[w] += 1
    buckets: dict[int, list[str]] = defaultdict(list)
    for w in sorted(counts):
        if counts[w] >= 2:
            buckets[min(len(w), 12)].append(w)
    return buckets


def restore_case(model: str, w: str) -> str:
    if len(model) > 1 and model.isupper():
        return w.upper()
    if model[:1].isupper():
        return w[:1].upper() + w[1:]
    return w


class Units:
    """Units (article, variant) -> (title, paragraphs) with word ids."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self.vocab = build_vocab(sources)
        self.reps = [a for a, s in enumerate(sources) if s.comp == a]

    def get(self, key: int) -> tuple[Seg, list[Seg]]:
        v, a = divmod(key, VARIANT_STRIDE)
        src = self.sources[a]
        title, paras = src.title.copy(), [p.copy() for p in src.paras]
        if v == 0:
            return title, paras
        h = T.crc("cipher", v, a)
        p = 3 + h % 3
        off = (h >> 4) % p
        t = 0
        for seg in [title, *paras]:
            for i, w in enumerate(seg.words):
                if (t + off) % p == 0:
                    seg.words[i] = self._sub(w, v)
                seg.srcs[i] = (key << IDX_BITS) | t
                t += 1
        return title, paras

    def _sub(self, w: str, v: int) -> str:
        lw = w.lower()
        h = T.crc("w", v, lw)
        if any(c.isdigit() for c in w):
            shift = 1 + h % 9
            return "".join(str((int(c) + shift) % 10) if c.isdigit() else c for c in w)
        bucket = self.vocab.get(min(len(lw), 12)) or self.vocab[max(self.vocab)]
        r = bucket[h % len(bucket)]
        if r == lw:
            r = bucket[(h + 1) % len(bucket)]
        return restore_case(w, r)

    def root(self, key: int) -> int:
        return self.sources[key % VARIANT_STRIDE].comp


# ---------------------------------------------------------------------------------------------
# per-file specification and rendering


@dataclass
class Doc:
    idx: int
    unit: int
    group: int
    role: str  # original|syndicated|restyled|quote
    parent: int | None
    family: T.Family
    outlet: str
    authors: list[str]
    show_byline: bool
    date: dt.date | None
    title: Seg | None
    paras: list[Seg]
    notice: str | None = None  # syndication notice text
    notice_names_parent: bool = False
    quote_from: int | None = None  # unit quoted
    roots: set[int] = field(default_factory=set)
    # filled by render
    path: str = ""
    truth: dict = field(default_factory=dict)
    runs: object = None
    parts: list[tuple[int, int]] = field(default_factory=list)


class Renderer:
    """Composes a plausible news page from a Doc and its family; records every span."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def render(self, d: Doc) -> tuple[str, dict, list[tuple[int, int]], list[int]]:
        rng, fam = self.rng, d.family
        blocks: list[list[tuple[str, str, Seg | None]]] = []
        A = d.authors[0] if d.authors else ""
        fields = self._fields(d, A)
        credited: list[str] = []

        def bp(text: str, cat: str) -> None:
            blocks.append([(text, cat, None)])

        for line in fam.top_nav:
            bp(line.format(**fields), "navigation")
        if fam.masthead:
            bp(fam.masthead.format(**fields), "dateline")
        date_text, ambiguous = self._date_text(d, fields)
        inline_lead = None
        if date_text is not None and fam.dateline:
            if fam.dateline.startswith("inline:"):
                inline_lead = date_text
            else:
                bp(date_text, "dateline")
        if d.notice and fam.notice_pos == "top":
            bp(d.notice, "syndication")
        # headline
        if d.title is not None and len(d.title) and fam.headline != "none":
            t = d.title.copy()
            if fam.headline == "md":
                t.seps[0] = "# " + t.seps[0]
            blocks.append([("", "headline", t)])
            if fam.headline == "underline":
                bp("=" * min(60, len(t.text)), "other")
        byl = fam.byline
        byl_bottom = ""
        if d.show_byline and byl and d.authors:
            names = d.authors if byl[1] else d.authors[:1]
            text = self._byline_text(byl[0], names, fields)
            credited = list(names)
            if byl[2] == "top":
                bp(text, "byline")
            else:
                byl_bottom = text
        if fam.photo and rng.random() < 0.6:
            bp(fam.photo.format(**fields), "other")
        # article body
        paras = [p.copy() for p in d.paras]
        if fam.short_paras:
            sizes = [rng.randrange(6) for _ in range(8)]
            paras = [q for p in paras for q in p.split_sentences(2, sizes)]
        if fam.wrap:
            for p in paras:
                p.wrap(fam.wrap)
        see_at = -1
        if fam.see_also and rng.random() < 0.7 and fam.see_also_pos == "inline" and len(paras) > 3:
            see_at = rng.randrange(1, len(paras) - 1)
        nav_at = rng.randrange(1, len(paras)) if fam.inline_nav and len(paras) > 2 else -1
        for i, p in enumerate(paras):
            if i == 0 and inline_lead is not None:
                blocks.append([(inline_lead, "dateline", None), ("", "article", p)])
            else:
                blocks.append([("", "article", p)])
            if i == see_at:
                bp(fam.see_also.format(**fields), "see-also")
            if i == nav_at:
                bp(fam.inline_nav.format(**fields), "navigation")
        if d.show_byline and byl and d.authors and byl[2] == "bottom":
            bp(byl_bottom, "byline")
        if fam.contact:
            names_author = "{A}" in fam.contact
            if not names_author or (d.show_byline and A):
                bp(fam.contact.format(**fields), "contact")
                if names_author:
                    credited = credited or [A]
        if fam.see_also and see_at < 0 and fam.see_also_pos == "end" and rng.random() < 0.7:
            bp(fam.see_also.format(**fields), "see-also")
        if d.notice and fam.notice_pos == "bottom":
            bp(d.notice, "syndication")
        if fam.copyright:
            bp(fam.copyright.format(**fields), "copyright")
        for line in fam.end_nav:
            text = line.format(**fields)
            if text in ("MOST READ", "TRENDING NOW"):
                text += "".join(f"\n{k + 1}. {T.headline(rng)}" for k in range(rng.randint(3, 5)))
            bp(text, "navigation")
        if rng.random() < fam.p_comments:
            self._comments(d, blocks, fields)
        text, spans, parts, srcs = self._assemble(blocks, fam.para_sep)
        strong = any(
            c in ("dateline", "copyright", "contact") and d.outlet in t
            for blk in blocks
            for t, c, _ in blk
        )
        weak = any(
            c not in ("article", "headline", "syndication") and d.outlet in t
            for blk in blocks
            for t, c, _ in blk
        )
        truth = {
            "family": fam.fid,
            "outlet": d.outlet if strong else None,
            "outlet_optional": weak and not strong,
            "byline": sorted(credited),
            "date": d.date.isoformat() if d.date and not ambiguous and date_text else None,
            "ambiguous_date": bool(ambiguous and date_text),
            "boilerplate": spans,
        }
        return text, truth, parts, srcs

    # -- pieces ---------------------------------------------------------------------------

    def _fields(self, d: Doc, A: str) -> dict[str, str]:
        rng = self.rng
        slug = re.sub(r"[^a-z]", "", d.outlet.lower().replace("the ", "", 1))
        first, _, last = A.partition(" ")
        sec = rng.sample(T.SECTIONS, 2)
        pron = rng.choice(["him", "her", "them"])
        holder = d.outlet + rng.choice(["", ", LLC", " Ltd", ", Inc."])
        year = (d.date or dt.date(2005, 1, 1)).year
        return {
            "outlet": d.outlet,
            "OUTLET": d.outlet.upper(),
            "section": sec[0],
            "section2": sec[1],
            "city": rng.choice(T.CITIES),
            "A": A,
            "role": rng.choice(T.ROLES),
            "email": f"{(first[:1] + last).lower().replace('-', '')}@{slug}.com" if A else "",
            "phone": f"555-{rng.randrange(100, 999)}-{rng.randrange(1000, 9999)}",
            "handle": (first + last).replace("-", "").lower() or "newsdesk",
            "pron": pron,
            "Pron": {"him": "He", "her": "She", "them": "They"}[pron],
            "beat": rng.choice(T.BEATS),
            "town": rng.choice(T.TOWNS_DEV + T.TOWNS_HOLDOUT).replace("-", " "),
            "year0": str(rng.randrange(1990, 2004)),
            "year": str(year + rng.choice([0, 0, 0, 1, 17])),
            "holder": holder,
            "domain": f"{slug}.com",
            "h": T.headline(rng),
            "h2": T.headline(rng),
            "name": T.person(rng),
            "agency": rng.choice(T.AGENCIES),
        }

    def _date_text(self, d: Doc, f: dict[str, str]) -> tuple[str | None, bool]:
        fam = d.family
        if d.date is None or not fam.dateline:
            return None, False
        r = self.rng.randrange(10**6)
        style = fam.dateline.removeprefix("inline:")
        if self.rng.random() < fam.p_partial_date:
            date_s = f"{T.MONTHS[d.date.month - 1]} {d.date.day}"
            style = style.replace("{iso}", "{date}").replace("; updated {date2}", "")
            style = style.replace(" — Last modified {date2}", "")
            return style.format(date=date_s, **f), True
        upd = d.date + dt.timedelta(days=self.rng.randint(1, 4))
        text = style.format(
            date=fam.date_fmt(d.date, r),
            date2=fam.date_fmt(upd, r + 7),
            iso=d.date.isoformat(),
            **f,
        )
        return text, False

    @staticmethod
    def _byline_text(tpl: str, names: list[str], f: dict[str, str]) -> str:
        a = " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]
        return tpl.format(**{**f, "A": a, "E": f["name"]})

    def _comments(self, d: Doc, blocks: list, f: dict[str, str]) -> None:
        rng, fam = self.rng, d.family
        n = rng.randint(5, 60)
        head = fam.c_header.format(n=n)
        if fam.c_policy:
            head += "\n" + fam.c_policy
        blocks.append([(head, "comments", None)])
        base = d.date or dt.date(2005, 1, 1)
        topics = sorted(
            {w for p in d.paras[:3] for w in p.words if w[:1].isupper() and len(w) > 3}
        ) or ["this"]
        for k in range(n):
            cdate = base + dt.timedelta(days=rng.randint(0, 3))
            post = fam.c_post.format(
                user=T.username(rng),
                ago=f"{rng.randint(1, 23)} hours ago",
                text=T.comment_text(rng, topics),
                town=rng.choice(T.TOWNS_DEV + T.TOWNS_HOLDOUT).replace("-", " "),
                cdate=f"{T.MONTHS[cdate.month - 1][:3]} {cdate.day}, {cdate.year}",
                k=k + 1,
            )
            blocks.append([(post, "comments", None)])
        if fam.c_footer:
            blocks.append([(fam.c_footer.format(n=n), "comments", None)])

    @staticmethod
    def _assemble(blocks: list, sep: str):
        """Join blocks; return text, merged boilerplate spans, article parts and word srcs."""
        out: list[str] = []
        pos = 0
        spans: list[list] = []
        parts: list[tuple[int, int]] = []
        srcs: list[int] = []
        nl = "\r\n" if sep.startswith("\r\n") else "\n"
        last_cat = ""
        for bi, blk in enumerate(blocks):
            if bi:
                out.append(sep)
                pos += len(sep)
            for text, cat, seg in blk:
                if seg is not None:
                    text = seg.text
                    srcs.extend(seg.srcs)
                if nl != "\n":
                    text = text.replace("\n", nl)
                if not text:
                    continue
                if cat in ("article", "headline"):
                    parts.append((pos, pos + len(text)))
                elif text.strip():
                    # boilerplate spans hold no leading/trailing whitespace
                    s = pos + len(text) - len(text.lstrip())
                    e = pos + len(text.rstrip())
                    if last_cat == cat:
                        spans[-1][1] = e
                    else:
                        spans.append([s, e, cat])
                last_cat = cat
                out.append(text)
                pos += len(text)
        return "".join(out) + nl, spans, parts, srcs


# ---------------------------------------------------------------------------------------------
# copy transformations


def edit_words(rng: random.Random, paras: list[Seg], vocab: dict[int, list[str]], n: int) -> None:
    for _ in range(n):
        cands = [p for p in paras if len(p) > 12]
        if not cands:
            return
        p = rng.choice(cands)
        k = rng.randrange(1, len(p) - 1)
        if rng.random() < 0.3:
            p.delete(k)
        else:
            w = p.words[k]
            bucket = vocab.get(min(len(w), 12)) or vocab[max(vocab)]
            p.replace(k, restore_case(w, rng.choice(bucket)))


def syndicate(rng: random.Random, title: Seg, paras: list[Seg], vocab) -> tuple[Seg, list[Seg]]:
    paras = [p.copy() for p in paras]
    if rng.random() < 0.4:
        title = Seg.from_text(T.headline(rng))
    else:
        title = title.copy()
    if rng.random() < 0.3 and len(paras) > 4:
        paras = paras[: max(3, len(paras) - rng.randint(1, 3))]
    if rng.random() < 0.15 and len(paras) > 4:
        del paras[rng.randrange(1, len(paras) - 1)]
    edit_words(rng, paras, vocab, rng.randint(0, 4))
    return title, paras


CURLY = {'"': "\u201c", "'": "\u2019"}


def restyle(rng: random.Random, paras: list[Seg], vocab) -> tuple[Seg, list[Seg]]:
    """Re-edit in an American house style: spelling, word choice, merged paragraphs."""
    out = []
    for p in paras:
        p = p.copy()
        k = 0
        while k < len(p):
            lw = p.words[k].lower()
            if lw in BR_US:
                p.replace(k, restore_case(p.words[k], BR_US[lw]), keep_src=True)
            elif lw in VOCAB_SWAP and rng.random() < 0.7:
                p.replace(k, restore_case(p.words[k], VOCAB_SWAP[lw]))
            elif lw == "per" and k + 1 < len(p) and p.words[k + 1].lower() == "cent":
                p.replace(k, "percent")
                p.delete(k + 1)
            k += 1
        if rng.random() < 0.5:
            p.map_seps(CURLY)
        out.append(p)
    if rng.random() < 0.3 and len(out) > 3:
        i = rng.randrange(len(out) - 1)
        merged = Seg(
            out[i].words + out[i + 1].words,
            [*out[i].seps[:-1], out[i].seps[-1] + " " + out[i + 1].seps[0], *out[i + 1].seps[1:]],
            out[i].srcs + out[i + 1].srcs,
        )
        out[i : i + 2] = [merged]
    edit_words(rng, out, vocab, rng.randint(3, 8))
    return Seg.from_text(T.headline(rng)), out


# ---------------------------------------------------------------------------------------------
# corpus plan


CLUSTER_SIZES = [2] * 45 + [3] * 25 + [4] * 15 + [5] * 10 + [6] * 5


class Generator:
    def __init__(self, sources: list[Source], seed: int, holdout: bool, out: Path, size: int):
        self.out = out
        self.width = max(6, len(str(size)))
        (out / "docs").mkdir(parents=True, exist_ok=True)
        self.rng = random.Random(seed)
        self.units = Units(sources)
        self.fams = T.families(holdout)
        self.outlets = [(f, o) for f in self.fams for o in f.outlets]
        self.services = T.SERVICES_HOLDOUT if holdout else T.SERVICES_DEV
        self.notices = T.NOTICES_HOLDOUT if holdout else T.NOTICES_DEV
        self.cues = T.CUE_SENTENCES_HOLDOUT if holdout else T.CUE_SENTENCES_DEV
        self.docs: list[Doc] = []
        self.render = Renderer(self.rng)
        self._unit_iter = self._unit_order()
        self.origins: list[int] = []  # doc indices of group origins (quotable)

    def _unit_order(self):
        rng = random.Random(self.rng.random())
        srcs = self.units.sources
        comps: dict[int, int] = defaultdict(int)
        for s in srcs:
            comps[s.comp] += 1
        dup = [a for a, s in enumerate(srcs) if comps[s.comp] > 1]
        rest = [a for a, s in enumerate(srcs) if comps[s.comp] == 1]
        rng.shuffle(dup)
        rng.shuffle(rest)
        # natural duplicates early (interleaved) so small corpora contain them
        order = []
        while dup or rest:
            if dup and (not rest or rng.random() < 0.35):
                order.append(dup.pop())
            else:
                order.append(rest.pop())
        yield from order
        v = 1
        while True:
            reps = list(self.units.reps)
            rng.shuffle(reps)
            for a in reps:
                yield v * VARIANT_STRIDE + a
            v += 1

    def _authors(self) -> list[str]:
        r = self.rng.random()
        n = 1 if r < 0.82 else (2 if r < 0.95 else 0)
        return [T.person(self.rng) for _ in range(n)]

    def _date(self) -> dt.date:
        return dt.date(2004, 1, 1) + dt.timedelta(days=self.rng.randrange(730))

    def _pick_outlet(self, avoid: str | None = None) -> tuple[T.Family, str]:
        while True:
            fam, o = self.rng.choice(self.outlets)
            if o != avoid:
                return fam, o

    def new_doc(self, **kw) -> Doc:
        d = Doc(idx=len(self.docs), **kw)
        self.docs.append(d)
        return d

    def original(self, group: int, unit: int, role: str = "original") -> Doc:
        fam, outlet = self._pick_outlet()
        title, paras = self.units.get(unit)
        date = self._date() if self.rng.random() < 0.95 else None
        d = self.new_doc(
            unit=unit, group=group, role=role, parent=None, family=fam, outlet=outlet,
            authors=self._authors(), show_byline=True, date=date, title=title, paras=paras,
        )  # fmt: skip
        d.roots = {self.units.root(unit)}
        if role == "original" and self.rng.random() < 0.3 and len(paras) > 2:
            self._cue_paragraph(d)
        return d

    def _cue_paragraph(self, d: Doc) -> None:
        """Insert an article paragraph that uses boilerplate cue words (with own word ids)."""
        rng = self.rng
        tpl = rng.choice(self.cues)
        text = tpl.format(name=T.person(rng), org=rng.choice(T.ORGS), day=rng.choice(T.DAYS))
        seg = Seg.from_text(text)
        key = CUE_KEY_BASE + d.idx
        seg.srcs = [(key << IDX_BITS) | i for i in range(len(seg))]
        d.paras.insert(rng.randrange(1, len(d.paras)), seg)

    def copy(self, parent: Doc, group: int) -> Doc:
        rng = self.rng
        fam, outlet = self._pick_outlet(avoid=parent.outlet)
        restyled = rng.random() < 0.3
        if restyled:
            title, paras = restyle(rng, parent.paras, self.units.vocab)
        else:
            title, paras = syndicate(rng, parent.title, parent.paras, self.units.vocab)
        r = rng.random()
        if r < 0.35:
            authors, show = parent.authors, False  # attribution dropped
        elif r < 0.45:
            authors, show = [T.person(rng)], True  # credited to someone else
        else:
            authors, show = list(parent.authors), True
        date = None
        if parent.date is not None and rng.random() < 0.92:
            date = parent.date + dt.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 7]))
        notice, names = None, False
        if rng.random() < (0.3 if restyled else 0.75):
            tpl = rng.choice(self.notices)
            names = "{origin}" in tpl
            notice = tpl.format(origin=parent.outlet, service=rng.choice(self.services))
        d = self.new_doc(
            unit=parent.unit, group=group, role="restyled" if restyled else "syndicated",
            parent=parent.idx, family=fam, outlet=outlet, authors=authors, show_byline=show,
            date=date, title=title, paras=paras, notice=notice, notice_names_parent=names,
        )  # fmt: skip
        d.roots = set(parent.roots)
        return d

    def quoting(self, group: int, unit: int, source: Doc) -> Doc:
        d = self.original(group, unit, role="quote")
        qunit = source.unit
        _, qparas = self.units.get(qunit)
        good = [i for i, p in enumerate(qparas) if len(p) >= 20]
        if len(good) < 2:
            return d
        i = self.rng.choice(good[:-1])
        j = good[good.index(i) + 1]
        quoted = [qparas[i].copy(), qparas[j].copy()]
        for q in quoted:
            q.seps[0] = '"' + q.seps[0]
            q.seps[-1] = q.seps[-1] + '"'
        intro = Seg.from_text(d.family.quote_intro.format(origin=source.outlet))
        at = self.rng.randrange(1, max(2, len(d.paras)))
        d.paras[at:at] = [intro, *quoted]
        d.quote_from = qunit
        d.roots |= source.roots
        return d

    def plan(self, n: int) -> None:
        rng = self.rng
        group = 0
        while len(self.docs) < n:
            left = n - len(self.docs)
            first = len(self.docs)
            r = rng.random()
            unit = next(self._unit_iter)
            if r < 0.05 and self.origins:
                src = self.docs[rng.choice(self.origins[-400:])]
                self.quoting(group, unit, src)
            elif r < 0.21 and left >= 2:
                k = min(rng.choice(CLUSTER_SIZES), left)
                members = [self.original(group, unit)]
                self.origins.append(members[0].idx)
                while len(members) < k:
                    copies = members[1:]
                    par = rng.choice(copies) if copies and rng.random() < 0.25 else members[0]
                    members.append(self.copy(par, group))
            else:
                d = self.original(group, unit)
                self.origins.append(d.idx)
            for d in self.docs[first:]:
                self.emit(d)
            group += 1

    def emit(self, d: Doc) -> None:
        """Render and write one file, keep only what the truth needs, free the text."""
        d.path = f"{d.idx:0{self.width}d}.txt"
        text, truth, parts, srcs = self.render.render(d)
        with open(self.out / "docs" / d.path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        truth["article"] = merge_parts(text, parts)
        truth["group"] = d.group
        truth["role"] = d.role
        truth["roots"] = sorted(d.roots)
        if d.parent is not None:
            truth["parent"] = self.docs[d.parent].path
        d.truth = truth
        d.parts = parts
        d.runs = compress(srcs)
        d.title = None
        d.paras = []


# ---------------------------------------------------------------------------------------------
# truth


def ancestors(docs: list[Doc], d: Doc) -> list[int]:
    out = []
    while d.parent is not None:
        out.append(d.parent)
        d = docs[d.parent]
    return out


def pair_kind(docs: list[Doc], a: Doc, b: Doc) -> tuple[str, int | None, int | None]:
    """(kind, older, newer) where older/newer are the ancestor/descendant doc indices."""
    if a.group == b.group and a.unit == b.unit:
        anc_a, anc_b = ancestors(docs, a), ancestors(docs, b)
        for x, y, anc in ((a, b, anc_b), (b, a, anc_a)):
            if anc and anc[0] == x.idx:
                kind = "copy-of-copy" if x.parent is not None else y.role
                return kind, x.idx, y.idx
            if x.idx in anc:
                return "indirect", x.idx, y.idx
        return "siblings", None, None
    if a.quote_from is not None or b.quote_from is not None:
        qa = a.quote_from is not None and b.unit == a.quote_from
        qb = b.quote_from is not None and a.unit == b.quote_from
        if qa or qb:
            return "quote", None, None
    return "natural-duplicate", None, None


def origin_evidence(docs: list[Doc], old: Doc, new: Doc) -> bool:
    """The text shows which came first: a later date, or a notice only the copy carries."""
    if old.truth["date"] and new.truth["date"] and new.truth["date"] > old.truth["date"]:
        return True
    if new.notice and not old.notice:
        return True
    return bool(new.notice and new.notice_names_parent and new.parent == old.idx)


def build_truth(gen: Generator, out: Path) -> dict:
    docs = gen.docs
    files = {d.path: d.truth for d in docs}
    # candidate pairs: files holding ids of the same unit
    bucket: dict[int, list[int]] = defaultdict(list)
    for d in docs:
        keys = {src_key(d.runs[k]) for k in range(0, len(d.runs), 2) if d.runs[k] != NO_SRC}
        for key in sorted(keys):
            bucket[key].append(d.idx)
    cands: set[tuple[int, int]] = set()
    for members in bucket.values():
        if len(members) > 1:
            for i, x in enumerate(members):
                for y in members[i + 1 :]:
                    cands.add((x, y))
    offsets: dict[int, tuple] = {}

    def words_of(i: int):
        if i not in offsets:
            d = docs[i]
            with open(out / "docs" / d.path, encoding="utf-8", newline="") as fh:
                text = fh.read()
            blocks = merge_parts(text, d.parts)
            starts, ends, blk = array("i"), array("i"), array("i")
            for bi, (s, e) in enumerate(blocks):
                for m in WORD_RE.finditer(text, s, e):
                    starts.append(m.start())
                    ends.append(m.end())
                    blk.append(bi)
            srcs = array("q", expand(d.runs))
            assert len(starts) == len(srcs), d.path
            offsets[i] = (srcs, (starts, ends), blk)
        return offsets[i]

    pairs, near = [], []
    for a, b in sorted(cands):
        sa, pa, ba = words_of(a)
        sb, pb, bb = words_of(b)
        share = shared_passages(sa, sb, ba, bb)
        da, db = docs[a], docs[b]
        if not share.is_pair:
            if share.matched >= 5:
                near.append([da.path, db.path])
            continue
        kind, old, new = pair_kind(docs, da, db)
        entry = {
            "a": da.path,
            "b": db.path,
            "kind": kind,
            "words": share.words,
            "passages": [
                {
                    "a_start": pa[0][p.a0],
                    "a_end": pa[1][p.a1],
                    "b_start": pb[0][p.b0],
                    "b_end": pb[1][p.b1],
                    "words": p.words,
                }
                for p in share.passages
            ],
        }
        if old is not None and origin_evidence(docs, docs[old], docs[new]):
            entry["origin"] = docs[old].path
        pairs.append(entry)
    # attribution-dropped: a copy crediting no author while an origin it repeats does
    dropped = set()
    for e in pairs:
        if "origin" not in e:
            continue
        copy = e["b"] if e["origin"] == e["a"] else e["a"]
        if not files[copy]["byline"] and files[e["origin"]]["byline"]:
            dropped.add(copy)
    return {
        "schema": "auditor.bench-truth/1",
        "files": files,
        "pairs": pairs,
        "near": near,
        "attribution_dropped": sorted(dropped),
    }


def merge_parts(text: str, parts: list[tuple[int, int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for s, e in parts:
        if out and not text[out[-1][1] : s].strip():
            out[-1][1] = e
        else:
            out.append([s, e])
    return out


def generate(
    size: int, seed: int, out: Path, holdout: bool = False, source: Path = DEFAULT_SOURCE
) -> dict:
    sources = read_sources(source)
    gen = Generator(sources, seed, holdout, out, size)
    gen.plan(size)
    truth = build_truth(gen, out)
    truth["params"] = {"size": size, "seed": seed, "holdout": holdout}
    with open(out / "truth.json", "w", encoding="utf-8") as fh:
        json.dump(truth, fh, separators=(",", ":"), sort_keys=True)
    return truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--holdout", action="store_true", help="use only the holdout families")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = ap.parse_args(argv)
    if not args.source.is_dir():
        print(f"source corpus not found: {args.source}", file=sys.stderr)
        return 2
    if (args.out / "docs").exists() and any((args.out / "docs").iterdir()):
        print(f"{args.out}/docs is not empty; choose a new --out", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    truth = generate(args.size, args.seed, args.out, args.holdout, args.source)
    kinds: dict[str, int] = defaultdict(int)
    for p in truth["pairs"]:
        kinds[p["kind"]] += 1
    print(
        f"{len(truth['files'])} files, {len(truth['pairs'])} pairs "
        f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}), "
        f"{len(truth['attribution_dropped'])} attribution-dropped, "
        f"{time.perf_counter() - t0:.1f}s -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
