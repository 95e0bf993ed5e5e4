"""Visible text, metadata and page-furniture hints from one HTML page.

Three steps, all bounded in time and memory:

1. **Parse** with libxml2's HTML parser through lxml, configured to be inert: no network,
   no DTD loading, no entity expansion (the HTML parser never expands internal-subset
   entities; the internal subset itself is cut away first so it cannot leak into the
   text), no huge trees (libxml2 then caps nesting depth), comments and processing
   instructions dropped. XHTML goes through the same parser, so ``resolve_entities`` is
   never in play.
2. **Walk** the tree iteratively (``lxml.etree.iterwalk``; no recursion, so depth cannot
   overflow the stack) producing *blocks*: one line of visible text per run of inline
   content between block-level boundaries, whitespace collapsed as a browser would.
   Scripts, styles, templates, ``<head>`` and hidden elements are skipped.
3. **Classify** blocks. Structure gives strong cues (``<nav>``, ``<footer>``, class/id/role
   tokens such as ``comments``, ``share``, ``related``). The article itself is found with a
   maximum-subtree score: every block weighs +length when it looks like prose (long, few
   links, sentence punctuation) and -length when it looks like furniture (link-dense or
   under a furniture cue); the element whose subtree sums highest is the main content.
   This is the idea of Arc90 Readability's candidate scoring and of jusText's
   good/bad paragraph classes (Pomikálek, 2011), reduced to one linear pass. Two context
   rules keep prose-like furniture out: a short prose block sandwiched by linked headlines
   is a teaser summary, and three or more same-class siblings that each carry a link line
   are a list of posts or cards (comment threads, "more stories") — both cue-free, so they
   work on hashed class names. A short article split by in-text link boxes is widened to
   its parent when that adds prose cheaply. Blocks outside the main element, and cued or
   link-dense blocks inside it, become boilerplate hints; the headline just before the
   main element is kept as article text, and the header lines between it and the body are
   checked for a byline (the page's declared author, "By …", rel=author) and a dateline.

Everything is deterministic: lists in document order, no set iteration reaching output.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from auditor.errors import InputError
from auditor.model import CATEGORIES, Span

#: Elements whose start and end break the line.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
        "noframes",
        "option",
        "optgroup",
    ]
)
#: Elements never rendered as text (or whose text is not the page's).
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "audio",
        "video",
        "source",
        "track",
        "select",
        "datalist",
        "param",
        "map",
        "area",
        "frame",
        "frameset",
    ]
)
#: Inline elements a browser separates with white space (table cells, images, inputs).
SPACED_TAGS = frozenset(["td", "th", "img", "input", "button", "label"])
CELL_TAGS = frozenset(["td", "th"])
_CELL_BLOCKERS = ("p", "div", "br", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6")
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
#: Elements whose class/id never mark furniture: the page wrappers and the article itself.
EXEMPT_TAGS = frozenset(["html", "body", "main", "article"])
#: Structural tags and the category their text gets when it lies outside the article.
STRUCTURAL = {"nav": "navigation", "header": "navigation", "footer": "navigation", "aside": "other"}

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_DOCTYPE_OPEN = re.compile(rb"<!DOCTYPE[^\[>]{0,1000}\[", re.IGNORECASE)
_SUBSET_CLOSE = re.compile(rb"\]\s*>")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\s|$)")
_WORD = re.compile(r"\w+")
_COPYRIGHT = re.compile(
    r"©|&copy;|\(c\)\s*\d{4}|\bcopyright\b\s*(?:©|\(c\)|\d{4})|\ball rights reserved\b",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_TEXT = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+"
    + _MONTH
    + r",?\s+\d{4}|"
    + _MONTH
    + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b",
    re.IGNORECASE,
)
_BYLINE_TEXT = re.compile(
    r"^\s*(?:by|written by|posted by|words by|von|par|por)\s+\S", re.IGNORECASE
)
_CATEGORY_ORDER = CATEGORIES  # the precedence order of AUDIT_FORMAT.md
#: Meta names that carry the published date, in order of preference.
DATE_META_NAMES = (
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "article.published",
    "sailthru.date",
    "parsely-pub-date",
)
ARTICLE_TYPES = frozenset(
    [
        "Article",
        "NewsArticle",
        "BlogPosting",
        "ReportageNewsArticle",
        "OpinionNewsArticle",
        "AnalysisNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "LiveBlogPosting",
        "ScholarlyArticle",
        "TechArticle",
        "Report",
        "SocialMediaPosting",
    ]
)
MAX_META_CHARS = 2000
#: Only this much of a class/id value is looked at (bounds the cue memo's memory).
MAX_CUE_ATTR = 300
MAX_JSONLD_CHARS = 200_000


@dataclass(frozen=True)
class Settings:
    """The knobs of the extractor; built from the plugin's configuration table."""

    max_depth: int = 200
    min_paragraph_chars: int = 70
    max_link_density: float = 0.33
    link_dense: float = 0.6
    header_blocks: int = 12
    short_line_chars: int = 120
    cues: tuple[tuple[str, tuple[str, ...]], ...] = ()
    cue_exceptions: tuple[str, ...] = ()
    ignore_class_prefixes: tuple[str, ...] = ()


