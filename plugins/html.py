"""Built-in reader for HTML pages: safe parse, visible text, metadata, furniture hints.

A page's document text is what a reader sees: block elements on their own lines, inline
text joined with single spaces, page furniture included so that boilerplate spans can mark
it (``kind = "html-visible"``). The reader also reports, as ``Document.meta``:

``title``, ``author`` (meta name=author), ``article:author``, ``article:published_time``,
``article:modified_time``, ``date`` (meta date / DC date / pubdate / itemprop
datePublished / the ``<time datetime>`` of the article's byline or dateline line),
``og:site_name``, ``publisher`` (meta, else JSON-LD publisher name), ``jsonld`` (the
Article/NewsArticle/BlogPosting JSON-LD object, compact JSON with sorted keys; a JSON array
when the page has several), ``rel_author`` (text of the first ``rel=author`` link) and
``canonical`` — only the keys found.

``Document.hints`` are boilerplate spans known from structure (navigation, comments,
related stories, byline/dateline lines of the article header, copyright lines, and every
block outside the detected main content). See :mod:`auditor_plugins.html_extract` for the
method and :mod:`auditor_plugins.html_decode` for the encoding rules.

Heavy imports (lxml) happen inside the functions so that importing the plugin is free.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from auditor import hookimpl
from auditor.errors import InputError
from auditor.model import ConfigField, Document

DEFAULT_SUFFIXES = [".html", ".htm", ".xhtml"]

#: Default furniture cues on class/id/role/itemprop tokens (see html_extract.compile_cues:
#: ``*`` = prefix, plurals match). Users extend them in ``[html]``.
DEFAULT_CUES: dict[str, list[str]] = {
    "dateline": ["dateline", "date*", "timestamp*", "pubdate", "published*", "posted-on"],
    "byline": ["byline*", "by-line", "author*", "writer", "contributor*", "reporter"],
    "contact": ["bio", "author-bio", "authorbio", "biography", "about-the-author", "contact*"],
    "see-also": [
        "related*",
        "recommend*",
        "more-stories",
        "more-from",
        "more-news",
        "read-more",
        "readmore",
        "also-read",
        "see-also",
        "further-reading",
        "recirc*",
        "outbrain",
        "taboola",
        "up-next",
        "next-article",
    ],
    "copyright": ["copyright*", "legal", "rights", "reprint*"],
    "syndication": ["syndication", "licensing"],
    "comments": [
        "comment*",
        "disqus*",
        "respond",
        "replies",
        "discussion*",
        "coral*",
        "viafoura",
        "livefyre",
        "openweb",
        "spot-im",
        "spotim",
    ],
    "navigation": [
        "nav",
        "navbar",
        "navigation",
        "subnav",
        "menu*",
        "breadcrumb*",
        "crumbs",
        "share*",
        "sharing",
        "social*",
        "newsletter*",
        "subscribe",
        "subscription",
        "subscription-widget",
        "signup",
        "sign-up",
        "advert*",
        "ad",
        "ads",
        "adslot",
        "ad-slot",
        "ad-container",
        "sponsor*",
        "promo*",
        "cookie*",
        "consent",
        "gdpr",
        "banner",
        "masthead",
        "topbar",
        "toolbar",
        "skip-link",
        "pagination",
        "pager",
        "tags",
        "tag-list",
        "topics",
        "most-read",
        "mostread",
        "most-popular",
        "most-viewed",
        "popular",
        "trending",
        "follow-us",
        "print",
        "site-footer",
        "site-header",
        "footer",
        "login",
        "search",
    ],
    "other": ["sidebar*", "rail", "right-rail", "widget*", "modal", "popup", "overlay"],
}
DEFAULT_CUE_EXCEPTIONS = [
    "commentary",
    "commentaries",
    "commentator*",
    "shareholder*",
    "socialis*",
    "dateline-free",
    "authority",
    "authorities",
    "menuless",
]
DEFAULT_IGNORE_CLASS_PREFIXES = [
    "has-",
    "no-",
    "with-",
    "is-",
    "tag-",
    "category-",
    "cat-",
    "topic-",
    "postid-",
    "format-",
    "status-",
    "type-",
    "page-template",
    "single-",
]

DEFAULTS: dict[str, Any] = {
    "suffixes": DEFAULT_SUFFIXES,
    "sniff": True,
    "max_bytes": 16_000_000,
    "max_depth": 200,
    "min_paragraph_chars": 70,
    "max_link_density": 0.33,
    "cue_exceptions": DEFAULT_CUE_EXCEPTIONS,
    "ignore_class_prefixes": DEFAULT_IGNORE_CLASS_PREFIXES,
    **{f"{cat.replace('-', '_')}_cues": cues for cat, cues in DEFAULT_CUES.items()},
}

_HELP = {
    "suffixes": "File-name endings (lower-cased) this reader handles.",
    "sniff": "Also read files without a known suffix that start with <!doctype html or <html.",
    "max_bytes": "Pages larger than this are refused (InputError) instead of parsed.",
    "max_depth": "Elements nested deeper than this are folded into their ancestor for "
    "classification (their text is kept).",
    "min_paragraph_chars": "A text block shorter than this never counts as article prose "
    "when locating the main content.",
    "max_link_density": "A block whose linked-text share exceeds this never counts as prose.",
    "cue_exceptions": "Class/id tokens that never count as cues (`*` = prefix), e.g. "
    "`commentary` for the `comment*` cue.",
    "ignore_class_prefixes": "Class names starting with these are ignored for cues "
    "(taxonomy and state classes such as `tag-social`, `has-comments`).",
}


@hookimpl
def auditor_register_config(register: Callable[[ConfigField], None]) -> None:
    """Declare the reader's keys (limits, suffixes, structural cue lists)."""
    for key, default in DEFAULTS.items():
        if key.endswith("_cues"):
            cat = key[: -len("_cues")].replace("_", "-")
            help_text = (
                f"Class/id/role/itemprop tokens marking `{cat}` furniture "
                "(`*` = prefix; plurals match; `a-b` = consecutive tokens)."
            )
        else:
            help_text = _HELP[key]
        kind = type(default)
        register(ConfigField(key, kind, list(default) if kind is list else default, help_text))


def _config(ctx: Any) -> dict[str, Any]:
    cfg = dict(DEFAULTS)
    config = getattr(ctx, "config", None) or {}
    for key, value in config.items():
        if value is not None:
            cfg[key] = value
    return cfg


def handles(path: str, data: bytes, cfg: dict[str, Any]) -> bool:
    """Whether this reader owns the file: by suffix, else (optionally) by sniffing."""
    name = path.rsplit("/", 1)[-1].lower()
    suffixes = tuple(str(s).lower() for s in cfg["suffixes"])
    if name.endswith(suffixes):
        return True
    if not cfg["sniff"] or "." in name.lstrip("."):
        return False
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


@hookimpl
def auditor_read(path: str, data: bytes, ctx: Any) -> Document | None:
    """Read an HTML page; None for files that are not HTML (so the text reader takes them)."""
    cfg = _config(ctx)
    if not handles(path, data, cfg):
        return None
    if len(data) > int(cfg["max_bytes"]):
        raise InputError(
            f"HTML page of {len(data)} bytes exceeds the html reader's max_bytes "
            f"({int(cfg['max_bytes'])})"
        )
    from .html_decode import decode_html
    from .html_extract import extract, settings_from

    source, encoding = decode_html(data)
    result = extract(source, settings_from(cfg, DEFAULTS))
    return Document(
        path=path,
        text=result.text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        kind="html-visible",
        meta=result.meta,
        size=len(data),
        hints=result.hints,
    )
