"""Which of two files sharing text is the origin: evidence from what each file says about itself.

Evidence, each a vote for one side being the origin:

* **date** — the earlier published date (``record.provenance.date``, "YYYY-MM-DD"); strong.
* **notice** — a syndication/licensing notice only one side carries (``syndicated_via`` or a
  boilerplate span of category "syndication"); the side with the notice is the copy; strong.
  When *both* carry one they are most likely copies of a third source, and a date alone then
  decides nothing.
* **credit** — a credit line of one side (syndication span, the provenance plugin's "credit"
  location, or an "originally appeared in …" style line) naming the other side's outlet;
  the crediting side is the copy; strongest.
* **byline** — the origin usually keeps its author, copies often drop it; weak, it only adds
  to a decision other evidence already made.

A copy must repeat at least half of its own shingles (containment >= 0.5): a story quoting
two paragraphs of another is never its copy, whatever the dates say.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from typing import Any

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

DEFAULT_CREDIT_CUES = [
    "originally appeared",
    "originally published",
    "first appeared",
    "first published",
    "reprinted from",
    "reprinted with permission",
    "republished",
    "republished from",
    "courtesy of",
    "appeared first",
    "this story was",
    "this article was",
    "distributed by",
    "source:",
]


@dataclass
class Side:
    """What the relation decision needs to know about one file."""

    path: str
    date: str | None
    outlet: str | None
    names: list[str]  #: case-folded names a credit may use for this file's outlet
    byline: bool
    notice: str | None  #: the service named, or "notice" for an unnamed one; None when none
    credit_text: str  #: case-folded text of the file's credit/syndication lines


@dataclass
class Decision:
    """origin is 0 (first side), 1 (second side) or None; reasons explain the vote."""

    origin: int | None
    reasons: list[str] = field(default_factory=list)
    basis: set[str] = field(default_factory=set)


def side_of(record: Any, credit_cues: list[str]) -> Side:
    """Collect the evidence of one corpus record (never raises on odd provenance)."""
    prov = record.provenance
    text: str = record.document.text
    date = prov.date if isinstance(prov.date, str) and _DATE.match(prov.date) else None
    notice = None
    locs = getattr(prov, "locations", None) or {}
    # A licensing notice marks a copy; a wire named in an origin's own dateline ("(AP)",
    # "CITY (Metro Wire) —", recorded as "wire_credit") does not.
    has_syndication_span = any(sp.category == "syndication" for sp in record.spans)
    if prov.syndicated_via and ("service_notice" in locs or has_syndication_span):
        notice = str(prov.syndicated_via)
    pieces: list[str] = []
    for span in record.spans:
        if span.category == "syndication":
            notice = notice or "notice"
            pieces.append(text[span.start : span.end])
    for key in ("credit", "syndicated_via"):
        loc = locs.get(key)
        if isinstance(loc, (tuple, list)) and len(loc) == 2:
            with contextlib.suppress(TypeError, ValueError):
                pieces.append(text[int(loc[0]) : int(loc[1])])
    cues = [c.casefold() for c in credit_cues if c]
    # readers' comments may name any outlet; their lines are no credit
    # (positions are compared in the case-folded text: only when folding keeps offsets)
    comments = [(sp.start, sp.end) for sp in record.spans if sp.category == "comments"]
    if not _folds_evenly(text):
        comments = []
    if cues:
        folded = text.casefold()
        for cue in cues:
            start = 0
            while True:
                k = folded.find(cue, start)
                if k < 0:
                    break
                ls = folded.rfind("\n", 0, k) + 1
                le = folded.find("\n", k)
                le = len(folded) if le < 0 else le
                in_comments = any(a <= k < b for a, b in comments)
                if le - ls <= 400 and not in_comments:  # a line, not a paragraph using the word
                    pieces.append(folded[ls:le])
                start = k + len(cue)
    outlet = prov.outlet if isinstance(prov.outlet, str) and prov.outlet.strip() else None
    return Side(
        path=record.path,
        date=date,
        outlet=outlet,
        names=_names(outlet, prov.copyright_holder),
        byline=bool(prov.byline),
        notice=notice,
        credit_text=" ".join(pieces).casefold(),
    )


def _folds_evenly(text: str) -> bool:
    """Whether case folding keeps every offset (true of nearly all text)."""
    return text.isascii() or len(text.casefold()) == len(text)


_CORPORATE = re.compile(
    r"[,\s]+(llc|l\.l\.c\.|inc\.?|ltd\.?|limited|plc|corp\.?|co\.|gmbh|s\.a\.|"
    r"media group|group|company|newspapers?)$"
)


def _names(outlet: str | None, holder: Any) -> list[str]:
    """Ways a credit may name an outlet: as given, without "The", without a corporate suffix."""
    out: list[str] = []
    for raw in (outlet, holder if isinstance(holder, str) else None):
        if not raw:
            continue
        name = " ".join(raw.casefold().split())
        for _ in range(2):
            name = _CORPORATE.sub("", name).strip(" ,.")
        if name.startswith("the "):
            name = name[4:]
        if len(name) >= 3 and name not in out:
            out.append(name)
            squeezed = re.sub(r"\W+", "", name)
            if squeezed != name and len(squeezed) >= 6:
                out.append(squeezed)  # "washingtontimes.com"
    return out


def _credits(copy: Side, origin: Side) -> str | None:
    """The name of `origin`'s outlet that a credit line of `copy` uses, if any."""
    own = set(copy.names)
    for name in origin.names:
        if name in own:
            continue
        if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", copy.credit_text):
            return name if origin.outlet is None else origin.outlet
        squeezed = re.sub(r"\W+", "", copy.credit_text)
        if name.isalnum() and len(name) >= 6 and name in squeezed:
            return name if origin.outlet is None else origin.outlet
    return None


