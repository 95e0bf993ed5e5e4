"""Built-in plugin: syndication — which files repeat which, where, and which came first.

Per document (``auditor_analyze``, parallel and cached) the cleaned text (boilerplate
removed) is reduced to compact numpy arrays: a 32-bit hash per word with the word's offsets
in the ORIGINAL text, the sorted anchor sample of its 5-word shingles and a small MinHash
signature (see :mod:`auditor_plugins.syndication_text`).

Over the corpus (``auditor_corpus_repeats``) candidate pairs come from two indexes, neither
of them all-pairs:

* an inverted index of anchors (shingles whose hash is 0 mod ``anchor_mod``): two files
  sharing a passage of a few dozen words share several anchors, however long the rest of
  either file is — this is what finds quotes and a short story copied inside a long page.
  Anchors found in more than ``max_anchor_df`` files are stock phrases and are skipped.
* LSH banding over the MinHash signatures (Indyk & Motwani 1998; Leskovec, Rajaraman &
  Ullman, *Mining of Massive Datasets*, ch. 3), which keeps near-duplicates together even
  when a story is copied so often that its anchors all look like stock phrases.

Every candidate is verified by alignment (:mod:`auditor_plugins.syndication_align`); a pair
is reported when the passages of at least ``min_passage_words`` words add up to
``min_words``. The relation (copy-of / source-of / shares-passages) is decided from dates,
notices, credits and bylines (:mod:`auditor_plugins.syndication_relation`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from auditor import hookimpl
from auditor.model import ConfigField, Data, Finding, Passage, Repeat

from .syndication_relation import DEFAULT_CREDIT_CUES, Decision, decide, side_of

PAYLOAD_VERSION = 1
#: a pair sharing fewer distinct shingles cannot hold 40 words of passages (each passage
#: is built from exact runs of at least one shingle): skip the alignment
MIN_SHARED_SHINGLES = 3
#: version of the cached verified alignments (``ctx.cache``); bump when align() changes
MEMO_VERSION = 1

_DEFAULTS: dict[str, Any] = {
    "min_words": 40,
    "min_passage_words": 8,
    "max_gap": 6,
    "anchor_mod": 3,
    "min_shared_anchors": 2,
    "max_anchor_df": 64,
    "num_perm": 32,
    "lsh_bands": 16,
    "max_bucket": 2000,
    "seed": 1,
    "copy_containment": 0.5,
    "credit_cues": DEFAULT_CREDIT_CUES,
}


@hookimpl
def auditor_register_config(register: Callable[[ConfigField], None]) -> None:
    """Thresholds of the pair definition and of candidate generation."""
    register(ConfigField("min_words", int, 40, "shared words (in passages) that make a pair"))
    register(ConfigField("min_passage_words", int, 8, "shortest passage that counts"))
    register(ConfigField("max_gap", int, 6, "words of difference a passage bridges on either side"))
    register(ConfigField("anchor_mod", int, 3, "keep shingles whose hash is 0 mod this"))
    register(ConfigField("min_shared_anchors", int, 2, "anchors two files share to be compared"))
    register(
        ConfigField("max_anchor_df", int, 64, "anchors in more files are stock phrases: skipped")
    )
    register(ConfigField("num_perm", int, 32, "MinHash permutations (0 disables LSH)"))
    register(ConfigField("lsh_bands", int, 16, "LSH bands over the MinHash signature"))
    register(ConfigField("max_bucket", int, 2000, "largest LSH bucket expanded into pairs"))
    register(ConfigField("seed", int, 1, "seed of the MinHash permutations"))
    register(
        ConfigField("copy_containment", float, 0.5, "containment a copy-of needs (contract: 0.5)")
    )
    register(
        ConfigField(
            "credit_cues",
            list,
            list(DEFAULT_CREDIT_CUES),
            'phrases of a line crediting another outlet ("originally appeared in …")',
        )
    )


def _cfg(ctx: Any) -> dict[str, Any]:
    out = dict(_DEFAULTS)
    with contextlib.suppress(AttributeError, TypeError, ValueError):
        out.update({k: v for k, v in dict(ctx.config).items() if k in _DEFAULTS})
    return out


# ---------------------------------------------------------------------------------------
# per document


def _original_offsets(view: Any, starts: Any, ends: Any) -> tuple[Any, Any]:
    """Map cleaned-text word offsets to original offsets, vectorised where possible."""
    import numpy as np

    clean = view.clean
    text = view.document.text
    segments = getattr(clean, "segments", None)
    if segments is not None and len(starts):
        clean_starts: list[int] = []
        orig_starts: list[int] = []
        c = 0
        prev_end = None
        for s, e in segments:
            if prev_end is not None and not text[prev_end - 1].isspace() and not text[s].isspace():
                c += 1
            clean_starts.append(c)
            orig_starts.append(s)
            c += e - s
            prev_end = e
        ok = c == len(clean.text) and all(
            clean.to_original(cs) == os for cs, os in zip(clean_starts, orig_starts, strict=True)
        )
        if ok and clean_starts:
            cs_arr = np.asarray(clean_starts, dtype=np.int64)
            os_arr = np.asarray(orig_starts, dtype=np.int64)
            i = np.searchsorted(cs_arr, starts, side="right") - 1
            o_start = os_arr[i] + (starts - cs_arr[i])
            last = ends - 1
            j = np.searchsorted(cs_arr, last, side="right") - 1
            o_end = os_arr[j] + (last - cs_arr[j]) + 1
            return o_start, o_end
    o_start = np.asarray([clean.to_original(int(s)) for s in starts], dtype=np.int64)
    o_end = np.asarray([clean.to_original_end(int(e)) for e in ends], dtype=np.int64)
    return o_start, o_end


def _params(cfg: dict[str, Any]) -> list[int]:
    """The settings a payload depends on; a payload made with others is recomputed."""
    return [int(cfg["anchor_mod"]), int(cfg["num_perm"]), int(cfg["seed"])]


def features(view: Any, cfg: dict[str, Any]) -> dict[str, Any]:
    """The compact per-document payload the corpus hook works from."""
    import numpy as np

    from .syndication_text import anchors, minhash, shingle_set, words

    w = words(view.clean.text)
    o_start, o_end = _original_offsets(view, w.starts, w.ends)
    sset = shingle_set(w.hashes)
    return {
        "v": PAYLOAD_VERSION,
        "p": _params(cfg),
        "words": w.hashes,
        "starts": o_start.astype(np.uint32),
        "ends": o_end.astype(np.uint32),
        "anchors": anchors(sset, int(cfg["anchor_mod"])),
        "minhash": minhash(sset, int(cfg["num_perm"]), int(cfg["seed"])),
        "shingles": len(sset),
    }


@hookimpl
def auditor_analyze(view: Any, ctx: Any, register: Callable[[Any], None]) -> None:
    """Register the document's word hashes, offsets, anchors and signature as Data."""
    register(Data(features(view, _cfg(ctx))))


