"""Tests of the built-in ``boilerplate`` plugin.

Three kinds of evidence:

* the done-when facts on the five real seed articles in ../shared/seeds (skipped when absent);
* synthetic documents in several house styles built here (wire, agency, blog with comments,
  magazine, tabloid, syndicated local paper, Markdown), each piece labelled with its expected
  category or as article text, plus negative cases where article sentences use cue words;
* corpus learning (footers recurring across unrelated files are learned, a syndicated
  article's paragraphs are not) and a hypothesis test that the hook never raises and keeps
  its spans in bounds and disjoint on arbitrary text.
"""

from __future__ import annotations

import pickle
import random
import time
from pathlib import Path

import pytest
from auditor_plugins import boilerplate
from auditor_plugins.boilerplate import config_fields, find_spans
from auditor_plugins.boilerplate_learn import learn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.context import PluginContext
from auditor.model import CATEGORIES, ConfigField, Document, LearnedTable, Span

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is absent")


# --------------------------------------------------------------------------- helpers


def spans_of(
    text: str, config: dict | None = None, table: LearnedTable | None = None
) -> list[Span]:
    spans = find_spans(text, config or {}, table)
    check_invariants(text, spans)
    return spans


def check_invariants(text: str, spans: list[Span]) -> None:
    prev_end = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text), s
        assert s.start >= prev_end, f"overlap or unsorted: {s}"
        assert s.category in CATEGORIES, s
        prev_end = s.end


def coverage(text: str, spans: list[Span], start: int, end: int) -> float:
    """Share of the non-space characters of text[start:end] inside spans."""
    wanted = [i for i in range(start, end) if not text[i].isspace()]
    if not wanted:
        return 1.0
    inside = sum(1 for i in wanted if any(s.start <= i < s.end for s in spans))
    return inside / len(wanted)


def categories_over(spans: list[Span], start: int, end: int) -> set[str]:
    return {s.category for s in spans if s.start < end and start < s.end}


def find(text: str, phrase: str) -> tuple[int, int]:
    i = text.find(phrase)
    assert i >= 0, phrase
    return i, i + len(phrase)


def seed(name: str) -> str:
    (path,) = SEEDS.glob(f"{name}_*.txt")
    return path.read_text(encoding="utf-8")


def assert_marked(text: str, spans: list[Span], phrase: str, category: str | None = None) -> None:
    start, end = find(text, phrase)
    assert coverage(text, spans, start, end) == 1.0, f"not marked: {phrase!r}"
    if category is not None:
        assert categories_over(spans, start, end) == {category}, (
            phrase,
            categories_over(spans, start, end),
        )


def assert_article(text: str, spans: list[Span], phrase: str) -> None:
    start, end = find(text, phrase)
    assert coverage(text, spans, start, end) == 0.0, f"article text marked: {phrase!r}"


def assert_only(text: str, spans: list[Span], boiler: list[str]) -> None:
    """Every non-blank line outside the listed boilerplate phrases is untouched article."""
    taken = [find(text, b) for b in boiler]
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        if not line.strip():
            continue
        rest = [(max(a, start), min(b, end)) for a, b in taken if a < end and start < b]
        # the part of the line outside expected boilerplate must be outside spans
        cursor = start
        for a, b in [*sorted(rest), (end, end)]:
            if cursor < a and text[cursor:a].strip():
                assert coverage(text, spans, cursor, a) == 0.0, (
                    f"article text marked: {text[cursor:a][:80]!r}"
                )
            cursor = max(cursor, b)


# --------------------------------------------------------------------------- seeds


@needs_seeds
def test_seed_001_washington_times() -> None:
    text = seed("001")
    spans = spans_of(text)
    boiler = {
        "- The Washington Times - Wednesday, March 21, 2018": "dateline",
        "SEE ALSO: Illegal immigrants alerted of raids by Libby Schaaf, Oakland mayor, "
        "committed new crimes: ICE chief": "see-also",
        "SEE ALSO: Trump says mid-term elections must focus on Democrats’ ‘dangerous’ "
        "immigration policies": "see-also",
        "• Stephen Dinan can be reached at sdinan@washingtontimes.com.": "contact",
        "Copyright © 2022 The Washington Times, LLC. Click here for reprint permission.": "copyright",
        "Please read our comment policy before commenting.": "comments",
        "Click to Read More and View Comments": "comments",
        "Click to Hide": "comments",
    }
    for phrase, cat in boiler.items():
        assert_marked(text, spans, phrase, cat)
    assert_only(text, spans, list(boiler))
    # the line spans include their line breaks
    start, end = find(text, "- The Washington Times - Wednesday, March 21, 2018")
    assert any(s.start == start and s.end >= end + 1 for s in spans)


