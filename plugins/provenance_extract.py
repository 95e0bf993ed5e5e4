"""Extraction for the provenance plugin: bylines, outlet, dates, copyright, services.

The text is cut into non-blank lines once; two windows matter:

* the *head* (first ``head_lines`` lines of the article region): datelines, byline lines,
  name lines with a role, ``(AP)``-style wire credits;
* the *tail* (last ``tail_lines`` lines before a comment section): author bios
  ("X is a reporter for Y"), contact lines ("X can be reached at", "Email X at"),
  end-of-article bylines and "Reporting by" credits.

Label-led lines ("Published: …", "Updated …", " date 2018-03-22") count anywhere outside
comment sections. Copyright and licensing notices are read from every non-comment line, but
only in their notice forms (line-initial "Copyright"/"©", "licensing agreement with", a
sentence-initial "Distributed by"), so an article *about* copyright stays article text.

Lines inside spans the boilerplate plugin marked as navigation, comments or see-also (and,
on HTML pages, "other": blocks outside the main content) are skipped, so menus and reader
comments do not feed the head or tail windows. The spans only help; without them the cues
alone decide.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from auditor.model import Finding, Provenance

from . import provenance_cues as cues
from .provenance_cues import DEFAULTS
from .provenance_dates import find_dates, numeric_order, resolve_order
from .provenance_names import PARTICLES, NameList, NameRules, dedupe, parse_names

# ---------------------------------------------------------------------------------------------
# Configuration (defaults; every list is a user-extensible cue list)

#: span categories whose lines never feed provenance (reader posts, link lists). On HTML
#: pages also "navigation" and "other", which the reader derives from the page structure
#: (menus, blocks outside the main content). In plain text those two come from heuristics
#: that may take a short byline block for a menu, or a house "Staff Writer" line recurring
#: across the corpus for furniture, so they are not trusted there.
_SKIP_CATEGORIES = frozenset({"comments", "see-also"})
_SKIP_CATEGORIES_HTML = _SKIP_CATEGORIES | {"navigation", "other"}

# ---------------------------------------------------------------------------------------------
# Compiled settings


@dataclass(frozen=True)
class Settings:
    """Configuration compiled once per distinct configuration (cached)."""

    head_lines: int
    tail_lines: int
    numeric_date_order: str
    min_year: int
    max_year: int
    honorifics: tuple[str, ...]
    rules: NameRules
    role_words: frozenset[str]
    outlet_words: frozenset[str]
    wires: dict[str, str]  #: casefolded name -> as configured
    wire_words: frozenset[str]
    wire_paren_re: re.Pattern[str]
    service_re: re.Pattern[str] | None
    credit_re: re.Pattern[str] | None
    comment_re: re.Pattern[str] | None
    contact_re: re.Pattern[str] | None
    role_re: re.Pattern[str]
    #: words one of which every match of service_re / credit_re contains (lower case); known
    #: for the default cue lists only, None otherwise (every line is scanned)
    service_words: tuple[str, ...] | None = None
    credit_words: tuple[str, ...] | None = None


_NEVER = re.compile(r"(?!)")

# Pre-filters of the default service and credit cues: every match of a default cue contains
# one of these words (compared case-insensitively, like the cues), so a line holding none of
# them cannot match. Found once in the lower-cased text, they leave the cue regexes a line or
# two to scan instead of every line.
_SERVICE_WORDS = ("licen", "distributed", "syndicated", "provided", "supplied")
_CREDIT_WORDS = (
    "article", "story", "post", "piece", "column", "essay", "report", "interview", "op-ed",
    "commentary", "content", "item", "feature", "blog", "editorial", "originally", "first",
    "republished", "reprinted", "version of this",
)  # fmt: skip


def _alternation(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive regex of the user's cues; a cue that does not compile is skipped."""
    good = []
    for p in patterns:
        try:
            re.compile(f"(?:{p})")
        except (re.error, RecursionError):
            continue
        good.append(f"(?:{p})")
    if not good:
        return None
    try:
        return re.compile("|".join(good), re.IGNORECASE)
    except (re.error, RecursionError):  # e.g. two cues with conflicting global flags
        return None


@lru_cache(maxsize=16)
def _compile(frozen: tuple[tuple[str, Any], ...]) -> Settings:
    c = dict(frozen)
    wires = {w.casefold(): w for w in c["wire_services"]}
    wire_alt = "|".join(re.escape(w) for w in sorted(c["wire_services"], key=len, reverse=True))
    comment = _alternation(c["comment_cues"])
    return Settings(
        head_lines=max(1, int(c["head_lines"])),
        tail_lines=max(1, int(c["tail_lines"])),
        numeric_date_order=str(c["numeric_date_order"]).lower(),
        min_year=int(c["min_year"]),
        max_year=int(c["max_year"]),
        honorifics=tuple(c["honorifics"]),
        rules=NameRules.build(c["honorifics"], list(c["name_stopwords"]) + list(c["role_words"])),
        role_words=frozenset(w.casefold() for w in c["role_words"]),
        outlet_words=frozenset(w.casefold() for w in c["outlet_words"]),
        wires=wires,
        wire_words=frozenset(w.casefold() for w in c["wire_words"]),
        wire_paren_re=re.compile(rf"\((?P<w>{wire_alt})\)") if wire_alt else _NEVER,
        service_re=_alternation(c["service_cues"]),
        credit_re=_alternation(c["credit_cues"]),
        comment_re=re.compile(rf"(?:{comment.pattern})(?:\s*\(?\d+\)?)?\W*", re.IGNORECASE)
        if comment
        else None,
        contact_re=_alternation(c["contact_cues"]),
        role_re=re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in sorted(c["role_words"])) + r")\b",
            re.IGNORECASE,
        )
        if c["role_words"]
        else _NEVER,
        service_words=_SERVICE_WORDS
        if tuple(c["service_cues"]) == tuple(cues.SERVICE_CUES)
        else None,
        credit_words=_CREDIT_WORDS if tuple(c["credit_cues"]) == tuple(cues.CREDIT_CUES) else None,
    )