@dataclass(eq=False)
class Node:
    """One element as the classifier sees it (only down to ``max_depth``)."""

    tag: str
    parent: Node | None
    cats: tuple[str, ...]  #: furniture categories its class/id/role name
    exempt: bool
    index: int
    good: float = 0.0  #: prose characters in the subtree, cues ignored
    clean: float = 0.0  #: prose characters in the subtree outside furniture cues
    score: float = 0.0  #: the main-content score of the subtree
    first_block: int = -1
    last_block: int = -1
    active: bool = True  #: whether its cue still counts (see the majority rule)
    sig: str = ""  #: tag and class, to recognise repeated sibling items
    item: str = ""  #: when one of a list of posts/cards: its category guess


@dataclass(eq=False)
class Block:
    """One output line: the text of a run of inline content, and what the classifier needs."""

    text: str
    owner: Node
    link_density: float
    heading: str
    times: list[str] = field(default_factory=list)
    author_link: bool = False
    start: int = 0
    end: int = 0
    good: bool = False


@dataclass
class Extraction:
    """What :func:`extract` returns."""

    text: str
    meta: dict[str, str]
    hints: list[Span]
    blocks: list[Block]
    main: tuple[int, int] | None  #: block index range [first, last] of the article region


def collapse(text: str) -> str:
    """Browser-style white-space collapsing (NBSP included), control characters dropped."""
    if not text:
        return ""
    return " ".join(_CONTROL_CHARS.sub("", text).split())


# ---------------------------------------------------------------------------------------
# Cue matching on class / id / role / itemprop tokens


@lru_cache(maxsize=32)
def compile_cues(
    cues: tuple[tuple[str, tuple[str, ...]], ...], exceptions: tuple[str, ...]
) -> tuple[tuple[tuple[str, re.Pattern[str]], ...], re.Pattern[str] | None]:
    """Regexes over a space-joined token string, one per category.

    A cue is one or more tokens separated by ``-`` or spaces (``most-read``); a trailing
    ``*`` makes the last token a prefix (``comment*`` matches ``comments``, ``commentlist``);
    a plain token also matches its plural.
    """

    def cue_pattern(cue: str) -> str | None:
        cue = cue.strip().lower()
        prefix = cue.endswith("*")
        words = [w for w in _NON_ALNUM.split(cue.rstrip("*")) if w]
        if not words:
            return None
        body = " ".join(re.escape(w) for w in words)
        return body + ("[a-z0-9]*" if prefix else "(?:s|es)?")

    compiled: list[tuple[str, re.Pattern[str]]] = []
    for category, words in cues:
        alts = [p for p in (cue_pattern(c) for c in words) if p]
        if alts:
            compiled.append(
                (category, re.compile(r"(?<![a-z0-9])(?:" + "|".join(alts) + r")(?![a-z0-9])"))
            )
    exc_alts = [p for p in (cue_pattern(c) for c in exceptions) if p]
    exc = re.compile(r"(?:" + "|".join(exc_alts) + r")\Z") if exc_alts else None
    return tuple(compiled), exc


def tokens_of(values: Sequence[str], ignore_prefixes: tuple[str, ...]) -> list[str]:
    """Lower-case word tokens of attribute values; camelCase split; taxonomy classes dropped."""
    out: list[str] = []
    for value in values:
        for entry in value.split():
            if ignore_prefixes and entry.lower().startswith(ignore_prefixes):
                continue
            out.extend(t for t in _NON_ALNUM.split(_CAMEL.sub(r"\1 \2", entry).lower()) if t)
    return out