@needs_seeds
def test_seed_002_licensed_copy_with_comments() -> None:
    text = seed("002")
    spans = spans_of(text)
    first = spans[0]
    assert (first.start, first.category) == (0, "dateline")
    assert text[first.start : first.end] == " date 2018-03-22 "
    assert text[first.end :].startswith("Civil rights groups said Wednesday")
    assert_marked(text, spans, "© Copyright (c) 2018 News World Communications, Inc.", "copyright")
    assert_marked(text, spans, "—-")
    assert_marked(
        text,
        spans,
        "This content is published through a licensing agreement with Acquire Media using its "
        "NewsEdge technology.",
        "syndication",
    )
    # the whole reader-comment section is ONE comments span, to the end of the file
    head, _ = find(text, "Join the discussion")
    comment_spans = [s for s in spans if s.category == "comments"]
    assert len(comment_spans) == 1
    assert comment_spans[0].start == head and comment_spans[0].end == len(text)
    assert_only(text, spans, [text[:17], text[text.index("© Copyright") :]])


@needs_seeds
def test_seed_000_trailing_contact() -> None:
    text = seed("000")
    spans = spans_of(text)
    phrase = (
        'Paul Bedard, the Washington Examiner\'s "Washington Secrets" columnist, '
        "can be contacted at"
    )
    assert_marked(text, spans, phrase, "contact")
    assert_only(text, spans, [phrase])


@needs_seeds
def test_seed_003_update_line_and_bio() -> None:
    text = seed("003")
    spans = spans_of(text)
    assert_marked(text, spans, "Update: November 28, 12:00 pm:", "dateline")
    bio = text[text.index("Roger Algase is a New York immigration lawyer") :]
    assert_marked(text, spans, bio, "contact")
    # Decision: "The following post has been revised as of 9:00 am on November 28." stays
    # article text. It is a full sentence in the author's own voice between article
    # paragraphs (it introduces the original post below the update), not page furniture;
    # marking revision notes would also eat correction paragraphs that belong to articles.
    assert_article(text, spans, "The following post has been revised as of 9:00 am on November 28.")
    # in-text citations ("See, Washington Times: …") and the series note are the author's
    assert_article(text, spans, "See, Washington Times: A Jewish haven in Nazi Berlin")
    assert_article(text, spans, "To be continued in Part 2.")
    assert_only(text, spans, ["Update: November 28, 12:00 pm:", bio])


@needs_seeds
def test_seed_004_breitbart_prefix_and_bio() -> None:
    text = seed("004")
    spans = spans_of(text)
    assert text[spans[0].start : spans[0].end] == " date 2024-12-19 "
    assert spans[0].category == "dateline"
    bio = (
        "John Binder is a reporter for Breitbart News. Email him at jbinder@breitbart.com. "
        "Follow him on Twitter here."
    )
    assert_marked(text, spans, bio, "contact")
    assert_only(text, spans, [text[:17], bio])


@needs_seeds
def test_seed_speed() -> None:
    text = seed("002")  # ~16 KB with a long comment section
    find_spans(text, {})
    t0 = time.perf_counter()
    for _ in range(20):
        find_spans(text, {})
    per_doc = (time.perf_counter() - t0) / 20
    assert per_doc < 0.05, per_doc  # a few ms normally; generous for slow CI machines


# --------------------------------------------------------------------------- house styles

# Article paragraphs written for these tests (a fictional local story).
BODY = [
    "The county water board voted on Tuesday to raise residential rates by 9 percent from "
    "January, the first increase in six years, after engineers warned that two of the main "
    "pumping stations were close to failing.",
    "Board members said the extra money, about $4 million a year, would pay for new pumps, "
    "a backup generator at the river intake and the replacement of nearly three miles of "
    "cast-iron pipe laid before the Second World War.",
    '"Nobody on this board wanted to do this," said chair Denise Okoro. "But the alternative '
    'is a summer without water pressure on the east side, and we are not going to let that happen."',
    "Several residents spoke against the increase during a public hearing that lasted more "
    "than two hours, arguing that the board should first cut its own administrative costs.",
    "The average household will pay about $6 more a month. Customers on the low-income "
    "discount program will see no change until the program is reviewed next spring.",
]