def _freeze(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return value


def settings_from(config: Mapping[str, Any]) -> Settings:
    """Compiled settings for a plugin configuration table (defaults fill missing keys)."""
    merged = {k: _freeze(config.get(k, v)) for k, v in DEFAULTS.items()}
    return _compile(tuple(sorted(merged.items())))


# ---------------------------------------------------------------------------------------------
# Lines

_LINE_RE = re.compile(r"[^\r\n]+")
_LEAD_RE = re.compile(r"[\s•·*>|▪■◆►\-–—]*")


@dataclass
class Line:
    """One non-blank line: offsets into the document text and its text."""

    start: int
    end: int
    text: str
    index: int = 0  #: position among the kept lines
    lead: int = -1  #: offset after leading bullets and dashes (computed on first use)
    lower: str | None = None  #: text.lower() (computed on first use)
    hits160: list[Any] | None = None  #: find_dates(text[:160]) of a short line, reused once
    parsed: dict[int, NameList] | None = None  #: parse_names results by offset (read-only use)


def _names_at(line: Line, rules: NameRules, pos: int) -> NameList:
    """``parse_names(line.text, rules, pos)``, parsed once per line and offset.

    The head and tail passes read the same lines at the same offsets; callers must not
    modify the result.
    """
    if line.parsed is None:
        line.parsed = {}
    nl = line.parsed.get(pos)
    if nl is None:
        nl = line.parsed[pos] = parse_names(line.text, rules, pos)
    return nl


def _lower(line: Line) -> str:
    if line.lower is None:
        line.lower = line.text.lower()
    return line.lower


def _lines(text: str, spans: list[Any], html: bool) -> list[Line]:
    cats = _SKIP_CATEGORIES_HTML if html else _SKIP_CATEGORIES
    skip = sorted((s.start, s.end) for s in spans if getattr(s, "category", "") in cats)
    out: list[Line] = []
    j = 0
    for m in _LINE_RE.finditer(text):
        if not m.group().strip():
            continue
        while j < len(skip) and skip[j][1] <= m.start():
            j += 1
        if j < len(skip) and skip[j][0] <= m.start() and skip[j][1] >= m.end():
            continue
        out.append(Line(m.start(), m.end(), m.group(), len(out)))
    return out


#: characters an ASCII letter matches case-insensitively although their lower() differs
#: ("İ", "ı", "ſ"); a text holding one is not pre-filtered through lower()
_ODD_FOLDS = ("\u0130", "\u0131", "\u017f")


def _lowered(text: str) -> str | None:
    """`text.lower()`, offset for offset, when a case-insensitive regex match of ASCII words
    is sure to show as the lower-cased words in it; else None (no pre-filtering)."""
    if any(c in text for c in _ODD_FOLDS):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def _lines_with(
    low: str,
    words: Iterable[str],
    lines: list[Line],
    starts: list[int],
    lo: int = 0,
    hi: int | None = None,
    out: set[int] | None = None,
) -> set[int]:
    """Indices of the lines in which one of `words` occurs within ``low[lo:hi]``.

    `low` is the lowered text (offset for offset); `starts` the lines' start offsets.
    """
    out = set() if out is None else out
    hi = len(low) if hi is None else hi
    for w in words:
        i = low.find(w, lo, hi)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            if k >= 0 and i + len(w) <= lines[k].end:
                out.add(k)
                i = low.find(w, lines[k].end, hi)
            else:
                i = low.find(w, i + 1, hi)
    return out


# ---------------------------------------------------------------------------------------------
# Small shared pieces

_OUTLET_WORD = r"(?:[A-Z0-9][\w'’&\-]*(?:\.(?:com|org|net|co\.uk|co|uk|news|tv|io))?)"
_OUTLET_RE = re.compile(
    rf"(?:[Tt]he\s+)?{_OUTLET_WORD}(?:\s+(?:(?:of|the|and|&|for|on|de|du|la|y)\s+)?{_OUTLET_WORD}){{0,7}}"
)
_POSS_RE = re.compile(r"['’]s\b")
_CORP_SUFFIX_RE = re.compile(
    r",?\s+(?:LLC|L\.L\.C\.|Inc\.?|Ltd\.?|Limited|Corp\.?|Corporation|Co\.|plc|PLC|GmbH|"
    r"S\.A\.|N\.V\.|AG|Pty\.? Ltd\.?|LLP)$"
)


def _outlet_at(s: str, pos: int) -> tuple[int, int] | None:
    """The capitalised phrase (an outlet name) starting at `pos`, cut at a possessive."""
    m = _OUTLET_RE.match(s, pos)
    if not m:
        return None
    start, end = m.start(), m.end()
    p = _POSS_RE.search(s, start, end)
    if p:
        end = p.start()
    if s.startswith("the ", start):  # "a reporter for the Ledger": the name is "Ledger"
        start += 4
    phrase = s[start:end].rstrip(".,;:'’ ")
    if not phrase or phrase.casefold() in ("the",):
        return None
    return start, start + len(phrase)


def _wire_name(name: str, st: Settings) -> str:
    """A wire service as configured ("REUTERS" -> "Reuters"), else as printed."""
    folded = name.casefold()
    return st.wires.get(folded) or st.wires.get(folded.removeprefix("the ")) or name


def _looks_outlet(phrase: str, st: Settings) -> bool:
    words = re.findall(r"[\w'’\-]+", phrase)
    if not words or len(words) > 8:
        return False
    if phrase.casefold() in st.wires:
        return True
    parts = [p.casefold() for w in words for p in w.split("-")]
    return any(p in st.outlet_words for p in parts) or (words[0] == "The" and len(words) >= 2)


# Words a dateline or byline line may contain besides capitalised words and numbers.
_DATELINE_CONNECTORS = frozenset(cues.DATELINE_CONNECTORS) | PARTICLES
_SENTENCE_STARTERS = frozenset(cues.SENTENCE_STARTERS)
_DL_TOKEN_RE = re.compile(r"[^\W\d_][\w'’.\-]*|\d[\d:.,]*|\S")


def _dateline_ish(s: str, allow_by: bool = True) -> bool:
    """Text that can surround a date in a dateline: outlet, place, byline, separators."""
    words = 0
    for tok in _DL_TOKEN_RE.findall(s):
        if not tok[0].isalpha():
            continue
        words += 1
        low = tok.casefold().rstrip(".,")
        if tok[0].isupper():
            if low in _SENTENCE_STARTERS and not (tok.isupper() and len(tok) > 1):
                return False
            if low == "by" and not allow_by:
                return False
            continue
        if low not in _DATELINE_CONNECTORS:
            return False
    return words <= 16


_TIME_RE = re.compile(
    r"\s*(?:,|at|@|-|–|—|\||·|•)?\s*(?:\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?\s?m\.?)?|"
    r"\d{1,2}\s*[ap]\.?m\.?)\s*(?:\(?(?:[A-Z]{2,5}|GMT[+-]\d+|UTC[+-]\d+)\)?)?",
    re.IGNORECASE,
)
_SEPARATOR_START = re.compile(r"\s*(?:[—–|•·:;/(]|-\s|--|$)")
_LABEL_RE = re.compile(
    r"(?P<label>(?:(?:last|first|originally|article|story|date)\s+)?"
    r"(?:published|posted|updated?|modified|revised|edited|created|filed|issued|released|"
    r"dated|date|pubdate|publication\s+date|published\s+date|time\s+stamp)"
    r"(?:\s+(?:on|at))?\s*[:\-–—=|]?\s*)$",
    re.IGNORECASE,
)
#: outside the head, a date only counts after a label opening its line ("Published: ...")
_LABEL_START_RE = re.compile(
    r"[\s•·*>|\-–—]*(?:(?:last|first|originally|article|story)\s+)?"
    r"(?:published|posted|updated?|modified|revised|created|filed|issued|released|dated?|"
    r"pubdate|publication\s+date)\b",
    re.IGNORECASE,
)
_TRAILING_TIME_RE = re.compile(
    r"(?:\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)\s*"
    r"(?:\(?[A-Z]{2,5}\)?)?\s*[,|·•]?\s*$",
    re.IGNORECASE,
)
#: a line that is only a label ("Published", "Last updated:"), its date on the next line
_LABEL_LINE_RE = re.compile(
    r"[\s•·*>|\-–—]*(?:(?:last|first|originally)\s+)?(?:published|posted|updated?|modified)"
    r"(?:\s+(?:on|at))?\s*:?\s*",
    re.IGNORECASE,
)
_META_LABEL_RE = re.compile(r"^(?:date|pubdate|publication\s+date|published\s+date|dated?)\b", re.I)
_UPDATE_LABEL_RE = re.compile(r"updat|modif|revis|edit", re.I)
_BY_PREFIX_RE = re.compile(
    r"(?:(?:an?\s+)?(?:story|words|text|article|report|reporting|written|posted|reported|"
    r"compiled|analysis|commentary|column|review|opinion|interview|essay|blog\s+post)\s+)?"
    r"by\s*:?\s+"
    r"|(?:author|authors|byline|writer|reporter|words|text|story|reporting|written\s+by|"
    r"posted\s+by)\s*[:|–—]\s*"
    r"|(?-i:author|authors|byline)\s+(?=[A-Z])",
    re.IGNORECASE,
)
#: photo credits look like name lines: "REUTERS/Jane Doe", "Jane Doe/Getty Images"
_PHOTO_CREDIT_RE = re.compile(
    r"[^\W\d]/[^\W\d]|\b(?:photo|photograph|photographer|image|picture|illustration|getty|"
    r"credit|caption|file)s?\b",
    re.IGNORECASE,
)
_SOURCE_LABEL_RE = re.compile(
    r"[\s•·*>|\-–—]*(?:(?i:source|publication|publisher|outlet|newspaper|site)\s*:\s*"
    r"|(?:source|publication|publisher|outlet)\s+(?=[A-Z]))"
)
_DIGIT_RE = re.compile(r"\d")
_DATELINE_CREDIT_RE = re.compile(
    r"[\s•·*>\-–—]*[A-Z][A-Z .,'’\-]{1,40}?\s*"
    r"\((?P<w>[A-Z][\w&.'’\-]*(?:\s+[A-Z][\w&.'’\-]*){0,3})\)\s*(?:[—–:]|--?\s)"
)
_ALNUM_RE = re.compile(r"[^\W_]")
_AFTER_SEP_RE = re.compile(r"\s*(?:[—–|•·]|-{1,2})\s*")
_SAYS_LINE_RE = re.compile(r".{1,40}?\b(?:says|said|wrote|writes|commented|replied)\s*:?", re.I)
_PLACE_TAIL_RE = re.compile(r"(?:in|and)\s+[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,2}")
_HANDLE_LINE_RE = re.compile(r"@\w{2,}|[\w.+-]+@[\w-]+\.[\w.-]+")
_AFTER_DATE_BY_RE = re.compile(
    r"(?:\s*,?\s*(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?"
    r"\s*[,|•·]?\s*by\s*:?\s+",
    re.IGNORECASE,
)
_MID_SEP_RE = re.compile(r"\s*(?:[|•·/—–]|\s-\s)\s*")
_MID_SEP_CHARS = "|•·/—–-"  #: every _MID_SEP_RE match holds one
_REPORTING_BY_RE = re.compile(
    r"(?<![Aa]dditional )(?<!ADDITIONAL )\b(?:[Rr]eporting|[Ww]riting|REPORTING|WRITING) "
    r"(?:by|By|BY)\s+"
)
_CONTACT_VERB_RE = re.compile(
    r"\b(?:[Cc]ontact|[Ee]-?mail|[Rr]each|[Ff]ollow|[Ww]rite to|[Tt]weet)\s+"
    r"(?:(?:staff|senior|the|our|reporter|writer|correspondent|columnist|editor|author)\s+){0,2}"
    r"(?=[A-Z])"
)
_CONTACT_VERB_PARTS = ("ontact", "mail", "each", "ollow", "rite to", "weet")  #: one per match
_BIO_REACH_RE = re.compile(
    r"\s*(?:,[^.;]{0,160}?,\s*|\s*\([^)]{0,60}\)\s*)?"
    r"(?:can|may|could) (?:also )?be (?:reached|contacted|e-?mailed|followed|found)\b",
    re.IGNORECASE,
)
#: reported speech: "..., Martin Hollis said." is article text, not an author bio
_SPEECH_RE = re.compile(
    r"\b(?:said|says|told|added|according to|explained|claimed|argued|insisted)\b"
)
_ABOUT_RE = re.compile(
    r"(?:about the (?:author|writer)s?|the author|author bio|about me)\s*[:\-–—.]?\s*", re.I
)
_PAREN_RE = re.compile(r"\s*\([^()]{1,80}\)")
_BIO_IS_RE = re.compile(r"\s*(?:is|was|are|were|has been|have been)\s+", re.IGNORECASE)
_BIO_ROLE_RE = re.compile(
    r"\s*(?:is|was)\s+(?:a|an)\s+(?:[\w-]+\s+){0,4}?(?:writer|reporter|correspondent|columnist|"
    r"journalist|contributor|blogger|freelancer|freelance journalist)\b",
    re.IGNORECASE,
)
_BIO_WRITES_RE = re.compile(
    r"\s*(?:writes|reports|blogs) (?:for|about|on)\b|\s*covers\b[^.]{0,80}\bfor\b",
    re.IGNORECASE,
)
_BIO_HANDLE_RE = re.compile(r"\s*(?:\(@\w+\)|@\w+\b|[,|:]\s*[\w.+-]+@[\w-]+\.\w)")
_AFFILIATION_RE = re.compile(
    r"\b(?:for|at|with)\s+(?:the\s+)?(?=[A-Z])|\b[Tt]he\s+(?=[A-Z][^.]{0,60}['’]s\b)"
)
_BIO_PROFESSION_RE = re.compile(
    r"\s*(?:is|was)\s+(?:(?:a|an|the)\s+(?:[\w'’-]+\s+){0,5}?(?:professor|lecturer|fellow|"
    r"researcher|scientist|economist|lawyer|attorney|author|consultant|historian|writer|"
    r"journalist|columnist|contributor|commentator|strategist|novelist|blogger)\b"
    r"|(?:the\s+)?(?:president|executive director|director|founder|co-founder|chairman|chair|"
    r"editor|publisher|managing editor|editor-in-chief)\s+(?:of|at)\s+(?:the\s+)?[A-Z])",
)
_REPORTER_FOR_RE = re.compile(
    r"\b(?:reporter|writer|correspondent|columnist|editor|journalist|contributor|blogger|"
    r"critic|producer|analyst|staffer|intern|host)s?\b[^.;]{0,40}?\b(?:for|at|with)\s+"
    r"(?=(?:the\s+)?[A-Z0-9])|\b(?:writes|reports) for\s+(?=(?:the\s+)?[A-Z0-9])",
    re.IGNORECASE,
)
_THE_OUTLET_POSS_RE = re.compile(r"\bthe\s+(?=[A-Z])")


# ---------------------------------------------------------------------------------------------
# Results being assembled


@dataclass
class _DateCand:
    iso: str | None
    text: str
    start: int
    end: int
    kind: str  #: "published" or "updated"
    source: str
    partial: bool = False
    month_year: bool = False
    ambiguous: bool = False


@dataclass
class _State:
    text: str
    st: Settings
    names: list[tuple[int, str, int, int]] = field(default_factory=list)  # (order, name, s, e)
    outlets: list[tuple[int, str, int, int]] = field(default_factory=list)  # (priority, ...)
    dates: list[_DateCand] = field(default_factory=list)
    services: list[tuple[str, int, int]] = field(default_factory=list)
    locations: dict[str, tuple[int, int]] = field(default_factory=dict)
    credit: tuple[int, int] | None = None
    byline_lines: set[int] = field(default_factory=set)
    numeric_order: str | None = None  #: D/M order proven by an unambiguous numeric date
    #: indices of the lines that may hold a service cue (None: any line may)
    service_lines: set[int] | None = None
    #: indices of the head and tail lines that may hold a credit cue (None: any line may)
    credit_lines: set[int] | None = None

    def add_name(self, line: Line, name: str, s: int, e: int) -> None:
        self.names.append((line.start + s, name, line.start + s, line.start + e))

    def add_outlet(self, priority: int, start: int, end: int) -> None:
        name = self.text[start:end].strip()
        if name:
            self.outlets.append((priority, name, start, end))

    def add_service(self, name: str, start: int, end: int, notice: bool = False) -> None:
        """A wire credit ("(AP)", "By Reuters", a wire's copyright) or, with `notice`, a
        licensing notice ("licensing agreement with X", "Distributed by X")."""
        self.services.append((name, start, end))
        key = "service_notice" if notice else "wire_credit"
        self.locations.setdefault(key, (start, end))


def _lead(line: Line) -> int:
    """Offset (within the line) after leading bullets, dashes and spaces."""
    if line.lead < 0:
        line.lead = _LEAD_RE.match(line.text).end()
    return line.lead


# ---------------------------------------------------------------------------------------------
# Bylines


_GLUED_RE = re.compile(r"[ \t]+([^\W\d_][\w'’&\-]*(?:[ \t]+[A-Z][\w'’&\-]*)*)")


def _glued_outlet(text: str, nl: Any, st: Settings) -> bool:
    """The "name" is the start of an outlet's name: "Northern Echo Post - 2007" / "By Valley News".

    True when the first name runs straight (no separator) into an outlet word written in the
    same case, unless what follows is a wire service ("By JANE DOE Associated Press").
    """
    if not nl.names:
        return False
    _, start, end = nl.names[-1]
    m = _GLUED_RE.match(text, end)
    if not m:
        return False
    run = m.group(1)
    first = run.split()[0]
    if first.casefold() not in st.outlet_words:
        return False
    if run.casefold() in st.wires or run.casefold().removeprefix("the ") in st.wires:
        return False
    return text[start:end].isupper() == first.isupper()


def _tail_ok(tail: str, st: Settings, strict: bool = False) -> bool:
    """What may follow the names on a byline line: nothing, a role, an outlet, a date.

    One unknown lower-case word is tolerated after "By X"; none with `strict` (a name line
    without "By", where "Jane Doe, producer of TV show Later" must stay article text).
    """
    t = tail.strip()
    if not t or not _ALNUM_RE.search(t):
        return True  # nothing, or only punctuation such as Markdown's closing "*"
    if len(t.split()) > 18 or _SPEECH_RE.search(t):
        return False  # "..., chief economist at X, told Reuters." is reported speech
    first = t.split()[0].casefold()
    if not (
        _SEPARATOR_START.match(t)
        or t[0] in ",.("
        or first in ("for", "of", "at", "in", "on", "from", "with", "and", "special")
        or first in st.role_words
        or t[0].isupper()
    ):
        return False
    lowercase = 0
    for tok in _DL_TOKEN_RE.findall(t):
        if tok[0].isalpha() and not tok[0].isupper():
            low = tok.casefold().rstrip(".,")
            if low not in _DATELINE_CONNECTORS and low not in st.role_words and low not in (
                "in", "from", "with", "and", "special", "to", "contributing", "senior", "chief",
                "news", "service", "wire", "agency", "report", "reports", "reporting",
            ):  # fmt: skip
                lowercase += 1
    return lowercase <= (0 if strict else 1)


def _tail_outlet(line: Line, tail_at: int, state: _State, priority: int) -> None:
    """An outlet or wire named after the byline names ("By X, The Daily Bugle")."""
    s = line.text
    for m in re.finditer(r"(?:^|[,|•·/—–(]|\s-\s|\b(?:for|of|at|By|and)\s)\s*", s[tail_at:]):
        pos = tail_at + m.end()
        span = _outlet_at(s, pos)
        if not span:
            continue
        phrase = s[span[0] : span[1]]
        folded = phrase.casefold()
        if folded in state.st.wires or folded.removeprefix("the ") in state.st.wires:
            state.add_service(
                _wire_name(phrase, state.st), line.start + span[0], line.start + span[1]
            )
            state.add_outlet(priority, line.start + span[0], line.start + span[1])
        elif _looks_outlet(phrase, state.st) and not state.st.role_re.fullmatch(phrase):
            state.add_outlet(priority, line.start + span[0], line.start + span[1])


def _by_line(line: Line, state: _State, head: bool) -> bool:
    """A "By X" line (or "Written by", "Author: X"); names, outlet and wire credits."""
    st = state.st
    m = _BY_PREFIX_RE.match(line.text, _lead(line))
    if not m and head:
        # "21 March 2018 • By Hannah Price": a byline after a dateline on the same line.
        first = line.text[:160]
        if any(c in first for c in _MID_SEP_CHARS):  # else _MID_SEP_RE finds nothing
            for sep in _MID_SEP_RE.finditer(line.text, 0, 160):
                m = _BY_PREFIX_RE.match(line.text, sep.end())
                if m and _dateline_ish(line.text[: sep.start()], allow_by=False):
                    break
                m = None
        # "Posted on March 5, 2020 by Jane Doe": "by" right after a date ("b" and "y" have
        # no other case-insensitive forms than their lower-case letters).
        if m is None and "by" in _lower(line):
            hits = find_dates(first, st.min_year, st.max_year)
            if len(line.text) <= 160:
                line.hits160 = hits  # the same string _line_dates scans
            for h in hits:
                bm = _AFTER_DATE_BY_RE.match(line.text, h.end)
                if bm and _dateline_ish(line.text[: h.start], allow_by=False):
                    m = bm
                    break
    if not m:
        return False
    nl = parse_names(line.text, st.rules, m.end())
    rest = line.text[nl.tail :]
    if nl.possessive or _glued_outlet(line.text, nl, st):
        nl.names = []
    if not nl.names:
        # "By The Associated Press", "By Reuters Staff": an outlet, maybe a wire.
        span = _outlet_at(line.text, m.end())
        if not span or not _tail_ok(line.text[span[1] :], st):
            return False
        phrase = line.text[span[0] : span[1]]
        words = phrase.split()
        core = " ".join(w for w in words if w.casefold() not in st.role_words)
        folded = core.casefold()
        if folded in st.wires or folded.removeprefix("the ") in st.wires:
            state.add_service(
                _wire_name(core, st), line.start + span[0], line.start + span[0] + len(core)
            )
            state.add_outlet(1, line.start + span[0], line.start + span[0] + len(core))
            state.byline_lines.add(line.index)
            return True
        if _looks_outlet(phrase, st):
            state.add_outlet(2, line.start + span[0], line.start + span[1])
            state.byline_lines.add(line.index)
            return True
        return False
    if not _tail_ok(rest, st):
        return False
    if not head and len(line.text) > 200:
        return False
    for name, s, e in nl.names:
        state.add_name(line, name, s, e)
    state.byline_lines.add(line.index)
    _tail_outlet(line, nl.tail, state, 2)
    return True


def _reporting_by(line: Line, state: _State) -> bool:
    """Reuters-style "(Reporting by X and Y; Editing by Z)": reporters and writers only."""
    found = False
    low = _lower(line)
    if "reporting by" not in low and "writing by" not in low:
        return False
    for m in _REPORTING_BY_RE.finditer(line.text):
        nl = parse_names(line.text, state.st.rules, m.end())
        nxt = line.text[nl.tail : nl.tail + 2].lstrip()
        if nl.names and (not nxt or nxt[0] in ";)(,.|" or nxt[:3].casefold() == "in "):
            for name, s, e in nl.names:
                state.add_name(line, name, s, e)
            found = True
    return found


def _name_line(lines: list[Line], i: int, state: _State) -> bool:
    """A head line that is a name with a role ("Jane Doe, Staff Writer" / "JANE DOE | Reuters")."""
    st = state.st
    line = lines[i]
    lead = _lead(line)
    nl = _names_at(line, st.rules, lead)
    if not nl.names or nl.possessive or _glued_outlet(line.text, nl, st):
        return False
    tail = line.text[nl.tail :].strip()
    if _PLACE_TAIL_RE.fullmatch(tail):
        tail = ""  # "Jane Doe in Washington" over a date line: judged like a bare name
    if tail:
        if len(tail.split()) > 12 or not _tail_ok(tail, st, strict=True):
            return False
        bare = tail.strip(" ,|/-–—•·")
        outlet_tail = tail[0] in ",|/-–—•·" and _looks_outlet(bare, st)
        hits = find_dates(tail, st.min_year, st.max_year)
        dated = bool(hits) and _dateline_ish(tail[: hits[0].start] + " " + tail[hits[-1].end :])
        if not (st.role_re.search(tail) or outlet_tail or dated or bare.casefold() in st.wires):
            return False
    else:
        # A bare name line needs a role or date line right after it.
        if len(nl.names) > 3 or i + 1 >= len(lines):
            return False
        nxt = lines[i + 1].text.strip(" ,|•·-–—")
        if (
            len(nxt.split()) == 1
            and i + 2 < len(lines)
            and not _HANDLE_LINE_RE.fullmatch(nxt)
            and not st.role_re.search(nxt)
        ):
            # a one-word widget line ("Follow", "Share") between the name and its date
            nxt = lines[i + 2].text.strip(" ,|•·-–—")
        role_only = bool(st.role_re.search(nxt)) and len(nxt.split()) <= 8 and _tail_ok(nxt, st)
        handle = bool(_HANDLE_LINE_RE.fullmatch(nxt))
        hits = find_dates(nxt, st.min_year, st.max_year)
        date_only = bool(hits) and _dateline_ish(
            nxt[: hits[0].start] + " " + nxt[hits[-1].end :], False
        )
        if not (role_only or date_only or handle):
            return False
    if _PHOTO_CREDIT_RE.search(line.text):  # last: the costliest test, rarely reached
        return False
    for name, s, e in nl.names:
        state.add_name(line, name, s, e)
    state.byline_lines.add(line.index)
    _tail_outlet(line, nl.tail, state, 2)
    return True


def _mentioned(state: _State, names: list[tuple[str, int, int]], upto: int) -> bool:
    """Whether the article already named this person (by surname) before `upto`."""
    for name, _, _ in names:
        words = [
            w for w in name.split() if w.casefold().rstrip(".") not in ("jr", "sr", "ii", "iii")
        ]
        if words and re.search(rf"\b{re.escape(words[-1])}\b", state.text[:upto]):
            return True
    return False


def _bio_line(line: Line, state: _State, last: bool, marked: bool) -> bool:
    """Author bios and contact lines at the end ("X is a reporter for Y. Email him at ...")."""
    st = state.st
    text = line.text
    found = False
    lead = _lead(line)
    about = _ABOUT_RE.match(text, lead)
    if about:
        lead = about.end()
    nl = _names_at(line, st.rules, lead)
    if nl.names and not nl.possessive:
        rest = text[nl.tail :]
        paren = _PAREN_RE.match(rest)
        if paren and _BIO_IS_RE.match(rest, paren.end()):
            rest = rest[paren.end() :]  # "Jane Doe (jdoe@x.example) is a staff writer."
        accept = False
        if _BIO_REACH_RE.match(rest) or _BIO_HANDLE_RE.match(rest):
            accept = True
        elif _BIO_WRITES_RE.match(rest):
            accept = not _mentioned(state, nl.names, line.start) or bool(
                st.contact_re and st.contact_re.search(text)
            )
        elif _BIO_IS_RE.match(rest):
            contact = bool(st.contact_re and st.contact_re.search(text))
            if contact:
                accept = True
            elif (
                (last or marked)
                and len(text) < 400
                and not _SPEECH_RE.search(text)
                and not _mentioned(state, nl.names, line.start)
            ):
                # A closing bio of someone the article never mentioned: "Jane Doe is a
                # freelance writer based in Chicago." / "... is a professor at Yale."
                head = rest[:160]
                role = st.role_re.search(head)
                accept = (
                    marked
                    or bool(role and (_AFFILIATION_RE.search(head) or _BIO_ROLE_RE.match(rest)))
                    or bool(_BIO_PROFESSION_RE.match(rest))
                )
        elif lead and line.text[:lead].strip(" ") in ("—", "--", "–", "-", "―"):
            # "— Jane Doe" / "— Jane Doe, The Daily Ledger" signature
            accept = last and (
                not rest.strip() or (rest.lstrip()[:1] == "," and _tail_ok(rest, st))
            )
        if accept:
            for name, s, e in nl.names:
                state.add_name(line, name, s, e)
            found = True
    # "Contact Jane Doe at ...", "Follow Jane Doe on Twitter", "Email Jane Doe at"
    verbs = any(v in text for v in _CONTACT_VERB_PARTS)
    for m in _CONTACT_VERB_RE.finditer(text) if verbs else ():
        nl2 = parse_names(text, st.rules, m.end())
        after = text[nl2.tail : nl2.tail + 8].lstrip().casefold()
        if nl2.names and not nl2.possessive and after.startswith(("at", "on", "via", "@", ":")):
            for name, s, e in nl2.names:
                state.add_name(line, name, s, e)
            found = True
    if found:
        _bio_outlet(line, state)
    return found


def _bio_outlet(line: Line, state: _State) -> None:
    """Outlet from a bio: "a reporter for Breitbart News", "the Washington Examiner's … columnist"."""
    text = line.text
    for m in _REPORTER_FOR_RE.finditer(text):
        span = _outlet_at(text, m.end())
        if span:
            state.add_outlet(3, line.start + span[0], line.start + span[1])
            return
    for m in _THE_OUTLET_POSS_RE.finditer(text):
        span = _outlet_at(text, m.end())
        if not span:
            continue
        after = text[span[1] : span[1] + 80]
        if _POSS_RE.match(after) and state.st.role_re.search(after[:70]):
            state.add_outlet(3, line.start + span[0], line.start + span[1])
            return


# ---------------------------------------------------------------------------------------------
# Dates


def _strip_times(s: str) -> str:
    while True:
        m = _TIME_RE.match(s)
        if not m or not m.group().strip():
            return s
        s = s[m.end() :]


_DATE_SCAN = 240
_DATE_SCAN_LONG = 120  #: in a paragraph, a dateline date sits within its first words
_NOTICE_MAX = 400
_PROSE_MIN = 150  #: a line longer than this is an article paragraph, not end matter


def _line_dates(line: Line, state: _State, head: bool, byline: bool, prev_label: str = "") -> None:
    """Publication/update dates of one line, when the line around them says so."""
    st = state.st
    # A dateline date sits near the start of its line; long paragraphs are not searched.
    scan = _DATE_SCAN if len(line.text) <= _DATE_SCAN else _DATE_SCAN_LONG
    if line.hits160 is not None:  # _by_line read this very string already
        hits, line.hits160 = line.hits160, None
    else:
        hits = find_dates(line.text[:scan], st.min_year, st.max_year)
    if not hits:
        return
    resolve_order(hits, st.numeric_date_order, state.numeric_order)
    prev_end = 0
    text = line.text
    for k, h in enumerate(hits):
        local = text[prev_end : h.start]
        # "Updated 10:03 AM EST, Thu March 5, 2020": the label may sit before a time.
        lab = _LABEL_RE.search(_TRAILING_TIME_RE.sub("", local))
        before = local[: lab.start()] if lab else local
        full_before = text[: h.start] if k == 0 else before
        if lab:
            full_before = text[: prev_end + lab.start()] if k == 0 else before
        prefix_ok = _dateline_ish(full_before) if k == 0 else _dateline_ish(before)
        nxt = hits[k + 1].start if k + 1 < len(hits) else len(text)
        suffix = _strip_times(text[h.end : nxt])
        suffix_ok = bool(_SEPARATOR_START.match(suffix)) or (
            _dateline_ish(suffix, False) and len(suffix) < 80
        )
        accept = False
        label = lab.group("label") if lab else ""
        if not lab and k == 0 and prev_label and head and not full_before.strip():
            label = prev_label  # "Published" / "Updated" alone on the line before
            accept = suffix_ok and not h.month_year
        elif lab:
            at_start = not full_before.strip(" \t•·*-–—|>") or prefix_ok
            accept = at_start and (head or not full_before.strip(" \t•·*-–—|>") or byline)
            if h.month_year and not at_start:
                accept = False
        elif head and prefix_ok and suffix_ok and not h.month_year:
            accept = True
        if not accept:
            continue
        prev_end = h.end
        kind = "updated" if _UPDATE_LABEL_RE.search(label) else "published"
        if lab and not full_before.strip() and _META_LABEL_RE.match(label.strip()):
            source = "meta"
        elif byline:
            source = "byline"
        else:
            source = "dateline"
        state.dates.append(
            _DateCand(
                h.iso,
                h.text,
                line.start + h.start,
                line.start + h.end,
                kind,
                source,
                partial=h.partial,
                month_year=h.month_year,
                ambiguous=h.ambiguous is not None,
            )
        )
        # A dateline's outlet: "- The Washington Times - Wednesday, March 21, 2018".
        if head and k == 0 and not byline:
            for om in re.finditer(r"(?:^|[—–|•·]|\s-\s|^-\s*)\s*", full_before):
                span = _outlet_at(full_before, om.end())
                if span and _looks_outlet(full_before[span[0] : span[1]], st):
                    state.add_outlet(1, line.start + span[0], line.start + span[1])
                    break
            else:
                # "June 7, 2019 | Bayside Digest": the outlet after the date.
                om = _AFTER_SEP_RE.match(text, h.end)
                span = _outlet_at(text, om.end()) if om else None
                if span and _looks_outlet(text[span[0] : span[1]], st):
                    state.add_outlet(1, line.start + span[0], line.start + span[1])


# ---------------------------------------------------------------------------------------------
# Copyright, services, credits

_COPY_RE = re.compile(
    r"(?P<sym>(?:(?:copyright|©|\(c\)|&copy;)\s*)+)"
    r"(?:(?P<y1>\d{4})(?:\s*[-–/]\s*(?P<y2>\d{4}))?\s*,?\s*)?(?P<rest>.*)$",
    re.IGNORECASE,
)
#: every _COPY_RE match holds one of these (lower-cased)
_COPY_WORDS = ("copyright", "©", "(c)", "&copy;")
_HOLDER_STOP_RE = re.compile(
    r"\s*(?:\||—|–|;|\s-\s|\ball rights reserved\b|\bclick here\b|\.(?=\s|$))", re.IGNORECASE
)
_ABBREV = frozenset(
    [
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "jr",
        "sr",
        "st",
        "pty",
        "cie",
        "l.l.c",
        "s.a",
        "n.v",
        "p.l.c",
    ]
)
_HOLDER_LOWER = frozenset(["of", "and", "the", "for", "de", "du", "la", "&", "y"])


def _copyright(line: Line, state: _State) -> tuple[str, int | None, int, int] | None:
    text = line.text
    lead = _lead(line)
    m = _COPY_RE.match(text, lead)
    if not m:
        return None
    sym = m.group("sym")
    has_symbol = "©" in sym or "(c)" in sym.casefold() or "&copy;" in sym.casefold()
    years = [int(y) for y in (m.group("y1"), m.group("y2")) if y]
    rest_at = m.start("rest")
    rest = m.group("rest")
    stop = len(rest)
    for sm in _HOLDER_STOP_RE.finditer(rest):
        if sm.group().strip() == ".":
            word = re.search(r"([\w.]+)$", rest[: sm.start()])
            if word and word.group(1).casefold().rstrip(".") in _ABBREV:
                continue
        stop = sm.start()
        break
    holder = rest[:stop].strip().rstrip(",")
    if holder.endswith(".") and not any(holder.casefold().rstrip(".").endswith(a) for a in _ABBREV):
        holder = holder[:-1]
    ym = re.search(r",?\s*\b(\d{4})$", holder)
    if ym and not years:
        years = [int(ym.group(1))]
        holder = holder[: ym.start()].strip()
    elif ym:
        holder = holder[: ym.start()].strip()
    if not (has_symbol or years):
        return None
    if not holder and not years:
        return None
    if holder:
        words = holder.split()
        if (not holder[0].isupper() and not holder[0].isdigit()) or len(words) > 10:
            return None
        if any(
            w[0].islower() and w.casefold() not in _HOLDER_LOWER for w in words if w[0].isalpha()
        ):
            return None
    year = max(years) if years else None
    if year is not None and not state.st.min_year <= year <= state.st.max_year:
        year = None
    hstart = line.start + rest_at + (len(rest[:stop]) - len(rest[:stop].lstrip()))
    return holder, year, hstart, hstart + len(holder)


def _outlet_line(line: Line, state: _State) -> None:
    """A head line that is only an outlet's name: "The Lakeshore Tribune", "Springfield Courier-Post"."""
    lead = _lead(line)
    span = _outlet_at(line.text, lead)
    if not span or line.text[span[1] :].strip(" .|•·-–—"):
        return
    phrase = line.text[span[0] : span[1]]
    if 2 <= len(phrase.split()) <= 6 and _looks_outlet(phrase, state.st):
        state.add_outlet(2, line.start + span[0], line.start + span[1])


def _source_label(line: Line, state: _State) -> None:
    """Metadata-style outlet lines: "Source: The Daily Ledger", " source The Daily Ledger"."""
    m = _SOURCE_LABEL_RE.match(line.text)
    if m:
        span = _outlet_at(line.text, m.end())
        if span:
            state.add_outlet(0, line.start + span[0], line.start + span[1])


def _services(line: Line, state: _State, window: bool) -> None:
    """Licensing/syndication notices naming a service, and credits naming another outlet.

    Notices are short lines; long paragraphs are article text (and costly to scan), so
    only a dateline's "(AP)" credit is looked for in them.
    """
    st = state.st
    text = line.text
    if window:
        m = st.wire_paren_re.search(text, 0, 160)
        if m and not (_dateline_ish(text[: m.start()]) and _SEPARATOR_START.match(text, m.end())):
            m = None  # "(AFP)" inside a sentence is a source, not a dateline credit
        if not m:
            # "SPRINGFIELD (Metro Wire) — ...": a dateline credit naming a wire we do not know
            m = _DATELINE_CREDIT_RE.match(text)
            if m and not any(w in st.wire_words for w in m.group("w").casefold().split()):
                m = None
        if m:
            name = _wire_name(m.group("w"), st)
            state.add_service(name, line.start + m.start("w"), line.start + m.end("w"))
    if len(text) >= _NOTICE_MAX:
        return
    for cue, is_credit in ((st.service_re, False), (st.credit_re, True)):
        if cue is None or (is_credit and (not window or state.credit is not None)):
            continue
        maybe = state.credit_lines if is_credit else state.service_lines
        if maybe is not None and line.index not in maybe:
            continue
        for m in cue.finditer(text):
            j = m.end()
            while j < len(text) and text[j] == " ":
                j += 1
            span = _outlet_at(text, j)
            if not span:
                continue
            if is_credit:
                state.credit = (line.start + span[0], line.start + span[1])
            else:
                state.add_service(
                    text[span[0] : span[1]], line.start + span[0], line.start + span[1], True
                )
            break


# ---------------------------------------------------------------------------------------------
# Metadata (HTML reader)

_ISO_PREFIX_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_META_AUTHOR = ("author", "article:author", "dc.creator", "byl", "sailthru.author",
                "parsely-author", "rel_author", "twitter:creator:name")  # fmt: skip
_META_DATE = ("article:published_time", "datepublished", "date", "pubdate", "publishdate",
              "dc.date", "dc.date.issued", "og:published_time", "sailthru.date",
              "parsely-pub-date", "publish-date", "published_time", "article.published")  # fmt: skip
_META_MODIFIED = ("article:modified_time", "datemodified", "og:updated_time", "modified",
                  "last-modified", "dc.date.modified")  # fmt: skip
_META_SITE = ("og:site_name", "publisher", "application-name", "dc.publisher")
_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle", "report",
                  "analysisnewsarticle", "opinionnewsarticle", "webpage", "posting")  # fmt: skip