class CueMatcher:
    """Maps an element's attribute tokens to furniture categories (memoised per string)."""

    def __init__(self, settings: Settings) -> None:
        self.patterns, self.exceptions = compile_cues(settings.cues, settings.cue_exceptions)
        self.ignore = settings.ignore_class_prefixes
        self.memo: dict[tuple[str, ...], tuple[str, ...]] = {}

    def categories(self, values: tuple[str, ...]) -> tuple[str, ...]:
        hit = self.memo.get(values)
        if hit is not None:
            return hit
        toks = tokens_of(values, self.ignore)
        if self.exceptions is not None:
            toks = [t for t in toks if not self.exceptions.match(t)]
        joined = " ".join(toks)
        cats: tuple[str, ...] = ()
        if joined:
            found = [cat for cat, pat in self.patterns if pat.search(joined)]
            cats = tuple(c for c in _CATEGORY_ORDER if c in found) + tuple(
                c for c in found if c not in _CATEGORY_ORDER
            )
        if len(self.memo) < 20000:
            self.memo[values] = cats
        return cats


@lru_cache(maxsize=8)
def matcher_for(settings: Settings) -> CueMatcher:
    """One matcher (and memo) per configuration, shared by the documents of a process."""
    return CueMatcher(settings)


# ---------------------------------------------------------------------------------------
# Parsing


def parse(text: str) -> Any:
    """Parse decoded HTML into an lxml root element, inertly. Returns None for empty pages."""
    import lxml.etree as etree

    raw = text.encode("utf-8", "surrogatepass")
    # An internal DTD subset is never interpreted by the HTML parser, but its text would
    # otherwise surface as visible text ("]>"); cut it out before parsing.
    raw = _strip_internal_subset(raw)
    # The plain etree parser (not lxml.html's) avoids a Python class lookup per element.
    parser = etree.HTMLParser(
        encoding="utf-8",
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        recover=True,
        compact=True,
        default_doctype=False,
        collect_ids=False,
    )
    if not raw.strip():
        return None
    try:
        root = etree.fromstring(raw, parser=parser)
    except (etree.XMLSyntaxError, etree.ParserError, ValueError) as exc:
        raise InputError(f"unparseable HTML ({str(exc).splitlines()[0][:120]})") from None
    return root


def _strip_internal_subset(raw: bytes) -> bytes:
    """Remove a leading ``<!DOCTYPE x [ ... ]>`` internal subset (one linear scan)."""
    m = _DOCTYPE_OPEN.search(raw, 0, 4096)
    if m is None:
        return raw
    end = _SUBSET_CLOSE.search(raw, m.end())
    if end is None:
        return raw[: m.start()]  # an unterminated subset swallows the rest, as in XML
    return raw[: m.start()] + raw[end.end() :]


def _tag_name(el: Any) -> str | None:
    tag = el.tag
    if not isinstance(tag, str):
        return None
    if "}" in tag:
        tag = tag.rsplit("}", 1)[1]
    return tag.lower()


def _is_hidden(attrs: Mapping[str, str]) -> bool:
    if "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


_CUE_ATTRS = ("class", "id", "role", "itemprop", "data-testid", "data-component", "rel")


# ---------------------------------------------------------------------------------------
# Walking


