"""Word-tracked text segments and shared-passage computation for the benchmark generator.

A :class:`Seg` is a piece of article text kept as alternating separators and ``\\w+`` words, each
word carrying a *source id* (``src``): the identity of the word in the raw material it came from.
Edits (a changed word, a British->American spelling, re-wrapping, curly quotes) keep or drop
those ids explicitly, so the truth about which passages two generated files share is exact and
needs no after-the-fact fuzzy alignment: two files share a word when they hold the same src, and
passages are the monotone runs of shared srcs (small gaps allowed, as EVALUATION.md allows small
edits inside a passage).

The module is stdlib only and shared by ``generate.py`` and ``score.py``.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

WORD_RE = re.compile(r"\w+")
SENT_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+$")
NO_SRC = -1
IDX_BITS = 14  # words per unit < 16384 (the longest BBC article has ~3,600 words)

#: EVALUATION.md: a pair is truth when the article texts share >= 40 words in passages of
#: >= 8 words each, small edits allowed inside a passage.
MIN_PASSAGE_WORDS = 8
MIN_PAIR_WORDS = 40
MAX_GAP = 3  # a passage may skip up to MAX_GAP - 1 unmatched words on either side


def src_key(src: int) -> int:
    """The unit a src belongs to (its upper bits)."""
    return src >> IDX_BITS


@dataclass
class Seg:
    """Text as ``seps[0] words[0] seps[1] ... words[-1] seps[-1]`` with one src per word."""

    words: list[str]
    seps: list[str]
    srcs: list[int]

    @classmethod
    def from_text(cls, text: str, srcs: Iterable[int] | None = None) -> Seg:
        words: list[str] = []
        seps: list[str] = []
        last = 0
        for m in WORD_RE.finditer(text):
            seps.append(text[last : m.start()])
            words.append(m.group())
            last = m.end()
        seps.append(text[last:])
        s = list(srcs) if srcs is not None else [NO_SRC] * len(words)
        if len(s) != len(words):
            raise ValueError("srcs must align with words")
        return cls(words, seps, s)

    @property
    def text(self) -> str:
        out = [self.seps[0]]
        for w, s in zip(self.words, self.seps[1:], strict=True):
            out.append(w)
            out.append(s)
        return "".join(out)

    def copy(self) -> Seg:
        return Seg(list(self.words), list(self.seps), list(self.srcs))

    def __len__(self) -> int:
        return len(self.words)

    def replace(self, k: int, word: str, keep_src: bool = False) -> None:
        """Replace word k by a single ``\\w+`` word (src dropped unless keep_src)."""
        self.words[k] = word
        if not keep_src:
            self.srcs[k] = NO_SRC

    def delete(self, k: int) -> None:
        """Drop word k, merging the separators around it (punctuation wins over a space)."""
        a, b = self.seps[k], self.seps[k + 1]
        merged = a if a.strip() and not b.strip() else (b if not a.strip() else a + b)
        if not merged and k > 0 and k + 1 < len(self.seps) - 1:
            merged = " "
        del self.words[k]
        del self.srcs[k]
        self.seps[k : k + 2] = [merged]

    def insert(self, k: int, word: str) -> None:
        """Insert a new word (no src) before word k (k == len -> at the end)."""
        if k >= len(self.words):
            self.words.append(word)
            self.srcs.append(NO_SRC)
            self.seps.insert(len(self.seps) - 1, " ")
            return
        self.words.insert(k, word)
        self.srcs.insert(k, NO_SRC)
        self.seps.insert(k + 1, " ")

    def wrap(self, width: int) -> None:
        """Hard-wrap at ``width`` columns by turning plain spaces into newlines."""
        col = len(self.seps[0])
        for i, w in enumerate(self.words):
            col += len(w)
            sep = self.seps[i + 1]
            if sep == " " and i + 1 < len(self.words) and col + 1 + len(self.words[i + 1]) > width:
                self.seps[i + 1] = "\n"
                col = 0
                continue
            col = col + len(sep) if "\n" not in sep else len(sep.rsplit("\n", 1)[1])

    def split_sentences(self, max_sentences: int, rng_values: list[int]) -> list[Seg]:
        """Split into paragraphs of 1..max_sentences sentences (ids kept).

        A sentence ends at a separator holding ``.``, ``!`` or ``?`` and whitespace, before a
        capitalised word. ``rng_values`` supplies the group sizes (deterministic callers).
        """
        cuts = [
            i
            for i in range(1, len(self.words))
            if SENT_END.search(self.seps[i]) and self.words[i][:1].isupper()
        ]
        if not cuts:
            return [self.copy()]
        chosen, k, n = [], 0, 0
        for c in cuts:
            n += 1
            if n >= 1 + rng_values[k % len(rng_values)] % max_sentences:
                chosen.append(c)
                k += 1
                n = 0
        out: list[Seg] = []
        start, lead = 0, self.seps[0]
        for c in [*chosen, len(self.words)]:
            if c == len(self.words):
                trail, nxt = self.seps[c], ""
            else:
                trail, nxt = self.seps[c].rstrip(), ""
            seps = [lead, *self.seps[start + 1 : c], trail]
            out.append(Seg(self.words[start:c], seps, self.srcs[start:c]))
            start, lead = c, nxt
        return out

    def map_seps(self, table: dict[str, str]) -> None:
        """Character substitution inside separators only (e.g. straight -> curly quotes)."""
        tr = str.maketrans(table)
        self.seps = [s.translate(tr) for s in self.seps]


def join_segs(segs: Sequence[Seg], sep: str) -> Seg:
    """Concatenate segments with a separator string (no word characters in ``sep``)."""
    out = Seg([], [""], [])
    for i, s in enumerate(segs):
        if i:
            out.seps[-1] += sep
        out.seps[-1] += s.seps[0]
        out.words.extend(s.words)
        out.srcs.extend(s.srcs)
        out.seps.extend(s.seps[1:])
    return out


def compress(srcs: Sequence[int]) -> array:
    """Run-length encode srcs as (first, length) pairs: consecutive ids collapse to one run."""
    out = array("q")
    i, n = 0, len(srcs)
    while i < n:
        s = srcs[i]
        j = i + 1
        if s == NO_SRC:
            while j < n and srcs[j] == NO_SRC:
                j += 1
        else:
            while j < n and srcs[j] == s + (j - i):
                j += 1
        out.append(s)
        out.append(j - i)
        i = j
    return out


def expand(runs: array) -> list[int]:
    out: list[int] = []
    for k in range(0, len(runs), 2):
        s, n = runs[k], runs[k + 1]
        out.extend([NO_SRC] * n if s == NO_SRC else range(s, s + n))
    return out


@dataclass
class Passage:
    """A shared passage in word indices on both sides (inclusive ends)."""

    a0: int
    a1: int
    b0: int
    b1: int
    matched: int = 0

    @property
    def words(self) -> int:
        return min(self.a1 - self.a0, self.b1 - self.b0) + 1


@dataclass
class PairShare:
    passages: list[Passage] = field(default_factory=list)
    matched: int = 0  # matched words over all runs, also those below MIN_PASSAGE_WORDS

    @property
    def words(self) -> int:
        return sum(p.words for p in self.passages)

    @property
    def is_pair(self) -> bool:
        return self.words >= MIN_PAIR_WORDS


def shared_passages(
    a: Sequence[int],
    b: Sequence[int],
    a_block: Sequence[int] | None = None,
    b_block: Sequence[int] | None = None,
) -> PairShare:
    """Monotone runs of common srcs between two word-src lists.

    A run continues while both sides advance by 1..MAX_GAP words, so a changed, dropped or added
    word inside a passage does not split it. Only runs of >= MIN_PASSAGE_WORDS words count.
    ``a_block``/``b_block`` give each word's block of article text (article runs separated by
    boilerplate); a run never crosses a block boundary, so a passage never spans an inserted
    "Related:" line or advert.
    """
    where: dict[int, int] = {}
    for j, s in enumerate(b):
        if s != NO_SRC and s not in where:
            where[s] = j
    res = PairShare()
    cur: Passage | None = None
    for i, s in enumerate(a):
        if s == NO_SRC:
            continue
        j = where.get(s)
        if j is None:
            continue
        res.matched += 1
        if (
            cur is not None
            and 0 < i - cur.a1 <= MAX_GAP
            and 0 < j - cur.b1 <= MAX_GAP
            and (a_block is None or a_block[i] == a_block[cur.a1])
            and (b_block is None or b_block[j] == b_block[cur.b1])
        ):
            cur.a1, cur.b1 = i, j
            cur.matched += 1
            continue
        if cur is not None and cur.words >= MIN_PASSAGE_WORDS:
            res.passages.append(cur)
        cur = Passage(i, i, j, j, 1)
    if cur is not None and cur.words >= MIN_PASSAGE_WORDS:
        res.passages.append(cur)
    return res
