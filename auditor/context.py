"""What hooks receive besides documents: a plugin's context, a document view, the corpus."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .model import Document, DocumentResult, LearnedTable, Provenance, Repeat, Span


@dataclass(frozen=True)
class PluginContext:
    """A plugin's view of the run: its name, its configuration table, learned tables."""

    name: str  #: the plugin's entry-point name
    config: Mapping[str, Any] = field(default_factory=dict)  #: its table, defaults filled
    learned: Mapping[str, LearnedTable] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)  #: [output]/[policy] tables
    #: in corpus hooks, a :class:`auditor.cache.PluginCache` (``get``/``get_many``/``put`` of
    #: bytes by key) that persists across runs when the incremental cache is on; else None.
    #: It is namespaced by the plugin's name, version, source and configuration table only:
    #: key entries by the content of anything else they depend on (documents, spans).
    cache: Any = None


class CleanText:
    """A document's text with boilerplate removed, and the map back to original offsets.

    Kept segments are joined as they are; where a removed span sat between two kept
    characters that are not whitespace a newline is inserted, so words on either side of
    a removed span never fuse into one.
    """

    def __init__(self, text: str, spans: list[Span]) -> None:
        pieces: list[str] = []
        # (clean_start, original_start) of each kept segment; inserted separators map to
        # the start of the following segment.
        self._clean_starts: list[int] = []
        self._orig_starts: list[int] = []
        pos = 0
        clean_len = 0
        kept: list[tuple[int, int]] = []
        for span in sorted(spans):
            if span.start > pos:
                kept.append((pos, span.start))
            pos = max(pos, span.end)
        if pos < len(text):
            kept.append((pos, len(text)))
        for start, end in kept:
            if pieces and not pieces[-1][-1:].isspace() and not text[start : start + 1].isspace():
                pieces.append("\n")
                clean_len += 1
            self._clean_starts.append(clean_len)
            self._orig_starts.append(start)
            pieces.append(text[start:end])
            clean_len += end - start
        self.text = "".join(pieces)
        self.segments = kept

    def to_original(self, offset: int) -> int:
        """Original offset of cleaned offset `offset` (an end offset maps just past)."""
        if not self._clean_starts:
            return 0
        i = bisect.bisect_right(self._clean_starts, offset) - 1
        if i < 0:
            return self._orig_starts[0]
        return self._orig_starts[i] + (offset - self._clean_starts[i])

    def to_original_end(self, offset: int) -> int:
        """Original end offset for a cleaned end offset (maps the last char, then +1)."""
        if offset <= 0:
            return self.to_original(0)
        return self.to_original(offset - 1) + 1


@dataclass
class DocumentView:
    """A document together with its resolved boilerplate spans."""

    document: Document
    spans: list[Span]

    @cached_property
    def clean(self) -> CleanText:
        return CleanText(self.document.text, self.spans)


@dataclass
class Record:
    """One document's per-document results as corpus hooks see them."""

    document: Document
    spans: list[Span]
    provenance: Provenance
    data: Mapping[str, Any]

    @property
    def path(self) -> str:
        return self.document.path

    @cached_property
    def view(self) -> DocumentView:
        return DocumentView(self.document, self.spans)

    @classmethod
    def from_result(cls, result: DocumentResult) -> Record:
        return cls(result.document, result.spans, result.provenance, result.data)


@dataclass
class Corpus:
    """All records of a run, sorted by path, and the repeats found so far."""

    records: list[Record]
    repeats: list[Repeat] = field(default_factory=list)

    @cached_property
    def by_path(self) -> dict[str, Record]:
        return {r.path: r for r in self.records}

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)
