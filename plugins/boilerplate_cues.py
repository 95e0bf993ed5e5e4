"""Default cue lists of the boilerplate plugin: data, not code.

Every list is a list of Python regular expressions (matched case-insensitively) and is exposed
as a configuration key of the ``boilerplate`` table, so users replace or extend it in
``audit.toml`` (``extra_cues`` appends entries without repeating the defaults).

Three kinds of list exist per category, from strongest to weakest:

* ``whole``: the cue is the entire unit (a line, or a wrapped paragraph) once bullets and
  trailing punctuation are stripped: "Advertisement", "Click to Hide", "12 comments". Marked
  wherever it stands.
* ``start``: the unit *begins* with the cue, and the unit is short (a label line):
  "SEE ALSO: …", "Copyright © 2019 …", "Reporting by …". Marked wherever it stands.
* ``contains``: the cue may sit anywhere in the unit ("can be reached at", "published through
  a licensing agreement with"). These are weak: only marked in the head or tail zone of the
  document (and, for navigation and copyright cues, in a short unit of a dozen words), so an
  article sentence that merely uses the words survives.

The wording is deliberately broad (many outlets' house styles) rather than taken from any one
sample; the idea of cue-phrase line classification follows jusText (Pomikálek 2011) and
boilerpipe (Kohlschütter et al. 2010), reduced to plain text.
"""

from __future__ import annotations

#: dateline lead-ins recognised at the start of the first article paragraph (wire style)
WIRE_AGENCIES: list[str] = [
    r"AP",
    r"Associated Press",
    r"Reuters",
    r"AFP",
    r"Agence France-Presse",
    r"Bloomberg",
    r"UPI",
    r"CNN",
    r"dpa",
    r"PA",
    r"PA Media",
    r"Xinhua",
    r"IANS",
    r"PTI",
    r"ANI",
    r"EFE",
    r"ANSA",
    r"Kyodo",
    r"Yonhap",
    r"TASS",
    r"CP",
    r"AAP",
    r"BBC",
    r"NPR",
]

#: last words of outlet names, for masthead lines above the headline ("The Lakeshore Tribune")
OUTLET_WORDS: list[str] = [
    r"times", r"post", r"herald", r"tribune", r"courier", r"gazette", r"journal", r"news",
    r"daily", r"chronicle", r"observer", r"star", r"sentinel", r"ledger", r"examiner",
    r"review", r"guardian", r"telegraph", r"mail", r"express", r"independent", r"record",
    r"register", r"press", r"bulletin", r"dispatch", r"standard", r"mirror", r"sun", r"today",
    r"weekly", r"magazine", r"wire", r"online", r"network", r"media", r"globe", r"monitor",
    r"inquirer", r"enquirer", r"leader", r"argus", r"advertiser", r"citizen", r"beacon",
    r"reporter", r"voice", r"insider", r"digest", r"courant", r"free press", r"clarion",
    r"bugle", r"messenger", r"intelligencer", r"echo", r"post-dispatch", r"telegram",
]  # fmt: skip

#: site-section and utility words; a short line made mostly of them is a flattened menu
NAV_WORDS: list[str] = [
    r"home", r"news", r"sports?", r"business", r"politics", r"world", r"local", r"opinion",
    r"entertainment", r"lifestyle", r"culture", r"tech(?:nology)?", r"science", r"health",
    r"travel", r"weather", r"jobs", r"motors", r"obituaries", r"property", r"videos?",
    r"podcasts?", r"contact(?: us)?", r"about(?: us)?", r"subscribe", r"log ?in", r"log out",
    r"sign ?in", r"register", r"search", r"menu", r"e-?paper", r"newsletters?", r"events",
    r"puzzles", r"crosswords?", r"games", r"classifieds", r"advertise", r"archives?",
    r"photos", r"galleries", r"shop", r"privacy", r"terms", r"cookies", r"sitemap",
    r"careers", r"help", r"faq", r"print", r"email", r"share", r"comments?", r"arts",
    r"books", r"music", r"film", r"money", r"education", r"environment", r"motoring",
]  # fmt: skip