def walk(root: Any, settings: Settings, matcher: CueMatcher) -> tuple[list[Block], list[Node]]:
    """Visible-text blocks in document order, and the element records they hang from."""
    import lxml.etree as etree

    blocks: list[Block] = []
    nodes: list[Node] = []
    top = Node("#root", None, (), True, 0)
    nodes.append(top)
    pieces: list[tuple[str, bool]] = []
    times: list[str] = []
    author_link = [False]
    # One frame per open element: (node it maps to, is block, skipped, is link, heading, pre)
    frames: list[tuple[Node, bool, bool, bool, str, bool, str]] = []
    # "closed" is set when an element ends with no tail text: if the next thing is another
    # element's start, the two boxes are separated by a space (``<a>Home</a><a>News</a>``
    # is "Home News", as CSS-styled menus render), while ``<span>T</span>he`` stays "The".
    state = {"links": 0, "pre": 0, "closed": 0}
    headings: list[str] = []

    def current() -> Node:
        return frames[-1][0] if frames else top

    def flush() -> None:
        if not pieces:
            return
        raw = "".join(p for p, _ in pieces)
        text = collapse(raw)
        if text:
            total = sum(len(p) - p.count(" ") for p, _ in pieces)
            linked = sum(len(p) - p.count(" ") for p, link in pieces if link)
            ld = (linked / total) if total else 0.0
            blocks.append(
                Block(
                    text,
                    current(),
                    min(1.0, ld),
                    headings[-1] if headings else "",
                    list(times),
                    author_link[0],
                )
            )
        pieces.clear()
        times.clear()
        author_link[0] = False

    def add(text: str | None) -> None:
        if not text:
            return
        state["closed"] = 0
        if state["pre"] and "\n" in text:
            parts = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            for i, part in enumerate(parts):
                if i:
                    flush()
                if part:
                    pieces.append((part, state["links"] > 0))
            return
        pieces.append((text, state["links"] > 0))

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        if event == "start":
            tag = _tag_name(el)
            if tag is None:  # comment / PI / entity left by a lenient parse: only its tail
                walker.skip_subtree()
                frames.append((current(), False, True, False, "", False, ""))
                continue
            items = el.items()
            attrs: Mapping[str, str] = dict(items) if items else {}
            if tag in SKIP_TAGS or (attrs and _is_hidden(attrs)):
                walker.skip_subtree()
                frames.append((current(), False, True, False, "", False, ""))
                continue
            is_block = tag in BLOCK_TAGS or tag == "br"
            if tag in CELL_TAGS and not is_block:
                # A layout cell (holding paragraphs, divs or breaks) is a block of its own;
                # a data cell stays inline so a table row reads as one line.
                is_block = next(el.iter(*_CELL_BLOCKERS), None) is not None
            if is_block:
                flush()
            parent = current()
            depth = len(frames)
            if depth <= settings.max_depth:
                exempt = tag in EXEMPT_TAGS or (attrs.get("itemprop", "").lower() == "articlebody")
                values = (
                    tuple(attrs[k][:MAX_CUE_ATTR] for k in _CUE_ATTRS if attrs.get(k))
                    if attrs
                    else ()
                )
                cats = () if exempt or not values else matcher.categories(values)
                structural = STRUCTURAL.get(tag)
                if structural and structural not in cats:
                    cats = (*cats, f"@{tag}")
                node = Node(tag, parent, cats, exempt, len(nodes))
                node.sig = tag + "." + (attrs.get("class") or "")[:100] if attrs else tag
                nodes.append(node)
            else:
                node = parent
            is_link = tag == "a" and "href" in attrs
            if is_link:
                state["links"] += 1
                if "author" in (attrs.get("rel") or "").lower().split():
                    author_link[0] = True
            if tag == "time":
                dt = attrs.get("datetime")
                if dt:
                    times.append(dt.strip()[:100])
            heading = tag if tag in HEADINGS else ""
            if heading:
                headings.append(heading)
            is_pre = tag in ("pre", "textarea", "listing", "plaintext", "xmp")
            if is_pre:
                state["pre"] += 1
            frames.append((node, is_block, False, is_link, heading, is_pre, tag))
            if tag in SPACED_TAGS or (state["closed"] and pieces):
                pieces.append((" ", state["links"] > 0))
            state["closed"] = 0
            add(el.text)
        else:
            _node, is_block, skipped, is_link, heading, is_pre, tag = frames[-1]
            if not skipped:
                if is_block:
                    flush()
                if tag in SPACED_TAGS:
                    pieces.append((" ", state["links"] > 0))
                if is_link:
                    state["links"] -= 1
                if heading:
                    headings.pop()
                if is_pre:
                    state["pre"] -= 1
            frames.pop()
            add(el.tail)
            state["closed"] = 0 if el.tail else 1
    flush()
    return blocks, nodes


# ---------------------------------------------------------------------------------------
# Classification


def _ancestors(node: Node | None) -> list[Node]:
    """node and its ancestors, innermost first."""
    out: list[Node] = []
    while node is not None:
        out.append(node)
        node = node.parent
    return out


def _is_good(block: Block, settings: Settings, relaxed: bool = False) -> bool:
    """Whether a block reads like article prose: long enough, few links, sentences."""
    text = block.text
    min_chars = settings.min_paragraph_chars // 2 if relaxed else settings.min_paragraph_chars
    if len(text) < min_chars or block.link_density > settings.max_link_density:
        return False
    if block.heading:
        return False
    return bool(_SENTENCE_END.search(text)) and len(_WORD.findall(text)) >= (6 if relaxed else 10)


def _isolated(blocks: list[Block], candidate: list[bool], i: int) -> bool:
    """A short prose block between link lines, with no prose neighbour: a teaser summary.

    Article paragraphs come in runs; teaser cards alternate a linked headline with one
    summary sentence, which is what this recognises (cf. jusText's context-sensitive pass).
    """
    if len(blocks[i].text) > 400:
        return False
    prev_ok = i > 0 and candidate[i - 1]
    next_ok = i + 1 < len(blocks) and candidate[i + 1]
    if prev_ok or next_ok:
        return False
    return (i > 0 and _headline_link(blocks[i - 1])) or (
        i + 1 < len(blocks) and _headline_link(blocks[i + 1])
    )


def _headline_link(block: Block) -> bool:
    """A line that is wholly a link, of headline length (a card's title)."""
    return block.link_density >= 0.9 and len(block.text) <= 200


