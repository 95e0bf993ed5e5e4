"""Date recognition for the provenance plugin.

Why our own regexes instead of dateparser: dateparser is slow (tens of milliseconds per call)
and happily reads "may" or "sun" in running text as dates; the formats news pages print are
few and regular. Only `find_dates` is public: it finds every date-looking string in one line
and says what it is (complete, partial, ambiguous). Deciding whether a hit is a *publication*
date (label, dateline position) is the caller's job, because that depends on the line around it.

Ideas borrowed from htmldate (Adrien Barbaresi) and dateparser: validate every candidate as a
real calendar date inside a plausible year range, and treat D/M vs M/D numeric dates as
ambiguous unless the numbers themselves decide.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}

_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?,?\s*"
)
_ORD = r"(?:st|nd|rd|th)?"
_TIME = r"(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"

# One alternation, complete forms first so they win over the partial forms at one position.
# The leading lookaheads change no match: every form starts with a digit or, at a word
# boundary, with the first letter of a weekday or month; they only let the engine skip the
# other positions without trying each branch (about 3x faster on prose).
DATE_RE = re.compile(
    rf"(?=[\dadfjmnostw])(?=\d|\b)(?P<wd>\b{_WEEKDAY})?(?:"
    # March 21, 2018 / Mar. 21st 2018
    rf"\b(?P<a_mon>{_MON})\s*(?P<a_day>\d{{1,2}}){_ORD}\b\s*,?\s*(?P<a_year>\d{{4}})\b"
    # 21 March 2018 / 21st of March, 2018 / 21-Mar-2018
    rf"|(?<![\d.])(?P<b_day>\d{{1,2}}){_ORD}(?:\s+of)?[\s\-/.]*(?P<b_mon>{_MON})"
    rf"[\s\-/.,]*(?P<b_year>\d{{4}})\b"
    # 2018-03-21 / 2018/03/21 / 2018.03.21 (+ ISO time)
    rf"|(?<![\d/.\-])(?P<c_year>\d{{4}})(?P<c_sep>[-/.])(?P<c_mon>\d{{1,2}})(?P=c_sep)"
    rf"(?P<c_day>\d{{1,2}})(?![\d/])(?:{_TIME})"
    # 03/21/2018 / 21.03.2018 / 3-21-18
    r"|(?<![\d/.\-])(?P<d_a>\d{1,2})(?P<d_sep>[-/.])(?P<d_b>\d{1,2})(?P=d_sep)"
    r"(?P<d_year>\d{4}|\d{2})(?![\d/]|\.\d)"
    # March 2018 (no day)
    rf"|\b(?P<g_mon>{_MON}),?\s+(?P<g_year>\d{{4}})\b"
    # November 28 (no year)
    rf"|\b(?P<e_mon>{_MON})\s*(?P<e_day>\d{{1,2}}){_ORD}(?![\d:])\b"
    # 28 November (no year)
    rf"|(?<![\d.:])(?P<f_day>\d{{1,2}}){_ORD}(?:\s+of)?\s+(?P<f_mon>{_MON})"
    r")",
    re.IGNORECASE,
)


_DIGIT_RE = re.compile(r"\d")
_DIGIT_RUN_RE = re.compile(r"\d+")
#: read on the reversed text from just before a digit run: the word glued to it, then the two
#: words before it (a month, a weekday) with what separates them
_BACK_RE = re.compile(r"(\w*)(\W*)(\w*)(\W*)(\w*)")


def _matches(line: str) -> list[re.Match[str]]:
    """``list(DATE_RE.finditer(line))``, without trying the regex at every position.

    Every date contains a digit. A match starts at the first digit run it holds or, at a word
    boundary, at the word before that run (a month) or the one before that (a weekday): only
    letters and non-word separators come between. So the regex is only tried, in order, at
    those candidate starts, past the end of the previous match, as ``finditer`` would find it.
    """
    rev = line[::-1]
    n = len(line)
    starts: set[int] = set()
    for d in _DIGIT_RUN_RE.finditer(line):
        p = d.start()
        starts.add(p)
        glued, gap1, word1, gap2, word2 = _BACK_RE.match(rev, n - p).groups()
        p -= len(glued)
        starts.add(p)
        if word1:
            p -= len(gap1) + len(word1)
            starts.add(p)
            if word2:
                starts.add(p - len(gap2) - len(word2))
    out: list[re.Match[str]] = []
    pos = 0
    for p in sorted(starts):
        if p >= pos:
            m = DATE_RE.match(line, p)
            if m:
                out.append(m)
                pos = m.end()
    return out


@dataclass
class DateHit:
    """One date-looking string in a line; offsets are relative to the line."""

    start: int
    end: int
    text: str  #: as printed (without a leading weekday's trailing comma/space)
    iso: str | None = None  #: complete, valid date
    partial: bool = False  #: lacks a year or a day
    month_year: bool = False  #: partial that lacks the day (only trusted after a label)
    ambiguous: tuple[str, str] | None = None  #: (M/D reading, D/M reading) of a numeric date


def _valid(year: int, month: int, day: int, min_year: int, max_year: int) -> str | None:
    if not min_year <= year <= max_year:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTHS.get(name.rstrip(".").lower(), 0)


def _year2(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 50 else 1900
    return y


def find_dates(line: str, min_year: int = 1900, max_year: int = 2100) -> list[DateHit]:
    """Every date-looking string in `line`, impossible dates (Feb 30, year 3000) dropped."""
    hits: list[DateHit] = []
    if not _DIGIT_RE.search(line):
        return hits
    for m in _matches(line):
        g = m.groupdict()
        start, end = m.start(), m.end()
        text = m.group().rstrip(" ,")
        hit: DateHit | None = None
        if g["a_mon"]:
            iso = _valid(int(g["a_year"]), _month(g["a_mon"]), int(g["a_day"]), min_year, max_year)
            hit = DateHit(start, end, text, iso=iso) if iso else None
        elif g["b_mon"]:
            iso = _valid(int(g["b_year"]), _month(g["b_mon"]), int(g["b_day"]), min_year, max_year)
            hit = DateHit(start, end, text, iso=iso) if iso else None
        elif g["c_year"]:
            iso = _valid(int(g["c_year"]), int(g["c_mon"]), int(g["c_day"]), min_year, max_year)
            hit = DateHit(start, end, text, iso=iso) if iso else None
        elif g["d_a"]:
            a, b, year = int(g["d_a"]), int(g["d_b"]), _year2(g["d_year"])
            mdy = _valid(year, a, b, min_year, max_year)
            dmy = _valid(year, b, a, min_year, max_year)
            if mdy and dmy and mdy != dmy:
                if g["d_sep"] == ".":  # 21.03.2018 is a European (day-first) convention
                    hit = DateHit(start, end, text, iso=dmy)
                else:
                    hit = DateHit(start, end, text, ambiguous=(mdy, dmy))
            elif mdy or dmy:
                hit = DateHit(start, end, text, iso=mdy or dmy)
        elif g["g_mon"]:
            year = int(g["g_year"])
            if min_year <= year <= max_year and _month(g["g_mon"]):
                hit = DateHit(start, end, text, partial=True, month_year=True)
        elif g["e_mon"] or g["f_mon"]:
            month = _month(g["e_mon"] or g["f_mon"])
            day = int(g["e_day"] or g["f_day"])
            # 2000 is a leap year, so February 29 stays possible.
            if _valid(2000, month, day, 1, 9999):
                hit = DateHit(start, end, text, partial=True)
        if hit is not None:
            if g["wd"]:
                # A weekday alone before a number is fine; keep it in the span.
                hit.text = text
            hits.append(hit)
    return hits


# (?<![\d/.\-])(\d{1,2})..., written to open with a digit so the engine can skip to digits:
# the look-behind after the first digit checks the character before it, as before.
_NUMERIC_RE = re.compile(r"(\d(?<![\d/.\-]\d)\d?)([/\-])(\d{1,2})\2(?:\d{4}|\d{2})(?![\d/])")


def numeric_order(text: str) -> str | None:
    """ "dmy"/"mdy" when a numeric date in `text` can only be read one way (13/03/2018)."""
    for m in _NUMERIC_RE.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        if a > 12 >= b:
            return "dmy"
        if b > 12 >= a:
            return "mdy"
    return None


def resolve_order(hits: list[DateHit], order: str, evidence: str | None = None) -> None:
    """Settle ambiguous numeric dates (03/04/2018).

    `order` is the configuration: "mdy" or "dmy" force a reading; "strict" leaves them
    ambiguous (callers then report ambiguous-date instead of guessing); "auto" uses
    `evidence` (the order an unambiguous numeric date of the same file proves, see
    :func:`numeric_order`), else month-first, the dominant convention of slashed dates in
    English-language news pages (dotted dates are already read day-first).
    """
    if order == "auto":
        order = evidence or "mdy"
    if order not in ("mdy", "dmy"):
        return
    for h in hits:
        if h.ambiguous is not None:
            h.iso = h.ambiguous[0] if order == "mdy" else h.ambiguous[1]
            h.ambiguous = None