# Each style: list of (text, category or None for article text); the first article item
# may be a (lead-in, paragraph) pair for wire datelines.
STYLES: dict[str, list] = {
    "associated-press": [
        (None, "Water board approves first rate rise in six years"),
        ("byline", "By MARIA LOPEZ and RAJ PATEL, Associated Press"),
        ("LEAD", ("SPRINGFIELD, Ill. (AP) — ", BODY[0])),
        *[(None, p) for p in BODY[1:]],
        ("byline", "Associated Press writer Tom Lee in Chicago contributed to this report."),
        (
            "copyright",
            "Copyright 2019 The Associated Press. All rights reserved. This material may not "
            "be published, broadcast, rewritten or redistributed.",
        ),
    ],
    "reuters": [
        (None, "US water utility raises rates to fund pump repairs"),
        ("LEAD", ("SPRINGFIELD, March 3 (Reuters) - ", BODY[0])),
        *[(None, p) for p in BODY[1:]],
        ("byline", "Reporting by Kate Holton; Editing by Mark Potter"),
    ],
    "blog-with-comments": [
        (None, "Water rates are going up. Here is what that means for you"),
        ("byline", "Posted by Dana Whitfield on June 5, 2019"),
        *[(None, p) for p in BODY],
        ("navigation", "Filed under: Local news, Utilities"),
        ("navigation", "Share this: Facebook | Twitter | Email | Print"),
        ("comments", "12 comments"),
        ("comments", "Gary M. says:"),
        ("comments", "June 5, 2019 at 3:14 pm"),
        ("comments", "Another hike while the board gives itself raises. Unbelievable."),
        ("comments", "Reply"),
        ("comments", "Linda K says:"),
        ("comments", "Six dollars is fine if the pipes actually get fixed this time!!"),
        ("comments", "Reply"),
    ],
    "magazine": [
        ("dateline", "THE HARBOUR REVIEW"),
        (None, "The pipes beneath us"),
        ("byline", "Words by Ana Souza"),
        ("other", "Photographs by Ben Carter"),
        *[(None, p) for p in BODY],
        (
            "syndication",
            "This article originally appeared in the Spring 2019 issue of The Harbour Review.",
        ),
        (
            "contact",
            "Ana Souza is a freelance writer based in Lisbon. Follow her on Instagram @anasouza.",
        ),
    ],
    "tabloid": [
        (None, "FURY AS WATER BILLS SOAR"),
        ("dateline", "PUBLISHED: 10:22 BST, 5 June 2019 | UPDATED: 11:40 BST, 5 June 2019"),
        (None, BODY[0]),
        (None, BODY[1]),
        ("navigation", "Advertisement"),
        (None, BODY[2]),
        ("navigation", "Scroll down for video"),
        *[(None, p) for p in BODY[3:]],
        ("navigation", "Sign up for our free daily newsletter"),
        ("navigation", "Share or comment on this article:"),
        ("navigation", "Most Read"),
        ("navigation", "1. Pensioner wins lottery twice in one week"),
        ("navigation", "2. Heatwave warning issued for the weekend"),
    ],
    "syndicated-local": [
        (None, "Water rates rise 9 percent"),
        ("byline", "By Ellen Marsh, The Fresno Bee"),
        ("dateline", "March 3, 2019"),
        *[(None, p) for p in BODY],
        ("syndication", "This story was originally published by The Fresno Bee."),
        ("syndication", "Distributed by Tribune Content Agency, LLC."),
        ("copyright", "(c) 2019 The Fresno Bee"),
    ],
    "markdown": [
        (None, "# Water rates are going up"),
        ("byline", "*By Ines Okafor*"),
        ("dateline", "*April 2, 2021*"),
        *[(None, p) for p in BODY],
        ("see-also", "Related:"),
        ("see-also", "- [Pump station failure leaves east side dry](https://example.org/pumps)"),
        ("see-also", "- [Where your water bill goes](https://example.org/bill)"),
    ],
    "digital-native": [
        ("navigation", "Home › Local › Utilities"),
        (None, "Your water bill is about to go up"),
        ("byline", "Hannah Lee | Staff Writer"),
        ("dateline", "Updated 3:45 p.m. ET"),
        ("navigation", "Listen to this article 4 min"),
        *[(None, p) for p in BODY[:3]],
        ("see-also", "READ MORE: Pump station failure leaves east side dry"),
        *[(None, p) for p in BODY[3:]],
        ("contact", "Contact the author at hlee@example.com."),
        ("navigation", "Follow us on Facebook and Instagram"),
        ("copyright", "© 2024 Example Media Group. All rights reserved."),
    ],
    "regional-daily": [
        (None, "Water board backs 9 percent rate rise"),
        ("byline", "BY DUNCAN MACLEOD"),
        ("dateline", "Tue, 05 Mar 2019 09:14:22 GMT"),
        ("LEAD", ("OTTAWA — ", BODY[0])),
        (None, BODY[1]),
        ("navigation", "[Advertisement]"),
        (None, BODY[2]),
        ("other", "(Getty Images)"),
        *[(None, p) for p in BODY[3:]],
        (
            "contact",
            "Priyanka Sharma has covered local government since 2012. She lives in Riverside.",
        ),
        ("copyright", "Valley Voice © 2019. All content is protected by copyright."),
        ("navigation", "Support local journalism. Become a member today."),
        ("comments", "What readers are saying"),
        ("comments", "By Marge_99"),
        ("comments", "Posted 2 hours ago"),
        ("comments", "Who voted for these people? Six dollars a month adds up."),
        ("comments", "Reply to this comment"),
        ("comments", "I live on that street and nobody asked us."),
        ("comments", "Flag as inappropriate"),
    ],
    "web-page": [
        ("navigation", "Skip to main content"),
        (
            "navigation",
            "We use cookies to personalise content and ads. Manage preferences Accept all",
        ),
        ("dateline", "The Riverside Record"),
        ("navigation", "News"),
        ("navigation", "Sport"),
        ("navigation", "Business"),
        ("navigation", "Weather"),
        ("navigation", "Home › News › Local"),
        (None, "Water rates to rise by 9 percent in January"),
        ("byline", "By Claire Dubois, Local Government Reporter Tuesday 5 March 2019, 9.14am"),
        ("navigation", "Share on Facebook Share on X Email this article"),
        ("other", "The river intake pumping station. Photograph: Record archive"),
        *[(None, p) for p in BODY],
        ("navigation", "Topics: Utilities Council"),
        ("see-also", "Related stories"),
        ("see-also", "Pump station failure leaves east side dry"),
        ("see-also", "Council to review low-income discount"),
        ("comments", "Comments (2)"),
        ("comments", "RiversideResident"),
        ("comments", "5 March 2019 at 10:02am"),
        ("comments", "Fix the pipes first, then talk to us about rates."),
        ("comments", "Reply"),
        ("navigation", "Most read"),
        ("navigation", "Bridge closure extended to April"),
        ("navigation", "Library wins national award"),
        ("navigation", "About us | Contact us | Advertise | Privacy policy | Terms"),
        ("copyright", "© 2019 Riverside Record Media Ltd. All rights reserved."),
    ],
}


