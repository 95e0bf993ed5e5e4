"""Outlet template families for the benchmark generator: wording pools and fictional names.

Every pool is split in two halves that never mix: DEV wordings (used for tuning) and HOLDOUT
wordings (``generate.py --holdout``), so a holdout corpus has datelines, bylines, notices,
comment sections and navigation lines whose wording was never looked at while tuning. A family
is a fixed draw of one style per component, made from a per-family seeded RNG, so families are
stable across runs and corpora. All names, outlets and services are fictional.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from dataclasses import dataclass, field

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
AP_MONTHS = [
    "Jan.", "Feb.", "March", "April", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

FIRST = [
    "Amelia",
    "Bruno",
    "Carys",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hamish",
    "Ines",
    "Jonah",
    "Kerstin",
    "Lionel",
    "Marisol",
    "Niall",
    "Odette",
    "Pavel",
    "Quentin",
    "Rosalind",
    "Soren",
    "Talia",
    "Ulrich",
    "Vesna",
    "Wendell",
    "Ximena",
    "Yusuf",
    "Zora",
    "Anselm",
    "Beatrix",
    "Cosmo",
    "Delphine",
    "Emrys",
    "Fenella",
    "Gideon",
    "Hollis",
    "Idris",
    "Juniper",
    "Kasimir",
    "Linnea",
    "Magnus",
    "Nerys",
    "Orson",
    "Petra",
    "Rufus",
    "Sabine",
    "Tobias",
    "Undine",
    "Valentin",
    "Wilhelmina",
    "Yvette",
    "Zachary",
    "Agnieszka",
    "Barnaby",
    "Celestine",
    "Dorian",
    "Esme",
    "Florian",
    "Gwendolyn",
    "Horatio",
    "Isolde",
    "Jasper",
    "Katrin",
    "Leopold",
    "Mireille",
]
LAST = [
    "Abernathy",
    "Bellweather",
    "Castellano",
    "Drummond",
    "Eskildsen",
    "Fairbrother",
    "Galloway",
    "Haverford",
    "Ingleby",
    "Jablonski",
    "Kettering",
    "Lindqvist",
    "Marchetti",
    "Northcott",
    "Okonkwo",
    "Pemberton",
    "Quarrie",
    "Rasmussen",
    "Saltonstall",
    "Thackeray",
    "Underhill",
    "Vasquez-Reyes",
    "Whitcombe",
    "Yardley",
    "Zielinski",
    "Ashdown",
    "Blackwood",
    "Corriveau",
    "Delacroix",
    "Ellsworth",
    "Fenwick",
    "Greenhalgh",
    "Hollingsworth",
    "Iverson",
    "Jarrett",
    "Kowalczyk",
    "Larkspur",
    "Montague",
    "Nakamura",
    "Oyelaran",
    "Pritchard",
    "Quinlan",
    "Rutherford",
    "Sinclair",
    "Tremaine",
    "Umbridge",
    "Valdivia",
    "Wakefield",
    "Yelland",
    "Zamora",
    "Achterberg",
    "Brannigan",
    "Cardew",
    "Devereux",
]
TOWNS_DEV = [
    "Harborview",
    "Millbrook",
    "Eastwick",
    "Calder",
    "Ravensfield",
    "Port-Ellery",
    "Whitmore",
    "Ashgrove",
    "Brackenridge",
    "Copperton",
    "Dunmore",
    "Fallowfield",
    "Glenhaven",
    "Hollins",
    "Kestrel-Bay",
    "Larchmont",
    "Marlow",
    "Northgate",
]
TOWNS_HOLDOUT = [
    "Quillan",
    "Rookwood",
    "Saltmarsh",
    "Thornbury",
    "Umberlee",
    "Vantage-Point",
    "Wyndham",
    "Yarrowby",
]
PAPER_NOUNS_DEV = [
    "Sentinel",
    "Ledger",
    "Courier",
    "Gazette",
    "Herald",
    "Tribune",
    "Post",
    "Chronicle",
    "Observer",
]
PAPER_NOUNS_HOLDOUT = ["Dispatch", "Examiner", "Beacon", "Clarion", "Monitor"]
SERVICES_DEV = [
    "Meridian News Service", "Allied Content Exchange", "Pinecrest Syndicate",
    "Tidewater Media Exchange", "Crestline Press Agency", "Northwind Newswire",
]  # fmt: skip
SERVICES_HOLDOUT = ["Bluewater Wire Partners", "Halcyon Licensing Group", "Orchard Street Features"]
AGENCIES = ["Lumen Images", "Fieldhouse Photo", "Arclight Pictures", "Stillwater Photo Agency"]
CITIES = ["LONDON", "NEW YORK", "FRANKFURT", "TOKYO", "PARIS", "LOS ANGELES", "SYDNEY", "DUBLIN"]
SECTIONS = ["Business", "Markets", "Entertainment", "Culture", "Economy", "Film", "Music", "Money"]
ROLES = [
    "Staff Writer", "Business Correspondent", "Senior Reporter", "Entertainment Editor",
    "Markets Reporter", "Contributing Writer", "Arts Correspondent",
]  # fmt: skip
BEATS = ["business", "the economy", "entertainment", "the film industry", "retail", "energy"]

# Pseudo-headlines (see-also lists, most-read lists, re-headed copies): a small grammar so that
# two files rarely share an 8-word run through these lines.
HEAD_SUBJ = [
    "Regional airline",
    "Chipmaker",
    "Bank regulators",
    "Film studio",
    "Retail chain",
    "Pop star",
    "Oil prices",
    "Carmaker",
    "Mobile operator",
    "Record label",
    "Brewery",
    "Insurance giant",
    "Central bank",
    "TV network",
    "Budget retailer",
    "Steel firm",
    "Festival organisers",
    "Drugmaker",
    "Property market",
    "Toy maker",
]
HEAD_VERB = [
    "plans",
    "faces",
    "rejects",
    "wins",
    "cuts",
    "delays",
    "eyes",
    "denies",
    "reports",
    "unveils",
    "weighs",
    "secures",
]
HEAD_OBJ = [
    "new merger talks",
    "record fine",
    "hundreds of job cuts",
    "award nomination",
    "surprise profit",
    "takeover bid",
    "rate rise",
    "tour dates",
    "export slump",
    "price war",
    "sequel deal",
    "strike threat",
    "bond sale",
    "chart comeback",
    "factory closure",
    "licensing row",
    "box office record",
    "new chief",
]

COMMENT_OPEN = [
    "Honestly",
    "Well",
    "Typical",
    "Wow",
    "Interesting",
    "Funny how",
    "So",
    "Not surprised",
    "Good grief",
    "Finally",
    "Let's be real",
    "Call me cynical but",
    "As usual",
    "Hmm",
    "Sad to see",
    "About time",
    "Great piece",
    "I remember when",
    "Anyone else think",
    "My two cents",
]
COMMENT_BODY = [
    "nobody asked the workers what they wanted",
    "the shareholders will be fine as always",
    "this was obvious a year ago",
    "they never learn from the last time",
    "the prices keep going up regardless",
    "I stopped buying their stuff long ago",
    "the board should resign over this",
    "this film was overrated anyway",
    "the soundtrack was the best part",
    "my local shop closed for the same reason",
    "somebody is making a fortune here",
    "the government should stay out of it",
    "the numbers simply do not add up",
    "this is what happens with no competition",
    "who actually believes these forecasts",
    "my pension fund is in this company",
    "the critics got it wrong again",
    "the old version was much better",
    "I'll wait for the streaming release",
    "they should have seen this coming",
]
COMMENT_CLOSE = [
    "Just saying.",
    "Go figure.",
    "Shameful.",
    "Rant over.",
    "Thanks for the article.",
    "Sigh.",
    "lol",
    "Mark my words.",
    "What a joke.",
    "Bring back the old management!",
    "Spot on.",
    "Can't wait.",
    "Not holding my breath.",
    "Well done.",
    "Amazing.",
]
USER_ADJ = [
    "quiet",
    "rusty",
    "north",
    "lucky",
    "old",
    "jazzy",
    "sober",
    "grumpy",
    "sunny",
    "frank",
    "civic",
    "lazy",
]
USER_NOUN = [
    "otter",
    "reader",
    "fox",
    "taxpayer",
    "badger",
    "critic",
    "pilot",
    "gardener",
    "owl",
    "skeptic",
    "voter",
]


def crc(*parts: object) -> int:
    """Deterministic hash (Python's str hash is salted per process)."""
    return zlib.crc32("|".join(map(str, parts)).encode())


# ---------------------------------------------------------------------------------------------
# dates


def _h12(d: dt.date, r: int) -> tuple[int, int, str]:
    h = 7 + r % 13
    return (h - 1) % 12 + 1, (r // 13) % 60, "a.m." if h < 12 else "p.m."


DATE_FORMATS_DEV = [
    lambda d, r: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d, r: f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d, r: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d, r: d.isoformat(),
    lambda d, r: f"{AP_MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d, r: f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d, r: "{} {}, {} {}:{:02d} {} ET".format(
        MONTHS[d.month - 1], d.day, d.year, *_h12(d, r)
    ),
]
DATE_FORMATS_HOLDOUT = [
    lambda d, r: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d, r: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
    lambda d, r: f"{d.year}/{d.month:02d}/{d.day:02d}",
    lambda d, r: f"{WEEKDAYS[d.weekday()]}, {d.day} {MONTHS[d.month - 1]}, {d.year}",
    lambda d, r: f"{MONTHS[d.month - 1][:3]} {d.day} {d.year}, {r % 24:02d}:{r % 60:02d} GMT",
]

# A dateline line: {date} is the published date, {date2} an "updated" date, {outlet}, {city},
# {section}. "inline:" styles are a lead-in glued to the first paragraph on the same line.
DATELINES_DEV = [
    "- {outlet} - {date}",
    "Published {date}",
    "{date}",
    "inline: date {iso} ",
    "Posted on {date}",
    "{date} | {section}",
    "First published {date}; updated {date2}",
    "inline:{city}, {date} ({outlet}) - ",
]
DATELINES_HOLDOUT = [
    "Filed: {date}",
    "{outlet} | {date}",
    "{date} — Last modified {date2}",
    "inline:{city} — {date} — ",
    "Date: {date}",
]
# A masthead line naming the outlet (category dateline: it gives the outlet).
MASTHEADS_DEV = ["{outlet}", "{outlet} — {section}", "{OUTLET}"]
MASTHEADS_HOLDOUT = ["{outlet} · {section} desk", "From the {outlet} newsroom"]

# Bylines: (template, supports two authors, position)
BYLINES_DEV = [
    ("By {A}", True, "top"),
    ("{A} | Staff", False, "top"),
    ("By {A}, {role}", False, "top"),
    ("Written by {A}", True, "top"),
    ("Posted by {A}", False, "top"),
    ("Reporting by {A}; editing by {E}", True, "bottom"),
    ("{A}, {role}", False, "top"),
    ("Story by {A}", True, "top"),
]
BYLINES_HOLDOUT = [
    ("Words by {A}", True, "top"),
    ("{A} — {role}", False, "top"),
    ("Author: {A}", True, "top"),
    ("Report by {A}. Additional reporting by {E}.", False, "bottom"),
]
# Contact / bio endings; those with {A} name the author (the byline truth includes them).
CONTACTS_DEV = [
    "{A} can be reached at {email}.",
    "• {A} can be reached at {email}.",
    "{A} is a reporter for {outlet}. Email {pron} at {email}. Follow {pron} on Twitter here.",
    "Contact {A} at {email} or {phone}.",
    "Follow {A} on Twitter: @{handle}",
]
CONTACTS_HOLDOUT = [
    "Got a tip? Write to {A} at {email}.",
    "{A} covers {beat} for {outlet}. {Pron} is based in {town}.",
    "Reach the newsroom: {email} | {phone}",
    "{A} ({email}) has written for {outlet} since {year0}.",
]
SEE_ALSO_DEV = ["SEE ALSO: {h}", "Related: {h}", "Read more: {h}", "MORE: {h}",
                "Also on {outlet}: {h}", "RELATED STORIES\n- {h}\n- {h2}"]  # fmt: skip
SEE_ALSO_HOLDOUT = ["You may also like: {h}", "Further reading — {h}", "[Related] {h}",
                    "Don't miss: {h}", "Recommended\n{h}\n{h2}"]  # fmt: skip
COPYRIGHT_DEV = [
    "Copyright © {year} {holder}. Click here for reprint permission.",
    "© {year} {outlet}. All rights reserved.",
    "Copyright {year} {outlet}. All Rights Reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.",
    "(c) {year} {holder}",
    "All content copyright {outlet} {year} unless otherwise noted.",
]
COPYRIGHT_HOLDOUT = [
    "©{year} {holder} — reproduction without permission is prohibited.",
    "Rights: {outlet}, {year}. For reuse contact syndication@{domain}",
    "Content © {holder}, {year}",
]
NOTICES_DEV = [
    "This article originally appeared in {origin} and is republished here under a licensing "
    "agreement.",
    "Published through a licensing agreement with {service}.",
    "Distributed by {service}.",
    "This story was first published by {origin}. Republished with permission.",
    "Originally published at {origin}.",
    "Reprinted with permission from {origin}. All rights reserved.",
    "This article is provided by {service} on behalf of {origin}.",
    "Content syndicated via {service}.",
]
NOTICES_HOLDOUT = [
    "{origin} shared this report with us as part of a content partnership.",
    "Licensed from {origin} through {service}.",
    "A version of this story ran in {origin}.",
    "Syndicated content: {service}; original reporting by {origin}.",
    "Courtesy of {origin}.",
]
TOP_NAV_DEV = [
    "Skip to main content", "Home | News | Business | Entertainment | Sport",
    "Home > {section} > Latest", "Subscribe  |  Sign in", "Menu", "Search",
]  # fmt: skip
TOP_NAV_HOLDOUT = ["Jump to navigation", "Sections ▾ | Markets | Culture | Opinion", "☰ Menu"]
INLINE_NAV_DEV = ["Advertisement", "Story continues below advertisement"]
INLINE_NAV_HOLDOUT = ["Sponsored content", "— Advertisement —"]
END_NAV_DEV = [
    "Share this article: Facebook Twitter Email", "Sign up for our daily newsletter",
    "Get the {outlet} app", "Topics: {section}, {section2}", "MOST READ",
]  # fmt: skip
END_NAV_HOLDOUT = ["Tweet | Share | Pin | Email", "Enjoyed this? Get our free morning briefing.",
                   "Filed under: {section} / {section2}", "TRENDING NOW"]  # fmt: skip
PHOTO_DEV = ["Photo: {name}/{agency}", "Image: {agency}"]
PHOTO_HOLDOUT = ["Picture credit: {agency}", "(File photo: {agency})"]
COMMENT_HEADERS_DEV = ["Comments ({n})", "{n} Comments", "Join the conversation",
                       "Reader comments", "What readers are saying"]  # fmt: skip
COMMENT_HEADERS_HOLDOUT = ["Have your say ({n})", "Discussion", "{n} responses", "Your views"]
COMMENT_POLICY_DEV = ["Please read our comment policy before commenting.",
                      "Comments are moderated and may take a while to appear.", ""]  # fmt: skip
COMMENT_POLICY_HOLDOUT = ["Be civil. Off-topic posts will be removed.", ""]
COMMENT_POSTS_DEV = ["{user} · {ago}\n{text}", "{user} wrote:\n{text}", "{text}",
                     "{user} ({ago}): {text}"]  # fmt: skip
COMMENT_POSTS_HOLDOUT = ["{text}\n— {user}, {town}", "{user} | {cdate}\n{text}",
                         "#{k} {user}: {text}"]  # fmt: skip
COMMENT_FOOTERS_DEV = ["Click to Read More and View Comments", "Load more comments", ""]
COMMENT_FOOTERS_HOLDOUT = ["View all {n} responses", "Close comments"]
PARA_SEPS = ["\n\n", "\n\n", "\n", "\n\n", "\r\n\r\n"]
# Article sentences that merely use boilerplate cue words (EVALUATION.md: they must stay
# article text). Inserted as an own paragraph into some originals; copies inherit them.
CUE_SENTENCES_DEV = [
    "{name}, a spokesperson for {org}, could not be reached for comment on {day}.",
    "The dispute over copyright and licensing fees with {org} has dragged on for months, "
    "according to people familiar with the talks.",
    "Reporters were told on {day} that the full figures would be published next month.",
    "A lawyer for {name} said the case raised questions about who owns the rights to the "
    "recordings.",
    "{name} said {org} had shared the report with regulators as part of a wider agreement.",
    "Analysts urged investors to read more than the headline numbers before selling.",
]
CUE_SENTENCES_HOLDOUT = [
    "Calls and emails to {name} at {org} were not returned by {day}.",
    "The original licence, first published in 1998, was distributed to partners of {org} "
    "across Europe.",
    "Comments made by {name} on social media drew a sharp response from fans on {day}.",
    "{name} told reporters that all rights to the material remain with {org}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "the weekend"]
ORGS = ["the company", "the group", "the studio", "the label", "the regulator", "the board"]

QUOTE_INTROS_DEV = ["As {origin} reported:", "{origin} said in its report:"]
QUOTE_INTROS_HOLDOUT = ["In the words of {origin}:", "Earlier coverage by {origin} noted:"]


def pick(rng: random.Random, dev: list, holdout: list, is_holdout: bool):
    return rng.choice(holdout if is_holdout else dev)


@dataclass
class Family:
    """One outlet house template: every component style fixed for all its outlets."""

    fid: str
    holdout: bool
    date_fmt: object
    dateline: str | None
    masthead: str | None
    byline: tuple[str, bool, str] | None
    contact: str | None
    headline: str  # plain|md|underline|none
    top_nav: list[str]
    see_also: str | None
    see_also_pos: str
    copyright: str | None
    end_nav: list[str]
    inline_nav: str | None
    photo: str | None
    c_header: str
    c_policy: str
    c_post: str
    c_footer: str
    p_comments: float
    para_sep: str
    wrap: int | None
    notice_pos: str
    quote_intro: str
    p_partial_date: float
    outlets: list[str] = field(default_factory=list)
    short_paras: bool = False  # house style of one- or two-sentence paragraphs


def make_family(index: int, holdout: bool) -> Family:
    rng = random.Random(crc("family", index, holdout))
    h = holdout

    def opt(p: float, dev: list, hold: list):
        return pick(rng, dev, hold, h) if rng.random() < p else None

    dateline = opt(0.9, DATELINES_DEV, DATELINES_HOLDOUT)
    byline = opt(0.85, BYLINES_DEV, BYLINES_HOLDOUT)
    contact = opt(0.5, CONTACTS_DEV, CONTACTS_HOLDOUT)
    if byline is None and rng.random() < 0.8:  # most byline-less houses sign with a bio
        named = [c for c in (CONTACTS_HOLDOUT if h else CONTACTS_DEV) if "{A}" in c]
        contact = rng.choice(named)
    para_sep = rng.choice(PARA_SEPS)
    fam = Family(
        fid=("H" if h else "D") + f"{index:02d}",
        holdout=h,
        date_fmt=pick(rng, DATE_FORMATS_DEV, DATE_FORMATS_HOLDOUT, h),
        dateline=dateline,
        masthead=opt(0.4, MASTHEADS_DEV, MASTHEADS_HOLDOUT),
        byline=byline,
        contact=contact,
        headline=rng.choice(["plain", "plain", "plain", "md", "underline", "none"]),
        top_nav=[
            pick(rng, TOP_NAV_DEV, TOP_NAV_HOLDOUT, h) for _ in range(rng.choice([0, 0, 1, 2]))
        ],
        see_also=opt(0.6, SEE_ALSO_DEV, SEE_ALSO_HOLDOUT),
        see_also_pos=rng.choice(["inline", "end"]),
        copyright=opt(0.7, COPYRIGHT_DEV, COPYRIGHT_HOLDOUT),
        end_nav=sorted(
            {pick(rng, END_NAV_DEV, END_NAV_HOLDOUT, h) for _ in range(rng.choice([0, 1, 2, 3]))}
        ),
        inline_nav=opt(0.3, INLINE_NAV_DEV, INLINE_NAV_HOLDOUT),
        photo=opt(0.25, PHOTO_DEV, PHOTO_HOLDOUT),
        c_header=pick(rng, COMMENT_HEADERS_DEV, COMMENT_HEADERS_HOLDOUT, h),
        c_policy=pick(rng, COMMENT_POLICY_DEV, COMMENT_POLICY_HOLDOUT, h),
        c_post=pick(rng, COMMENT_POSTS_DEV, COMMENT_POSTS_HOLDOUT, h),
        c_footer=pick(rng, COMMENT_FOOTERS_DEV, COMMENT_FOOTERS_HOLDOUT, h),
        p_comments=rng.choice([0.0, 0.3, 0.6, 0.9]),
        para_sep=para_sep,
        wrap=rng.choice([None, None, None, 72]) if para_sep != "\n" else None,
        notice_pos=rng.choice(["top", "bottom", "bottom"]),
        quote_intro=pick(rng, QUOTE_INTROS_DEV, QUOTE_INTROS_HOLDOUT, h),
        p_partial_date=rng.choice([0.0, 0.0, 0.1]),
    )
    # drawn from its own RNG so the older draws (and families) stay as they were
    fam.short_paras = random.Random(crc("short", index, holdout)).random() < 0.4
    towns = TOWNS_HOLDOUT if h else TOWNS_DEV
    nouns = PAPER_NOUNS_HOLDOUT if h else PAPER_NOUNS_DEV
    pattern = rng.choice(["The {t} {n}", "{t} {n}", "The {t} Daily {n}", "{t} Business {n}"])
    seen: set[str] = set()
    while len(fam.outlets) < 3:
        name = pattern.format(t=rng.choice(towns).replace("-", " "), n=rng.choice(nouns))
        if name not in seen:
            seen.add(name)
            fam.outlets.append(name)
    return fam


DEV_FAMILIES = 24
HOLDOUT_FAMILIES = 10


def families(holdout: bool) -> list[Family]:
    n = HOLDOUT_FAMILIES if holdout else DEV_FAMILIES
    return [make_family(i, holdout) for i in range(n)]


def headline(rng: random.Random) -> str:
    return f"{rng.choice(HEAD_SUBJ)} {rng.choice(HEAD_VERB)} {rng.choice(HEAD_OBJ)}"


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


C_SUBJ = [
    "they",
    "the bosses",
    "this lot",
    "the regulators",
    "investors",
    "the critics",
    "my neighbours",
    "people",
    "the fans",
    "the unions",
    "management",
    "the banks",
    "the studio",
    "everyone",
    "the board",
    "politicians",
    "my kids",
    "the press",
    "analysts",
    "the shareholders",
    "the customers",
    "nobody",
]
C_VERB = [
    "never learn",
    "keep ignoring",
    "always forget",
    "clearly love",
    "will regret",
    "should read",
    "don't care about",
    "rushed",
    "overpaid for",
    "misjudged",
    "saw through",
    "talked up",
    "ruined",
    "bailed out",
    "walked away from",
    "doubled down on",
    "cashed in on",
    "gave up on",
]
C_OBJ = [
    "the basics",
    "this mess",
    "their own customers",
    "the real numbers",
    "the small print",
    "the workers",
    "the sequel",
    "the pension fund",
    "common sense",
    "the warning signs",
    "the old deal",
    "the ticket prices",
    "the fine print",
    "quality",
    "the local shops",
    "the actual story",
    "the last decade",
]
C_TAIL = [
    "again",
    "as usual",
    "every single time",
    "years ago",
    "this week",
    "apparently",
    "honestly",
    "for sure",
    "no doubt",
    "if you ask me",
    "in my view",
    "or so they say",
]
C_FEEL = [
    "love",
    "hate",
    "doubt",
    "miss",
    "trust",
    "blame",
    "pity",
    "admire",
    "question",
    "remember",
]


def comment_text(rng: random.Random, topics: list[str] | None = None) -> str:
    """A short reader post from a slot grammar, with topic words from the article itself.

    Real comment threads rarely repeat an 8-word run across pages; the slots and the topic
    words keep cross-file overlap of generated comments low.
    """
    topics = topics or ["this"]
    out = []
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        form = rng.choices(range(5), weights=(30, 25, 25, 17, 3))[0]
        subj, verb, obj = rng.choice(C_SUBJ), rng.choice(C_VERB), rng.choice(C_OBJ)
        topic = rng.choice(topics)
        if form == 0:
            out.append(f"{rng.choice(COMMENT_OPEN)}, {subj} {verb} {obj}.")
        elif form == 1:
            out.append(
                f"What about {topic}? {subj.capitalize()} {verb} {obj} {rng.choice(C_TAIL)}."
            )
        elif form == 2:
            out.append(f"{topic} {verb} {obj}, {rng.choice(C_TAIL)}.")
        elif form == 3:
            out.append(f"I {rng.choice(C_FEEL)} {topic}{rng.choice(['.', '!', '...', ' :)'])}")
        else:
            out.append(rng.choice(COMMENT_BODY).capitalize() + ".")
    if rng.random() < 0.3:
        out.append(rng.choice(COMMENT_CLOSE))
    return " ".join(out)


def username(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(USER_ADJ)}_{rng.choice(USER_NOUN)}{rng.randrange(100)}"
    return f"{rng.choice(FIRST)}{rng.choice(LAST)[0]}"