def _meta_date(value: str, st: Settings) -> str | None:
    m = _ISO_PREFIX_RE.match(value)
    if m:
        hits = find_dates(m.group(0).strip(), st.min_year, st.max_year)
        return hits[0].iso if hits else None
    for h in find_dates(value[:80], st.min_year, st.max_year):
        if h.iso:
            return h.iso
    return None


def _meta_names(value: str, st: Settings) -> list[str]:
    """Author names from a metadata value: "Jane Doe", "Jane Doe, Bob Roe", "By Jane Doe"."""
    if not value or "://" in value or len(value) > 300:
        return []
    value = re.sub(r"^\s*by\s+", "", value.strip(), flags=re.IGNORECASE)
    out = []
    for part in re.split(r"\s*(?:[,;|/]|\band\b|&)\s*", value):
        nl = parse_names(part, st.rules)
        if len(nl.names) == 1 and not part[nl.tail :].strip(" ."):
            out.append(nl.names[0][0])
    return out


def _jsonld_objects(raw: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(raw) if len(raw) < 500_000 else None
    except (ValueError, RecursionError):
        return []
    out: list[dict[str, Any]] = []
    stack = [data]
    while stack and len(out) < 50:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item[:50])
        elif isinstance(item, dict):
            out.append(item)
            if isinstance(item.get("@graph"), list):
                stack.extend(item["@graph"][:50])
    return out