def build(items: list, sep: str) -> tuple[str, list[tuple[int, int, str | None]]]:
    text = ""
    pieces: list[tuple[int, int, str | None]] = []
    for cat, content in items:
        if text:
            text += sep
        if cat == "LEAD":
            lead, para = content
            pieces.append((len(text), len(text) + len(lead), "dateline"))
            pieces.append((len(text) + len(lead), len(text) + len(lead) + len(para), None))
            text += lead + para
        else:
            pieces.append((len(text), len(text) + len(content), cat))
            text += content
    return text + "\n", pieces


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank-lines", "single-lines"])
@pytest.mark.parametrize("style", sorted(STYLES))
def test_house_styles(style: str, sep: str) -> None:
    text, pieces = build(STYLES[style], sep)
    spans = spans_of(text)
    for start, end, cat in pieces:
        if cat is None:
            assert coverage(text, spans, start, end) == 0.0, (
                f"{style}: article marked: {text[start:end][:70]!r} "
                f"{categories_over(spans, start, end)}"
            )
        else:
            assert coverage(text, spans, start, end) == 1.0, (
                f"{style}: missed {cat}: {text[start:end]!r}"
            )
            got = categories_over(spans, start, end)
            assert got == {cat}, f"{style}: {text[start:end]!r} is {got}, expected {cat}"


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank-lines", "single-lines"])
def test_hard_wrapped_text(sep: str) -> None:
    """Paragraphs hard-wrapped at 70 columns: units are paragraphs, not physical lines."""
    import textwrap

    bio = (
        "Ana Souza is a freelance writer based in Lisbon who covers water, energy and "
        "climate for several regional newspapers."
    )
    notice = (
        "This article is republished from The Conversation under a Creative Commons "
        "license. Read the original article."
    )
    items = [
        (None, "Water board approves rate rise"),
        ("byline", "By Ana Souza"),
        *[(None, p) for p in BODY],
        ("syndication", notice),
        ("contact", bio),
    ]
    wrapped = [(cat, "\n".join(textwrap.wrap(t, 70))) for cat, t in items]
    text, pieces = build(wrapped, sep)
    spans = spans_of(text)
    for start, end, cat in pieces:
        if cat is None:
            assert coverage(text, spans, start, end) == 0.0, text[start:end][:70]
        else:
            assert coverage(text, spans, start, end) == 1.0, text[start:end]
            assert categories_over(spans, start, end) == {cat}