_COMMENT_WORDS = re.compile(
    r"\b(?:repl(?:y|ies)|likes?|flag|report|says|said:|wrote|ago|permalink|upvotes?|"
    r"recommend|quote)\b",
    re.IGNORECASE,
)


def mark_items(
    blocks: list[Block], nodes: list[Node], first_good: int, candidate: list[bool]
) -> None:
    """Mark repeated sibling items (reader posts, teaser cards) that carry prose.

    A parent with three or more children of the same tag and class, most of which hold
    several lines including a link line (author link, Reply, a linked headline), is a list
    of posts or cards, not an article: the article's paragraphs never each carry links of
    their own. The list holding the first prose paragraph is exempt (an article built of
    such items is still the article). Category guess per list: comments when its short
    lines read like a comment widget ("Reply", "3 hours ago", a <time>), see-also when
    each item starts with a linked headline, else other.
    """
    children: dict[int, list[Node]] = {}
    for node in nodes:
        if node.parent is not None and node.first_block >= 0:
            children.setdefault(node.parent.index, []).append(node)
    for kids in children.values():
        if len(kids) < 3:
            continue
        groups: dict[str, list[Node]] = {}
        for kid in kids:
            groups.setdefault(kid.sig, []).append(kid)
        for members in groups.values():
            if len(members) < 3:
                continue
            lo = min(m.first_block for m in members)
            hi = max(m.last_block for m in members)
            if lo <= first_good <= hi:
                continue
            posts = 0
            prose = 0
            chatty = 0
            headed = 0
            for m in members:
                lines = blocks[m.first_block : m.last_block + 1]
                if len(lines) >= 2 and any(b.link_density >= 0.5 for b in lines):
                    posts += 1
                if any(candidate[m.first_block : m.last_block + 1]):
                    prose += 1
                if any(
                    len(b.text) <= 60 and (b.times or _COMMENT_WORDS.search(b.text)) for b in lines
                ):
                    chatty += 1
                if _headline_link(lines[0]):
                    headed += 1
            if posts < 0.75 * len(members) or prose == 0:
                continue
            if chatty >= 0.5 * len(members):
                kind = "comments"
            elif headed >= 0.75 * len(members):
                kind = "see-also"
            else:
                kind = "other"
            for m in members:
                m.item = kind


def _block_category(
    block: Block,
    path: Sequence[Node],
    in_region: bool,
    settings: Settings,
) -> str | None:
    """Category from the cued elements on `path` (outermost first), or None."""
    short = len(block.text) <= settings.short_line_chars
    for node in path:
        if not node.active:
            continue
        if "contact" in node.cats:  # "author-bio": a bio, not a byline
            return "contact"
        for cat in node.cats:
            if cat.startswith("@"):
                continue
            if cat in ("byline", "dateline") and not (short and in_region):
                continue
            return cat
    return None


def _structural(path: Sequence[Node]) -> str | None:
    for node in path:
        if not node.active:
            continue
        for cat in node.cats:
            if cat.startswith("@"):
                return STRUCTURAL[cat[1:]]
    return None


