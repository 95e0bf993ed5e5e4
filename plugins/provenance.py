"""Built-in plugin ``provenance``: what a file says about itself, and what copies drop.

Per document (``auditor_analyze``) it reads the byline, outlet, publication and update dates,
copyright line and the wire or licensing service a file names, and registers one
:class:`~auditor.model.Provenance` plus the per-file findings (``no-byline``, ``no-date``,
``ambiguous-date``, ``conflicting-dates``, ``copyright-year-mismatch``, ``syndicated``).
Across the corpus (``auditor_corpus_check``) it compares each copy with its origin:
``attribution-dropped`` and ``byline-mismatch``.

Bylines and datelines are boilerplate, so everything is read from the document's full text
(and the HTML reader's ``meta``), never from the cleaned text. Where we look is as important
as what we match: publication dates only in the first lines or after an explicit label,
bylines in the head or as author bios/contact lines in the tail, so a date or a capitalised
phrase inside the article body never becomes provenance. Precision first: an empty byline
is better than a wrong one. Extraction itself lives in :mod:`.provenance_extract`.

Locations other plugins may read (``Provenance.locations``, (start, end) offsets into the
document text):

* ``"credit"``: the outlet a file credits as first publisher ("This article originally
  appeared on X", "first published by X"); not a service, so not in ``syndicated_via``;
* ``"service_notice"``: a licensing/syndication notice naming a service ("licensing
  agreement with Acquire Media", "Distributed by X"), the kind of notice only a copy carries;
* ``"wire_credit"``: a wire named as the story's source ("WASHINGTON (AP) —", "By Reuters",
  "Copyright 2019 The Associated Press"), which the wire's own original carries too;
* ``"syndicated_via"`` (whichever of the two came first), ``"byline"``, ``"byline:1"``…,
  ``"outlet"``, ``"date"``, ``"updated"``, ``"date_text"``, ``"copyright_holder"``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from auditor import hookimpl
from auditor.model import ConfigField, Finding

from .provenance_cues import DEFAULTS, HELP

__all__ = ["auditor_analyze", "auditor_corpus_check", "auditor_register_config"]


@hookimpl
def auditor_register_config(register: Callable[[ConfigField], None]) -> None:
    """Declare the cue lists and windows (defaults in :mod:`.provenance_extract`)."""
    for key, default in DEFAULTS.items():
        kind: type | tuple[type, ...] = type(default)
        if isinstance(default, list):
            kind = list
        register(ConfigField(key, kind, default, HELP[key]))


@hookimpl
def auditor_analyze(view: Any, ctx: Any, register: Callable[[Any], None]) -> None:
    """Register the document's Provenance and its per-file findings."""
    from .provenance_extract import extract, settings_from  # regexes compile on first use

    doc = view.document
    settings = settings_from(getattr(ctx, "config", None) or {})
    prov, findings = extract(doc.text, doc.meta or {}, list(view.spans or ()), doc.kind, settings)
    register(prov)
    for f in findings:
        register(f)


def _credits(names: list[str], honorifics: tuple[str, ...]) -> list[frozenset[str]]:
    from .provenance_names import name_key

    return [k for k in (name_key(n, honorifics) for n in names) if k]


def _covered(a: list[frozenset[str]], b: list[frozenset[str]]) -> bool:
    """Every name of `a` is some name of `b` (one name's tokens within the other's)."""
    return all(any(x <= y or y <= x for y in b) for x in a)


@hookimpl
def auditor_corpus_check(corpus: Any, ctx: Any, register: Callable[[Any], None]) -> None:
    """attribution-dropped / byline-mismatch on every copy-of repeat (quotes never count)."""
    from .provenance_extract import settings_from
    from .provenance_names import join_names

    settings = settings_from(getattr(ctx, "config", None) or {})
    honorifics = settings.honorifics
    by_path = corpus.by_path
    seen: set[tuple[str, str]] = set()
    for rep in sorted(corpus.repeats, key=lambda r: (r.path, r.other, r.relation)):
        if rep.relation != "copy-of" or (rep.path, rep.other) in seen:
            continue
        seen.add((rep.path, rep.other))
        copy, origin = by_path.get(rep.path), by_path.get(rep.other)
        if copy is None or origin is None:
            continue
        theirs = list(origin.provenance.byline or [])
        mine = list(copy.provenance.byline or [])
        if not theirs:
            continue
        if not mine:
            register(
                Finding(
                    "attribution-dropped",
                    "error",
                    f"repeats {rep.other}, which credits {join_names(theirs)}, "
                    "but credits no author",
                    other=rep.other,
                    path=rep.path,
                )
            )
            continue
        kt, km = _credits(theirs, honorifics), _credits(mine, honorifics)
        if kt and km and not (_covered(kt, km) or _covered(km, kt)):
            loc = copy.provenance.locations.get("byline")
            register(
                Finding(
                    "byline-mismatch",
                    "warning",
                    f"repeats {rep.other}, which credits {join_names(theirs)}, "
                    f"but credits {join_names(mine)}",
                    other=rep.other,
                    path=rep.path,
                    start=loc[0] if loc else None,
                    end=loc[1] if loc else None,
                )
            )