def _named(notice: str | None) -> str:
    return f" ({notice})" if notice and notice != "notice" else ""


def decide(a: Side, b: Side) -> Decision:
    """Weigh the evidence; a positive score makes `a` the origin."""
    score = 0.0
    reasons: list[str] = []
    basis: set[str] = set()
    credit = _credits(b, a)
    if credit:
        score += 2
        reasons.append(f"{b.path} credits {credit}")
        basis.add("credit")
    credit = _credits(a, b)
    if credit:
        score -= 2
        reasons.append(f"{a.path} credits {credit}")
        basis.add("credit")
    if a.notice and not b.notice:
        score -= 1
        reasons.append(f"only {a.path} carries a syndication notice{_named(a.notice)}")
        basis.add("notice")
    elif b.notice and not a.notice:
        score += 1
        reasons.append(f"only {b.path} carries a syndication notice{_named(b.notice)}")
        basis.add("notice")
    both_notices = bool(a.notice and b.notice)
    if a.date and b.date and a.date != b.date:
        earlier, later = (a, b) if a.date < b.date else (b, a)
        if both_notices and "credit" not in basis:
            reasons.append(
                "both carry syndication notices: copies of a third source, dates do not decide"
            )
        else:
            score += 1 if earlier is a else -1
            reasons.append(f"{earlier.path} is dated {earlier.date}, {later.path} {later.date}")
            basis.add("date")
    elif a.date and b.date:
        reasons.append(f"both are dated {a.date}")
    if score != 0 and a.byline != b.byline:
        with_byline = a if a.byline else b
        if (score > 0) == (with_byline is a):
            score += 0.5 if score > 0 else -0.5
            reasons.append(f"only {with_byline.path} names an author")
    if score >= 1:
        return Decision(0, reasons, basis)
    if score <= -1:
        return Decision(1, reasons, basis)
    if not reasons:
        reasons.append("no date, notice or credit tells which came first")
    return Decision(None, reasons, basis)