#: labels that may precede a date in a dateline ("Published: …", "Updated 3:45 p.m.")
DATE_LABELS: list[str] = [
    r"date",
    r"dated",
    r"published",
    r"first published",
    r"originally published",
    r"posted",
    r"posted on",
    r"updated",
    r"last updated",
    r"update",
    r"modified",
    r"last modified",
    r"created",
    r"filed",
    r"released",
    r"issued",
    r"on",
    r"at",
    r"as of",
]

#: role words that make "Name, <role>" a byline and "Name is a <role> …" an author bio
AUTHOR_ROLES: list[str] = [
    r"reporter",
    r"correspondent",
    r"columnist",
    r"writer",
    r"editor",
    r"journalist",
    r"contributor",
    r"contributing \w+",
    r"staff writer",
    r"bureau chief",
    r"blogger",
    r"producer",
    r"author of",
    r"freelance",
    r"critic",
    r"commentator",
    r"analyst",
    r"anchor",
    r"host of",
    r"fellow",
    r"graduate of",
]

CUES: dict[str, dict[str, list[str]]] = {
    "dateline": {
        "whole": [],
        "start": [],
        "contains": [],
    },
    "byline": {
        "whole": [],
        "start": [
            r"(?:additional |editing and |extra )?(?:reporting|writing|editing|research|graphics)"
            r" by\s+(?-i:[A-Z])",
            r"(?:from|by) (?:[\w.'’&-]+ ){0,4}(?:staff|wire|news) (?:and (?:wire|news) )?"
            r"(?:reports?|services|writers)\s*$",
            r"(?:written|posted|words|story|text|report|compiled|edited|interview)\s+by"
            r"\s+(?-i:[A-Z])[\w'’.-]*(?:\s+(?:(?-i:[A-Z])[\w'’.-]*|(?-i:[a-z]{1,3})))*"
            r"\s*(?:$|[,|;/(•·–—-]|\.(?:\s|$)|and\b|on\b|at\b|for\b|in\b)",
            r"writer:",
            r"contributing\s*:\s*(?-i:[A-Z])",
            r"(?:compiled|edited|produced) by\s*:",
            r"author:",
            r"authors:",
            r"byline:",
            r"reporter:",
            r"correspondent:",
        ],
        "contains": [
            r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)",
            r"\b(?:editing|edited) by [A-Z]",
            r"\bwrites for\b",
            r"\bcontributed (?:additional )?reporting\b",
            r"\b(?:research|reporting) (?:was )?contributed by\b",
            r"\b(?:staff|wire) (?:and wire )?(?:reports|services)\b",
        ],
    },
    "contact": {
        "whole": [],
        "start": [
            r"contact(?: the)? (?:author|writer|reporter|us|newsdesk|news ?room)\b",
            r"contact (?-i:[A-Z])[\w'’.-]+(?: (?-i:[A-Z])[\w'’.-]+){0,3} (?:at|on|via)\b",
            r"(?:got|have) a (?:story|tip|news tip|question)\b",
            r"(?:e-?mail|tel|phone|fax|twitter|x|instagram|mastodon|bluesky)\s*:",
            r"(?:e-?mail|write to|reach|contact|follow) (?:him|her|them|me|the author|the writer)\b",
            r"follow (?-i:[A-Z])[\w'’-]+(?: (?-i:[A-Z])[\w'’-]+)? on (?:twitter|x|instagram|facebook"
            r"|threads|bluesky|mastodon|linkedin|tiktok)\b",
            r"reach (?-i:[A-Z])[\w'’-]+(?: (?-i:[A-Z])[\w'’-]+){0,2} at\b",
            r"questions or comments\?",
            r"send (?:news )?tips to\b",
            r"have a (?:news )?tip\b",
            r"about the authors?\b",
        ],
        "contains": [
            r"\b(?:can|may) be (?:reached|contacted|emailed|e-mailed|followed)\b",
            r"\b(?:e-?mail|reach|contact|message|write to) (?:him|her|them|me|the author)"
            r" (?:at|on|via|by|through)\b",
            r"\bfollow (?:him|her|them|me) on\b",
            r"\bon (?:twitter|x|instagram|facebook|threads|bluesky|mastodon|linkedin) (?:at|@)",
            r"\b(?:his|her|their)(?: e-?mail)? address is\b",
            r"\b(?:tweets|posts) (?:at|as) @",
        ],
    },
    "see-also": {
        "whole": [
            r"related",
            r"related (?:stories|articles|content|coverage|links|news|reading|topics)",
            r"read more",
            r"read next",
            r"more (?:stories|news|coverage|on this story|from [\w .'’&-]{1,40})",
            r"(?:you|we think you) (?:may|might|will) (?:also )?(?:like|enjoy|be interested in)",
            r"recommended(?: for you| stories| reading)?",
            r"further reading",
            r"see also",
            r"also (?:read|see|on [\w .'’&-]{1,30}|in [\w .'’&-]{1,30})",
            r"top stories",
            r"latest (?:news|stories|headlines)",
        ],
        "start": [
            r"see also\s*[:\-–—]",
            r"(?:also )?see\s*:",
            r"related(?: stories| articles| content| coverage| links| news| reading)?\s*[\]):\-–—|»>]",
            r"(?:you|we think you) (?:may|might|will) (?:also )?(?:like|enjoy)\s*[:\-–—|»>]",
            r"read (?:more|also|next|this)\s*[:\-–—|»>]",
            r"also read\s*[:\-–—|»>]",
            r"more(?: on this| from [\w .'’&-]{1,40}| news| stories)?\s*[:»>]",
            r"recommended\s*[:\-–—|»>]",
            r"don['’]t miss\s*[:\-–—|»>]",
            r"watch\s*[:\-–—|»>]",
            r"listen\s*[:\-–—|»>]",
            r"previously\s*:",
            r"click here to read\b",
            r"(?:read|watch|listen|see)\s*(?:more)?\s*:\s*(?-i:[A-Z0-9\"“‘'])",
            r"also read\s*\|",
            r"also (?:on|in|at|from) (?-i:[A-Z])[\w .'’&-]{1,50}:",
            r"(?:further reading|more on this(?: story)?|read next|also see|see more|keep reading)"
            r"\s*[:\-–—|»>]",
            r"(?:more|related) (?:on|about) (?-i:[A-Z])[\w .'’&-]{0,40}:",
            r"(?:read|see) (?:the )?(?:full|original|related|previous) (?:story|article|report|coverage)\b",
        ],
        "contains": [],
    },
    "copyright": {
        "whole": [r"all rights reserved", r"(?:©|\(c\)|copyright)\s*\d{4}(?:\s*[-–]\s*\d{4})?"],
        "start": [
            r"(?:©|\(c\)|copyright\s*(?:©|\(c\))?|copr\.)\s*(?:©|\(c\))?\s*(?:\d{4}|(?-i:[A-Z]))",
            r"click here for reprint",
            r"(?:rights|permissions|reprints?|licensing)\s*:",
            r"(?:all )?(?:site )?(?:content|contents|text|material|articles?)s? (?:is |are )?"
            r"(?:copyright|©|\(c\))",
            r"reprints?(?: and| &) permissions?\b",
            r"for reprint",
            r"this (?:material|article|content|story) (?:may|must) not be (?:published|reproduced|copied)",
        ],
        "contains": [
            r"\ball rights reserved\b",
            r"\bmay not be (?:published|reproduced), broadcast",
            r"\bprotected by copyright\b",
            r"\bunless otherwise (?:noted|stated|indicated)\b",
            r"\bfor (?:reuse|re-use|reprints?|republication)\b",
            r"\b(?:unauthori[sz]ed|any) (?:reproduction|copying|redistribution|use)\b.{0,60}"
            r"\b(?:prohibited|forbidden|not permitted|strictly)",
            r"\bwithout (?:the )?(?:prior |express )?(?:written )?permission\b",
            r"\b(?:reprint|reproduction) (?:permission|rights)\b",
            r"©",
        ],
    },
    "syndication": {
        "whole": [],
        "start": [
            r"distributed by\s+(?-i:[A-Z])",
            r"(?:content |story |article )?syndicated (?:by|with|from|through|via)\b",
            r"(?:produced|published|created|reported|written) in (?:association|partnership|"
            r"collaboration|conjunction) with\b",
            r"a version of this (?:article|story|piece|report) (?:appeared|was published|ran)\b",
            r"(?:source|via|courtesy(?: of)?)\s*:\s*(?-i:[A-Z])[\w .&'’-]{0,40}$",
            r"(?:originally|first) (?:published|appeared|posted|ran)\b",
            r"(?:republished|reprinted|reproduced) (?:with|by|from|under|courtesy)\b",
            r"this (?:article|story|post|piece|content|report|column|essay|interview|version)"
            r"(?: was| is| has been| first)? (?:originally |first )?"
            r"(?:published|appeared|posted|produced|republished|reprinted|distributed|provided"
            r"|syndicated|ran)\b",
            r"(?:content|story|article) (?:provided|supplied|distributed) by\b",
            r"(?:via|courtesy(?: of)?)\s*[\-–—]",
            r"via (?-i:[A-Z])[\w .&'’-]{0,50}$",
            r"used (?:with|by) permission\b",
            r"syndicated (?:content|story|article|feature)\s*:",
            r"(?-i:[A-Z])[\w .'’&-]{1,60} (?:shared|provided|supplied|licensed) this (?:report|story"
            r"|article|piece)(?: to| with) us\b",
            r"licen[cs]ed (?:from|through|by|via|to)\s+(?-i:[A-Z])",
            r"courtesy of\s+(?-i:[A-Z])[^.!?]{0,60}[.!]?$",
            r"the post (?-i:[A-Z0-9\"“‘']).{0,200} appeared first on\b",
            r"read the (?:full|original) (?:story|article) (?:at|on)\b",
        ],
        "contains": [
            r"\bpublished (?:through|under|via) a (?:licensing|syndication|content) (?:agreement|"
            r"partnership|arrangement)",
            r"\blicensing agreement with\b",
            r"\b(?:article|story|post|piece|column|content) (?:was |is )?(?:originally|first) "
            r"(?:published|appeared|posted|ran)\b",
            r"\boriginally (?:appeared|published) (?:on|in|at)\b",
            r"\bunder a creative commons\b",
            r"\bcontent (?:partnership|sharing agreement|syndication agreement)\b",
            r"\bshared (?:this|the) (?:report|story|article|piece) with us\b",
            r"\bappeared first on\b",
            r"\bappeared in the [\w ,.]{0,40}(?:print|digital) edition\b",
            r"\bcontent agency\b",
            r"\bnews ?(?:service|wire|edge)\b",
            r"\bversion of this (?:article|story|piece|report) (?:appeared|was published|ran)\b",
            r"\b(?:shared|reproduced|republished) (?:here )?(?:with|by) (?:kind )?permission\b",
            r"\b(?:republished|reprinted) with (?:the )?permission\b",
        ],
    },
    "comments": {
        "whole": [
            r"\d[\d,.]*k?\s*(?:comments?|replies|responses|reactions)",
            r"(?:comments?|replies|responses|reactions|discussion)\s*\(?\d[\d,.]*k?\)?",
            r"(?:reader|readers['’]?|user|your)?\s*comments?",
            r"join the (?:discussion|conversation|debate)",
            r"(?:leave|add|post|write|submit) (?:a |your )?(?:comment|reply|response)",
            r"(?:show|view|hide|load|see|read) (?:all |more |the )?(?:\d+ )?comments?",
            r"click to (?:hide|show|read more and view comments|comment|expand)",
            r"(?:sort|order) by:?(?: \w+){0,3}",
            r"newest|oldest|most liked|best|top comments",
            r"reply",
            r"discussion",
            r"what do you think\??",
            r"have your say",
            r"conversation",
        ],
        "start": [
            r"please read our comment",
            r"(?:our )?comment(?:ing)? (?:policy|guidelines|rules)\b",
            r"comments (?:are|have been) (?:closed|moderated|disabled|welcome|open)",
            r"(?:sign|log) ?in to (?:comment|reply|join|post)",
            r"you must be (?:logged|signed) in to",
            r"by (?:commenting|posting a comment)",
            r"we (?:welcome|value) (?:your )?(?:comments|opinions|thoughtful)",
            r"(?:community|conversation|discussion) (?:guidelines|rules|standards)\b",
            r"comments? (?:on|for|about) this (?:article|story)",
            r"\d+ (?:people|readers) (?:are )?(?:commenting|talking|discussing)",
            r"(?:be the first to|want to) (?:comment|join the)",
            r"click to read more and view comments",
        ],
        "contains": [],
    },
    "navigation": {
        "whole": [
            r"advertisements?",
            r"advertising",
            r"ad(?:vert)?",
            r"sponsored(?: content| links?| stories| by [\w .&'’-]{1,40})?",
            r"(?:paid|partner) (?:content|post)",
            r"(?:story|article) continues (?:below|after (?:the )?(?:advertisement|ad))",
            r"continue reading(?: (?:below|the (?:main )?story))?",
            r"scroll (?:down )?(?:to|for) (?:continue|more|video)",
            r"(?:skip|jump) (?:to )?(?:main )?(?:content|navigation|search|menu)",
            r"share(?: (?:this|the))?(?: article| story| post| page| on \w+)?",
            r"share (?:via|on) [\w ,/&]{1,60}",
            r"(?:tweet|email|e-mail|print|save|copy link|facebook|twitter|linkedin|whatsapp"
            r"|pinterest|reddit|telegram|messenger|flipboard|x)",
            r"(?:subscribe|sign up|log ?in|sign ?in|register|menu|home|search|close|back to top"
            r"|next|previous|more|trending|popular)",
            r"(?:next|previous|prev) (?:article|story|post|page)",
            r"(?:most|top) (?:read|popular|viewed|shared|commented)(?: stories| articles| now)?",
            r"trending(?: now| stories| topics)?",
            r"popular(?: now| stories| articles| today)?",
            r"recent (?:posts|articles|stories|comments)",
            r"(?:latest )?jobs",
            r"search(?: for)?:?",
            r"listen to (?:this )?(?:article|story)(?: \d+ min(?:utes?)?)?",
            r"\d+ min(?:ute)?s? read",
            r"(?:watch|play) (?:the )?video",
            r"loading\W*",
            r"newsletter",
            r"(?:get|download) (?:the|our) app",
            r"exclusive|breaking(?: news)?|opinion|analysis|explainer|editorial|live(?: updates)?"
            r"|just in|developing(?: story)?|latest|watch live|fact check",
            r"(?:tags?|topics?|keywords|categories|related topics|filed under|more on)",
            r"(?:save|gift|print|share|bookmark|email|send) (?:this )?(?:article|story|page|link)",
            r"(?:yes|no)\s*/\s*(?:yes|no)",
            r"[\w &'’-]{1,30}\s*[▾▼▸►»›]",
            r"(?:sponsored|promoted|partner|recommended) (?:stories|content|links|video|post)s?",
            r"(?:report an error|editorial standards|corrections policy|contact us|about us)",
            r"(?:continue|keep) reading|read (?:full|the full) (?:article|story)|view (?:full )?"
            r"(?:article|gallery|slideshow)",
            r"next up:?",
            r"(?:like|reply|report|flag|share)(?:\s*[·|•]\s*(?:like|reply|report|flag|share))+",
        ],
        "start": [
            r"sign up (?:for|to) ",
            r"subscribe\b(?: (?:to|for|now|today|here|from|and)\b|\s*$)",
            r"(?:get|receive) (?:our|the|a) [\w ]{0,40}newsletter",
            r"(?:our|the|this) [\w ]{0,30}newsletter\b",
            r"follow us (?:on|at)\b",
            r"(?:like|find) us on\b",
            r"download (?:our|the) [\w ]{0,30}app\b",
            r"get (?:the|our) [\w .'’&-]{0,40} app\b",
            r"share (?:or comment (?:on )?)?(?:this|on|via|with)\b",
            r"click here\b",
            r"(?:home|news)\s*[>›»/|]\s*\w",
            r"you are here\b",
            r"(?:was|is|did) (?:this|the) (?:article|story|page|information) (?:helpful|useful)",
            r"(?:want|looking for) more (?:stories|news|articles|like this)\b",
            r"get (?:the latest|our|breaking) [\w ]{0,40}(?:inbox|newsletter|alerts?|notifications?)",
            r"(?:join|follow) (?:us|our) [\w ]{0,30}(?:channel|group|community|page)\b",
            r"(?:read|view|see) our (?:privacy|cookie|terms|editorial|corrections)\b",
            r"(?:like|enjoyed|love) this (?:story|article|post)\?",
            r"(?:tags?|topics?|filed under|categories|category|posted in|more about|keywords)\s*:",
            r"support (?:[\w'’-]+ ){0,2}(?:journalism|reporting|newsroom)\b",
            r"(?:become|join as) a (?:member|subscriber|supporter|patron)\b",
            r"follow (?:us|the [\w .'’&-]{1,40}|our [\w ]{1,30}) on\b",
            r"(?:story|article) continues (?:below|after)\b",
            r"(?:terms of (?:use|service)|privacy policy|cookie (?:policy|settings))\b",
            r"(?:already a subscriber|not a subscriber|become a (?:member|subscriber))\b",
            r"(?:advertisement|sponsored)\s*[:\-–—|]",
            r"scroll down for\b",
            r"(?:this|the) (?:article|story|post) (?:is|was) (?:sponsored|brought to you)\b",
            r"we (?:may )?(?:earn|receive) (?:a )?commission\b",
            r"get (?:push )?notifications\b",
            r"(?:we|this (?:site|website)) uses? cookies\b",
            r"by (?:continuing to (?:use|browse)|using) this (?:site|website)\b",
            r"(?:manage|cookie) (?:preferences|settings|consent)\b",
            r"get (?:the|our) [\w ]{0,40}(?:newsletter|briefing|bulletin|digest|alerts?|updates)\b",
            r"(?:we want to hear from you|tell us what you think)\b",
            r"(?:recommended|related) video\s*:",
            r"advertise with\b",
            r"don['’]t miss (?:a|another|out)\b",
            r"follow (?:\w+['’]s )?(?:coverage|live updates|latest)\b",
            r"(?:enjoy(?:ed)?|like[ds]?) (?:this|reading this) (?:article|story)\b",
        ],
        "contains": [
            r"\bsign up for (?:our|the) [\w ]{0,40}newsletter",
            r"\bsubscribe to (?:our|the) [\w ]{0,40}(?:newsletter|channel|podcast)",
            r"\bfollow us on\b",
            r"\bdownload (?:our|the) [\w ]{0,30}app\b",
            r"\bdelivered (?:straight |directly )?to your inbox\b",
            r"\b(?:in|to|into) your inbox\b",
            r"\bsign up (?:for|to) (?:our|the|a)\b",
            r"\b(?:daily|weekly|morning|evening|free) (?:e-?mail|newsletter|briefing|bulletin)\b",
            r"\bsubscribe to (?:our|the) [\w ]{0,30}(?:briefing|newsletter|channel|podcast)",
            r"\bshare (?:it|this) with (?:a friend|your friends)\b",
        ],
    },
    "other": {
        "whole": [
            r"getty images",
            r"(?:file )?photo",
            r"image",
            r"video",
            r"audio",
            r"gallery",
            r"(?:show|hide|toggle|view) caption",
            r"enlarge (?:this )?image",
            r"(?:\d+ of \d+|\d+/\d+)",
        ],
        "start": [
            r"(?:photo|photograph|picture|image|video|graphic|illustration|file photo)s?"
            r"(?: credit)?\s*[:|©]",
            r"(?:image|media|photo|video) (?:caption|copyright|source|credit)\b",
            r"caption\s*:",
            r"pictured\s*:",
            r"image source\s*[,:]",
            r"(?:photo|image|video|picture)s?\s*(?:credit|source)?\s*[,:]\s*(?-i:[A-Z])",
            r"credit\s*:",
            r"\((?:photo|photograph|picture|image|video|file photo)s? (?:by|credit|courtesy)\b",
            r"(?:photo|photograph|picture|image)s? (?:by|courtesy of)\b",
            r"editor['’]s note\s*:",
            r"\(?(?:AP|Reuters|AFP|EPA|Getty|PA|Bloomberg)\s*(?:Photos?|Images|Wire)\s*/",
            r"file\s*[-–—]\s*(?:in this|this|a|an|the)\b",
            r"(?:media|video|audio) playback is (?:unsupported|not supported)",
            r"your browser does not support\b",
            r"the (?:associated press|ap) receives (?:financial )?support\b",
            r"disclaimer\s*:",
            r"(?:disclosure|corrections?|clarification)\s*:",
        ],
        "contains": [
            r"\bis solely responsible for (?:all|this) content\b",
            r"\b(?:image|photo|picture)s? (?:by|courtesy of|via) [A-Z]",
        ],
    },
}
