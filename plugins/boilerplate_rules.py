"""The boilerplate classifier over lines and paragraphs of plain text.

How it decides, and why:

* The text is cut into *units*: a line, or a hard-wrapped paragraph (a block of lines that
  only makes sense as one sentence run). Boilerplate is almost always a whole unit or a
  lead-in prefix of the first paragraph (a wire dateline), never a fragment mid-sentence.
* Each unit gets at most one *strong* label (the unit is a label line: "SEE ALSO: …",
  "Advertisement", "Copyright © 2019 …", a short line with an e-mail address) and at most one
  *weak* label (a cue phrase anywhere, a date-only line, an author bio). Strong labels hold
  anywhere; weak labels only in the *head zone* (units before the first article-like
  paragraph) or the *tail zone* (the run of labelled units at the end of the document,
  grown bottom-up). That is what keeps "could not be reached for comment" or a story about
  copyright law in the article: they are neither label lines nor in a zone.
* A comment section is a header ("Join the discussion", "12 comments", …) after the article
  followed by reader posts; the whole run up to the end (minus a footer of strongly labelled
  units after it) is one ``comments`` span.
* Lines the corpus learner found recurring across many unrelated files are marked too, in the
  zones or wherever they are short non-sentences.

Ideas borrowed, not code: jusText's short/long block classification with context
(Pomikálek 2011) and boilerpipe's shallow text features (Kohlschütter et al. 2010).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from auditor.model import CATEGORIES

from .boilerplate_cues import (
    AUTHOR_ROLES,
    CUES,
    DATE_LABELS,
    NAV_WORDS,
    OUTLET_WORDS,
    WIRE_AGENCIES,
)

CATEGORY_ORDER = CATEGORIES  # the precedence order of AUDIT_FORMAT.md
KINDS = ("whole", "start", "contains")


def cue_key(category: str, kind: str) -> str:
    """Configuration key of one cue list: ``see_also_start``, ``copyright_contains``, …"""
    return f"{category.replace('-', '_')}_{kind}"


#: headers that open a comment section whatever follows them
COMMENT_HEADERS: list[str] = [
    r"\d[\d,.]*k?\s*(?:comments?|responses|replies|reactions)",
    r"(?:comments?|responses|replies|discussion|conversation|reactions)\s*[(\[]?\s*\d[\d,.]*k?"
    r"\s*[)\]]?",
    r"(?:discuss|comment on) this (?:article|story|post)",
    r"\d+ (?:thoughts|responses|comments|replies) (?:on|to)\b.{0,150}",
    r"join the (?:discussion|conversation|debate)",
    r"(?:leave|add|post|write|submit) (?:a |your )?(?:comment|reply|response)s?",
    r"(?:show|view|see|read|load) (?:all |the )?(?:\d+ )?comments?",
    r"(?:reader|readers['’]?|user|visitor) comments?",
    r"\d[\d,.]*k?\s*comments?\s*[·|•–—-].{0,60}",
    r"comments? (?:powered|hosted) by\b.{0,40}",
    r"have your say",
    r"please read our comment policy.{0,80}",
    r"(?:our )?comment(?:ing)? (?:policy|guidelines|rules).{0,80}",
    r"you must be (?:logged|signed) in to (?:post a )?comment.{0,40}",
    r"comments are (?:moderated|welcome|open)\b.{0,120}",
]

#: headers that open a comment section only when what follows reads like reader posts
#: (a news story may have a "Reaction" or "Discussion" subheading)
COMMENT_HEADERS_WEAK: list[str] = [
    r"(?:latest|top|all|your)?\s*comments?",
    r"(?:[\w'’]+\s+){0,3}(?:comments?|discussion|conversation|reactions?|responses|replies|talkback"
    r"|(?:your|reader|readers['’]?) (?:say|views|thoughts|opinions|letters|reactions?|comments?)"
    r"|readers? (?:are )?(?:saying|say|think|respond))(?:\s+[\w'’()]+){0,2}",
    r"what do you think\??",
]


class _Lazy:
    """A regex compiled on first use, so importing the plugin stays fast."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._rx: re.Pattern[str] | None = None

    def get(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = re.compile(*self._args)
        return self._rx

    def search(self, s: str) -> re.Match[str] | None:
        return self.get().search(s)

    def match(self, s: str) -> re.Match[str] | None:
        return self.get().match(s)

    def sub(self, repl: str, s: str) -> str:
        return self.get().sub(repl, s)


_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_BREAK_SPLIT_RE = re.compile(r"(\r\n|\r|\n)")
_WORD_RE = re.compile(r"\w+")
_ALNUM_RE = re.compile(r"[^\W_]")
_SPACE_RE = re.compile(r"\s+")
_BULLETS = "•·*‣◦▪►▶■□-–—>|#~=_ \t"
_STRIP_TAIL = " \t.:;,!|-–—…»›>"
EMAIL_RE = re.compile(r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_HANDLE_RE = re.compile(r"(?<![\w@])@[A-Za-z_][A-Za-z0-9_]{1,30}\b")
_PHONE_RE = re.compile(
    r"(?:tel|phone|call|fax|mobile|cell)\W{0,3}\+?[\d(][\d ().-]{6,}\d"
    r"|(?<![\d.])\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}(?![\d.])",
    re.I,
)
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|co\.uk|io|news)\b", re.I)
_SENT_END_RE = re.compile(r"[.!?][\"'”’)\]]*(?:\s|$)")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_TIME = (
    r"\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s*(?:[A-Z]{2,4}T|GMT|UTC|ET|PT|CT))?"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[A-Z]{2,4}T|GMT|UTC|ET|PT|CT|hrs?))?"
)
_DATE_CORE = (
    rf"(?:{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}|{_MONTH}\s+{_DAY}\b|{_DAY}\s+(?:of\s+)?{_MONTH}"
    rf"(?:\s*,?\s*{_YEAR})?|{_MONTH},?\s+{_YEAR}|{_YEAR}-\d{{1,2}}-\d{{1,2}}(?:[T ]\d{{2}}:\d{{2}}"
    rf"(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|\d{{1,2}}[/.]\d{{1,2}}[/.](?:{_YEAR}|\d{{2}})"
    rf"|{_YEAR}/\d{{1,2}}/\d{{1,2}})"
)
_TIME_RE = _Lazy(_TIME, re.I)
_HAS_DIGIT_RE = re.compile(r"\d")
_READ_TIME_RE = re.compile(r"\b\d+\s*(?:-\s*)?min(?:ute)?s?(?: read| listen)?\b", re.I)
_WRAP_END_RE = re.compile(r"[.!?:;\"”’)\]]$")
_BREAK_BEFORE_RE = re.compile(r"[•·*‣◦▪►▶■>|#]|[-–—]\s|\d{1,2}[.)]\s")
_DIGITS_RE = re.compile(r"\d+")
_CALENDAR_RE = _Lazy(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?"
    r"|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b"
)
DATE_RE = _Lazy(rf"\b(?:{_DATE_CORE})", re.I)
_DATE_OR_TIME_RE = _Lazy(rf"\b(?:{_DATE_CORE})|(?:{_TIME})", re.I)
_DATEISH_RE = _Lazy(rf"\b(?:{_DATE_CORE}|{_TIME}|{_WEEKDAY}|{_YEAR})(?![\w])", re.I)
_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)"
_NAME_PARTICLE = r"(?:de|da|del|della|der|di|du|van|von|la|le|bin|al|el|ibn|ter|st\.?)"
NAME = rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_PARTICLE}\s+){{0,2}}{_NAME_TOKEN}){{1,4}}"
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "this", "that", "these", "those", "then", "now",
    "early", "late", "last", "next", "far", "contrast", "comparison", "law", "default",
    "way", "all", "some", "most", "many", "their", "his", "her", "its", "our",
}  # fmt: skip