def classify(
    blocks: list[Block],
    nodes: list[Node],
    settings: Settings,
    title: str,
    authors: Sequence[str] = (),
) -> tuple[list[str | None], tuple[int, int] | None]:
    """A category (or None for article text) per block, and the article's block range."""
    if not blocks:
        return [], None
    paths: list[list[Node]] = [_ancestors(b.owner) for b in blocks]
    good_total = 0.0
    first_good = -1
    candidate = [_is_good(b, settings) for b in blocks]
    if not any(candidate):
        # Articles of one-line paragraphs (line-ups, listings): try again, less strictly.
        candidate = [_is_good(b, settings, relaxed=True) for b in blocks]
    for i, (block, path) in enumerate(zip(blocks, paths, strict=True)):
        block.good = candidate[i] and not _isolated(blocks, candidate, i)
        for node in path:
            if node.first_block < 0:
                node.first_block = i
            node.last_block = i
        # The first prose outside other furniture (a cookie notice is prose too).
        if (
            block.good
            and first_good < 0
            and not any(c != "comments" for node in path for c in node.cats if c[0] != "@")
        ):
            first_good = i
    if first_good < 0:
        first_good = next((i for i, b in enumerate(blocks) if b.good), -1)
    mark_items(blocks, nodes, first_good, candidate)
    for block, path in zip(blocks, paths, strict=True):
        if block.good and any(node.item for node in path):
            block.good = False
        if block.good:
            n = len(block.text)
            good_total += n
            for node in path:
                node.good += n
    # Majority rule: an element holding most of the page's prose, including its first prose
    # paragraph outside other furniture, is not furniture whatever its class or tag says
    # ("has-sidebar" wrappers, "post share-enabled" articles, a story inside <header>). A
    # long comment thread or sidebar blurb after a short article keeps its cue.
    for node in nodes:
        if (
            node.cats
            and good_total > 0
            and node.good >= 0.5 * good_total
            and node.first_block <= first_good <= node.last_block
        ):
            node.active = False
    # Main-content score: maximum-weight subtree.
    for block, path in zip(blocks, paths, strict=True):
        n = float(len(block.text))
        cued = any(node.active and node.cats for node in path)
        if cued or block.link_density > 0.5:
            w = -n
        elif block.good:
            w = n
        else:
            w = -0.25 * n
        for node in path:
            node.score += w
    for block, path in zip(blocks, paths, strict=True):
        if block.good and not any(node.active and node.cats for node in path):
            for node in path:
                node.clean += len(block.text)
    main: Node | None = None
    if good_total > 0:
        best = 0.0
        for node in nodes:
            if node.first_block >= 0 and node.score > best:
                best = node.score
                main = node
    # A short article split by in-text furniture (link boxes, ads) can score highest in one
    # paragraph's wrapper: widen to the parent while it adds real prose at a modest cost.
    while main is not None and main.parent is not None and main.parent.tag != "#root":
        parent = main.parent
        if parent.clean >= 1.2 * main.clean and parent.score >= 0.5 * main.score:
            main = parent
        else:
            break
    categories: list[str | None] = [None] * len(blocks)
    if main is None:
        for i, (block, path) in enumerate(zip(blocks, paths, strict=True)):
            outer = list(reversed(path))
            cat = _block_category(block, outer, False, settings)
            if cat is None and _structural(path) is not None:
                cat = _structural(path)
            if cat is None and block.link_density >= settings.link_dense:
                cat = "navigation"
            categories[i] = _copyright_override(block, cat)
        return categories, None
    main_ancestors = _ancestors(main)
    main_set = {id(n) for n in main_ancestors}
    first, last = main.first_block, main.last_block
    header_start = _headline_start(blocks, paths, first, settings, title)
    region_start = header_start if header_start is not None else first
    # Nodes shared by the headline and the article: their cues do not apply to header blocks.
    shared: set[int] = set(main_set)
    if header_start is not None:
        common = {id(n) for n in paths[header_start]}
        shared = {id(n) for n in main_ancestors if id(n) in common} | main_set
    for i, (block, path) in enumerate(zip(blocks, paths, strict=True)):
        in_main = first <= i <= last
        in_region = region_start <= i <= last
        if in_main:
            below = [n for n in reversed(path) if id(n) not in main_set]
        elif in_region:
            below = [n for n in reversed(path) if id(n) not in shared]
        else:
            below = [n for n in reversed(path) if id(n) not in main_set]
        cat = _block_category(block, below, in_region, settings)
        if in_region:
            if cat is None:
                head = i < first + 3
                cat = _article_line(block, settings, i == region_start, head, authors)
        else:
            if cat is None:
                cat = next((n.item for n in reversed(path) if n.item), None)
            if cat is None:
                cat = _structural(path)
            if cat is None:
                cat = "navigation" if block.link_density >= 0.5 else "other"
        categories[i] = _copyright_override(block, cat)
    return categories, (region_start, last)


def _article_line(
    block: Block, settings: Settings, is_first: bool, head: bool, authors: Sequence[str]
) -> str | None:
    """Category of an uncued line inside the article region (None: article text).

    `head` is true in the article header (headline to the first lines of the body), where
    a short line naming the page's declared author is the byline and a short line that is
    mostly a date is the dateline.
    """
    text = block.text
    short = len(text) <= settings.short_line_chars
    if block.heading and block.heading in ("h1", "h2") and is_first:
        return None
    n_words = len(_WORD.findall(text))
    if short and (block.author_link or _BYLINE_TEXT.match(text)):
        return "byline"
    if head and short and n_words <= 14:
        low = text.casefold()
        at = min((low.find(a.casefold()) for a in authors if a and a.casefold() in low), default=-1)
        date = _DATE_TEXT.search(text)
        if at >= 0:
            # "Posted on 22 April 2023 by X" leads with the date, "X, 22 April" with the name.
            return "dateline" if date is not None and date.start() < at else "byline"
        if block.times or (n_words <= 10 and date is not None):
            return "dateline"
    if short and block.times and n_words <= 16:
        return "dateline"
    dense = settings.link_dense if len(text) > settings.short_line_chars else 0.5
    if block.link_density >= dense and not block.heading:
        return "see-also" if n_words >= 4 else "navigation"
    return None


