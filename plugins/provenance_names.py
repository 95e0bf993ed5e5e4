"""Person names for the provenance plugin: parsing name lists in bylines, normalising, comparing.

Precision comes first (an empty byline beats a wrong one), so a name is only accepted when
every token looks like part of a personal name: capitalised (or the whole name in capitals),
not a stop word, not an outlet word, two to five tokens. A comma only joins names in a list
that ends with "and"/"&" ("X, Y and Z"); "X, Y" is a name followed by a role, outlet or place.
The token-walk approach follows the byline heuristics of newspaper3k and trafilatura's
author cleaning, rewritten for this project.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .provenance_dates import MONTHS

PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
        "ten",
        "zu",
        "y",
        "st.",
    ]
)
SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])

_TOKEN_RE = re.compile(r"[^\W\d_][\w'’.\-]*|[,&;]|\S")
_INITIAL_RE = re.compile(r"(?:[^\W\d_]\.){1,3}|[^\W\d_]")
_MONTHS = frozenset(MONTHS)
_DIGIT_AFTER_RE = re.compile(r"\.?\s*\d")
_POSSESSIVE_RE = re.compile(r"['’]s$")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


@dataclass(frozen=True)
class NameRules:
    """The configurable vocabularies names are checked against (all case-folded)."""

    honorifics: frozenset[str]
    stopwords: frozenset[str]

    @classmethod
    def build(cls, honorifics: Iterable[str], stopwords: Iterable[str]) -> NameRules:
        return cls(
            frozenset(h.casefold().rstrip(".") for h in honorifics),
            frozenset(s.casefold() for s in stopwords),
        )


@dataclass
class NameList:
    """Names parsed at the start of a string, and where the unparsed tail begins."""

    names: list[tuple[str, int, int]]  #: (normalised name, start, end) relative to the string
    tail: int
    possessive: bool = False  #: a name token ended in 's: "By John Smith's account" is no byline


def _is_initial(tok: str) -> bool:
    return bool(_INITIAL_RE.fullmatch(tok)) and tok[0].isupper()


def _name_token(tok: str, rules: NameRules) -> bool:
    """A capitalised word that may be part of a personal name."""
    word = tok.rstrip(".")
    if not word or not _WORD_RE.fullmatch(word):
        return False
    if not word[0].isupper():
        return False
    folded = word.casefold()
    if folded in rules.stopwords or folded in rules.honorifics:
        return False
    if "-" in folded and any(p in rules.stopwords for p in folded.split("-")):
        return False  # "Courier-Post" is an outlet's word
    # Single-letter words other than initials are not name parts ("A", "I").
    return len(word) > 1 or tok.endswith(".")


def _cap(word: str) -> str:
    """ "O'NEIL" -> "O'Neil", "SMITH-JONES" -> "Smith-Jones", "MCALLISTER" -> "McAllister"."""
    parts = re.split(r"(['’\-])", word.lower())
    out = "".join(p[:1].upper() + p[1:] if p not in ("'", "’", "-") else p for p in parts)
    if len(out) > 3 and out.startswith("Mc"):
        out = "Mc" + out[2:3].upper() + out[3:]
    return out


def _case_name(tokens: list[str]) -> str:
    """Join tokens; a name printed in capitals is title-cased ("JOHN O'NEIL" -> "John O'Neil").

    Particles inside a capitalised name go lower case ("VAN DER BERG" -> "van der Berg"),
    the usual printed form; roman-numeral suffixes stay upper case.
    """
    letters = "".join(t for t in tokens if len(t.rstrip(".")) > 1)
    if letters and letters.isupper():
        out = []
        for i, t in enumerate(tokens):
            low = t.casefold()
            if len(t.rstrip(".")) <= 1 or t.upper() in ("II", "III", "IV"):
                out.append(t)
            elif 0 < i < len(tokens) - 1 and low in PARTICLES:
                out.append(low)
            else:
                out.append(_cap(t))
        tokens = out
    return " ".join(tokens)


def _valid_name(tokens: list[str]) -> bool:
    if not 2 <= len(tokens) <= 5:
        return False
    last = tokens[-1]
    if last.casefold() in SUFFIXES:
        if len(tokens) < 3:
            return False
        last = tokens[-2]
    if _is_initial(last) or last.casefold() in PARTICLES:
        return False
    # At least one full word besides initials (two initials are no name).
    return sum(1 for t in tokens if not _is_initial(t) and t.casefold() not in PARTICLES) >= 1


def parse_names(s: str, rules: NameRules, pos: int = 0) -> NameList:
    """Parse a list of personal names starting at `s[pos:]`.

    Stops at the first token that cannot belong to a name; returns the names accepted and
    the offset of the tail (role, outlet, date, sentence...) for the caller to judge.
    """
    # (joiner before the segment, its tokens, offset of the joiner)
    segments: list[tuple[str | None, list[tuple[str, int, int]], int]] = []
    cur: list[tuple[str, int, int]] = []
    joiner: str | None = None
    joiner_at = pos
    stop = len(s)
    possessive = False
    for m in _TOKEN_RE.finditer(s, pos):
        tok = m.group()
        low = tok.casefold()
        if tok == ",":
            if not cur:
                stop = m.start()
                break
            segments.append((joiner, cur, joiner_at))
            cur, joiner, joiner_at = [], ",", m.start()
            continue
        if tok == "&" or low == "and":
            if not cur:
                if joiner == "," and segments:  # Oxford comma: "X, Y, and Z"
                    joiner = "and"
                    continue
                stop = m.start()
                break
            segments.append((joiner, cur, joiner_at))
            cur, joiner, joiner_at = [], "and", m.start()
            continue
        if tok[0].isalpha():
            if _POSSESSIVE_RE.search(tok):
                # "John Smith's account" is no byline; "Jane Doe, the Ledger's columnist" is.
                possessive = joiner is None
                stop = m.start()
                break
            bare = tok.rstrip(".").casefold()
            if not cur and bare in rules.honorifics:
                continue
            if tok[0].isupper() and _is_initial(tok) and (tok.endswith(".") or tok not in "AI"):
                cur.append((tok, m.start(), m.end()))
                continue
            if cur and (low in PARTICLES or low in SUFFIXES):
                cur.append((tok, m.start(), m.end()))
                continue
            if bare in _MONTHS and _DIGIT_AFTER_RE.match(s, m.end()):
                stop = m.start()  # "By Jane Doe Mar 05, 2020": a date, not a name part
                break
            if _name_token(tok, rules):
                if tok.endswith("."):  # "Doe." ends a sentence: keep the word, stop after it
                    cur.append((tok[:-1], m.start(), m.end() - 1))
                    stop = m.end() - 1
                    break
                cur.append((tok, m.start(), m.end()))
                continue
        stop = m.start()
        break
    if cur:
        segments.append((joiner, cur, joiner_at))
    elif joiner is not None and segments:
        stop = joiner_at  # a dangling ", " or " and " belongs to the tail
    names: list[tuple[str, int, int]] = []
    tail = stop
    for i, (j, toks, at) in enumerate(segments):
        ok = _valid_name([t for t, _, _ in toks])
        if ok and i > 0 and j == ",":
            # A comma joins names only inside a list closed by "and": "X, Y and Z".
            rest = segments[i + 1 :]
            ok = any(jj == "and" for jj, _, _ in rest) and all(
                _valid_name([t for t, _, _ in tt]) for _, tt, _ in rest
            )
        if not ok:
            tail = at if i > 0 else pos
            break
        names.append((_case_name([t for t, _, _ in toks]), toks[0][1], toks[-1][2]))
    return NameList(names, tail, possessive)


def name_key(name: str, honorifics: Iterable[str] = ()) -> frozenset[str]:
    """Accent-, case- and punctuation-free token set of a name, initials and honorifics dropped."""
    hon = {h.casefold().rstrip(".") for h in honorifics}
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = re.findall(r"[^\W\d_]+", text.replace("'", "").replace("’", ""))
    return frozenset(w for w in words if len(w) > 1 and w not in hon and w not in SUFFIXES)


def same_person(a: str, b: str, honorifics: Iterable[str] = ()) -> bool:
    """Two printed names for one person: one's token set within the other's ("J. Doe", "Jane Doe")."""
    ka, kb = name_key(a, honorifics), name_key(b, honorifics)
    if not ka or not kb:
        return False
    return ka <= kb or kb <= ka


def dedupe(names: Iterable[str], honorifics: Iterable[str] = ()) -> list[str]:
    """Names in order of first appearance; a later variant of an earlier name is dropped."""
    out: list[str] = []
    for n in names:
        if not any(same_person(n, o, honorifics) for o in out):
            out.append(n)
    return out


def join_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C" for messages."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
