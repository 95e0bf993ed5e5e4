"""Corpus-learned boilerplate: lines that recur across many unrelated files.

An outlet footer, a subscription pitch or a share bar recurs verbatim in many files whose
other content differs; a syndicated article's paragraphs also recur, but in a handful of
files that share most of their other lines with each other. So a line is learned when

1. its normalised form occurs in at least ``learn_min_docs`` distinct documents, and
2. the documents carrying it are *unrelated*: for a deterministic sample of them, the
   share of one document's text (by characters) found in lines of its neighbour in the
   sample stays below ``learn_max_shared`` for most pairs.

Counting is streaming-friendly: each document contributes the set of 8-byte blake2b
digests of its normalised lines; pairs (digest, document) go into flat numpy arrays, so a
100K-document corpus costs a few tens of MB, and only candidate lines are looked at again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

from auditor.model import Document, LearnedTable

from .boilerplate_rules import norm_line

VERSION = "boilerplate-learned/1"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_digest(norm: str) -> int:
    """8-byte blake2b digest of a normalised line, as an unsigned int."""
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big")


def _doc_lines(text: str, min_chars: int, max_chars: int = 400) -> dict[int, int]:
    """Digest -> normalised length of every countable line of one document.

    Lines are cut exactly as the classifier cuts them (at \\r\\n, \\r, \\n), so a learned
    digest matches the same line at marking time. Very long lines are article paragraphs,
    not furniture, and are skipped (that also keeps learning cheap).
    """
    out: dict[int, int] = {}
    for line in _LINE_BREAK.split(text):
        if len(line) < min_chars or len(line) > max_chars:
            continue
        norm = norm_line(line)
        if len(norm) >= min_chars and not norm.isdigit():
            out[line_digest(norm)] = len(norm)
    return out


def _profile(text: str) -> tuple[dict[int, int], int]:
    """A document's lines as (hash -> length, total length), for comparing documents.

    Only used to tell related documents apart inside one run, so a cheap normalisation and
    Python's own string hash are enough (no cross-process stability needed).
    """
    out: dict[int, int] = {}
    for line in _LINE_BREAK.split(text):
        key = " ".join(line.split()).casefold()
        if len(key) >= 8:
            out[hash(key)] = len(key)
    return out, sum(out.values())


def _source(doc: Document) -> str:
    """Where a document comes from: its site name if the reader knew it, else its folder."""
    site = doc.meta.get("site_name") or doc.meta.get("og:site_name") if doc.meta else None
    if site:
        return str(site)
    return doc.path.rsplit("/", 1)[0] if "/" in doc.path else ""


def learn(documents: Sequence[Document], config: Mapping[str, Any]) -> LearnedTable:
    """Build the learned table of recurring boilerplate lines over `documents`."""
    import numpy as np

    min_docs = max(2, int(config.get("learn_min_docs", 5)))
    min_chars = max(1, int(config.get("learn_min_chars", 8)))
    max_shared = float(config.get("learn_max_shared", 0.5))
    sample = max(2, int(config.get("learn_sample", 12)))
    max_chars = max(min_chars, int(config.get("learn_max_chars", 400)))
    params = {
        "min_docs": min_docs,
        "min_chars": min_chars,
        "max_shared": max_shared,
        "sample": sample,
        "max_chars": max_chars,
    }
    if len(documents) < min_docs:
        return _table([], params)

    chunks_h: list[Any] = []
    chunks_d: list[Any] = []
    for idx, doc in enumerate(documents):
        digests = _doc_lines(doc.text, min_chars, max_chars)
        if digests:
            chunks_h.append(np.fromiter(digests.keys(), dtype=np.uint64, count=len(digests)))
            chunks_d.append(np.full(len(digests), idx, dtype=np.int64))
    if not chunks_h:
        return _table([], params)
    hashes = np.concatenate(chunks_h)
    docs = np.concatenate(chunks_d)
    uniq, counts = np.unique(hashes, return_counts=True)
    cand = uniq[counts >= min_docs]
    if cand.size == 0:
        return _table([], params)
    mask = np.isin(hashes, cand)
    ch, cd = hashes[mask], docs[mask]
    order = np.lexsort((cd, ch))
    ch, cd = ch[order], cd[order]
    bounds = np.flatnonzero(np.diff(ch)) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [ch.size]))

    cache: dict[int, tuple[dict[int, int], int]] = {}

    def lines_of(i: int) -> tuple[dict[int, int], int]:
        got = cache.get(i)
        if got is None:
            if len(cache) > 4096:
                cache.clear()
            got = _profile(documents[i].text)
            cache[i] = got
        return got

    verdicts: dict[tuple[int, ...], bool] = {}
    learned: list[int] = []
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        members = cd[s:e].tolist()
        picks = _spread(members, sample)
        key = tuple(picks)
        ok = verdicts.get(key)
        if ok is None:
            ok = _unrelated(picks, lines_of, max_shared)
            verdicts[key] = ok
        if ok:
            learned.append(int(ch[s]))
    sources = {_source(d) for d in documents}
    params["sources"] = len(sources)
    return _table(learned, params)


def _spread(members: list[int], k: int) -> list[int]:
    """A deterministic, evenly spread sample of k members (sorted input)."""
    if len(members) <= k:
        return members
    step = len(members) / k
    return [members[int(i * step)] for i in range(k)]


def _unrelated(picks: list[int], lines_of: Any, max_shared: float) -> bool:
    """True when the sampled documents carrying a line are unrelated to each other.

    Every pair of the sample is compared by the share of the smaller document's counted
    text found in lines of the other. An outlet footer's documents are almost never related
    (a pair of syndicated copies inside one outlet is rare); a headline or paragraph that
    recurs because a story was copied comes with related pairs (the copies), so any
    noticeable share of related pairs (10% or more) keeps the line out of the table.
    """
    related = 0
    pairs = 0
    for a, b in combinations(picks, 2):
        (la, ta), (lb, tb) = lines_of(a), lines_of(b)
        total = min(ta, tb)
        if total <= 0:
            continue
        shared = sum(la[h] for h in la.keys() & lb.keys())
        pairs += 1
        if shared / total >= max_shared:
            related += 1
    return pairs > 0 and related * 10 < pairs


def _table(hashes: Iterable[int], params: Mapping[str, Any]) -> LearnedTable:
    """Canonical table: sorted digests packed as bytes; digest over params and digests."""
    ordered = sorted(set(hashes))
    packed = b"".join(h.to_bytes(8, "big") for h in ordered)
    head = json.dumps({"version": VERSION, **params}, sort_keys=True).encode()
    digest = hashlib.sha256(head + b"\0" + packed).hexdigest()
    return LearnedTable(VERSION, digest, {"lines": packed, "params": dict(params)})


_SETS: dict[str, frozenset[int]] = {}


def learned_set(table: LearnedTable | None) -> frozenset[int]:
    """The learned digests as a set, built once per process per table digest."""
    if table is None or not isinstance(getattr(table, "payload", None), dict):
        return frozenset()
    got = _SETS.get(table.digest)
    if got is None:
        packed = table.payload.get("lines", b"")
        if not isinstance(packed, (bytes, bytearray)):
            return frozenset()
        got = frozenset(
            int.from_bytes(packed[i : i + 8], "big") for i in range(0, len(packed) - 7, 8)
        )
        if len(_SETS) > 8:
            _SETS.clear()
        _SETS[table.digest] = got
    return got