def _copyright_override(block: Block, cat: str | None) -> str | None:
    if cat == "comments":
        return cat
    if len(block.text) <= 250 and _COPYRIGHT.search(block.text):
        return "copyright"
    return cat


def _headline_start(
    blocks: list[Block], paths: list[list[Node]], first: int, settings: Settings, title: str
) -> int | None:
    """Index of the headline just before the article body, when there is one."""
    lo = max(0, first - settings.header_blocks)
    for i in range(first - 1, lo - 1, -1):
        block = blocks[i]
        if block.heading == "h1":
            if title and _similar_title(block.text, title) < 0.5:
                return None
            return i
        # Div-soup pages style a plain block as the headline; recognise it by the <title>.
        if (
            title
            and len(block.text) <= 300
            and block.link_density < 0.5
            and len(_WORD.findall(block.text)) >= 4
            and _similar_title(block.text, title) >= 0.8
        ):
            return i
    return None


def _similar_title(headline: str, title: str) -> float:
    """Share of the headline's words that the page <title> also has."""
    h = set(_WORD.findall(headline.lower()))
    t = set(_WORD.findall(title.lower()))
    if not h:
        return 0.0
    return len(h & t) / len(h)


# ---------------------------------------------------------------------------------------
# Metadata


def _clip(value: str | None) -> str:
    return collapse(value or "")[:MAX_META_CHARS]


def _walk_json(obj: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 20 or len(out) >= 10:
        return
    if isinstance(obj, list):
        for item in obj[:200]:
            _walk_json(item, out, depth + 1)
    elif isinstance(obj, dict):
        types = obj.get("@type")
        names = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and t.rsplit("/", 1)[-1] in ARTICLE_TYPES for t in names):
            out.append(obj)
            return
        graph = obj.get("@graph")
        if graph is not None:
            _walk_json(graph, out, depth + 1)
        main = obj.get("mainEntity")
        if isinstance(main, (dict, list)):
            _walk_json(main, out, depth + 1)


def _jsonld_publisher(objs: list[dict[str, Any]]) -> str:
    for obj in objs:
        pub = obj.get("publisher")
        if isinstance(pub, list) and pub:
            pub = pub[0]
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            return _clip(pub["name"])
        if isinstance(pub, str):
            return _clip(pub)
    return ""


def _jsonld_authors(objs: list[dict[str, Any]]) -> list[str]:
    names: list[str] = []
    for obj in objs:
        authors = obj.get("author")
        for a in authors if isinstance(authors, list) else [authors]:
            name = a.get("name") if isinstance(a, dict) else a
            if isinstance(name, str) and _clip(name) and not name.startswith("http"):
                names.append(_clip(name))
    return names[:20]


def author_names(meta: Mapping[str, str]) -> list[str]:
    """Author names the page declares (meta author, rel=author text, JSON-LD author)."""
    names: list[str] = []
    for key in ("author", "rel_author"):
        value = meta.get(key, "")
        if value and not value.startswith("http") and len(value) <= 100:
            names.append(value)
    if meta.get("jsonld"):
        try:
            data = json.loads(meta["jsonld"])
        except (ValueError, RecursionError):
            data = None
        objs = data if isinstance(data, list) else [data]
        names.extend(_jsonld_authors([o for o in objs if isinstance(o, dict)]))
    out: list[str] = []
    for name in names:
        if len(name) >= 3 and name not in out:
            out.append(name)
    return out


def _text_of(el: Any) -> str:
    """An element's text content, bounded (meta values are short)."""
    out: list[str] = []
    size = 0
    for piece in el.itertext():
        out.append(piece)
        size += len(piece)
        if size > MAX_META_CHARS:
            break
    return "".join(out)


