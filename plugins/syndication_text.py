"""Words, word hashes, shingles, anchors and MinHash signatures for the syndication plugin.

A *word* is a ``\\w+`` run after NFKC normalisation and case folding (AUDIT_FORMAT.md); a
*shingle* is 5 consecutive words. Everything here is vectorised with numpy because it runs
on every document of the corpus:

* The fast path maps each code point through a table (built once per process) holding the
  single code point ``casefold(NFKC(c))`` and whether it is a word character. This is exact
  for texts whose characters all normalise one-to-one and never compose (no combining marks,
  no Hangul jamo, nothing outside the BMP); other texts take a slower per-token path that
  gives identical hashes, so the two paths can be mixed within one corpus.
* Word hashes are polynomial hashes of the normalised code points (``np.add.reduceat``),
  finished by the splitmix64 mixer (Steele, Lea & Flood, "Fast splittable pseudorandom
  number generators", 2014). They are stable across processes, unlike ``hash()``.
* Shingle hashes chain the five word hashes through the same mixer; punctuation,
  whitespace, line wrapping and case never reach them, so re-wrapping is invisible.
* Anchors are the shingles whose hash is 0 modulo ``anchor_mod`` — a content-defined sample
  (the "0 mod p" scheme of Schleimer, Wilkerson & Aiken's winnowing paper, SIGMOD 2003), so
  two documents sharing a passage share its anchors whatever surrounds it.
* MinHash signatures (Broder 1997) use multiply-shift hashing on the 64-bit shingle hashes
  (``(a*x + b) >> 32`` with odd ``a``, Dietzfelbinger et al. 1997): one matrix product-like
  pass, no per-shingle Python and no cryptographic hashing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

SHINGLE = 5
_M1 = 0xBF58476D1CE4E5B9
_M2 = 0x94D049BB133111EB
_P = 0x100000001B3  # FNV-64 prime, odd: a fine polynomial base modulo 2**64
_GOLDEN = 0x9E3779B97F4A7C15

#: runs normalised independently on the slow path (NFKC never composes across whitespace)
_CHUNK = re.compile(r"\S+")
_WORD = re.compile(r"\w+")

_TABLES: Any = None


def _classify(cp: int) -> tuple[int, int]:
    """(mapped code point, kind) of one BMP code point; see :func:`_tables`."""
    if 0xD800 <= cp <= 0xDFFF:
        return 0, 2
    c = chr(cp)
    n = unicodedata.normalize("NFKC", c).casefold()
    if (
        len(n) == 1
        and unicodedata.combining(c) == 0
        and unicodedata.category(c)[0] != "M"
        and not (0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F or 0xAC00 <= cp <= 0xD7A3)
        and not (0xA960 <= cp <= 0xA97F or 0xD7B0 <= cp <= 0xD7FF)
    ):
        return ord(n), (1 if _WORD.fullmatch(n) else 0)
    return 0, 2


def _tables(cps: Any = None) -> Any:
    """(map, kind) lookup tables over the BMP, filled lazily for the code points met.

    kind is 1 for a word character, 0 for any other simple character, 2 for one that
    does not normalise to a single code point on its own (the slow path handles those),
    and -1 for a code point not classified yet. `cps` (BMP code points) are classified
    first when given, so building the tables costs nothing for characters never seen.
    """
    global _TABLES
    import numpy as np

    if _TABLES is None:
        mapped = np.zeros(0x10000, dtype=np.uint32)
        kind = np.full(0x10000, -1, dtype=np.int8)
        for cp in range(128):
            mapped[cp], kind[cp] = _classify(cp)
        _TABLES = (mapped, kind)
    mapped, kind = _TABLES
    if cps is not None:
        todo = cps[kind[cps] < 0]
        if len(todo):
            for cp in np.unique(todo).tolist():
                mapped[cp], kind[cp] = _classify(cp)
    return _TABLES


def mix64(x: Any) -> Any:
    """splitmix64 finaliser on a uint64 array (wrapping arithmetic)."""
    import numpy as np

    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(_M1)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(_M2)
    return x ^ (x >> np.uint64(31))


_POWERS: Any = None
_INV_POWERS: Any = None
_PREFIX_LIMIT = 1 << 20  # longer texts hash word by word instead (bounded cached tables)


def _powers(n: int) -> Any:
    """P**i mod 2**64 for i < n (cached, grown on demand)."""
    global _POWERS
    import numpy as np

    if _POWERS is None or len(_POWERS) < n:
        size = max(4096, n, 0 if _POWERS is None else 2 * len(_POWERS))
        pw = np.cumprod(np.full(size, _P, dtype=np.uint64))
        _POWERS = np.concatenate((np.ones(1, dtype=np.uint64), pw[:-1]))
    return _POWERS


def _inv_powers(n: int) -> Any:
    """P**-i mod 2**64 for i < n (P is odd, so invertible modulo 2**64)."""
    global _INV_POWERS
    import numpy as np

    if _INV_POWERS is None or len(_INV_POWERS) < n:
        size = max(4096, n, 0 if _INV_POWERS is None else 2 * len(_INV_POWERS))
        inv = pow(_P, -1, 1 << 64)
        pw = np.cumprod(np.full(size, inv, dtype=np.uint64))
        _INV_POWERS = np.concatenate((np.ones(1, dtype=np.uint64), pw[:-1]))
    return _INV_POWERS


def _hash_runs(chars: Any, lengths: Any) -> Any:
    """uint32 hash of each run of `chars` (concatenated code points, run sizes `lengths`).

    The run hash is sum((c + 1) * P**k) over its code points c at positions k, taken from
    one prefix sum over the whole text and shifted back by P**-start: no per-word loop.
    """
    import numpy as np

    if len(lengths) == 0:
        return np.zeros(0, dtype=np.uint32)
    total = len(chars)
    seg = np.cumsum(lengths) - lengths
    if total < _PREFIX_LIMIT:
        prefix = np.zeros(total + 1, dtype=np.uint64)
        np.cumsum((chars.astype(np.uint64) + np.uint64(1)) * _powers(total)[:total], out=prefix[1:])
        sums = (prefix[seg + lengths] - prefix[seg]) * _inv_powers(total)[seg]
    else:
        local = np.arange(total, dtype=np.int64) - np.repeat(seg, lengths)
        contrib = (chars.astype(np.uint64) + np.uint64(1)) * _powers(int(lengths.max()))[local]
        sums = np.add.reduceat(contrib, seg)
    h = mix64(sums ^ (lengths.astype(np.uint64) * np.uint64(_GOLDEN)))
    return (h >> np.uint64(32)).astype(np.uint32)


@dataclass
class Words:
    """Word hashes and their [start, end) offsets in the text they were taken from."""

    hashes: Any  #: uint32[n]
    starts: Any  #: int64[n]
    ends: Any  #: int64[n]


def words(text: str) -> Words:
    """Split `text` into normalised words; offsets index `text` itself."""
    import numpy as np

    empty = Words(np.zeros(0, np.uint32), np.zeros(0, np.int64), np.zeros(0, np.int64))
    if not text:
        return empty
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if int(cps.max()) < 0x10000:
        mapped_t, kind_t = _tables()
        kind = kind_t[cps]  # 0 other, 1 word character, 2 needs the slow path
        if (kind < 0).any():
            _tables(cps[kind < 0])
            kind = kind_t[cps]
        mask = kind == 1
        if not (kind == 2).any():
            padded = np.zeros(len(cps) + 2, dtype=bool)
            padded[1:-1] = mask
            edges = np.flatnonzero(padded[1:] != padded[:-1])
            if len(edges) == 0:
                return empty
            starts, ends = edges[0::2], edges[1::2]
            return Words(_hash_runs(mapped_t[cps[mask]], ends - starts), starts, ends)
    return _words_slow(text)


def _words_slow(text: str) -> Words:
    """Exact path for texts with combining marks, jamo or astral characters.

    Normalisation never composes across whitespace, so each run of non-space characters
    is normalised on its own and split into words exactly as the whole text would be.
    Offsets are exact when the run normalises character for character; otherwise every
    word of the run gets the run's span (still the right place in the text).
    """
    import numpy as np

    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for chunk in _CHUNK.finditer(text):
        raw = chunk.group()
        norm = unicodedata.normalize("NFKC", raw).casefold()
        c0 = chunk.start()
        aligned = len(norm) == len(raw)
        for m in _WORD.finditer(norm):
            parts.append(m.group())
            if aligned:
                starts.append(c0 + m.start())
                ends.append(c0 + m.end())
            else:
                starts.append(c0)
                ends.append(chunk.end())
    if not parts:
        return Words(np.zeros(0, np.uint32), np.zeros(0, np.int64), np.zeros(0, np.int64))
    joined = "".join(parts)
    cps = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    return Words(
        _hash_runs(cps, lengths),
        np.asarray(starts, dtype=np.int64),
        np.asarray(ends, dtype=np.int64),
    )


def shingles(word_hashes: Any) -> Any:
    """uint64 hash of every window of SHINGLE consecutive word hashes (in order, with repeats)."""
    import numpy as np

    n = len(word_hashes) - SHINGLE + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    w = word_hashes.astype(np.uint64)
    p = np.uint64(_P)
    acc = w[0:n] + np.uint64(_GOLDEN)
    for j in range(1, SHINGLE):
        acc = acc * p + w[j : j + n]
    acc = mix64(acc)
    return acc


def shingle_set(word_hashes: Any) -> Any:
    """Sorted unique shingle hashes: the set similarity and containment are defined over."""
    import numpy as np

    s = np.sort(shingles(word_hashes))
    if len(s) < 2:
        return s
    keep = np.empty(len(s), dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def anchors(shingle_set_: Any, mod: int) -> Any:
    """The content-defined sample of a shingle set: hashes that are 0 modulo `mod`."""
    import numpy as np

    if mod <= 1:
        return shingle_set_
    return shingle_set_[(shingle_set_ % np.uint64(mod)) == 0]


def _perm_params(num_perm: int, seed: int) -> tuple[Any, Any]:
    import numpy as np

    rng = np.random.Generator(np.random.PCG64(seed))
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


_PERMS: dict[tuple[int, int], tuple[Any, Any]] = {}


def minhash(shingle_set_: Any, num_perm: int, seed: int) -> Any:
    """uint32[num_perm] MinHash signature by multiply-shift hashing (all ones when empty)."""
    import numpy as np

    if num_perm <= 0:
        return np.zeros(0, dtype=np.uint32)
    if len(shingle_set_) == 0:
        return np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    key = (num_perm, seed)
    if key not in _PERMS:
        _PERMS[key] = _perm_params(num_perm, seed)
    a, b = _PERMS[key]
    out = np.full(num_perm, 0xFFFFFFFF, dtype=np.uint64)
    step = 1 << 14  # bounded temporary (num_perm x step) for very long documents
    for i in range(0, len(shingle_set_), step):
        chunk = shingle_set_[i : i + step]
        hv = (a[:, None] * chunk[None, :] + b[:, None]) >> np.uint64(32)
        np.minimum(out, hv.min(axis=1), out=out)
    return out.astype(np.uint32)
