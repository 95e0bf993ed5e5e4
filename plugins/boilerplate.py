"""Built-in plugin ``boilerplate``: marks the parts of a document that are not its article.

Two sources of evidence, both general rather than tuned to any outlet:

* a classifier over lines and paragraphs (:mod:`auditor_plugins.boilerplate_rules`) driven
  by cue lists that are configuration data (:mod:`auditor_plugins.boilerplate_cues`), by
  structure (line length, e-mail/URL density, label shape) and by position (head and tail
  zones, comment sections after the article);
* lines learned from the corpus (:mod:`auditor_plugins.boilerplate_learn`): verbatim lines
  recurring across many unrelated files, which catches footers and pitches no rule names.

Spans never overlap each other and cover whole units (with their line breaks) or the
lead-in prefix of the first paragraph.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from auditor import hookimpl
from auditor.model import ConfigField, Document, Span

from .boilerplate_cues import (
    AUTHOR_ROLES,
    CUES,
    DATE_LABELS,
    NAV_WORDS,
    OUTLET_WORDS,
    WIRE_AGENCIES,
)
from .boilerplate_learn import learn, learned_set, line_digest
from .boilerplate_rules import (
    CATEGORY_ORDER,
    COMMENT_HEADERS,
    COMMENT_HEADERS_WEAK,
    KINDS,
    Rules,
    build_rules,
    classify,
    cue_key,
)

_KIND_HELP = {
    "whole": "the whole line (bullets and end punctuation aside) is the cue; marked anywhere",
    "start": "the line starts with the cue and is a short label line; marked anywhere",
    "contains": "the cue appears anywhere in the line; marked at the head or tail of the "
    "article (navigation and copyright cues also in short lines anywhere)",
}


def config_fields() -> list[ConfigField]:
    """Every configuration key of the plugin, with its default."""
    fields = [
        ConfigField(
            cue_key(cat, kind),
            list,
            list(CUES[cat][kind]),
            f"Regular expressions (case-insensitive) for category `{cat}`: {_KIND_HELP[kind]}.",
        )
        for cat in CATEGORY_ORDER
        for kind in KINDS
    ]
    fields += [
        ConfigField(
            "extra_cues",
            list,
            [],
            "Cues added to the defaults, as `category:kind:regex` "
            "(kind is whole, start or contains).",
        ),
        ConfigField(
            "comment_headers",
            list,
            list(COMMENT_HEADERS),
            "Whole-line regexes that open a comment section (after the article, to the end).",
        ),
        ConfigField(
            "comment_headers_weak",
            list,
            list(COMMENT_HEADERS_WEAK),
            "Whole-line regexes that open a comment section only when reader posts follow.",
        ),
        ConfigField(
            "wire_agencies",
            list,
            list(WIRE_AGENCIES),
            "Agency names recognised in dateline lead-ins such as `WASHINGTON (AP) —`.",
        ),
        ConfigField(
            "date_labels",
            list,
            list(DATE_LABELS),
            "Words that may label a date line (`Published:`, `Updated`).",
        ),
        ConfigField(
            "author_roles",
            list,
            list(AUTHOR_ROLES),
            "Role words that make a name line a byline and a closing `X is a …` an author bio.",
        ),
        ConfigField(
            "outlet_words",
            list,
            list(OUTLET_WORDS),
            "Last words of outlet names: a short line ending in one above the headline is a masthead.",
        ),
        ConfigField(
            "nav_words",
            list,
            list(NAV_WORDS),
            "Site-section words: a short line made mostly of them is a flattened menu.",
        ),
        ConfigField("max_label_chars", int, 300, "Longest line a `start` cue may label."),
        ConfigField(
            "head_units", int, 8, "At most this many lines before the article count as head."
        ),
        ConfigField("body_min_words", int, 12, "Words a paragraph needs to count as article text."),
        ConfigField(
            "menu_min_items",
            int,
            4,
            "Consecutive one-to-three-word lines before or after the article that form a menu.",
        ),
        ConfigField("learn", bool, True, "Learn lines recurring across unrelated files."),
        ConfigField("learn_min_docs", int, 5, "Files a line must recur in to be learned."),
        ConfigField("learn_min_chars", int, 8, "Shortest normalised line that is counted."),
        ConfigField("learn_max_chars", int, 400, "Longest line that is counted (longer: prose)."),
        ConfigField(
            "learn_max_shared",
            float,
            0.5,
            "Files sharing more than this share of their text are related (syndicated copies); "
            "a line recurring mostly in related files is not learned.",
        ),
        ConfigField("learn_sample", int, 12, "Files sampled per recurring line to test that."),
        ConfigField(
            "learned_max_words",
            int,
            12,
            "Longest learned line (words) marked in the middle of the article.",
        ),
    ]
    return fields


_RULES: dict[tuple[Any, ...], Rules] = {}


def rules_for(config: Mapping[str, Any]) -> Rules:
    """Compiled rules for a configuration, cached by its (hashable) content."""
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in config.items()))
    try:
        got = _RULES.get(key)
    except TypeError:
        return build_rules(config)
    if got is None:
        if len(_RULES) > 16:
            _RULES.clear()
        got = build_rules(config)
        _RULES[key] = got
    return got


@hookimpl
def auditor_register_config(register: Callable[[ConfigField], None]) -> None:
    for f in config_fields():
        register(f)


@hookimpl
def auditor_corpus_learn(documents: Any, ctx: Any, register: Callable[[Any], None]) -> None:
    if not ctx.config.get("learn", True):
        return
    register(learn(list(documents), ctx.config, getattr(ctx, "cache", None)))


def find_spans(text: str, config: Mapping[str, Any], table: Any = None) -> list[Span]:
    """The boilerplate spans of `text` (usable without the engine)."""
    learned = learned_set(table)
    lookup = (lambda norm: line_digest(norm) in learned) if learned else None
    return [
        Span(d.start, d.end, d.category, d.reason)
        for d in classify(text, rules_for(config), lookup)
    ]


@hookimpl
def auditor_boilerplate(document: Document, ctx: Any, register: Callable[[Any], None]) -> None:
    table = ctx.learned.get(ctx.name) if ctx.learned else None
    for span in find_spans(document.text, ctx.config, table):
        register(span)
