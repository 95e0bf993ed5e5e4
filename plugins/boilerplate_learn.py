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


def _doc_lines(
    text: str,
    min_chars: int,
    max_chars: int = 400,
    memo: dict[str, tuple[int, int]] | None = None,
) -> dict[int, int]:
    """Digest -> normalised length of every countable line of one document.

    Lines are cut exactly as the classifier cuts them (at \\r\\n, \\r, \\n), so a learned
    digest matches the same line at marking time. Very long lines are article paragraphs,
    not furniture, and are skipped (that also keeps learning cheap). `memo` maps a raw line
    to its (digest, normalised length; 0 when the line is not counted) across documents:
    recurring lines are what learning looks for, so they are normalised once.
    """
    out: dict[int, int] = {}
    if memo is None:
        memo = {}
    for line in _LINE_BREAK.split(text):
        if len(line) < min_chars or len(line) > max_chars:
            continue
        got = memo.get(line)
        if got is None:
            norm = norm_line(line)
            size = len(norm) if len(norm) >= min_chars and not norm.isdigit() else 0
            got = (line_digest(norm) if size else 0, size)
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            memo[line] = got
        if got[1]:
            out[got[0]] = got[1]
    return out


_MEMO_MAX = 1 << 17


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


def _obs_key(doc: Document, min_chars: int, max_chars: int) -> str | None:
    """Cache key of a document's line digests (they depend on its text only)."""
    sha = getattr(doc, "sha256", None)
    if not sha:
        return None
    return f"lines:{sha}:{doc.kind}:{len(doc.text)}:{min_chars}:{max_chars}"


def _observe(
    documents: Sequence[Document], min_chars: int, max_chars: int, cache: Any
) -> list[bytes]:
    """Each document's line digests as packed little-endian uint64 (memoised in `cache`)."""
    keys = [_obs_key(d, min_chars, max_chars) if cache is not None else None for d in documents]
    found: dict[str, bytes] = {}
    if cache is not None:
        wanted = sorted({k for k in keys if k})
        if wanted:
            found = cache.get_many(wanted)
    out: list[bytes] = []
    fresh: dict[str, bytes] = {}
    memo: dict[str, tuple[int, int]] = {}
    for doc, key in zip(documents, keys, strict=True):
        blob = (found.get(key) or fresh.get(key)) if key else None
        if blob is None or len(blob) % 8:
            digests = _doc_lines(doc.text, min_chars, max_chars, memo)
            blob = b"".join(h.to_bytes(8, "little") for h in digests)
            if key:
                fresh[key] = blob
        out.append(blob)
    if cache is not None:
        for key, blob in fresh.items():
            cache.put(key, blob)
    return out