_BIO_NAME_RE = _Lazy(rf"^[\s•·*\-–—>|]*({NAME})(?:,[^.]{{0,120}},)?\s+(?:is|was|has been)\s")


_NORM_STRIP = _BULLETS + _STRIP_TAIL


def norm_line(text: str) -> str:
    """Normalised form of a line for corpus counting: NFKC, case-folded, digits as 0,
    bullets and outer punctuation stripped, whitespace collapsed."""
    t = text if text.isascii() else unicodedata.normalize("NFKC", text)
    t = _DIGITS_RE.sub("0", t.casefold())
    if len(t) <= 160:  # dates vary in short furniture lines, not in prose
        t = _CALENDAR_RE.sub("<d>", t)
    # " ".join(split()) collapses exactly what \s+ matches; the ends are stripped anyway
    return " ".join(t.split()).strip(_NORM_STRIP)


@dataclass
class Unit:
    """A line or a hard-wrapped paragraph: offsets into the text and its flattened text."""

    start: int  #: first char of the first line
    end: int  #: end of the last line including its line break
    text: str  #: whitespace-collapsed, stripped
    lines: int = 1
    words: int = 0
    norms: list[str] = field(default_factory=list)  #: normalised lines (for learned lookup)
    parts: tuple[str, ...] = ()  #: the stripped lines of the unit


def split_units(text: str, with_norms: bool = True, rules: Rules | None = None) -> list[Unit]:
    """Cut `text` into units; blank lines separate blocks and are never units."""
    units: list[Unit] = []
    block: list[tuple[int, int, str]] = []  # (start, end, stripped content)
    append = units.append

    def flush() -> None:
        if len(block) == 1:  # the common case: a line on its own
            s, e, c = block[0]
            flat = " ".join(c.split())
            u = Unit(s, e, flat, 1, len(_WORD_RE.findall(flat)))
            u.parts = (c,)
            if with_norms:
                u.norms = [norm_line(c)]
            append(u)
        else:
            for group in _paragraphs(block, rules):
                if len(group) == 1:
                    s, e, c = group[0]
                    flat = " ".join(c.split())
                    u = Unit(s, e, flat, 1, len(_WORD_RE.findall(flat)))
                else:
                    flat = " ".join(" ".join(c for _, _, c in group).split())
                    u = Unit(
                        group[0][0], group[-1][1], flat, len(group), len(_WORD_RE.findall(flat))
                    )
                u.parts = tuple(c for _, _, c in group)
                if with_norms:
                    u.norms = [norm_line(c) for c in u.parts]
                append(u)
        block.clear()

    pieces = _BREAK_SPLIT_RE.split(text)
    last = len(pieces) - 1
    pos = 0
    for k in range(0, last + 1, 2):
        content = pieces[k]
        end = pos + len(content)
        if k < last:
            end += len(pieces[k + 1])
        if end == pos:
            break
        c = content.strip()
        if c:
            block.append((pos, end, c))
        elif block:
            flush()
        pos = end
    if block:
        flush()
    return units