def extract_meta(root: Any) -> dict[str, str]:
    """The reader's ``meta`` keys found in the page (see the plugin docstring)."""
    meta: dict[str, str] = {}
    props: dict[str, str] = {}
    jsonld: list[dict[str, Any]] = []
    item_date = ""
    for el in root.iter():
        tag = _tag_name(el)
        if tag is None:
            continue
        if tag == "title" and "title" not in meta:
            text = _clip(_text_of(el))
            if text:
                meta["title"] = text
        elif tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            content = _clip(el.get("content"))
            if key and content and key not in props:
                props[key] = content
            if (el.get("itemprop") or "").lower() == "datepublished" and not item_date:
                item_date = content
        elif tag == "link":
            rel = (el.get("rel") or "").lower().split()
            if "canonical" in rel and "canonical" not in meta and el.get("href"):
                meta["canonical"] = _clip(el.get("href"))
        elif tag == "script":
            if (el.get("type") or "").strip().lower() == "application/ld+json" and el.text:
                raw = el.text
                if len(raw) <= MAX_JSONLD_CHARS:
                    try:
                        data = json.loads(raw)
                    except (ValueError, RecursionError):
                        data = None
                    _walk_json(data, jsonld)
        elif tag == "a":
            rel = (el.get("rel") or "").lower().split()
            if "author" in rel and "rel_author" not in meta:
                text = _clip(_text_of(el))
                if text:
                    meta["rel_author"] = text
        elif (el.get("itemprop") or "").lower() == "datepublished" and not item_date:
            item_date = _clip(el.get("datetime") or el.get("content") or _text_of(el))
    if "title" not in meta and props.get("og:title"):
        meta["title"] = props["og:title"]
    for key in (
        "author",
        "article:author",
        "article:published_time",
        "article:modified_time",
        "og:site_name",
    ):
        if props.get(key):
            meta[key] = props[key]
    for key in DATE_META_NAMES:
        if props.get(key):
            meta["date"] = props[key]
            break
    if "date" not in meta and item_date:
        meta["date"] = item_date
    for key in ("publisher", "dc.publisher", "dcterms.publisher"):
        if props.get(key):
            meta["publisher"] = props[key]
            break
    if jsonld:
        if "publisher" not in meta:
            pub = _jsonld_publisher(jsonld)
            if pub:
                meta["publisher"] = pub
        payload: Any = jsonld[0] if len(jsonld) == 1 else jsonld
        with contextlib.suppress(ValueError, TypeError, RecursionError):
            meta["jsonld"] = json.dumps(
                payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True
            )
    return meta


# ---------------------------------------------------------------------------------------
# Entry point


def extract(text: str, settings: Settings) -> Extraction:
    """Visible text, meta and hints of a decoded page."""
    root = parse(text)
    if root is None:
        return Extraction("", {}, [], [], None)
    matcher = matcher_for(settings)
    meta = extract_meta(root)
    blocks, nodes = walk(root, settings, matcher)
    categories, region = classify(
        blocks, nodes, settings, meta.get("title", ""), author_names(meta)
    )
    pos = 0
    for block in blocks:
        block.start = pos
        block.end = pos + len(block.text)
        pos = block.end + 1
    out_text = "\n".join(b.text for b in blocks)
    hints: list[Span] = []
    run_cat: str | None = None
    run_start = run_end = 0
    for block, cat in zip(blocks, categories, strict=True):
        if cat is not None and cat == run_cat:
            run_end = block.end
            continue
        if run_cat is not None:
            hints.append(Span(run_start, run_end, run_cat, f"html structure: {run_cat}"))
        run_cat, run_start, run_end = cat, block.start, block.end
    if run_cat is not None:
        hints.append(Span(run_start, run_end, run_cat, f"html structure: {run_cat}"))
    if "date" not in meta and region is not None:
        meta_date = _region_time(blocks, categories, region)
        if meta_date:
            meta["date"] = meta_date
    return Extraction(out_text, meta, hints, blocks, region)


def _region_time(blocks: list[Block], categories: list[str | None], region: tuple[int, int]) -> str:
    """The first <time datetime> of a byline/dateline line in the article region."""
    lo, hi = region
    for i in range(lo, min(hi + 1, lo + 40)):
        if blocks[i].times and categories[i] in ("dateline", "byline"):
            return _clip(blocks[i].times[0])
    return ""


def settings_from(config: Mapping[str, Any], defaults: Mapping[str, Any]) -> Settings:
    """Settings from a (possibly partial) configuration table."""

    def get(key: str) -> Any:
        value = config.get(key)
        return defaults[key] if value is None else value

    cues = tuple(
        (cat, tuple(str(c) for c in get(f"{key}_cues")))
        for cat, key in (
            ("dateline", "dateline"),
            ("byline", "byline"),
            ("contact", "contact"),
            ("see-also", "see_also"),
            ("copyright", "copyright"),
            ("syndication", "syndication"),
            ("comments", "comments"),
            ("navigation", "navigation"),
            ("other", "other"),
        )
    )
    return Settings(
        max_depth=int(get("max_depth")),
        min_paragraph_chars=int(get("min_paragraph_chars")),
        max_link_density=float(get("max_link_density")),
        cues=cues,
        cue_exceptions=tuple(str(c) for c in get("cue_exceptions")),
        ignore_class_prefixes=tuple(str(c).lower() for c in get("ignore_class_prefixes")),
    )
