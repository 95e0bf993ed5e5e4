"""Default cue lists of the provenance plugin (configuration data, not code).

Every list here is the default of a configuration key of the same name; users extend or
replace them in their ``[provenance]`` table. Kept as plain text blocks so they read as data.
"""

from __future__ import annotations

from typing import Any


def _words(block: str) -> list[str]:
    return block.split()


def _lines(block: str) -> list[str]:
    return [ln.strip() for ln in block.strip().splitlines() if ln.strip()]


HONORIFICS = _words(
    """
Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Rev Reverend Fr Hon Sen Senator Rep Gov
Judge Capt Col Gen Lt Sgt Det Insp Messrs
"""
)

ROLE_WORDS = _words(
    """
writer writers reporter reporters correspondent correspondents columnist columnists
editor editors journalist journalists contributor contributors blogger commentator
critic producer anchor freelancer freelance stringer staff intern analyst author authors
host lecturer professor researcher fellow scientist economist agencies
"""
)

NAME_STOPWORDS = _words(
    """
the a an this that these those contrast comparison far now then default way law order
all some many most one two new our their his her its my your in on at for of to or but
if when after before during as with from via into about over under more less staff
reporter reporters writer writers editor editors correspondent correspondents columnist
contributor contributors journalist author authors editorial board team desk bureau
senior chief special contributing political investigative national international global
business sports science health technology tech entertainment culture opinion analysis
update updated published posted photo photos video image images email e-mail twitter
facebook instagram linkedin follow share subscribe click read comments comment
advertisement news press times post journal herald tribune gazette daily weekly
telegraph guardian examiner chronicle magazine media network agency wire service
services associated reuters bloomberg afp ap upi bbc cnn online digital government
department ministry council committee party company group inc ltd llc corp university
college school institute foundation association center centre union house senate
congress court police city county state states united street monday tuesday wednesday
thursday friday saturday sunday january february march september october november
december today yesterday tomorrow week year president minister secretary governor mayor
officials breaking exclusive live watch listen sponsored partner content source sources
credit courtesy getty shutterstock photographer photography
picture pictures illustration graphic graphics admin administrator webmaster guest anonymous user
moderator site last first modified revised created filed issued released date dated time
print save home menu search sign log login register skip main top back next previous
related tags topics trending popular latest
"""
)

OUTLET_WORDS = _words(
    """
times news post journal herald tribune gazette daily press telegraph guardian examiner
chronicle review magazine weekly star sun mail observer independent standard express
record register wire today media network radio tv television broadcasting monitor
inquirer bulletin courier dispatch insider report digest agency channel beacon caller
blaze politico axios reuters bloomberg bbc cnn npr afp upi signal federalist breitbart
intercept atlantic economist telegram sentinel globe mirror leader advocate enquirer
voice
"""
)

WIRE_SERVICES = _lines(
    """
Associated Press
The Associated Press
AP
Reuters
Thomson Reuters
Agence France-Presse
AFP
Bloomberg
Bloomberg News
United Press International
UPI
Press Association
PA Media
PA
dpa
Deutsche Presse-Agentur
Xinhua
Kyodo
Kyodo News
ANSA
EFE
Tribune Content Agency
Tribune News Service
McClatchy
Acquire Media
NewsEdge
Newstex
NewsCred
States News Service
Targeted News Service
Canadian Press
The Canadian Press
Australian Associated Press
AAP
Press Trust of India
PTI
IANS
ANI
Interfax
TASS
Yonhap
CNN Wire
Gannett
Creators Syndicate
King Features
Washington Post News Service
New York Times News Service
Sipa
"""
)

SERVICE_CUES = [
    "licen[cs]ing (?:agreement|arrangement|deal) with",
    "(?-i:(?:Distributed|Syndicated|Provided|Supplied|Licensed)) (?:by|through|from|via)",
    "(?:content|article|story) (?:is )?(?:distributed|syndicated|provided|supplied) by",
]

CREDIT_CUES = [
    "\\b(?:this|the)\\s+(?:article|story|post|piece|column|essay|report|interview|op-ed|commentary|content|item|feature|blog|editorial)\\s+(?:was\\s+|is\\s+|has\\s+been\\s+)?(?:originally\\s+|first\\s+)?(?:appeared|published|ran|posted|produced|republished|reprinted|reposted)\\s+(?:originally\\s+|first\\s+)?(?:here\\s+)?(?:with\\s+(?:the\\s+)?permission\\s+)?(?:on|in|at|by|from|with)",
    "^\\W*(?:originally|first)\\s+(?:appeared|published|posted|ran)\\s+(?:on|in|at|by)",
    "\\bappeared first (?:on|in)",
    "^\\W*(?:republished|reprinted|reposted)\\s+(?:with\\s+(?:the\\s+)?permission\\s+)?(?:from|of|by)",
    "\\ba version of this (?:article|story|post) (?:appeared|was published|ran) (?:on|in|at|by)",
]