def _paragraphs(
    block: list[tuple[int, int, str]], rules: Rules | None = None
) -> list[list[tuple[int, int, str]]]:
    """Group a block's lines into paragraphs; each line alone unless the block is hard-wrapped.

    A block is hard-wrapped when many of its lines end near one width W (60-120 columns).
    Inside it a line ends a paragraph when the next line's first word would have fitted
    after it within W: the writer broke the line on purpose (the classic reflow test used
    by ``fmt``/``par``-style tools).
    """
    if len(block) < 2:
        return [block[:]]
    lengths = [len(c) for _, _, c in block]
    # the wrap width: a high percentile, not the maximum (a long word overflows a line)
    ordered = sorted(lengths)
    width = ordered[(len(ordered) - 1) * 9 // 10] if len(ordered) >= 5 else ordered[-1]
    near = sum(1 for n in lengths if n >= width - 20)
    wrapped = not (
        width > 120
        or width < 40
        or max(lengths) > width + 15  # a much longer line: one paragraph per line
        or near * 5 < len(block) * 2
        or near < 2
    )
    groups: list[list[tuple[int, int, str]]] = [[block[0]]]
    labelled = [False] * len(block)
    if not wrapped:
        # a short block may still be one paragraph broken mid-sentence (a wrapped notice)
        for prev, line in pairwise(block):
            p, c = prev[2], line[2]
            if (
                len(block) <= 4
                and len(p) >= 50
                and (p[-1:].isalnum() or p[-1:] == ",")
                and not _BREAK_BEFORE_RE.match(c)
                and (c[:1].islower() or (rules is not None and not _labelled(c, rules)))
            ):
                groups[-1].append(line)
            else:
                groups.append([line])
        return groups
    if rules is not None:
        # a line that is a label on its own ("Published: …", "SEE ALSO: …") is its own
        # paragraph even when the line before it happens to be long
        labelled = [_labelled(c, rules) for _, _, c in block]
        whole = [
            bool(rules.whole_any.match(c) or rules.comment_header.match(c)) and len(c.split()) >= 2
            for _, _, c in block
        ]
    else:
        whole = [False] * len(block)
    for i, (prev, line) in enumerate(pairwise(block), start=1):
        first_word = line[2].split(" ", 1)[0]
        # a long line that stops mid-sentence, or a next line starting in lower case, is
        # a continuation whatever the widths say (ragged or re-edited wrapping)
        prev_text, text = prev[2], line[2]
        mid_sentence = (
            not labelled[i - 1]
            and not _WRAP_END_RE.search(prev_text)
            and (len(prev_text) >= width * 0.6 or text[:1].islower())
        )
        if (
            (len(prev[2]) + 1 + len(first_word) <= width and not mid_sentence)
            or _BREAK_BEFORE_RE.match(line[2])
            or (whole[i] and text[:1].isupper())
            or (
                labelled[i]
                and line[2][:1].isupper()
                and (labelled[i - 1] or _SENT_END_RE.search(prev[2][-3:] + " ") is not None)
            )
            or (
                rules is not None
                and labelled[i - 1]
                and not line[2][:1].islower()
                and not _labelled(" ".join(c for _, _, c in [*groups[-1], line]), rules)
            )
        ):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _labelled(line: str, rules: Rules) -> bool:
    """True when a line on its own is a label line (strongly classified)."""
    return strong_label(Unit(0, 0, line, 1, len(_WORD_RE.findall(line))), rules) is not None


def _alt(patterns: Sequence[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns) if patterns else r"(?!x)x"


@dataclass
class Rules:
    """Compiled cue lists and thresholds (built once per configuration)."""

    whole_any: _Gate
    start_any: _Gate
    group_cat: dict[str, str]
    whole: dict[str, re.Pattern[str]]
    start: dict[str, re.Pattern[str]]
    contains: dict[str, _Quick]
    comment_header: re.Pattern[str]
    comment_header_weak: re.Pattern[str]
    short_contains: _Quick
    dateline_lead: re.Pattern[str]
    date_label: re.Pattern[str]
    role: re.Pattern[str]
    byline_by: re.Pattern[str]
    byline_role: re.Pattern[str]
    bio: re.Pattern[str]
    nav_word: _Quick
    outlet_line: re.Pattern[str]
    name_line: re.Pattern[str]
    role_line: re.Pattern[str]
    max_label_chars: int = 300
    head_units: int = 8
    body_min_words: int = 12
    learned_max_words: int = 12
    menu_min_items: int = 4
    #: strong labels by (text, words), shared by every document of the process
    memo: dict[tuple[str, int], tuple[str, str] | None] = field(default_factory=dict, repr=False)


_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": "0123456789",
    "CATEGORY_SPACE": " \t\n\r\f\v\u00a0",
}


def _first_chars(seq: Any) -> tuple[set[str] | None, bool]:
    """Characters a parsed regex sequence can start with (None: any), and if it can be empty.

    Walks the tree of the standard library's regex parser; anything it does not know
    answers None, which only costs speed, never a missed match.
    """
    out: set[str] = set()
    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            out.add(chr(av))
            return out, False
        if name == "IN":
            for iop, iav in av:
                iname = str(iop)
                if iname == "LITERAL":
                    out.add(chr(iav))
                elif iname == "RANGE" and iav[1] - iav[0] <= 256:
                    out.update(chr(c) for c in range(iav[0], iav[1] + 1))
                elif iname == "CATEGORY" and str(iav) in _CATEGORY_CHARS:
                    out.update(_CATEGORY_CHARS[str(iav)])
                else:
                    return None, False
            return out, False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # consume nothing
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            got, empty = _first_chars(av[2])
            if got is None:
                return None, False
            out |= got
            if av[0] > 0 and not empty:
                return out, False
            continue
        if name in ("SUBPATTERN", "ATOMIC_GROUP"):
            got, empty = _first_chars(av[-1])
            if got is None:
                return None, False
            out |= got
            if not empty:
                return out, False
            continue
        if name == "BRANCH":
            can_be_empty = False
            for branch in av[1]:
                got, empty = _first_chars(branch)
                if got is None:
                    return None, False
                out |= got
                can_be_empty |= empty
            if not can_be_empty:
                return out, False
            continue
        return None, False
    return out, True


def _first_set(pattern: str) -> frozenset[str] | None:
    try:
        try:
            from re import _parser as parser  # type: ignore[attr-defined]
        except ImportError:  # Python 3.10
            import sre_parse as parser  # type: ignore[no-redef]
        got, empty = _first_chars(parser.parse(pattern, re.I).data)
    except Exception:
        return None
    if got is None or empty:
        return None
    return frozenset(c.lower() for c in got) | frozenset(c.upper() for c in got)


_LEAD_RE = re.compile(r"[^\w\"“”‘’'©]*")


def _needles(seq: Any) -> frozenset[str] | None:
    """Lower-case literals one of which every match of a parsed regex sequence contains.

    None when no such set of literals (each at least two characters or not ASCII) is known. A
    necessary condition only, used to skip a search that cannot match (see :class:`_Quick`).
    """
    best: frozenset[str] | None = None

    def strength(got: frozenset[str]) -> int:
        # a non-ASCII literal can never be in an ASCII text: as good as a long one
        return min(len(x) if x.isascii() else 99 for x in got)

    def consider(got: frozenset[str] | None) -> None:
        nonlocal best
        if got and strength(got) >= 2 and (best is None or strength(got) > strength(best)):
            best = got

    run: list[str] = []
    for op, av in [*seq, (None, None)]:
        name = str(op)
        if name == "LITERAL":
            ch = chr(av)
            if ch.isascii() or (ch.lower() == ch and ch.upper() == ch):
                run.append(ch.lower())
                continue
        if run:
            consider(frozenset(["".join(run)]))
            run = []
        if name == "SUBPATTERN":
            consider(_needles(av[-1]))
        elif name == "BRANCH":
            union: set[str] = set()
            for branch in av[1]:
                got = _needles(branch)
                if got is None:
                    union.clear()
                    break
                union |= got
            consider(frozenset(union) if union else None)
    return best


class _Quick:
    """A compiled regex whose ``search`` skips ASCII texts lacking every needed literal.

    For ASCII text, a case-insensitive match of ASCII literals implies the lower-cased text
    contains them lower-cased, so the skip never changes a result; other text is searched.
    """

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        try:
            try:
                from re import _parser as parser  # type: ignore[attr-defined]
            except ImportError:  # Python 3.10
                import sre_parse as parser  # type: ignore[no-redef]
            self.needles = _needles(parser.parse(rx.pattern, rx.flags).data)
        except Exception:
            self.needles = None
        self._needles = tuple(sorted(self.needles)) if self.needles else ()

    def search(self, t: str) -> re.Match[str] | None:
        if self._needles and t.isascii():
            low = t.lower()
            for n in self._needles:
                if n in low:
                    break
            else:
                return None
        return self.rx.search(t)

    def match(self, t: str) -> re.Match[str] | None:
        return self.rx.match(t)

    def findall(self, t: str) -> list[Any]:
        if self._needles and t.isascii():
            low = t.lower()
            for n in self._needles:
                if n in low:
                    break
            else:
                return []
        return self.rx.findall(t)

    def sub(self, repl: str, t: str) -> str:
        return self.rx.sub(repl, t)


class _Gate:
    """One combined regex over many cue lists, narrowed by the first character.

    Python's ``re`` tries every branch of an alternation in turn; with a few hundred cues
    that is most of the classifier's time. Each cue's possible first characters are worked
    out once, and a line is only matched against the cues that can start where it starts
    (after its leading bullets). Group names carry the category, in precedence order.
    """

    def __init__(self, groups: list[tuple[str, list[str]]], template: str) -> None:
        self._items = [(g, p, _first_set(p)) for g, ps in groups for p in ps]
        self._order = [g for g, _ in groups]
        self._template = template
        self._cache: dict[frozenset[str], re.Pattern[str]] = {}

    def match(self, text: str) -> re.Match[str] | None:
        lead = _LEAD_RE.match(text)
        k = lead.end() if lead else 0
        key = frozenset(text[: k + 1])
        rx = self._cache.get(key)
        if rx is None:
            chosen: dict[str, list[str]] = {g: [] for g in self._order}
            for g, p, first in self._items:
                if first is None or first & key:
                    chosen[g].append(p)
            body = "|".join(f"(?P<{g}>{_alt(ps)})" for g, ps in chosen.items() if ps)
            rx = _safe_compile(self._template.format(body or r"(?!x)x"))
            if len(self._cache) > 512:
                self._cache.clear()
            self._cache[key] = rx
        return rx.match(text)


class _LazyPatterns(dict):  # type: ignore[type-arg]
    """Category -> pattern, compiled on first lookup (most are rarely needed)."""

    def __init__(self, sources: dict[str, str]) -> None:
        super().__init__()
        self._sources = sources

    def __missing__(self, key: str) -> re.Pattern[str]:
        got = _safe_compile(self._sources.get(key, r"(?!x)x"))
        self[key] = got
        return got


def _safe_compile(pattern: str, flags: int = re.I) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error:
        return re.compile(r"(?!x)x")


def _valid(patterns: Sequence[str]) -> list[str]:
    """Drop user patterns that do not compile, so one typo does not disable a category."""
    out = []
    for p in patterns:
        try:
            re.compile(p)
        except re.error:
            continue
        out.append(p)
    return out


def build_rules(config: Mapping[str, Any]) -> Rules:
    """Compile the configuration's cue lists into one regex per category and kind."""
    lists: dict[str, dict[str, list[str]]] = {
        cat: {kind: list(config.get(cue_key(cat, kind), CUES[cat][kind])) for kind in KINDS}
        for cat in CATEGORY_ORDER
    }
    for entry in config.get("extra_cues", []) or []:
        parts = str(entry).split(":", 2)
        if len(parts) == 3 and parts[0] in lists and parts[1] in KINDS:
            lists[parts[0]][parts[1]].append(parts[2])
    # bullets, arrows, menu glyphs ("☰ Menu") and brackets may precede a cue; quotes may not
    lead = r"^[^\w\"“”‘’'©]*?"
    whole = _LazyPatterns(
        {
            c: rf"{lead}(?:{_alt(_valid(k['whole']))})[\s.:;,!?|\-–—…»›>)\]]*$"
            for c, k in lists.items()
        }
    )
    start = _LazyPatterns({c: rf"{lead}(?:{_alt(_valid(k['start']))})" for c, k in lists.items()})
    # one pass over all categories; alternation order keeps CATEGORY_ORDER precedence
    groups = [(c, f"c{i}") for i, c in enumerate(CATEGORY_ORDER)]
    whole_any = _Gate(
        [(g, _valid(lists[c]["whole"])) for c, g in groups],
        lead + "(?:{})" + r"[\s.:;,!?|\-–—…»›>)\]]*$",
    )
    start_any = _Gate([(g, _valid(lists[c]["start"])) for c, g in groups], lead + "(?:{})")
    contains = {c: _Quick(_safe_compile(_alt(_valid(k["contains"])))) for c, k in lists.items()}
    headers = _valid(config.get("comment_headers", COMMENT_HEADERS))
    weak_headers = _valid(config.get("comment_headers_weak", COMMENT_HEADERS_WEAK))
    agencies = _valid(config.get("wire_agencies", WIRE_AGENCIES))
    labels = _valid(config.get("date_labels", DATE_LABELS))
    roles = _valid(config.get("author_roles", AUTHOR_ROLES))
    outlet_words = _valid(config.get("outlet_words", OUTLET_WORDS))
    city = r"(?-i:[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+){0,3})"
    place = rf"{city}(?:\s*,\s*(?-i:[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{0,2}}))?"
    agency = rf"(?:{_alt(agencies)})"
    cap = r"(?=[\"“‘'(]?(?-i:[A-Z0-9]))"
    lead_labels = [x for x in labels if x not in ("on", "at", "as of")]
    lead_pat = (
        # " date 2018-03-22 ", "Published: March 3, 2019 -"
        rf"^\s*(?:(?:{_alt(lead_labels)})\s*:?\s*(?:{_WEEKDAY},?\s+)?(?:{_DATE_CORE})"
        rf"(?:\s*,?\s*(?:at\s+)?(?:{_TIME}))?\s*[-–—|:]*\s+{cap}"
        rf"|^\s*(?:{_WEEKDAY},?\s+)?(?:{_DATE_CORE})(?:\s*,?\s*(?:at\s+)?(?:{_TIME}))?"
        rf"\s*[-–—|:]+\s*{cap}"
        rf"|^\s*{_YEAR}-\d{{2}}-\d{{2}}\s+{cap})"
        # "WASHINGTON (AP) — ", "LONDON, March 3 (Reuters) - ", "NEW YORK —"
        rf"|^\s*{place}\s*[-–—]{{1,2}}\s*(?:{_WEEKDAY},?\s+)?(?:{_DATE_CORE})"
        rf"(?:\s*,?\s*(?:at\s+)?(?:{_TIME}))?\s*[-–—]{{1,2}}\s*{cap}"
        rf"|^\s*{place}(?:\s*,\s*(?:{_DATE_CORE})(?:\s*,?\s*(?:{_TIME}))?)?\s*"
        rf"(?:[(\[]\s*(?:{agency}|(?-i:[A-Z][\w.'’&]*"
        rf"(?:\s+[A-Z][\w.'’&]*){{0,3}}))\s*[)\]])?\s*[-–—]{{1,2}}\s*"
        rf"{cap}"
        rf"|^\s*{city}\s*:\s+{cap}"
        rf"|^\s*(?-i:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s*,\s*(?:{_DATE_CORE})\s*(?:[(\[]\s*{agency}\s*[)\]])"
        rf"\s*[-–—:]{{1,2}}\s*{cap}"
        rf"|^\s*(?-i:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s*[(\[]\s*{agency}\s*[)\]]\s*[-–—:]{{1,2}}\s*{cap}"
        # "(CNN) — ", "Reuters - ", "(Reuters)"
        rf"|^\s*[(\[]\s*{agency}\s*[)\]]\s*[-–—]{{0,2}}\s*{cap}"
        rf"|^\s*{agency}\s*[-–—]{{1,2}}\s*{cap}"
    )
    role = rf"(?:{_alt(roles)})"
    short_contains = _Quick(
        _safe_compile(
            f"(?P<nav>{_alt(_valid(lists['navigation']['contains']))})"
            f"|(?P<copy>{_alt(_valid(lists['copyright']['contains']))})"
        )
    )
    return Rules(
        short_contains=short_contains,
        whole_any=whole_any,
        start_any=start_any,
        group_cat={g: c for c, g in groups},
        whole=whole,
        start=start,
        contains=contains,
        comment_header=_safe_compile(rf"{lead}(?:{_alt(headers)})[\s.:;,!?|\-–—…»›>)\]]*$"),
        comment_header_weak=_safe_compile(
            rf"{lead}(?:{_alt(weak_headers)})[\s.:;,!?|\-–—…»›>)\]]*$"
        ),
        dateline_lead=re.compile(lead_pat, re.I | re.S)
        if _compiles(lead_pat)
        else re.compile(r"(?!x)x"),
        date_label=_safe_compile(rf"\b(?:{_alt(labels)})\b"),
        role=_safe_compile(rf"\b{role}"),
        byline_by=re.compile(
            rf"^[\s•·*\-–—>|]*(?i:by|von|par|por)\s+(?P<names>{NAME}(?:\s*(?:,|and|&)\s*{NAME})*)"
            rf"\s*(?P<rest>.*)$",
        ),
        byline_role=re.compile(
            rf"^[\s•·*\-–—>|]*(?P<name>{NAME})\s*(?:,|\|)\s*(?:[\w'’&.]+\s+){{0,3}}"
            rf"(?i:{role})\b[^.!?]{{0,40}}$"
            rf"|^[\s•·*\-–—>|]*(?P<name2>{NAME})\s+[-–—/]\s+(?:[\w'’&.]+\s+){{0,3}}"
            rf"(?i:{role})\b[^.!?]{{0,40}}$",
        ),
        bio=re.compile(
            rf"^[\s•·*\-–—>|]*(?P<name>{NAME})(?:,[^.]{{0,120}},)?\s+(?:"
            rf"(?:is|was|has been|serves as)\s+[^.]{{0,80}}?(?i:\b{role})"
            rf"|has (?:covered|reported on|written about|written for|worked (?:as|for)|been covering)\b"
            rf"|(?:covers|writes about|reports on|writes for|reports for)\b)",
        ),
        nav_word=_Quick(
            _safe_compile(rf"\b(?:{_alt(_valid(config.get('nav_words', NAV_WORDS)))})\b")
        ),
        outlet_line=_safe_compile(
            rf"^(?:the\s+)?(?:[\w'’&.-]+\s+){{0,4}}(?:[\w'’&.]+-)?(?:{_alt(_valid(outlet_words))})s?"
            rf"(?:\s*(?:\.com|\.co\.uk|online))?$"
        ),
        name_line=re.compile(
            rf"^[\s•·*\-–—>|]*({NAME})(?:\s*,?\s*(?:[|•·/–—]|\bfor\b|\bat\b)\s*"
            rf"(?-i:[A-Z])[\w.&'’-]*(?:\s+[\w.&'’-]+){{0,5}})?\s*$"
        ),
        role_line=re.compile(rf"^(?:[\w'’&.-]+\s+){{0,3}}{role}(?:\s+[\w'’&.-]+){{0,3}}\s*$", re.I),
        max_label_chars=int(config.get("max_label_chars", 300)),
        head_units=int(config.get("head_units", 8)),
        body_min_words=int(config.get("body_min_words", 12)),
        learned_max_words=int(config.get("learned_max_words", 12)),
        menu_min_items=int(config.get("menu_min_items", 4)),
    )


def _compiles(p: str) -> bool:
    try:
        re.compile(p, re.I)
    except re.error:
        return False
    return True


def _first_name_ok(names: str) -> bool:
    first = names.split()[0].strip(".,").casefold() if names.split() else ""
    return first not in _NOT_NAMES


def _date_only(u: Unit, rules: Rules) -> tuple[bool, bool]:
    """(is a dateline-like line, has a label or separator). Date plus at most a short,
    capitalised outlet/label remainder: "- The Washington Times - Wednesday, March 21, 2018",
    "Update: November 28, 12:00 pm:", "Published 21 March 2019 10:45 GMT"."""
    t = u.text
    if len(t) > 140 or u.words > 24 or not _HAS_DIGIT_RE.search(t):
        return False, False
    if not _DATE_OR_TIME_RE.search(t):  # one pass for DATE_RE.search(t) or _TIME_RE.search(t)
        return False, False
    rest = _DATEISH_RE.sub(" ", _READ_TIME_RE.sub(" ", t))
    labelled = bool(rules.date_label.search(rest))
    rest = rules.date_label.sub(" ", rest)
    words = _WORD_RE.findall(rest)
    if len(words) > 6:
        return False, labelled
    small = {"the", "of", "and", "at", "on", "by", "in", "a", "et", "gmt", "utc", "am", "pm"}
    for w in words:
        if w.casefold() in small or w[:1].isupper() or w.isdigit():
            continue
        return False, labelled
    seps = bool(re.search(r"(?:^|\s)[-–—|·•/]|[-–—|·•/](?:\s|$)|:", t))
    return True, labelled or seps or not words


def _body_like(u: Unit, rules: Rules) -> bool:
    return (
        u.words >= rules.body_min_words and len(u.text) >= 70 and bool(_SENT_END_RE.search(u.text))
    )


def _is_menu(t: str, rules: Rules) -> bool:
    """A line of short items between separators ("Print | Email | Share")."""
    parts = [p.strip() for p in re.split(r"\s[|•·›»/]\s|\s[|•·›»]|[|•·›»]\s", t)]
    if len(parts) < 3 or _SENT_END_RE.search(t):
        return False
    if not all(0 < len(_WORD_RE.findall(p)) <= 4 for p in parts if p):
        return False
    return len(parts) >= 4 or bool(rules.nav_word.search(t))


def _nav_word_line(u: Unit, rules: Rules) -> bool:
    """A flattened menu: mostly site-section words ("Home Local Sport Jobs Motors")."""
    if u.words < 3 or u.words > 15 or _SENT_END_RE.search(u.text + " "):
        return False
    hits = len(rules.nav_word.findall(u.text))
    if hits < 3 or hits * 2 < u.words:
        return False
    # menus are lists of names, not sentences: every other word is capitalised
    rest = rules.nav_word.sub(" ", u.text)
    return all(w[:1].isupper() or w.isdigit() for w in _WORD_RE.findall(rest) if len(w) > 2)


def strong_label(u: Unit, rules: Rules) -> tuple[str, str] | None:
    """A label that holds wherever the unit stands (label lines, widgets, e-mail lines)."""
    key = (u.text, u.words)
    memo = rules.memo
    try:
        return memo[key]
    except KeyError:
        pass
    got = _strong_label(u, rules)
    if len(memo) >= _MEMO_MAX:
        memo.clear()
    memo[key] = got
    return got


_MEMO_MAX = 1 << 16


def _strong_label(u: Unit, rules: Rules) -> tuple[str, str] | None:
    t = u.text
    if not t:
        return None
    n = len(t)
    if n <= 140:
        is_date, labelled = _date_only(u, rules)
        if is_date and labelled and not _BY_NAME_RE.search(t):
            rest = rules.date_label.sub(" ", _DATEISH_RE.sub(" ", t))
            left = [w for w in _WORD_RE.findall(rest) if not w.isdigit() and len(w) > 3]
            if len(left) <= 3:
                return "dateline", "labelled date line"
    if n <= 120 and u.words <= 16:
        m = rules.whole_any.match(t)
        if m and m.lastgroup:
            cat = rules.group_cat[m.lastgroup]
            return cat, f"whole-line cue ({cat})"
    if n <= rules.max_label_chars:
        m = rules.start_any.match(t)
        if m and m.lastgroup:
            cat = rules.group_cat[m.lastgroup]
            ok = not (cat == "copyright" and _copyright_sentence(t))
            ok = ok and not (cat == "byline" and n > 200)
            if ok:
                return cat, f"line starts with a {cat} cue"
            for cat in CATEGORY_ORDER:  # the first category was vetoed: try the others
                if rules.start[cat].match(t) and cat not in ("copyright", "byline"):
                    return cat, f"line starts with a {cat} cue"
    if n <= 200 and _has_address(t, handles=False):
        for cat in ("copyright", "syndication"):
            if rules.contains[cat].search(t):
                return cat, f"short {cat} line with an address"
        return "contact", "short line with an e-mail address or phone number"
    if n <= 160:
        m = rules.byline_by.match(t)
        if (
            m
            and _first_name_ok(m.group("names"))
            and _byline_rest_ok(m.group("rest"))
            and (t.lstrip(_BULLETS)[:1] == "B" or len(m.group("rest")) <= 40)
        ):
            return "byline", "'By <name>' line"
        m = rules.byline_role.match(t)
        if m and _first_name_ok(m.group("name") or m.group("name2") or ""):
            return "byline", "name line with an author role"
    if u.words <= 12 and n <= 100:
        m = rules.short_contains.search(t)
        if m and m.lastgroup == "nav":
            return "navigation", "short line with a navigation cue"
        if m and (m.group() == "©" or not t[m.end() :].strip() or t[m.end()] in ".,;:|"):
            return "copyright", "short line with a copyright cue"
        if _POST_META_RE.match(t):
            return "comments", "reader-post metadata line"
    if n <= 250 and (":" in t or "(" in t) and _CREDIT_END_RE.search(t):
        return "other", "caption ending with a picture credit"
    if n <= 300 and _MENU_SEP_RE.search(t) and _is_menu(t, rules):
        return "navigation", "menu-like line of short items"
    if n <= 120 and _nav_word_line(u, rules):
        return "navigation", "line of site-section names"
    if n <= 160 and ("by " in t or "By " in t or "BY " in t) and _dated_byline(t, rules):
        return "byline", "dated 'by <name>' line"
    return None


_BY_NAME_END_RE = _Lazy(rf"\b[Bb][Yy]\s+{NAME}\s*$")


def _dated_byline(t: str, rules: Rules) -> bool:
    """'Posted on April 22, 2023 by Hattie Brackenbury': a date, labels, then 'by <name>'."""
    m = _BY_NAME_END_RE.search(t)
    if m is None or not DATE_RE.search(t[: m.start()]):
        return False
    rest = rules.date_label.sub(" ", _DATEISH_RE.sub(" ", t[: m.start()]))
    return not [w for w in _WORD_RE.findall(rest) if len(w) > 3 and not w.isdigit()]


_DESK_RE = re.compile(r"\s[·•|–—-]\s+(?:[\w&'’]+\s+){0,3}(?:desk|bureau|newsroom|section)$", re.I)
_NEWSROOM_RE = re.compile(
    r"^from the (?-i:[A-Z])[\w .'’&-]{1,50} (?:newsroom|news desk|desk|bureau|staff)\W*$", re.I
)
_LABELLED_NAME_RE = _Lazy(rf"^[\s•·*\-–—>|]*[A-Z][a-z]+(?: [a-z]+)?\s*:\s*({NAME})\s*$")
_BY_NAME_RE = re.compile(r"\b[Bb][Yy]:?\s+[A-Z]")
_PHONE_HINT_RE = re.compile(r"\d\d\D{0,2}\d\d\d")
_MENU_SEP_RE = re.compile(r"[|•·›»/]")


def _has_address(t: str, handles: bool = True) -> bool:
    """An e-mail address, a phone number or (with `handles`) a social handle in `t`."""
    if "@" in t and (EMAIL_RE.search(t) or (handles and _HANDLE_RE.search(t))):
        return True
    return bool(_PHONE_HINT_RE.search(t)) and bool(_PHONE_RE.search(t))


def _copyright_sentence(t: str) -> bool:
    """'Copyright law is …' is prose; a copyright notice has a year, ©, or is short."""
    if re.search(r"©|\(c\)|\b(?:19|20)\d{2}\b|all rights reserved", t, re.I):
        return False
    return len(t) > 80 or bool(re.match(r"\W*copyright\s+[a-z]", t))


def _byline_rest_ok(rest: str) -> bool:
    """What may follow 'By Jane Doe': nothing, an outlet/role/date after a separator."""
    rest = rest.strip()
    if not rest or DATE_RE.match(rest) or _DATEISH_RE.match(rest):
        return True
    if rest[0] not in ",|/–—-·•:(" and not rest.lower().startswith(("and ", "for ", "in ", "at ")):
        return False
    return len(_WORD_RE.findall(rest)) <= 12 and not re.search(r"[.!?]\s+[A-Z]", rest)


def weak_label(u: Unit, rules: Rules, byline_names: Collection[str]) -> tuple[str, str] | None:
    """A label that holds only in the head or tail zone."""
    t = u.text
    if not t:
        return None
    if not _ALNUM_RE.search(t):
        return "other", "separator line"
    has_address = _has_address(t)
    reported = bool(_REPORTED_RE.search(t))  # "…, she said": article prose, not furniture
    if (len(t) <= 250 and not reported) or (has_address and len(t) <= 800):
        for cat in CATEGORY_ORDER:
            if rules.contains[cat].search(t):
                return cat, f"{cat} cue phrase near the edge of the article"
    if has_address:
        return "contact", "e-mail, handle or phone near the edge of the article"
    if len(t) <= 800:
        m = None if reported else rules.bio.match(t)
        if m and _first_name_ok(m.group("name")):
            return "contact", "author bio"
        m = None if reported else _BIO_NAME_RE.match(t)
        if m and any(
            m.group(1).casefold() == b.casefold() or m.group(1).casefold() in b.casefold()
            for b in byline_names
        ):
            return "contact", "bio of the article's author"
    is_date, _ = _date_only(u, rules)
    if is_date:
        return "dateline", "date line near the edge of the article"
    if len(t) <= 80:
        if (_DESK_RE.search(t) and _name_case(t.replace("desk", "Desk"))) or _NEWSROOM_RE.match(t):
            return "dateline", "outlet desk line near the edge of the article"
        head = re.split(r"\s[·•|–—-]\s", t, maxsplit=1)[0].strip(_BULLETS + "*_")
        if (
            2 <= len(_WORD_RE.findall(head)) <= 6
            and _name_case(head)
            and rules.outlet_line.match(head)
        ):
            return "dateline", "outlet name line near the edge of the article"
        m = _LABELLED_NAME_RE.match(t)
        if m and _first_name_ok(m.group(1)) and not _TITLE_WORDS_RE.search(m.group(1)):
            return "byline", "'<label>: <name>' line near the edge of the article"
        m = rules.name_line.match(t)
        if m and _first_name_ok(t.strip(_BULLETS)) and not _TITLE_WORDS_RE.search(m.group(1)):
            return "byline", "name line near the edge of the article"
        if u.words <= 5 and _name_case(t) and rules.role_line.match(t):
            return "byline", "author role line near the edge of the article"
    if len(t) <= 160:
        m = rules.byline_by.match(t)
        if (
            m
            and _first_name_ok(m.group("names"))
            and (t.lstrip(_BULLETS)[:1] == "B" or len(m.group("rest")) <= 40)
        ):
            return "byline", "'By <name>' near the edge"
    if len(t) <= 300 and _URL_RE.search(t) and len(_WORD_RE.findall(_visible(t))) <= 20:
        return "other", "link line near the edge of the article"
    return None


@dataclass
class Decision:
    """One unit's final label (or a lead-in prefix of it)."""

    start: int
    end: int
    category: str
    reason: str


def classify(
    text: str,
    rules: Rules,
    learned: Callable[[str], bool] | None = None,
) -> list[Decision]:
    """Label the boilerplate of `text`; returns non-overlapping decisions sorted by start."""
    units = split_units(text, with_norms=False, rules=rules)
    if not units:
        return []
    n = len(units)
    # Strong labels, computed in order until a comment section opens; the reader posts inside
    # it are not classified one by one (they all become one comments span), which keeps
    # comment-heavy pages fast. The last units are always classified (a footer may follow).
    strong: list[tuple[str, str] | None] = [None] * n
    body = [_body_like(u, rules) for u in units]  # article-like paragraphs (if unlabelled)
    body_seen = 0
    comment_from = None
    for i in range(n):
        strong[i] = strong_label(units[i], rules)
        if strong[i] is None and body[i]:
            body_seen += 1
        elif (
            body_seen >= 2
            and len(units[i].text) <= 160
            and (
                rules.comment_header.match(units[i].text)
                or (rules.comment_header_weak.match(units[i].text) and _posts_follow(units, i + 1))
            )
        ):
            comment_from = i
            break
    if comment_from is not None:
        for i in range(max(comment_from + 1, n - _FOOTER_UNITS), n):
            strong[i] = strong_label(units[i], rules)
    byline_names: list[str] = []
    for u, s in zip(units, strong, strict=True):
        if s and s[0] == "byline":
            m = rules.byline_by.match(u.text) or rules.byline_role.match(u.text)
            if m:
                got = m.groupdict()
                name = got.get("names") or got.get("name") or got.get("name2")
                if name:
                    byline_names.append(name)
    weak_cache: dict[int, tuple[str, str] | None] = {}

    def weak(i: int) -> tuple[str, str] | None:
        if i not in weak_cache:
            weak_cache[i] = weak_label(units[i], rules, byline_names)
        return weak_cache[i]

    learned_cache: dict[int, bool] = {}

    def is_learned(i: int) -> bool:
        """Is unit i a learned line (computed on demand: normalising every line is costly)."""
        got = learned_cache.get(i)
        if got is None:
            got = learned_cache[i] = bool(learned) and any(
                learned(x) for x in (norm_line(c) for c in units[i].parts) if x
            )
        return got

    labels: list[tuple[str, str] | None] = list(strong)

    # Head zone: units before the first article-like paragraph.
    first_body = next((i for i in range(n) if strong[i] is None and body[i]), n)
    head_end, unlabelled = first_body, 0
    for i in range(first_body):
        unlabelled += strong[i] is None
        if unlabelled > rules.head_units:
            head_end = i
            break
    headline_open = True  # the first unlabelled head unit is the headline
    for i in range(head_end):
        if labels[i] is None and weak(i) is not None:
            w = weak(i)
            if headline_open and _weak_name(w):
                headline_open = False
                continue  # a Title Case headline looks like a name line
            labels[i] = w
        if labels[i] is None:
            headline_open = False
        if labels[i] is None and is_learned(i):
            labels[i] = _learned_label(units[i], rules)

    # Masthead: an outlet name line above the headline.
    for i in range(max(0, head_end - 1)):
        headline_below = any(labels[j] is None and not body[j] for j in range(i + 1, head_end))
        if labels[i] is None and headline_below and _masthead(units[i], rules):
            labels[i] = ("dateline", "outlet masthead above the headline")

    # Lists under a "Related" / "Most read" header take the header's category.
    for i in range(2, n):
        lab = labels[i]
        if lab is None or lab[0] not in ("see-also", "navigation"):
            continue
        if lab[0] == "navigation" and not _LIST_HEADER_RE.search(units[i].text):
            continue
        if not (lab[1].startswith("whole-line") or units[i].text.rstrip().endswith(":")):
            continue
        j = i + 1
        while j < n and labels[j] is None and _title_like(units[j]):
            labels[j] = (lab[0], "item of a list under a header")
            j += 1

    # Menus: runs of very short lines before the first or after the last article paragraph.
    last_body = max((i for i in range(n) if strong[i] is None and body[i]), default=-1)
    for lo, hi in ((0, first_body), (last_body + 1, n)):
        run: list[int] = []
        for i in [*range(lo, hi), -1]:
            if (
                i >= 0
                and (labels[i] is None or _is_nav(labels[i]) or _weak_name(labels[i]))
                and _menu_item(units[i])
            ):
                run.append(i)
                continue
            near_furniture = run and (
                any(_is_nav(labels[j]) for j in run)
                or (run[0] > 0 and _is_nav(labels[run[0] - 1]))
                or (run[-1] + 1 < n and _is_nav(labels[run[-1] + 1]))
            )
            if len(run) >= rules.menu_min_items and near_furniture:
                for j in run:
                    if labels[j] is None or _weak_name(labels[j]):
                        labels[j] = ("navigation", "run of menu items")
            run = []

    # Comment section: a header after some article text, then reader posts to the end.
    comment_to = n
    if comment_from is not None:
        # a footer of strongly labelled non-comment units after the posts keeps its labels
        # (a footer may hold a sentence no rule names, e.g. a press-standards notice: up to two
        # unlabelled units in a row are kept in the footer, as "other")
        j, gap = n - 1, 0
        while j > comment_from:
            lab = labels[j]
            if lab is None:
                gap += 1
                if gap > 2:
                    break
            elif lab[0] not in _FOOTER_CATEGORIES:
                break
            else:
                gap = 0
                comment_to = j
            j -= 1
        for j in range(comment_to, n):
            if labels[j] is None:
                labels[j] = ("other", "footer text after the comment section")
        for i in range(comment_from, comment_to):
            labels[i] = ("comments", "comment section")

    # Tail zone: grow bottom-up while units are labelled (weak and learned labels count).
    i = (comment_from if comment_from is not None else n) - 1
    if comment_from is not None and comment_to < n:
        for j in range(comment_to, n):
            if labels[j] is None and weak(j) is not None:
                labels[j] = weak(j)
    while i >= 0 and i >= head_end:
        if labels[i] is None and weak(i) is not None:
            labels[i] = weak(i)
        if labels[i] is None and is_learned(i):
            labels[i] = _learned_label(units[i], rules)
        if (
            labels[i] is None
            and _short_non_sentence(units[i])
            and ((i + 1 < n and strong[i + 1] is not None) or (i > 0 and strong[i - 1] is not None))
            and not (i > 0 and labels[i - 1] is None and _title_like(units[i - 1]))
        ):
            labels[i] = ("other", "short line next to page furniture after the article")
        if labels[i] is None:
            above = [k for k in (i - 1, i - 2) if k >= head_end and _is_notice(strong[k])]
            if above and units[i].words <= 80 and not _REPORTED_RE.search(units[i].text):
                for k in range(above[0] + 1, i + 1):
                    if labels[k] is None:
                        labels[k] = ("other", "footer text below a copyright or licence notice")
        if labels[i] is None:
            break
        i -= 1

    # Learned lines elsewhere: only when they are short non-sentences (share bars, pitches),
    # and not a line introducing what follows ("In the words of the Monitor:"), which is
    # the writer's own framing of a quote even when many articles use it.
    if learned:
        for j in range(n):
            if labels[j] is None:
                u = units[j]
                if (
                    u.words <= rules.learned_max_words
                    and not _SENT_END_RE.search(u.text + " ")
                    and not u.text.rstrip().endswith(":")
                    and is_learned(j)
                ):
                    labels[j] = _learned_label(u, rules)

    decisions: list[Decision] = []
    for j, u in enumerate(units):
        lab = labels[j]
        if lab is not None:
            decisions.append(Decision(u.start, u.end, lab[0], lab[1]))
    # Lead-in dateline prefix of the first article paragraph (or of a short first one).
    for i in range(min(first_body + 1, n, rules.head_units + 1)):
        if labels[i] is not None:
            continue
        u = units[i]
        piece = text[u.start : u.end]
        m = rules.dateline_lead.match(piece)
        if (
            m
            and 0 < m.end() < len(piece.rstrip())
            and _lead_ok(piece[: m.end()])
            and len(_WORD_RE.findall(piece[m.end() :])) >= 4
        ):
            decisions.append(Decision(u.start, u.start + m.end(), "dateline", "dateline lead-in"))
            break
    decisions.sort(key=lambda d: d.start)
    return _merge(decisions, text)


_TITLE_WORDS_RE = re.compile(
    r"\b(?:of|the|and|in|to|for|on|at|a|an|with|from|is|are|my|your|our|new|how|why|what)\b", re.I
)
_POST_META_RE = _Lazy(
    r"^\W*(?:posted\s+)?\d+\s*(?:s|m|h|d|w|mo|y|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?"
    r"|weeks?|months?|years?)\s+ago\W*$"
    r"|^\W*(?:reply|like|dislike|flag|report|upvote|downvote)(?:\s+(?:to\s+)?(?:this\s+)?"
    r"(?:comment|post|reply))?\s*(?:\(\d+\)|\d+)?\W*$"
    r"|^\W*(?:flag|report) (?:as|this) (?:inappropriate|abuse|spam)\b"
    r"|^\W*(?:reply|replies|likes?)\s*[·•|]",
    re.I,
)
_CREDIT_END_RE = re.compile(
    r"(?:\s|^)(?:Photograph|Photo|Picture|Image|Illustration|Video)s?(?: credit)?\s*:\s*"
    r"[A-Z][^.!?]{0,60}$|\((?:Photo|Image|Picture)s?(?: credit)?\s*:[^)]{1,60}\)$"
)
_REPORTED_RE = re.compile(
    r"\b(?:said|says|told|added|adds|explained|argued|warned|insisted|according to)\b"
)
_LIST_HEADER_RE = _Lazy(
    r"\b(?:most|top) (?:read|popular|viewed|shared|commented)|trending|popular|more stories"
    r"|latest|editor['’]s picks|recommended|you (?:may|might) (?:also )?like|^jobs$"
    r"|recent (?:posts|articles|stories)|popular now|also in\b"
    r"|^(?:tags?|topics?|keywords|categories|related topics|filed under|more on)\W*$",
    re.I,
)


_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def _visible(t: str) -> str:
    """Text as a reader sees it: Markdown link targets and bare URLs removed."""
    return _URL_RE.sub(" ", _MD_LINK_RE.sub(r"\1", t)).strip()


def _title_like(u: Unit) -> bool:
    """A headline-like list item: short, no sentence end (a numbered item is fine)."""
    t = _visible(u.text)
    if len(_WORD_RE.findall(t)) > 16 or len(t) > 140 or u.lines > 1:
        return False
    if re.match(r"^(?:\d{1,2}[.)]|[•·*‣◦▪►▶■-])\s", t):
        return True
    return not re.search(r"[.!]$", t)


def _posts_follow(units: list[Unit], start: int) -> bool:
    """Do the units after a weak header read like reader posts rather than a news story?

    Post metadata ("2 hours ago", "Reply") settles it; otherwise a story section quotes
    people ("…, she said") in many paragraphs, and reader posts almost never do.
    """
    window = units[start : start + 40]
    if not window:
        return False
    if any(_POST_META_RE.match(u.text) for u in window[:12] if len(u.text) <= 60):
        return True
    long_units = [u for u in window if u.words >= 8]
    if not long_units:
        return True
    reported = sum(1 for u in long_units if _REPORTED_RE.search(u.text))
    if len(long_units) < 4:
        return reported == 0
    return reported * 4 < len(long_units)


#: how many units at the end of a page with comments are still classified (its footer)
_FOOTER_UNITS = 20

#: categories a footer below a comment section is made of (a comment's own "By x" or date
#: line is not a footer)
_FOOTER_CATEGORIES = ("see-also", "copyright", "syndication", "navigation", "other")


def _name_case(t: str) -> bool:
    """Every word capitalised except small joining words, as in a proper name."""
    small = {"of", "the", "and", "for", "on", "in", "at", "de", "la", "du", "des", "y", "e"}
    return all(w[:1].isupper() or w[:1].isdigit() or w in small for w in _WORD_RE.findall(t))


def _weak_name(label: tuple[str, str] | None) -> bool:
    """A byline guessed only from a short capitalised line (a menu item looks the same)."""
    return label is not None and label[0] == "byline" and "line near" in label[1]


def _is_nav(label: tuple[str, str] | None) -> bool:
    return label is not None and label[0] == "navigation"


def _is_notice(label: tuple[str, str] | None) -> bool:
    """A strong copyright or syndication notice (page footers hang below these)."""
    return label is not None and label[0] in ("copyright", "syndication")


def _short_non_sentence(u: Unit) -> bool:
    """A tagline-like unit: a few words, no sentence end, no quotation."""
    t = u.text
    return (
        0 < u.words <= 12
        and u.lines == 1
        and not re.search(r"[.!?\"”’')]$", t)
        and not _REPORTED_RE.search(t)
    )


def _menu_item(u: Unit) -> bool:
    t = u.text
    return 0 < u.words <= 3 and len(t) <= 30 and not _SENT_END_RE.search(t + " ") and u.lines == 1


def _masthead(u: Unit, rules: Rules) -> bool:
    t = u.text.strip(_BULLETS + "*_")
    if u.words > 6 or u.words == 0 or len(t) > 60 or _SENT_END_RE.search(t + " "):
        return False
    if u.words >= 2 and _name_case(t) and rules.outlet_line.match(t):
        return True
    letters = [c for c in t if c.isalpha()]
    return u.words >= 2 and all(c.isupper() for c in letters)


def _lead_ok(prefix: str) -> bool:
    """Reject lead-ins that are really the first words of a sentence ("I - ...")."""
    letters = _WORD_RE.findall(prefix)
    return bool(letters) and len(prefix) <= 120


def _learned_label(u: Unit, rules: Rules) -> tuple[str, str]:
    """Category of a learned line: what the rules would say about it anywhere, else other."""
    got = strong_label(u, rules) or weak_label(u, rules, ())
    if got is not None and got[1] != "separator line":
        return got[0], f"recurring line across the corpus ({got[1]})"
    for cat in CATEGORY_ORDER:
        if rules.contains[cat].search(u.text) or rules.start[cat].match(u.text):
            return cat, "recurring line across the corpus"
    return "other", "recurring line across the corpus"


def _merge(decisions: list[Decision], text: str) -> list[Decision]:
    """Join neighbouring decisions of one category separated only by whitespace."""
    out: list[Decision] = []
    for d in decisions:
        if d.end <= d.start:
            continue
        if (
            out
            and out[-1].category == d.category
            and d.start >= out[-1].end
            and not text[out[-1].end : d.start].strip()
        ):
            prev = out[-1]
            out[-1] = Decision(prev.start, max(prev.end, d.end), prev.category, prev.reason)
            continue
        if out and d.start < out[-1].end:
            d = Decision(out[-1].end, d.end, d.category, d.reason)
            if d.end <= d.start:
                continue
        out.append(d)
    return out