def _jsonld(raw: str, st: Settings) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for obj in _jsonld_objects(raw):
        types = obj.get("@type")
        types = types if isinstance(types, list) else [types]
        if types != [None] and not any(
            isinstance(t, str) and t.rsplit("/", 1)[-1].casefold() in _ARTICLE_TYPES for t in types
        ):
            continue
        authors = obj.get("author") or obj.get("creator")
        authors = authors if isinstance(authors, list) else [authors]
        names: list[str] = []
        for a in authors[:20]:
            value = a.get("name") if isinstance(a, dict) else a
            if isinstance(value, str):
                names.extend(_meta_names(value, st))
        if names and "byline" not in result:
            result["byline"] = names
        for key, out_key in (("datePublished", "date"), ("dateModified", "updated")):
            v = obj.get(key)
            if isinstance(v, str) and out_key not in result:
                d = _meta_date(v, st)
                if d:
                    result[out_key] = d
        pub = obj.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str) and "outlet" not in result:
            result["outlet"] = pub["name"].strip()[:120] or None
    return result


def _from_meta(meta: Mapping[str, str], st: Settings) -> dict[str, Any]:
    low: dict[str, str] = {}
    for k, v in meta.items():
        if isinstance(k, str) and isinstance(v, str):
            low.setdefault(k.casefold(), v)
    result: dict[str, Any] = {}
    if "jsonld" in low:
        result.update(_jsonld(low["jsonld"], st))
    if "byline" not in result:
        for key in _META_AUTHOR:
            names = _meta_names(low.get(key, ""), st)
            if names:
                result["byline"] = names
                break
    if "date" not in result:
        for key in _META_DATE:
            if key in low:
                d = _meta_date(low[key], st)
                if d:
                    result["date"] = d
                    break
    if "updated" not in result:
        for key in _META_MODIFIED:
            if key in low:
                d = _meta_date(low[key], st)
                if d:
                    result["updated"] = d
                    break
    if not result.get("outlet"):
        for key in _META_SITE:
            v = low.get(key, "").strip()
            if v and "://" not in v and len(v) < 120:
                result["outlet"] = v
                break
    return result