COMMENT_CUES = [
    "join the discussion",
    "(?:\\d+\\s+)?comments?(?:\\s*\\(\\d+\\))?",
    "leave a (?:comment|reply)",
    "(?:please )?read our comment(?:ing)? policy.*",
    "(?:view|show|hide|load|add|post) comments?.*",
    "click to read more and view comments",
    "reader comments",
    "what do you think\\??",
    "comments are closed.*",
    "conversation",
    "discussion",
]

#: words that make an unknown name in a dateline credit a wire: "SPRINGFIELD (Metro Wire) —"
WIRE_WORDS = _words(
    """
wire newswire press agency syndicate syndication service services feed
"""
)

#: strong contact cues: an address, a handle, an explicit "can be reached"
CONTACT_CUES = [
    r"[\w.+-]+@[\w-]+\.[\w.-]+",
    r"(?<![\w.])@\w{2,}",
    r"\bcan be (?:reached|contacted|e-?mailed)\b",
    r"\b(?:follow|e-?mail|contact|reach) (?:him|her|them|me)\b",
]

#: lower-case words a dateline or byline line may hold besides names, places and numbers
DATELINE_CONNECTORS = _words(
    """
of the and by for at on a.m. p.m. a.m p.m am pm updated published posted last min mins
minute minutes read ago hours hour hrs et gmt utc edt est pst pdt cst cdt bst cet cest ist
staff writer reporter correspondent
"""
)

#: capitalised words that open a sentence, so a line starting with them is no dateline
SENTENCE_STARTERS = _words(
    """
on in at as since until till before after from during last next this that these those
earlier later about around between for to but or if when while it he she they we i you
there here a an what why how who
"""
)

DEFAULTS: dict[str, Any] = {
    "head_lines": 8,
    "tail_lines": 8,
    "numeric_date_order": "auto",
    "min_year": 1900,
    "max_year": 2100,
    "honorifics": HONORIFICS,
    "role_words": ROLE_WORDS,
    "name_stopwords": NAME_STOPWORDS,
    "outlet_words": OUTLET_WORDS,
    "wire_services": WIRE_SERVICES,
    "wire_words": WIRE_WORDS,
    "service_cues": SERVICE_CUES,
    "credit_cues": CREDIT_CUES,
    "comment_cues": COMMENT_CUES,
    "contact_cues": CONTACT_CUES,
}

HELP: dict[str, str] = {
    "head_lines": "Non-blank lines at the top searched for datelines, bylines and wire credits.",
    "tail_lines": "Non-blank lines before the end (or a comment section) searched for author "
    "bios, contact lines and end bylines.",
    "numeric_date_order": "How to read 03/04/2018: auto (an unambiguous numeric date of the "
    "same file decides, else month first), mdy, dmy, or strict (no date, ambiguous-date).",
    "min_year": "Earliest plausible publication year; dates before it are rejected.",
    "max_year": "Latest plausible publication year; dates after it are rejected.",
    "honorifics": "Titles dropped from names (Mr, Dr, Sen, ...), case-insensitive.",
    "role_words": "Words that mark a role after a name ('Staff Writer') or in an author bio.",
    "name_stopwords": "Words that are never part of a person's name (case-insensitive).",
    "outlet_words": "Words that mark a capitalised phrase as an outlet name (Times, News, ...).",
    "wire_services": "Wire and licensing services recognised in credits like '(AP)', "
    "'By Reuters' and copyright holders; they go to syndicated_via.",
    "wire_words": "Words that make a name in a dateline credit a wire ('SPRINGFIELD (Metro "
    "Wire) —'), besides the names in wire_services.",
    "service_cues": "Regexes (case-insensitive) that precede a licensing/syndication service name.",
    "credit_cues": "Regexes (case-insensitive) that precede the name of an outlet a file "
    "credits as first publisher ('originally appeared on'); recorded as locations['credit'].",
    "comment_cues": "Whole-line regexes (case-insensitive) that open a comment section.",
    "contact_cues": "Regexes (case-insensitive) that make a line an author contact/bio line.",
}