def learn(
    documents: Sequence[Document], config: Mapping[str, Any], cache: Any = None
) -> LearnedTable:
    """Build the learned table of recurring boilerplate lines over `documents`.

    With `cache` (a plugin key-value store: ``get_many``/``put``), each document's line
    digests are memoised by content and each sample's related-or-not verdict by the contents
    it compares, so a run over an unchanged corpus only merges cached observations.
    """
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

    blobs = _observe(documents, min_chars, max_chars, cache)
    sizes = np.fromiter((len(b) // 8 for b in blobs), dtype=np.int64, count=len(blobs))
    if not sizes.any():
        return _table([], params)
    hashes = np.frombuffer(b"".join(blobs), dtype="<u8").astype(np.uint64)
    docs = np.repeat(np.arange(len(blobs), dtype=np.int64), sizes)
    uniq, counts = np.unique(hashes, return_counts=True)
    cand = uniq[counts >= min_docs]
    if cand.size == 0:
        return _table([], params)
    mask = np.isin(hashes, cand)
    ch, cd = hashes[mask], docs[mask]
    order = np.lexsort((cd, ch))
    ch, cd = ch[order], cd[order]
    bounds = np.flatnonzero(np.diff(ch)) + 1
    starts_a = np.concatenate(([0], bounds))
    starts = starts_a.tolist()
    ends = np.concatenate((bounds, [ch.size])).tolist()
    cd_list = cd.tolist()
    ch_list = ch[starts_a].tolist()

    profiles: dict[int, tuple[dict[int, int], int]] = {}

    def lines_of(i: int) -> tuple[dict[int, int], int]:
        got = profiles.get(i)
        if got is None:
            if len(profiles) > 4096:
                profiles.clear()
            got = _profile(documents[i].text)
            profiles[i] = got
        return got

    # one sample per candidate line; many lines share a sample (an outlet's footer lines)
    samples: list[tuple[int, ...]] = []
    for s, e in zip(starts, ends, strict=True):
        samples.append(tuple(_spread(cd_list[s:e], sample)))
    verdicts: dict[tuple[int, ...], bool] = {}
    keyed: dict[tuple[int, ...], str] = {}
    if cache is not None:
        for picks in dict.fromkeys(samples):
            key = _verdict_key(documents, picks, max_shared)
            if key is not None:
                keyed[picks] = key
        if keyed:
            found = cache.get_many(sorted(set(keyed.values())))
            for picks, key in keyed.items():
                got = found.get(key)
                if got in (b"1", b"0"):
                    verdicts[picks] = got == b"1"
    pairs: dict[tuple[int, int], bool | None] = {}
    learned: list[int] = []
    for picks, h in zip(samples, ch_list, strict=True):
        ok = verdicts.get(picks)
        if ok is None:
            ok = _unrelated(list(picks), lines_of, max_shared, pairs)
            verdicts[picks] = ok
            key = keyed.get(picks)
            if key is not None and cache is not None:
                cache.put(key, b"1" if ok else b"0")
        if ok:
            learned.append(h)
    sources = {_source(d) for d in documents}
    params["sources"] = len(sources)
    return _table(learned, params)


def _verdict_key(
    documents: Sequence[Document], picks: tuple[int, ...], max_shared: float
) -> str | None:
    """Cache key of a sample's verdict: the contents it compares (order does not matter)."""
    shas = []
    for i in picks:
        d = documents[i]
        sha = getattr(d, "sha256", None)
        if not sha:
            return None
        shas.append(f"{sha}:{d.kind}:{len(d.text)}")
    blob = "\n".join(sorted(shas)).encode()
    return f"verdict:{max_shared!r}:{hashlib.blake2b(blob, digest_size=16).hexdigest()}"


def _spread(members: list[int], k: int) -> list[int]:
    """A deterministic, evenly spread sample of k members (sorted input)."""
    if len(members) <= k:
        return members
    step = len(members) / k
    return [members[int(i * step)] for i in range(k)]


_UNSEEN: Any = object()


def _unrelated(
    picks: list[int],
    lines_of: Any,
    max_shared: float,
    pairs: dict[tuple[int, int], bool | None] | None = None,
) -> bool:
    """True when the sampled documents carrying a line are unrelated to each other.

    Every pair of the sample is compared by the share of the smaller document's counted
    text found in lines of the other. An outlet footer's documents are almost never related
    (a pair of syndicated copies inside one outlet is rare); a headline or paragraph that
    recurs because a story was copied comes with related pairs (the copies), so any
    noticeable share of related pairs (10% or more) keeps the line out of the table.
    `pairs` memoises each pair's outcome (None: not comparable) across samples.
    """
    related = 0
    compared = 0
    for a, b in combinations(picks, 2):
        got = pairs.get((a, b), _UNSEEN) if pairs is not None else _UNSEEN
        if got is _UNSEEN:
            got = _related(lines_of(a), lines_of(b), max_shared)
            if pairs is not None:
                pairs[(a, b)] = got
        if got is None:
            continue
        compared += 1
        if got:
            related += 1
    return compared > 0 and related * 10 < compared


def _related(
    pa: tuple[dict[int, int], int], pb: tuple[dict[int, int], int], max_shared: float
) -> bool | None:
    """Whether two documents share `max_shared` of the smaller one's text (None: empty)."""
    (la, ta), (lb, tb) = pa, pb
    total = min(ta, tb)
    if total <= 0:
        return None
    shared = sum(la[h] for h in la.keys() & lb.keys())
    return shared / total >= max_shared


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