# ---------------------------------------------------------------------------------------------
# Putting it together


def _head(article: list[Line], size: int) -> list[Line]:
    """The first `size` lines, not counting short furniture lines ("Sign in", "Print").

    Without boilerplate spans a page's menus would otherwise push the byline and dateline
    out of the window; at most ``3 * size`` lines are taken in all.
    """
    counted = 0
    for i, ln in enumerate(article):
        if i >= 3 * size:
            return article[:i]
        words = ln.text.split()
        if len(words) > 3 or _DIGIT_RE.search(ln.text) or _BY_PREFIX_RE.match(ln.text, _lead(ln)):
            counted += 1
            if counted >= size:
                return article[: i + 1]
    return article


def _article_end(lines: list[Line], spans: list[Any], st: Settings) -> int:
    """Index of the first line of a comment section (len(lines) when there is none)."""
    comment_starts = [s.start for s in spans if getattr(s, "category", "") == "comments"]
    first_comment = min(comment_starts) if comment_starts else None
    for ln in lines:
        if first_comment is not None and ln.end > first_comment:
            return ln.index
        t = ln.text.strip()
        # Only after some article text: a "Comments" link in a page header is no section.
        if (
            st.comment_re is not None
            and len(t) < 80
            and ln.index >= 3
            and st.comment_re.fullmatch(t)
        ):
            return ln.index
        # A reader post without a section header: "jimbob says:" over "March 9, 2020 at 3:45 pm".
        if (
            ln.index >= 3
            and ln.index + 1 < len(lines)
            and _SAYS_LINE_RE.fullmatch(t)
            and _DIGIT_RE.search(lines[ln.index + 1].text)
            and find_dates(lines[ln.index + 1].text[:80])
        ):
            return ln.index
    return len(lines)