LEADS = [
    "WASHINGTON (AP) — ",
    "LONDON, March 3 (Reuters) - ",
    "(CNN) — ",
    "TOKYO — 2005/06/21 — ",
    "FRANKFURT — Jun 21 2005, 21:33 GMT — ",
    "TOKYO, May 28, 2004 7:18 p.m. ET (The Millbrook Daily Sentinel) - ",
    "MUMBAI: ",
    " date 2018-03-22 ",
    "Published 2019-03-03 ",
    "SPRINGFIELD (Metro Wire) — ",
]


@pytest.mark.parametrize("lead", LEADS)
def test_dateline_lead_ins(lead: str) -> None:
    text = f"Water board raises rates\n\n{lead}{BODY[0]}\n\n{BODY[1]}\n"
    spans = spans_of(text)
    start = text.index(lead)
    assert [(s.start, s.end, s.category) for s in spans] == [(start, start + len(lead), "dateline")]


@pytest.mark.parametrize(
    "first",
    [
        "US and China resume trade talks after a pause of more than a year, officials said.",
        "On March 3 Apple said it would cut prices across its range of laptops and phones.",
        "I - like many people here - had never heard of the scheme until it was too late.",
        "NATO members met on Monday to discuss the budget, officials in Brussels said.",
    ],
)
def test_sentence_openings_are_not_datelines(first: str) -> None:
    text = f"Headline\n\n{first}\n\n{BODY[1]}\n"
    assert spans_of(text) == []


LABEL_LINES = [
    ("Content syndicated via Tidewater Media Exchange.", "syndication"),
    ("Also on The Larchmont Courier: Budget retailer weighs tour dates", "see-also"),
    ("Report by Yvette Yardley. Additional reporting by Bruno Castellano.", "byline"),
    (
        "Rights: The Rookwood Dispatch, 2004. For reuse contact syndication@rookwood.example",
        "copyright",
    ),
    ("[Related] Festival organisers deny job cuts", "see-also"),
    ("Further reading — Toy maker rejects job cuts", "see-also"),
    ("Licensed from Wyndham Beacon through Orchard Street Features.", "syndication"),
    ("☰ Menu", "navigation"),
    ("Jump to navigation", "navigation"),
    ("Don’t miss a story: sign up for the Courier-Star daily email", "navigation"),
    ("Print | Email a friend | Report an error", "navigation"),
    ("The post Water rates rise appeared first on Daily Ledger.", "syndication"),
    ("CLICK HERE TO GET THE FOX NEWS APP", "navigation"),
    ("(AP Photo/Evan Vucci)", "other"),
    ("The river intake. Photograph: Record archive", "other"),
]


