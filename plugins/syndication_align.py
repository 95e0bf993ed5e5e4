"""Alignment of two word-hash sequences into maximal shared passages, tolerant of small edits.

Method, in three steps (all positions are word indices):

1. **Seeds** — every pair of positions whose 5-word shingles are equal, found with a sort and
   ``searchsorted`` (no Python loop); consecutive seeds on one diagonal (``j - i``) form exact
   runs of shared words.
2. **Tiling** — runs are taken longest first and each keeps only words neither side has used
   yet (Wise's Greedy String Tiling, "YAP3", SIGCSE 1996), so each word of either text
   belongs to at most one tile and a repeated sentence is not reported twice.
3. **Chaining** — tiles in text order are joined into one passage while the gap between
   them is at most ``max_gap`` words on each side: this absorbs a changed or dropped word, a
   spelling variant (organise/organize) or a few inserted words, the way an editor's
   re-styling does, while unrelated text between two quotes still splits them.

The result does not depend on argument order: the pair is put in a canonical order first
and the answer mirrored, so ``align(a, b)`` is exactly the mirror of ``align(b, a)``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from .syndication_text import SHINGLE, shingles

#: a shingle occurring more often than this in one text seeds only its first occurrences
MAX_SEED_REPEAT = 8


@dataclass(frozen=True)
class Match:
    """A shared passage as half-open word ranges [a0, a1) and [b0, b1)."""

    a0: int
    a1: int
    b0: int
    b1: int
    #: the exact runs (a, b, length) the passage is made of, in order; gaps lie between
    tiles: tuple[tuple[int, int, int], ...] = field(default=(), compare=False, repr=False)

    def mirror(self) -> Match:
        return Match(self.b0, self.b1, self.a0, self.a1, tuple((b, a, n) for a, b, n in self.tiles))

    @property
    def words(self) -> int:
        """Size counted on the smaller side, so thresholds are symmetric."""
        return min(self.a1 - self.a0, self.b1 - self.b0)


def _runs(sa: Any, sb: Any) -> list[tuple[int, int, int]]:
    """Exact shared runs (length in words, a0, b0) from equal shingles on one diagonal.

    `sa`, `sb` are the shingle-hash sequences (in text order) of the two texts.
    """
    import numpy as np

    if len(sa) == 0 or len(sb) == 0:
        return []
    order = np.argsort(sb, kind="stable")
    sorted_b = sb[order]
    lo = np.searchsorted(sorted_b, sa, side="left")
    hi = np.searchsorted(sorted_b, sa, side="right")
    cnt = np.minimum(hi - lo, MAX_SEED_REPEAT)
    total = int(cnt.sum())
    if total == 0:
        return []
    ia = np.repeat(np.arange(len(sa), dtype=np.int64), cnt)
    first = np.repeat(np.cumsum(cnt) - cnt, cnt)
    jb = order[np.repeat(lo, cnt) + (np.arange(total) - first)].astype(np.int64)
    diag = jb - ia
    o = np.lexsort((ia, diag))
    ia, jb, diag = ia[o], jb[o], diag[o]
    brk = np.ones(total, dtype=bool)
    brk[1:] = (diag[1:] != diag[:-1]) | (ia[1:] != ia[:-1] + 1)
    starts = np.flatnonzero(brk)
    ends = np.concatenate((starts[1:], [total]))
    lengths = ends - starts + (SHINGLE - 1)
    return list(zip(lengths.tolist(), ia[starts].tolist(), jb[starts].tolist(), strict=True))


def _tiles(
    runs: list[tuple[int, int, int]], na: int, nb: int
) -> tuple[list[tuple[int, int, int]], bytearray, bytearray]:
    """Greedy string tiling: longest runs first, each word used once per side.

    Returns the tiles (a0, b0, length) and the two "word is in a tile" masks.
    """
    used_a = bytearray(na)
    used_b = bytearray(nb)
    tiles: list[tuple[int, int, int]] = []
    for length, a0, b0 in sorted(runs, key=lambda r: (-r[0], r[1], r[2])):
        if not any(used_a[a0 : a0 + length]) and not any(used_b[b0 : b0 + length]):
            pieces = [(0, length)]
        else:
            pieces = []
            k = 0
            while k < length:
                if used_a[a0 + k] or used_b[b0 + k]:
                    k += 1
                    continue
                s = k
                while k < length and not used_a[a0 + k] and not used_b[b0 + k]:
                    k += 1
                if k - s >= SHINGLE:
                    pieces.append((s, k))
        for s, e in pieces:
            used_a[a0 + s : a0 + e] = b"\x01" * (e - s)
            used_b[b0 + s : b0 + e] = b"\x01" * (e - s)
            tiles.append((a0 + s, b0 + s, e - s))
    return tiles, used_a, used_b


def _chain(
    tiles: list[tuple[int, int, int]],
    used_a: bytearray,
    used_b: bytearray,
    wa: Any,
    wb: Any,
    max_gap: int,
) -> list[Match]:
    """Join tiles in text order across small gaps; extend ends over single equal words.

    A gap is bridged only when no other tile sits inside it on either side, so passages
    never overlap. Tiles arrive sorted by a0 and are disjoint on the A side, so only the
    passages ending within `max_gap` words before a tile can take it: the rest are closed.
    """
    done: list[list[Any]] = []
    open_: list[list[Any]] = []  # [a0, a1, b0, b1, tiles]
    for a0, b0, length in sorted(tiles):
        still = []
        for p in open_:
            (still if a0 - p[1] <= max_gap else done).append(p)
        open_ = still
        best = None
        best_gap = 0
        for p in open_:
            ga = a0 - p[1]
            gb = b0 - p[3]
            if (
                0 <= ga <= max_gap
                and 0 <= gb <= max_gap
                and (best is None or ga + gb < best_gap)
                and not any(used_a[p[1] : a0])
                and not any(used_b[p[3] : b0])
            ):
                best, best_gap = p, ga + gb
        if best is not None:
            used_a[best[1] : a0] = b"\x01" * (a0 - best[1])
            used_b[best[3] : b0] = b"\x01" * (b0 - best[3])
            best[1] = a0 + length
            best[3] = b0 + length
            best[4].append([a0, b0, length])
        else:
            open_.append([a0, a0 + length, b0, b0 + length, [[a0, b0, length]]])
    passages = done + open_
    na, nb = len(wa), len(wb)
    out = []
    for p in sorted(passages):
        # extend over single agreeing words (runs shorter than a shingle) at both ends
        while p[1] < na and p[3] < nb and wa[p[1]] == wb[p[3]] and not used_a[p[1]]:
            if used_b[p[3]]:
                break
            used_a[p[1]] = used_b[p[3]] = 1
            p[1] += 1
            p[3] += 1
            p[4][-1][2] += 1
        while p[0] > 0 and p[2] > 0 and wa[p[0] - 1] == wb[p[2] - 1]:
            if used_a[p[0] - 1] or used_b[p[2] - 1]:
                break
            used_a[p[0] - 1] = used_b[p[2] - 1] = 1
            p[0] -= 1
            p[2] -= 1
            first = p[4][0]
            first[0], first[1], first[2] = first[0] - 1, first[1] - 1, first[2] + 1
        out.append(Match(p[0], p[1], p[2], p[3], tuple(tuple(t) for t in p[4])))
    return out


def split(match: Match, cuts_a: list[int], cuts_b: list[int]) -> list[Match]:
    """Cut a passage wherever a sorted cut point k (between words k-1 and k) falls inside it.

    Used where the cleaned text joined two words that a large removed block separates in
    the original, so each piece's original slices hold the same words on both sides.
    Gaps between tiles are cut at the tile boundary; tiles are cut on their diagonal.
    """

    def has(cuts: list[int], lo: int, hi: int) -> bool:  # a cut k with lo < k <= hi
        i = bisect.bisect_right(cuts, lo)
        return i < len(cuts) and cuts[i] <= hi

    if not match.tiles or (
        not has(cuts_a, match.a0, match.a1 - 1) and not has(cuts_b, match.b0, match.b1 - 1)
    ):
        return [match]
    pieces: list[list[Any]] = []  # [a0, a1, b0, b1, tiles]
    prev: tuple[int, int] | None = None  # end (a, b) of the previous tile
    for ta, tb, n in match.tiles:
        offs = {k - ta for k in cuts_a[bisect.bisect_right(cuts_a, ta) :] if k < ta + n}
        offs |= {k - tb for k in cuts_b[bisect.bisect_right(cuts_b, tb) :] if k < tb + n}
        bounds = [0, *sorted(offs), n]
        for j in range(len(bounds) - 1):
            s0, s1 = bounds[j], bounds[j + 1]
            a0, b0 = ta + s0, tb + s0
            joined = (
                j == 0
                and prev is not None
                and not has(cuts_a, prev[0] - 1, a0)
                and not has(cuts_b, prev[1] - 1, b0)
            )
            if joined:
                pieces[-1][1], pieces[-1][3] = ta + s1, tb + s1
                pieces[-1][4].append((a0, b0, s1 - s0))
            else:
                pieces.append([a0, ta + s1, b0, tb + s1, [(a0, b0, s1 - s0)]])
        prev = (ta + n, tb + n)
    return [Match(p[0], p[1], p[2], p[3], tuple(p[4])) for p in pieces]


def _align(wa: Any, wb: Any, sa: Any, sb: Any, min_passage_words: int, max_gap: int) -> list[Match]:
    runs = _runs(sa, sb)
    if not runs:
        return []
    tiles, used_a, used_b = _tiles(runs, len(wa), len(wb))
    matches = _chain(tiles, used_a, used_b, wa, wb, max_gap)
    kept = [m for m in matches if m.words >= min_passage_words]
    return sorted(kept, key=lambda m: (m.a0, m.a1, m.b0, m.b1))


def align(
    wa: Any,
    wb: Any,
    min_passage_words: int = 8,
    max_gap: int = 6,
    sa: Any = None,
    sb: Any = None,
) -> list[Match]:
    """Maximal shared passages of word-hash arrays `wa` and `wb`, sorted by a0.

    Passages shorter than `min_passage_words` (on the smaller side) are dropped. `sa` and
    `sb` may pass the shingle sequences when the caller already has them.
    """
    if sa is None:
        sa = shingles(wa)
    if sb is None:
        sb = shingles(wb)
    key_a = (len(wa), wa.tobytes())
    key_b = (len(wb), wb.tobytes())
    if key_a <= key_b:
        return _align(wa, wb, sa, sb, min_passage_words, max_gap)
    mirrored = [m.mirror() for m in _align(wb, wa, sb, sa, min_passage_words, max_gap)]
    return sorted(mirrored, key=lambda m: (m.a0, m.a1, m.b0, m.b1))


def overlap(set_a: Any, set_b: Any) -> int:
    """|A ∩ B| of two sorted unique uint64 arrays."""
    import numpy as np

    if len(set_a) == 0 or len(set_b) == 0:
        return 0
    return int(np.intersect1d(set_a, set_b, assume_unique=True).size)