def extract(
    text: str,
    meta: Mapping[str, str],
    spans: list[Any],
    kind: str,
    st: Settings,
) -> tuple[Provenance, list[Finding]]:
    """Provenance and per-file findings of one document (pure; never raises on odd text)."""
    html = kind == "html-visible"
    lines = _lines(text, spans, html)
    state = _State(text, st)
    # Cheap pre-filters, once per document: which lines may hold a notice at all.
    low = _lowered(text)
    starts = [ln.start for ln in lines]
    copyright_lines: Iterable[int] = range(len(lines))
    if low is not None:
        if st.service_words is not None:
            state.service_lines = _lines_with(low, st.service_words, lines, starts)
        copyright_lines = sorted(_lines_with(low, _COPY_WORDS, lines, starts))
    end = _article_end(lines, spans, st)
    article = lines[:end]
    head = _head(article, st.head_lines)
    tail = article[max(0, len(article) - st.tail_lines) :]
    tail_set = {ln.index for ln in tail}
    marked = [
        (s.start, s.end) for s in spans if getattr(s, "category", "") in ("contact", "byline")
    ]

    head_set = {ln.index for ln in head}
    if low is not None and st.credit_words is not None:
        # credits are only read in the head and tail windows
        found: set[int] = set()
        for window in (head, tail):
            if window:
                lo, hi = window[0].start, window[-1].end
                _lines_with(low, st.credit_words, lines, starts, lo, hi, found)
        state.credit_lines = found
    state.numeric_order = numeric_order(
        "\n".join(ln.text[:_DATE_SCAN] for ln in head)
        + "\n"
        + "\n".join(ln.text[:_DATE_SCAN] for ln in article if _LABEL_START_RE.match(ln.text))
    )
    prev_label = ""
    for i, ln in enumerate(head):
        is_by = _by_line(ln, state, head=True)
        if not is_by:
            is_by = _name_line(article, i, state)
        if not is_by:
            _reporting_by(ln, state)
        _line_dates(ln, state, head=True, byline=is_by, prev_label=prev_label)
        _source_label(ln, state)
        if not is_by:
            _outlet_line(ln, state)
        prev_label = ln.text if _LABEL_LINE_RE.fullmatch(ln.text) else ""
        _services(ln, state, window=True)
    # A closing bio is followed by nothing but short lines (contact, copyright, share bar).
    prose_after: dict[int, bool] = {}
    seen_prose = False
    for ln in reversed(article):
        prose_after[ln.index] = seen_prose
        seen_prose = seen_prose or len(ln.text) > _PROSE_MIN
    last_index = article[-1].index if article else -1
    done = set(head_set)
    for ln in tail:
        if ln.index in state.byline_lines:
            continue
        if _by_line(ln, state, head=False):
            if ln.index not in head_set:
                _line_dates(ln, state, head=False, byline=True)
                done.add(ln.index)
            continue
        in_marked = any(s <= ln.start and ln.end <= e for s, e in marked)
        last = ln.index >= last_index - 1 or not prose_after.get(ln.index, True)
        # A signature block at the end: "Jane Doe | The Daily Ledger", "Jane Doe\nStaff Writer"
        if not (last and _name_line(article, ln.index, state)):
            _bio_line(ln, state, last=last, marked=in_marked)
        if ln.index not in head_set:
            _reporting_by(ln, state)
            _services(ln, state, window=True)
    for ln in article:
        if ln.index not in done:
            if _LABEL_START_RE.match(ln.text):
                _line_dates(ln, state, head=False, byline=False)
            if ln.index not in tail_set:
                _services(ln, state, window=False)
    copyrights: list[tuple[str, int | None, int, int]] = []
    for k in copyright_lines:
        c = _copyright(lines[k], state)
        if c:
            copyrights.append(c)

    prov = Provenance()
    findings: list[Finding] = []
    metad = _from_meta(meta, st) if meta else {}

    # Byline: text names in order of appearance, deduplicated; HTML metadata first for pages.
    text_names = dedupe((n for _, n, _, _ in sorted(state.names)), st.honorifics)
    first_loc = {n: (s, e) for _, n, s, e in sorted(state.names, reverse=True)}
    meta_names = dedupe(metad.get("byline", []), st.honorifics)
    if html and meta_names:
        prov.byline = meta_names
    elif text_names:
        prov.byline = text_names
        for i, n in enumerate(text_names):
            if n in first_loc:
                prov.locations["byline" if i == 0 else f"byline:{i}"] = first_loc[n]
    elif meta_names:
        prov.byline = meta_names

    # Dates.
    complete = [d for d in state.dates if d.iso and not d.partial]
    published = [d for d in complete if d.kind == "published"]
    updated = [d for d in complete if d.kind == "updated"]
    meta_date = metad.get("date")
    chosen: _DateCand | None = published[0] if published else None
    if html and meta_date:
        prov.date, prov.date_source = meta_date, "html-meta"
    elif chosen is not None:
        prov.date, prov.date_source = chosen.iso, chosen.source
        prov.locations["date"] = (chosen.start, chosen.end)
    elif meta_date:
        prov.date, prov.date_source = meta_date, "html-meta"
    if updated:
        u = next((d for d in updated if d.iso != prov.date), None)
        if u is not None:
            prov.updated = u.iso
            prov.locations["updated"] = (u.start, u.end)
    if prov.updated is None and metad.get("updated") and metad["updated"] != prov.date:
        prov.updated = metad["updated"]
    distinct: list[_DateCand] = []
    for d in published:
        if all(d.iso != x.iso for x in distinct):
            distinct.append(d)
    # On a page the metadata date is authoritative; dates in its visible text are often
    # other stories' (sidebars), so only plain text files get conflicting-dates.
    if len(distinct) > 1 and not (html and meta_date):
        a, b = distinct[0], distinct[1]
        findings.append(
            Finding(
                "conflicting-dates",
                "warning",
                f'published dates differ: {a.iso} ("{a.text}") and {b.iso} ("{b.text}")',
                start=b.start,
                end=b.end,
            )
        )
    partials = [d for d in state.dates if d.partial]
    ambiguous = [d for d in state.dates if d.ambiguous]
    if prov.date is None and partials:
        p = next((d for d in partials if d.kind == "published"), partials[0])
        prov.date_text, prov.date_partial = p.text, True
        prov.locations["date_text"] = (p.start, p.end)
        what = "day" if p.month_year else "year"
        findings.append(
            Finding(
                "ambiguous-date",
                "info",
                f'the only date, "{p.text}", has no {what}',
                start=p.start,
                end=p.end,
            )
        )
    elif prov.date is None and ambiguous:
        a = ambiguous[0]
        findings.append(
            Finding(
                "ambiguous-date",
                "info",
                f'"{a.text}" may be month/day or day/month; no date recorded',
                start=a.start,
                end=a.end,
            )
        )
    elif prov.date is None and prov.updated is None:
        findings.append(Finding("no-date", "info", "no date found"))

    # Copyright: the first notice with a year (else the first), holder as printed.
    if copyrights:
        with_year = [c for c in copyrights if c[1] is not None]
        holder, year, hs, he = (with_year or copyrights)[0]
        if holder:
            prov.copyright_holder = holder
            prov.locations["copyright_holder"] = (hs, he)
        prov.copyright_year = year
        folded = holder.casefold()
        if holder and (folded in st.wires or folded.removeprefix("the ") in st.wires):
            state.add_service(_wire_name(holder, st), hs, he)
        if year is not None and prov.date and int(prov.date[:4]) != year:
            findings.append(
                Finding(
                    "copyright-year-mismatch",
                    "info",
                    f"copyright year {year} differs from the published year {prov.date[:4]}",
                    start=hs,
                    end=he,
                )
            )

    # Outlet: dateline > byline > bio > metadata > copyright holder.
    if html and metad.get("outlet"):
        prov.outlet = metad["outlet"]  # og:site_name / publisher: the page says it outright
    elif state.outlets:
        _, name, s, e = min(state.outlets, key=lambda o: (o[0], o[2]))
        prov.outlet = name
        prov.locations["outlet"] = (s, e)
    elif metad.get("outlet"):
        prov.outlet = metad["outlet"]
    elif prov.copyright_holder:
        outlet = _CORP_SUFFIX_RE.sub("", prov.copyright_holder).strip(" ,")
        if outlet and outlet.casefold() not in st.wires:
            prov.outlet = outlet

    # Service.
    if state.services:
        name, s, e = state.services[0]
        prov.syndicated_via = name
        prov.locations["syndicated_via"] = (s, e)
        findings.append(Finding("syndicated", "info", f"names the service {name}", start=s, end=e))
    if state.credit is not None:
        prov.locations["credit"] = state.credit
    prov.locations.update(state.locations)

    if not prov.byline:
        findings.append(Finding("no-byline", "info", "no author found"))
    return prov, findings