@pytest.mark.parametrize(("line", "category"), LABEL_LINES)
def test_label_lines_mid_article(line: str, category: str) -> None:
    text = "\n\n".join(["Water board raises rates", *BODY[:2], line, *BODY[2:]]) + "\n"
    spans = spans_of(text)
    assert_marked(text, spans, line, category)
    assert_only(text, spans, [line])


def test_comment_section_is_one_span() -> None:
    text, _ = build(STYLES["blog-with-comments"], "\n\n")
    spans = spans_of(text)
    head = text.index("12 comments")
    comments = [s for s in spans if s.category == "comments"]
    assert len(comments) == 1 and comments[0].start == head
    assert text[comments[0].start : comments[0].end].rstrip().endswith("Reply")


# --------------------------------------------------------------------------- precision

NEGATIVE = [
    "A copyright lawsuit over the mural was filed in 2019, and the artist said all rights "
    "reserved in her contract had been ignored by the developer.",
    "The developer could not be reached for comment on Tuesday.",
    "Copyright law has not kept pace with murals painted on private walls, said Ruth Adler, "
    "a professor at the state law school.",
    "Adler said she first read about the case after a photo of the mural was shared on "
    "Twitter, where it was viewed more than two million times.",
    '"Follow the money," she said. "Then follow the paint."',
    "The original sketches were published through a licensing agreement with a gallery in "
    "Boston, according to court papers.",
    "Related lawsuits have been filed in Ohio and Oregon, and comments made by the developer "
    "at a zoning meeting are now part of the record.",
    "Residents can write to the city council about the mural, and the council can be reached "
    "at its offices on Main Street, a spokesman said.",
]


@pytest.mark.parametrize("position", ["middle", "end"])
def test_article_sentences_with_cue_words_survive(position: str) -> None:
    paras = ["Mural row heads to court", *BODY[:2]]
    paras += NEGATIVE if position == "end" else [*NEGATIVE, *BODY[2:]]
    text = "\n\n".join(paras) + "\n"
    spans = spans_of(text)
    assert spans == [], [(s.category, text[s.start : s.end]) for s in spans]


def test_reaction_subheading_is_not_a_comment_section() -> None:
    text = "\n\n".join(
        [
            "Water board raises rates",
            *BODY[:3],
            "Reaction",
            '"This is a tax on the poorest households," said Tom Reyes of the tenants union.',
            "Business groups said the rise was overdue, and the chamber of commerce told "
            "members it would support the plan.",
            "Comments",
            "Board member Alan Fry said he had received hundreds of letters, most of them angry, "
            "and that the board would publish a summary of them next month.",
        ]
    )
    spans = spans_of(text)
    assert_article(text, spans, "This is a tax on the poorest households")
    assert_article(text, spans, "Board member Alan Fry said")


def test_sentences_that_start_like_labels_survive() -> None:
    text = (
        "Council approves budget\n\n"
        + BODY[0]
        + "\n\nCopyright holders say the new rules will hurt small artists.\n\n"
        "Distributed by hand, the leaflets urged residents to attend the vote.\n\n"
        "Posted by a supporter on Facebook, the video was viewed thousands of times.\n\n"
        "By the end of the meeting, the board had approved the budget.\n\n" + BODY[1] + "\n"
    )
    assert spans_of(text) == []


def test_article_ending_with_a_short_list_survives() -> None:
    items = ["Olivia", "Amelia", "Isla", "Ava", "Mia"]
    text = "\n\n".join(
        [
            "News and sport lead the video games market",
            *BODY[:3],
            "The top five names were:",
            *items,
        ]
    )
    assert spans_of(text + "\n") == []
    # the same list followed by a copyright line keeps all but nothing of the article
    text += "\n\n© 2019 Example Media Group. All rights reserved.\n"
    spans = spans_of(text)
    for item in ["The top five names were:", *items[:-1]]:
        assert_article(text, spans, item)


def test_plain_bbc_style_article_has_no_spans() -> None:
    text = "Water board raises rates\n\n" + "\n\n".join(BODY) + "\n"
    assert spans_of(text) == []


