"""Plain dataclasses that cross the boundary between the engine and plugins.

Everything here is picklable (worker processes ship it back and forth) and carries no
behaviour beyond small derived helpers, so plugins can be tested without the engine.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

SEVERITIES = ("info", "warning", "error")
CATEGORIES = (
    "dateline",
    "byline",
    "contact",
    "see-also",
    "copyright",
    "syndication",
    "comments",
    "navigation",
    "other",
)
RELATIONS = ("copy-of", "source-of", "shares-passages")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps code-point offsets to 1-based line numbers (breaks at \\r\\n, \\r, \\n)."""

    def __init__(self, text: str) -> None:
        # Start offset of every line after the first.
        self._starts = [m.end() for m in _LINE_BREAK.finditer(text)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset) + 1

    def column_of(self, offset: int) -> int:
        """1-based column (in code points) of `offset` on its line."""
        i = bisect.bisect_right(self._starts, offset)
        return offset - (self._starts[i - 1] if i else 0) + 1

    def lines(self, start: int, end: int) -> list[int]:
        """The audit's `lines` pair for the half-open span [start, end)."""
        return [self.line_of(start), self.line_of(max(start, end - 1))]


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range of a document's text that is not the article itself."""

    start: int
    end: int
    category: str
    reason: str = ""  #: why the plugin marked it (cue, rule, learned line); not written to audits


@dataclass
class Document:
    """A decoded file: the text every offset in its audit indexes."""

    path: str  #: POSIX path relative to the audited root(s)
    text: str
    sha256: str  #: of the raw bytes
    encoding: str  #: Python codec name the text was decoded with
    kind: str = "source"  #: "source" or "html-visible"
    meta: dict[str, str] = field(default_factory=dict)  #: reader metadata (HTML meta tags, …)
    size: int = 0  #: raw size in bytes
    #: boilerplate spans the reader already knows from structure (HTML nav, footer, comments);
    #: the engine adds them to the spans plugins register
    hints: list[Span] = field(default_factory=list)
    #: set only for a file over the size limit, whose text is not kept: its decoded length
    #: and the sha256 of its UTF-8 text, so that its audit still describes it exactly
    chars: int | None = None
    text_sha256: str | None = None

    @cached_property
    def line_index(self) -> LineIndex:
        return LineIndex(self.text)

    def __getstate__(self) -> dict[str, Any]:
        # Do not pickle the cached line index; it is cheap to rebuild.
        state = dict(self.__dict__)
        state.pop("line_index", None)
        return state


@dataclass
class Finding:
    """Something an audit reports; `code` is standard or prefixed with the plugin's name."""

    code: str
    severity: str
    message: str
    other: str | None = None
    start: int | None = None
    end: int | None = None
    plugin: str = ""  #: filled by the engine with the registering plugin's entry-point name
    path: str = (
        ""  #: the file the finding is on; corpus hooks must set it, the engine does elsewhere
    )

    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.code,
            -1 if self.start is None else self.start,
            self.other or "",
            self.message,
        )


@dataclass
class Passage:
    """One maximal shared passage between this file (start/end) and the other file."""

    start: int
    end: int
    other_start: int
    other_end: int
    words: int


@dataclass
class Repeat:
    """What `path` shares with `other`, seen from `path`'s side."""

    path: str
    other: str
    relation: str
    similarity: float
    containment: float
    passages: list[Passage] = field(default_factory=list)
    reason: str = ""  #: why this relation was chosen (used in finding messages)


@dataclass
class Provenance:
    """What a file says about itself; None/empty means unknown."""

    byline: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: str | None = None
    date_source: str | None = None
    updated: str | None = None
    date_text: str | None = None
    date_partial: bool | None = None
    copyright_holder: str | None = None
    copyright_year: int | None = None
    syndicated_via: str | None = None
    #: where each field was found, as (start, end) offsets; not written to audits
    locations: dict[str, tuple[int, int]] = field(default_factory=dict)

    def merge(self, other: Provenance) -> None:
        """Fill the fields this one lacks from `other` (the first plugin to say wins)."""
        for f in fields(self):
            if f.name == "locations":
                for k, v in other.locations.items():
                    self.locations.setdefault(k, v)
                continue
            mine = getattr(self, f.name)
            if mine in (None, []) and getattr(other, f.name) not in (None, []):
                setattr(self, f.name, getattr(other, f.name))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"byline": list(self.byline)}
        for f in fields(self):
            if f.name in ("byline", "locations"):
                continue
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = value
        return out


@dataclass
class Data:
    """A plugin's own per-document payload (signatures, features), kept for its corpus hooks."""

    value: Any


@dataclass
class LearnedTable:
    """A corpus-learned table; its `digest` joins the cache key of everything downstream."""

    version: str
    digest: str
    payload: Any


@dataclass
class ConfigField:
    """One key of a plugin's configuration table."""

    key: str
    type: type | tuple[type, ...]
    default: Any
    help: str


@dataclass
class Command:
    """A CLI sub-command contributed by a plugin."""

    name: str
    help: str
    configure: Any  #: callable(argparse.ArgumentParser) -> None
    run: Any  #: callable(argparse.Namespace) -> int (the exit code)


@dataclass
class DocumentResult:
    """Everything the per-document hooks found for one file."""

    document: Document
    spans: list[Span] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)
    findings: list[Finding] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)  #: plugin name -> Data.value


@dataclass
class Audit:
    """The assembled audit of one file, as written (see AUDIT_FORMAT.md)."""

    document: Document
    provenance: Provenance
    boilerplate: list[Span]
    repeats: list[Repeat]
    findings: list[Finding]