# ---------------------------------------------------------------------------------------
# corpus: candidates


def _merge_counts(parts: list[tuple[Any, Any]]) -> tuple[Any, Any]:
    """Sum the counts of equal codes over several (sorted unique codes, counts) parts."""
    import numpy as np

    if len(parts) == 1:
        return parts[0]
    codes = np.concatenate([p[0] for p in parts])
    counts = np.concatenate([p[1] for p in parts])
    o = np.argsort(codes, kind="stable")
    codes, counts = codes[o], counts[o]
    brk = np.ones(len(codes), dtype=bool)
    brk[1:] = codes[1:] != codes[:-1]
    starts = np.flatnonzero(brk)
    return codes[starts], np.add.reduceat(counts, starts)


def _group_pairs(
    keys: Any, docs: Any, n_docs: int, max_size: int, chunk: int = 1 << 22
) -> tuple[Any, Any]:
    """Doc pairs sharing a key (held by 2..max_size docs): sorted codes lo*n+hi, and how
    many keys each pair shares. Pairs are produced and reduced in bounded chunks, so
    memory follows the number of distinct pairs, not the sum of squared key frequencies."""
    import numpy as np

    empty = (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64))
    if len(keys) == 0:
        return empty
    # one value sort instead of an argsort (several times faster): the key's high bits
    # with the doc number in the low bits; a rare collision of truncated keys only adds
    # a candidate, which verification then rejects
    from .syndication_text import mix64

    bits = np.uint64(max(1, int(n_docs).bit_length()))
    packed = np.sort(((mix64(keys.astype(np.uint64)) >> bits) << bits) | docs.astype(np.uint64))
    keys, docs = packed >> bits, (packed & ((np.uint64(1) << bits) - np.uint64(1)))
    brk = np.ones(len(keys), dtype=bool)
    brk[1:] = keys[1:] != keys[:-1]
    starts = np.flatnonzero(brk)
    sizes = np.diff(np.concatenate((starts, [len(keys)])))
    parts: list[tuple[Any, Any]] = []
    pending = 0
    for s in np.unique(sizes).tolist():
        if s < 2 or s > max_size:
            continue
        groups = starts[sizes == s]
        iu, ju = np.triu_indices(s, 1)
        step = max(1, chunk // len(iu))
        for k in range(0, len(groups), step):
            g = groups[k : k + step]
            mat = docs[g[:, None] + np.arange(s)[None, :]].astype(np.uint64)
            x, y = mat[:, iu].ravel(), mat[:, ju].ravel()
            lo, hi = np.minimum(x, y), np.maximum(x, y)
            keep = lo < hi
            codes = lo[keep] * np.uint64(n_docs) + hi[keep]
            parts.append(np.unique(codes, return_counts=True))
            pending += len(parts[-1][0])
            if pending > 4 * chunk:
                parts = [_merge_counts(parts)]
                pending = len(parts[0][0])
    if not parts:
        return empty
    return _merge_counts(parts)


def candidates(payloads: list[dict[str, Any]], cfg: dict[str, Any]) -> list[tuple[int, int]]:
    """Sorted (i, j), i < j, pairs worth aligning: shared anchors or an LSH band."""
    import numpy as np

    from .syndication_text import mix64

    n = len(payloads)
    if n < 2:
        return []
    found = []
    # a file with fewer words than a pair needs cannot be in one: keep it out of both indexes
    min_words = int(cfg["min_words"])
    big = [len(p["words"]) >= min_words and int(p["shingles"]) > 0 for p in payloads]
    # anchor index
    a_keys = [p["anchors"] if ok else p["anchors"][:0] for p, ok in zip(payloads, big, strict=True)]
    lens = np.fromiter((len(k) for k in a_keys), dtype=np.int64, count=n)
    if lens.sum():
        keys = np.concatenate(a_keys).astype(np.uint64)
        docs = np.repeat(np.arange(n, dtype=np.int64), lens)
        uniq, counts = _group_pairs(keys, docs, n, int(cfg["max_anchor_df"]))
        found.append(uniq[counts >= max(1, int(cfg["min_shared_anchors"]))])
    # LSH bands
    k = int(cfg["num_perm"])
    bands = int(cfg["lsh_bands"])
    sigs = [p["minhash"] for p in payloads]
    if k > 0 and bands > 0 and all(len(s) == k for s in sigs):
        rows = max(1, k // bands)
        bands = k // rows
        live = np.flatnonzero(np.asarray(big, dtype=bool))
        if len(live) >= 2:
            sig = np.stack([sigs[i] for i in live.tolist()])[:, : bands * rows]
            sig = sig.reshape(len(live), bands, rows).astype(np.uint64)
            acc = np.broadcast_to(
                np.arange(bands, dtype=np.uint64)[None, :] + np.uint64(1), (len(live), bands)
            ).copy()
            for r in range(rows):
                acc = mix64(acc * np.uint64(0x100000001B3) + sig[:, :, r])
            keys = acc.ravel()
            docs = np.repeat(live.astype(np.int64), bands)
            found.append(_group_pairs(keys, docs, n, int(cfg["max_bucket"]))[0])
    if not found:
        return []
    allc = np.unique(np.concatenate(found))
    lo = (allc // np.uint64(n)).astype(np.int64).tolist()
    hi = (allc % np.uint64(n)).astype(np.int64).tolist()
    return list(zip(lo, hi, strict=True))


# ---------------------------------------------------------------------------------------
# corpus: verification and relations


class PairResult:
    """A verified pair (a < b in corpus order) with both sides' statistics."""

    __slots__ = ("a", "b", "cont_a", "cont_b", "decision", "matches", "relation_a", "sim")

    def __init__(self, a: int, b: int, sim: float, cont_a: float, cont_b: float, matches: Any):
        self.a = a
        self.b = b
        self.sim = sim
        self.cont_a = cont_a
        self.cont_b = cont_b
        self.matches = matches
        self.decision: Decision | None = None
        self.relation_a = "shares-passages"


def verify(pa: dict[str, Any], pb: dict[str, Any], cfg: dict[str, Any], cache: dict) -> Any:
    """Align two payloads; None when they do not share enough, else (sim, ca, cb, matches).

    `cache` maps id(payload) to its (shingle sequence, shingle set), so a file met in many
    candidate pairs is shingled once.
    """
    import numpy as np

    from .syndication_align import align, overlap
    from .syndication_text import shingles

    def prepared(p: dict[str, Any]) -> tuple[Any, Any]:
        key = id(p)
        got = cache.get(key)
        if got is None:
            if len(cache) > 4096:
                cache.clear()
            seq = shingles(p["words"])
            got = cache[key] = (seq, np.unique(seq))
        return got

    (qa, sa), (qb, sb) = prepared(pa), prepared(pb)
    inter = overlap(sa, sb)
    if inter < MIN_SHARED_SHINGLES:
        return None
    matches = align(
        pa["words"], pb["words"], int(cfg["min_passage_words"]), int(cfg["max_gap"]), qa, qb
    )
    if sum(m.words for m in matches) < int(cfg["min_words"]):
        return None
    union = len(sa) + len(sb) - inter
    return (
        round(inter / union, 4) if union else 0.0,
        round(inter / len(sa), 4) if len(sa) else 0.0,
        round(inter / len(sb), 4) if len(sb) else 0.0,
        matches,
    )


def _pair_keys(
    payloads: list[dict[str, Any]], pairs: list[tuple[int, int]], cfg: dict[str, Any]
) -> dict[tuple[int, int], str]:
    """Cache keys of the verified alignments: a pair's result depends only on both files'
    word hashes (the cleaned text, so boilerplate is accounted for) and the pair settings."""
    import hashlib

    tag = f"pair/{MEMO_VERSION}/{int(cfg['min_passage_words'])}/{int(cfg['max_gap'])}/"
    tag += f"{int(cfg['min_words'])}/{MIN_SHARED_SHINGLES}"
    digests: dict[int, str] = {}

    def digest(k: int) -> str:
        d = digests.get(k)
        if d is None:
            w = payloads[k]["words"]
            h = hashlib.blake2b(str(w.dtype).encode(), digest_size=16)
            h.update(w.tobytes())
            d = digests[k] = h.hexdigest()
        return d

    return {(i, j): f"{tag}/{digest(i)}/{digest(j)}" for i, j in pairs}


def _dump_verified(got: Any) -> bytes:
    """A verify() result as bytes (an empty value for a rejected pair)."""
    import marshal

    if got is None:
        return b""
    sim, ca, cb, matches = got
    rows = tuple(
        (
            int(m.a0),
            int(m.a1),
            int(m.b0),
            int(m.b1),
            tuple(tuple(int(x) for x in t) for t in m.tiles),
        )
        for m in matches
    )
    return marshal.dumps((float(sim), float(ca), float(cb), rows))


def _load_verified(blob: bytes) -> Any:
    import marshal

    from .syndication_align import Match

    if not blob:
        return None
    sim, ca, cb, rows = marshal.loads(blob)
    return sim, ca, cb, [Match(a0, a1, b0, b1, tiles) for a0, a1, b0, b1, tiles in rows]


def _removed_blocks(record: Any, payload: dict[str, Any]) -> list[tuple[int, int]]:
    """(k, words) where words of removed text separate word k-1 from word k in the original."""
    import numpy as np

    from .syndication_text import _WORD

    starts, ends = payload["starts"].astype(np.int64), payload["ends"].astype(np.int64)
    if len(starts) < 2:
        return []
    text = record.document.text
    wide = np.flatnonzero(starts[1:] - ends[:-1] > 24) + 1
    out = []
    for k in wide.tolist():
        n = len(_WORD.findall(text[int(ends[k - 1]) : int(starts[k])]))
        if n:
            out.append((k, n))
    return out


def _split_at_removed(
    matches: list[Any],
    i: int,
    j: int,
    records: list[Any],
    payloads: list[dict[str, Any]],
    cfg: dict[str, Any],
    gaps: dict[int, list[tuple[int, int]]],
) -> list[Any]:
    """Cut passages where a large removed block (boilerplate inside the article) sits.

    The cleaned texts run on across a removed block, so a passage may span it; sliced from
    the original, one side would then hold words the other lacks. A block larger than a
    tenth of the passage (and than 10 words) cuts it; smaller ones (a "SEE ALSO" line in a
    long story) stay inside, as small edits do.
    """
    from .syndication_align import split

    for k in (i, j):
        if k not in gaps:
            gaps[k] = _removed_blocks(records[k], payloads[k])
    if not gaps[i] and not gaps[j]:
        return matches
    keep_min = max(1, int(cfg["min_passage_words"]) // 2)
    out = []
    for m in matches:
        limit = max(10, (m.a1 - m.a0) // 10)
        cuts_a = [k for k, n in gaps[i] if n > limit]
        cuts_b = [k for k, n in gaps[j] if n > limit]
        out.extend(p for p in split(m, cuts_a, cuts_b) if p.words >= keep_min)
    return out


def _passages(pa: dict[str, Any], pb: dict[str, Any], matches: Any, mirror: bool) -> list:
    out = []
    sa, ea, sb, eb = pa["starts"], pa["ends"], pb["starts"], pb["ends"]
    for m in matches:
        # the mirror of a match only swaps its sides (its tiles are not needed here)
        a0, a1, b0, b1 = (m.b0, m.b1, m.a0, m.a1) if mirror else (m.a0, m.a1, m.b0, m.b1)
        out.append(
            Passage(
                start=int(sa[a0]),
                end=int(ea[a1 - 1]),
                other_start=int(sb[b0]),
                other_end=int(eb[b1 - 1]),
                words=a1 - a0,
            )
        )
    out.sort(key=lambda p: (p.start, p.end, p.other_start, p.other_end))
    return out


def _valid(payload: Any, cfg: dict[str, Any]) -> bool:
    return (
        isinstance(payload, dict)
        and payload.get("v") == PAYLOAD_VERSION
        and payload.get("p") == _params(cfg)
        and len(payload.get("words", ())) == len(payload.get("starts", ()))
    )


def _payloads(corpus: Any, name: str, cfg: dict[str, Any]) -> tuple[list[Any], list[dict]]:
    """Records (sorted by path) with their payloads; a stale or missing payload (an old
    cache entry, other settings) is recomputed from the record's view, and a record whose
    analysis fails again is left out rather than failing the whole corpus."""
    records = []
    payloads = []
    for r in sorted(corpus.records, key=lambda r: r.path):
        data = r.data.get(name) if hasattr(r.data, "get") else None
        if not _valid(data, cfg):
            try:
                data = features(r.view, cfg)
            except Exception:
                continue
        records.append(r)
        payloads.append(data)
    return records, payloads


@hookimpl
def auditor_corpus_repeats(corpus: Any, ctx: Any, register: Callable[[Any], None]) -> None:
    """Find, verify and explain every pair of files sharing article text."""
    cfg = _cfg(ctx)
    records, payloads = _payloads(corpus, ctx.name, cfg)
    cache: dict[int, Any] = {}
    gaps: dict[int, list[tuple[int, int]]] = {}
    results: list[PairResult] = []
    pairs = candidates(payloads, cfg)
    store = getattr(ctx, "cache", None)
    memo: dict[tuple[int, int], Any] = {}
    keys: dict[tuple[int, int], str] = {}
    if store is not None and pairs:
        keys = _pair_keys(payloads, pairs, cfg)
        with contextlib.suppress(Exception):
            found = store.get_many(list(keys.values()))
            for pair, key in keys.items():
                blob = found.get(key)
                if blob is not None:
                    with contextlib.suppress(Exception):
                        memo[pair] = _load_verified(blob)
    for i, j in pairs:
        if (i, j) in memo:
            got = memo[i, j]
        else:
            got = verify(payloads[i], payloads[j], cfg, cache)
            if store is not None:
                with contextlib.suppress(Exception):
                    store.put(keys[i, j], _dump_verified(got))
        if got is not None:
            matches = _split_at_removed(got[3], i, j, records, payloads, cfg, gaps)
            results.append(PairResult(i, j, got[0], got[1], got[2], matches))
    if not results:
        return
    cues = list(cfg["credit_cues"]) if isinstance(cfg["credit_cues"], (list, tuple)) else []
    sides: dict[int, Any] = {}

    def side(k: int) -> Any:
        if k not in sides:
            sides[k] = side_of(records[k], cues)
        return sides[k]

    need = float(cfg["copy_containment"])
    for r in results:
        d = decide(side(r.a), side(r.b))
        r.decision = d
        if d.origin is None:
            continue
        copy_cont = r.cont_b if d.origin == 0 else r.cont_a
        if copy_cont >= need:
            r.relation_a = "source-of" if d.origin == 0 else "copy-of"
        else:
            later = records[r.b if d.origin == 0 else r.a].path
            d.reasons.append(
                f"but only {copy_cont:.2f} of {later} is shared: it quotes, it is not a copy"
            )
    _demote_siblings(results)
    for r in results:
        _emit(r, records, payloads, register)


def _demote_siblings(results: list[PairResult]) -> None:
    """Two copies of one origin decided only by their dates are siblings, not copies."""
    origins: dict[int, set[int]] = {}
    for r in results:
        if r.relation_a == "copy-of":
            origins.setdefault(r.a, set()).add(r.b)
        elif r.relation_a == "source-of":
            origins.setdefault(r.b, set()).add(r.a)
    for r in results:
        if r.relation_a == "shares-passages" or r.decision is None:
            continue
        if r.decision.basis != {"date"}:
            continue
        copy, origin = (r.a, r.b) if r.relation_a == "copy-of" else (r.b, r.a)
        common = (origins.get(copy, set()) & origins.get(origin, set())) - {copy, origin}
        if common:
            r.relation_a = "shares-passages"
            r.decision.reasons.append("both repeat an earlier common origin")


_INVERSE = {"copy-of": "source-of", "source-of": "copy-of", "shares-passages": "shares-passages"}


def _emit(
    r: PairResult, records: list[Any], payloads: list[dict[str, Any]], register: Callable
) -> None:
    reason = "; ".join(r.decision.reasons) if r.decision else ""
    for mine, other, rel, cont, cont_other, mirror in (
        (r.a, r.b, r.relation_a, r.cont_a, r.cont_b, False),
        (r.b, r.a, _INVERSE[r.relation_a], r.cont_b, r.cont_a, True),
    ):
        path, opath = records[mine].path, records[other].path
        passages = _passages(payloads[mine], payloads[other], r.matches, mirror)
        register(
            Repeat(
                path=path,
                other=opath,
                relation=rel,
                similarity=r.sim,
                containment=cont,
                passages=passages,
                reason=reason,
            )
        )
        shared = sum(p.words for p in passages)
        what = f"{shared} words in {len(passages)} passage{'s' if len(passages) != 1 else ''}"
        findings: list[tuple[str, str, str]] = []
        if rel == "copy-of":
            findings.append(
                (
                    "repeated-content",
                    "warning",
                    f"copy of {opath} (containment {cont:.2f}): {reason}",
                )
            )
            if not records[mine].provenance.syndicated_via:
                findings.append(("syndicated", "info", f"copy of earlier file {opath}: {reason}"))
        elif rel == "source-of":
            findings.append(
                (
                    "repeated-elsewhere",
                    "info",
                    f"repeated in {opath} (its containment {cont_other:.2f}): {reason}",
                )
            )
        elif cont >= 0.5:
            findings.append(
                (
                    "repeated-content",
                    "warning",
                    f"shares {what} with {opath} (containment {cont:.2f}), origin undecided: "
                    f"{reason}",
                )
            )
        else:
            findings.append(
                (
                    "quotes-passages",
                    "info",
                    f"shares {what} with {opath} (containment {cont:.2f}), origin undecided: "
                    f"{reason}",
                )
            )
        for code, severity, message in findings:
            register(Finding(code=code, severity=severity, message=message, other=opath, path=path))