@pytest.mark.skipif(not (SHARED / "corpora" / "bbc-dev").exists(), reason="bbc-dev absent")
def test_bbc_dev_sample_has_no_spans() -> None:
    files = sorted((SHARED / "corpora" / "bbc-dev").glob("*/*.txt"))[::9]
    marked = []
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        marked += [(f.name, text[s.start : s.end][:60]) for s in spans_of(text)]
    assert not marked, marked


# --------------------------------------------------------------------------- configuration


def test_config_fields_are_declared_with_defaults() -> None:
    got: list[ConfigField] = []
    boilerplate.auditor_register_config(register=got.append)
    keys = [f.key for f in got]
    assert len(keys) == len(set(keys))
    assert "contact_contains" in keys and "comment_headers" in keys and "learn_min_docs" in keys
    for f in got:
        assert isinstance(f.default, f.type), f.key


def test_users_extend_cues() -> None:
    text = "Budget passes\n\n" + "\n\n".join(BODY) + "\n\nBrought to you by Acme Pumps\n"
    assert spans_of(text) == []
    config = {"extra_cues": ["navigation:start:brought to you by"]}
    spans = spans_of(text, config)
    assert_marked(text, spans, "Brought to you by Acme Pumps", "navigation")
    # a broken user pattern is ignored, not fatal
    assert spans_of(text, {"extra_cues": ["navigation:start:(["]}) == []


def test_defaults_equal_an_explicit_default_config() -> None:
    text, _ = build(STYLES["digital-native"], "\n\n")
    config = {f.key: f.default for f in config_fields()}
    assert spans_of(text, config) == spans_of(text)


# --------------------------------------------------------------------------- corpus learning

POOL = [
    "The harbour master said the new berths would open in the autumn.",
    "Fishing crews have complained for years about the silted channel.",
    "A survey found that two thirds of shop owners supported the plan.",
    "The school will reopen next week after repairs to its heating system.",
    "Police said the driver of the lorry was not injured in the crash.",
    "Tickets for the festival sold out within an hour of going on sale.",
    "The museum has received a grant to restore its collection of maps.",
    "Councillors will debate the proposal at their meeting next month.",
    "Engineers expect the bridge to remain closed until the end of March.",
    "The charity said demand for its food parcels had doubled this winter.",
    "A new bus route will link the hospital with the railway station.",
    "The library is asking residents to donate old photographs of the town.",
]
TITLE_WORDS = [
    "harbour",
    "school",
    "bridge",
    "festival",
    "museum",
    "council",
    "library",
    "bus",
    "charity",
    "police",
]
FOOTER = "The Kestrel Valley Gazette is part of the Northwind family of local titles"


def unrelated_docs(n: int, footer: str | None, seed_value: int = 1) -> list[Document]:
    rng = random.Random(seed_value)
    docs = []
    for i in range(n):
        paras = []
        for _ in range(4):
            paras.append(" ".join(rng.sample(POOL, 3)))
        title = " ".join(rng.sample(TITLE_WORDS, 4)).capitalize()
        text = f"{title}\n\n" + "\n\n".join(paras) + "\n"
        if footer:
            text += "\n" + footer + "\n"
        docs.append(Document(f"gazette/{i:03}.txt", text, "0" * 64, "utf-8"))
    return docs


def syndicated_copies(n: int) -> list[Document]:
    article = "\n\n".join(BODY)
    return [
        Document(f"outlet{i}/copy.txt", f"Rates rise at outlet {i}\n\n{article}\n", "", "utf-8")
        for i in range(n)
    ]


def learned_ctx(docs: list[Document], config: dict | None = None) -> PluginContext:
    got: list = []
    ctx = PluginContext(name="boilerplate", config=config or {})
    boilerplate.auditor_corpus_learn(documents=docs, ctx=ctx, register=got.append)
    assert len(got) == 1 and isinstance(got[0], LearnedTable)
    return PluginContext(name="boilerplate", config=config or {}, learned={"boilerplate": got[0]})


def run_hook(doc: Document, ctx: PluginContext) -> list[Span]:
    got: list[Span] = []
    boilerplate.auditor_boilerplate(document=doc, ctx=ctx, register=got.append)
    check_invariants(doc.text, got)
    return got


def test_recurring_footer_is_learned_and_marked() -> None:
    docs = unrelated_docs(8, FOOTER) + syndicated_copies(6)
    ctx = learned_ctx(docs)
    for doc in docs[:8]:
        spans = run_hook(doc, ctx)
        assert_marked(doc.text, spans, FOOTER)
        assert_only(doc.text, spans, [FOOTER])
    # without the learned table no rule names that footer
    assert find_spans(docs[0].text, {}) == []


def test_syndicated_paragraphs_are_not_learned() -> None:
    docs = unrelated_docs(8, FOOTER) + syndicated_copies(6)
    ctx = learned_ctx(docs)
    for doc in docs[8:]:
        assert run_hook(doc, ctx) == [], doc.path


def test_rare_lines_are_not_learned() -> None:
    docs = unrelated_docs(4, FOOTER)  # below learn_min_docs
    ctx = learned_ctx(docs)
    assert all(run_hook(d, ctx) == [] for d in docs)


def test_learned_table_is_canonical_and_compact() -> None:
    docs = unrelated_docs(8, FOOTER)
    a = learn(docs, {})
    b = learn(list(reversed(docs)), {})
    assert a.digest == b.digest and a.payload == b.payload
    assert pickle.loads(pickle.dumps(a)) == a
    assert len(a.payload["lines"]) == 8  # one 8-byte digest
    c = learn(unrelated_docs(8, FOOTER + " and sister papers"), {})
    assert c.digest != a.digest


def test_learning_can_be_disabled() -> None:
    got: list = []
    ctx = PluginContext(name="boilerplate", config={"learn": False})
    boilerplate.auditor_corpus_learn(
        documents=unrelated_docs(8, FOOTER), ctx=ctx, register=got.append
    )
    assert got == []


def test_learned_sentence_in_mid_article_is_kept() -> None:
    """A short sentence many unrelated articles happen to share stays article text mid-body."""
    shared = "The council declined to comment."
    docs = []
    for d in unrelated_docs(8, None):
        paras = d.text.split("\n\n")
        paras.insert(2, shared)
        docs.append(Document(d.path, "\n\n".join(paras), d.sha256, d.encoding))
    ctx = learned_ctx(docs)
    for doc in docs:
        assert_article(doc.text, run_hook(doc, ctx), shared)


# --------------------------------------------------------------------------- robustness

CUE_LINES = [
    "SEE ALSO: x",
    "Join the discussion",
    "By Jane Doe",
    "© 2019 Foo",
    "Advertisement",
    "WASHINGTON (AP) — ",
    " date 2018-03-22 ",
    "jane@example.com",
    "Related:",
    "12 comments",
    "\r\n",
    "\r",
    "",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(st.text(max_size=120), st.sampled_from(CUE_LINES)),
        max_size=25,
    ),
    st.sampled_from(["\n", "\n\n", "\r\n", "\r", " "]),
)
def test_hook_never_raises_and_spans_are_well_formed(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    doc = Document("x.txt", text, "", "utf-8")
    table = learn([Document(f"{i}.txt", text, "", "utf-8") for i in range(6)], {})
    for ctx in (
        PluginContext(name="boilerplate"),
        PluginContext(name="boilerplate", learned={"boilerplate": table}),
    ):
        spans = run_hook(doc, ctx)
        check_invariants(text, spans)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    check_invariants(text, find_spans(text, {}))


def test_deterministic() -> None:
    text, _ = build(STYLES["blog-with-comments"], "\n")
    assert find_spans(text, {}) == find_spans(text, {})


def test_through_the_pipeline() -> None:
    pytest.importorskip("auditor.testing")
    from auditor.testing import audit_texts

    text, _ = build(STYLES["syndicated-local"], "\n\n")
    audits = audit_texts({"a.txt": text})
    cats = {b["category"] for b in audits["a.txt"]["boilerplate"]}
    assert {"byline", "dateline", "syndication", "copyright"} <= cats


def test_learned_footer_through_the_pipeline() -> None:
    pytest.importorskip("auditor.testing")
    from auditor.testing import audit_texts

    docs = unrelated_docs(6, FOOTER)
    audits = audit_texts({d.path: d.text for d in docs})
    for d in docs:
        start = d.text.index(FOOTER)
        spans = [Span(b["start"], b["end"], b["category"]) for b in audits[d.path]["boilerplate"]]
        assert coverage(d.text, spans, start, start + len(FOOTER)) == 1.0, d.path
