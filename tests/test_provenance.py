"""Tests of the built-in provenance plugin (bylines, dates, copyright, services, copies)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from auditor_plugins import provenance
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from auditor.context import Corpus, DocumentView, PluginContext, Record
from auditor.model import ConfigField, Document, Finding, Provenance, Repeat, Span

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
BBC = SHARED / "corpora" / "bbc-dev"

BODY = """Shares in the engineering group rose sharply on Tuesday after it reported better than \
expected profits for the third quarter.

The company, which employs more than 4,000 people in the north of England, said orders had \
picked up since the summer and that its new plant in Sunderland was ahead of schedule.

"We have had a very strong run," said chief executive Martin Hollis, adding that the outlook \
for next year was bright despite higher energy costs.

Analysts at Barclays Capital said the figures showed the firm was recovering faster than its \
rivals. Chancellor Gordon Brown visited the plant in March 2004.

By contrast, smaller competitors have struggled to win new contracts in Europe and the Middle \
East, where prices fell on 14 March after a price war.

Investors will be watching closely by the end of the year to see whether the gains last."""


def _doc(text: str, meta: dict[str, str] | None = None, kind: str = "source") -> Document:
    return Document(
        path="a.txt",
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        encoding="utf-8",
        kind=kind,
        meta=meta or {},
    )


def analyze(
    text: str,
    meta: dict[str, str] | None = None,
    spans: list[Span] | None = None,
    kind: str = "source",
    config: dict[str, Any] | None = None,
) -> tuple[Provenance, list[Finding]]:
    """Run the hook directly and collect what it registers."""
    got: list[Any] = []
    view = DocumentView(_doc(text, meta, kind), spans or [])
    provenance.auditor_analyze(
        view=view, ctx=PluginContext("provenance", config or {}), register=got.append
    )
    provs = [g for g in got if isinstance(g, Provenance)]
    assert len(provs) == 1
    return provs[0], [g for g in got if isinstance(g, Finding)]


def codes(findings: list[Finding]) -> list[str]:
    return sorted(f.code for f in findings)


# ---------------------------------------------------------------------------------------------
# Seeds (the done-when of the plugin)


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds absent")
class TestSeeds:
    def test_000_bio_byline_and_outlet_no_date(self) -> None:
        prov, fs = analyze(_seed("000"))
        assert prov.byline == ["Paul Bedard"]
        assert prov.outlet == "Washington Examiner"
        assert prov.date is None
        assert "no-date" in codes(fs)

    def test_001_dateline_and_copyright(self) -> None:
        text = _seed("001")
        prov, fs = analyze(text)
        assert prov.byline == ["Stephen Dinan"]
        assert prov.outlet == "The Washington Times"
        assert prov.date == "2018-03-21"
        assert prov.date_source == "dateline"
        assert prov.copyright_holder == "The Washington Times, LLC"
        assert prov.copyright_year == 2022
        assert codes(fs) == ["copyright-year-mismatch"]
        s, e = prov.locations["date"]
        assert text[s:e] == "Wednesday, March 21, 2018"
        s, e = prov.locations["byline"]
        assert text[s:e] == "Stephen Dinan"

    def test_002_meta_date_service_no_byline(self) -> None:
        prov, fs = analyze(_seed("002"))
        assert prov.byline == []
        assert prov.date == "2018-03-22"
        assert prov.syndicated_via == "Acquire Media"
        assert prov.copyright_holder == "News World Communications, Inc."
        assert prov.copyright_year == 2018
        assert codes(fs) == ["no-byline", "syndicated"]

    def test_003_partial_update_date(self) -> None:
        prov, fs = analyze(_seed("003"))
        assert prov.byline == ["Roger Algase"]
        assert prov.date is None
        assert prov.date_text == "November 28"
        assert prov.date_partial is True
        assert codes(fs) == ["ambiguous-date"]

    def test_004_bio_with_outlet(self) -> None:
        prov, fs = analyze(_seed("004"))
        assert prov.byline == ["John Binder"]
        assert prov.outlet == "Breitbart News"
        assert prov.date == "2024-12-19"
        assert codes(fs) == []


# ---------------------------------------------------------------------------------------------
# Bylines in many house styles

BYLINES = [
    ("By Jane Doe\nMarch 3, 2020\n\n{b}", ["Jane Doe"]),
    ("BY JANE DOE AND ROBERT O'NEIL\n\n{b}", ["Jane Doe", "Robert O'Neil"]),
    ("By Jane Doe, John Smith and Ann Lee, Tribune staff\n\n{b}", ["Jane Doe", "John Smith", "Ann Lee"]),
    ("By Jane Doe, John Smith, and Ann Lee\n\n{b}", ["Jane Doe", "John Smith", "Ann Lee"]),
    ("By Jane Doe & Li Wei | The Daily Ledger\n\n{b}", ["Jane Doe", "Li Wei"]),
    ("Posted by Alan Whitfield on 12/25/2019 at 4:15 pm\n\n{b}", ["Alan Whitfield"]),
    ("Tom Baxter, Staff Writer\nSaturday 5 October 2019 08.00 BST\n\n{b}", ["Tom Baxter"]),
    ("Hannah Price\nPolitical correspondent\n\n{b}", ["Hannah Price"]),
    ("Hannah Price\nSat 5 Oct 2019 08.00 BST\n\n{b}", ["Hannah Price"]),
    ("Written by Priya Natarajan and Li Wei\n2021-07-14\n\n{b}", ["Priya Natarajan", "Li Wei"]),
    ("Author: Dr. Helen Moss\nDate: 2018-11-02\n\n{b}", ["Helen Moss"]),
    ("By Mr. John Q. Public Jr.\n\n{b}", ["John Q. Public Jr."]),
    ("By Carlos de la Fuente\nCorrespondent\n\n{b}", ["Carlos de la Fuente"]),
    ("21 March 2018 • By Hannah Price\n\n{b}", ["Hannah Price"]),
    ("Story by Jane Doe • Photos by Bob Roe\n\n{b}", ["Jane Doe"]),
    ("By Jane Doe, Associated Press\n\n{b}", ["Jane Doe"]),
    ("By José Álvarez-Núñez\n\n{b}", ["José Álvarez-Núñez"]),
    ("{b}\n\n(Reporting by Kate Holton and Paul Sandle; Editing by Mark Potter)", ["Kate Holton", "Paul Sandle"]),
    ("{b}\n\nReporting by Kate Holton in London; Additional reporting by Li Wei; Editing by Ed Ross",
     ["Kate Holton"]),
    ("{b}\n\nSarah Kline is a senior correspondent for The Daily Ledger. Follow her on Twitter.",
     ["Sarah Kline"]),
    ("{b}\n\nSarah Kline is a freelance writer based in Chicago.", ["Sarah Kline"]),
    ("{b}\n\n— Marcus Lee", ["Marcus Lee"]),
    ("{b}\n\nEmail Jane Doe at jdoe@ledger.example or follow her on Twitter.", ["Jane Doe"]),
    ("{b}\n\nContact reporter Jane Doe at jdoe@ledger.example.", ["Jane Doe"]),
    ("{b}\n\n• Jane Doe can be reached at jdoe@ledger.example.", ["Jane Doe"]),
    ("{b}\n\nJane Doe, the Ledger's business columnist, can be contacted at jd@x.example",
     ["Jane Doe"]),
    ("{b}\n\nJane Doe (@janedoe) covers energy for the Ledger.", ["Jane Doe"]),
    ("By Jane Doe\n\n{b}\n\nJane Doe is a reporter for The Daily Ledger.", ["Jane Doe"]),
    ("By Jane Doe\n\n{b}\n\nBob Roe is a reporter for The Daily Ledger. Email him at br@x.example",
     ["Jane Doe", "Bob Roe"]),
]  # fmt: skip


@pytest.mark.parametrize(("template", "expected"), BYLINES)
def test_byline_styles(template: str, expected: list[str]) -> None:
    text = template.format(b=BODY)
    prov, fs = analyze(text)
    assert prov.byline == expected
    assert "no-byline" not in codes(fs)
    s, e = prov.locations["byline"]
    assert text[s:e].casefold() == expected[0].casefold()


# Styles added after the first round, kept apart as a check that the rules generalise.
MORE_STYLES = [
    ("By Jane Doe, Staff Writer | Published 10:03 AM EST Mar 5, 2020\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("Jane Doe\n@janedoe\nMarch 5, 2020\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("By Jane Doe\nUpdated 10:03 AM EST, Thu March 5, 2020\n\n{b}", ["Jane Doe"], None),
    ("Published March 5, 2020 at 10:03 am | Updated March 6, 2020 at 8:00 am\n\n{b}", [], "2020-03-05"),
    ("By Jane Doe / The Daily Ledger / March 5, 2020\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("JANE DOE | STAFF WRITER\n\n{b}", ["Jane Doe"], None),
    ("By JANE DOE\nDaily Ledger Staff Writer\n\n{b}", ["Jane Doe"], None),
    ("Jane Doe — Special to The Daily Ledger\n\n{b}", ["Jane Doe"], None),
    ("By JANE DOE FOR DAILYMAIL.COM\n\n{b}", ["Jane Doe"], None),
    ("PUBLISHED: 10:03 EST, 5 March 2020 | UPDATED: 12:00 EST, 6 March 2020\n\n{b}", [], "2020-03-05"),
    ("5 March 2020 · 3 min read\n\n{b}", [], "2020-03-05"),
    ("Mar 5, 2020, 10:03am EST\n\n{b}", [], "2020-03-05"),
    ("Thursday 5 March 2020 10:03, UK\n\n{b}", [], "2020-03-05"),
    ("By Jane Doe and John Roe\nThe Daily Ledger\nMarch 5, 2020\n\n{b}", ["Jane Doe", "John Roe"], "2020-03-05"),
    ("Words: Jane Doe\n\n{b}", ["Jane Doe"], None),
    ("By: Jane Doe\n\n{b}", ["Jane Doe"], None),
    ("Jane Doe, The Daily Ledger\nPublished 5:00 a.m. ET March 5, 2020\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("By Jane Doe on 5th March 2020\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("Jane Doe | March 5, 2020\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("{b}\n\nJane Doe is The Daily Ledger's Paris correspondent.", ["Jane Doe"], None),
    ("{b}\n\n— Jane Doe, The Daily Ledger", ["Jane Doe"], None),
    ("{b}\n\nJane Doe contributed to this report.", [], None),
    ("{b}\n\nFollow Jane Doe on Twitter: @janedoe", ["Jane Doe"], None),
    ("{b}\n\nJane Doe is a professor of economics at Yale University.", ["Jane Doe"], None),
    ("{b}\n\nMartin Hollis is the chief executive of the group.", [], None),
    ("{b}\n\nMartin Hollis is a former reporter for the Financial Times.", [], None),
    ("By Jane Doe – Associated Press – Thursday, March 5, 2020\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("PARIS, March 5 (Reuters) - {b}", [], None),
    ("Published\n5 March 2020\n\n{b}", [], "2020-03-05"),
    ("Updated\n5 March 2020\n\n{b}", [], None),
    ("Mar 5, 2020 / 10:03 AM / Updated 2 hours ago\n\n{b}", [], "2020-03-05"),
    ("By Jane Doe\nBusiness reporter, BBC News\n\n{b}", ["Jane Doe"], None),
    ("Share\nBy Jane Doe\nBBC News\n\n{b}", ["Jane Doe"], None),
    ("Opinion by Jane Doe\n\n{b}", ["Jane Doe"], None),
    ("An analysis by Jane Doe\n\n{b}", ["Jane Doe"], None),
    ("Dr Jane Doe\nSenior Lecturer in Economics\n\n{b}", ["Jane Doe"], None),
    ("Jane Doe\nMarch 5, 2020 at 9:00 am\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("Last Modified: March 6, 2020 | Published: March 5, 2020\n\n{b}", [], "2020-03-05"),
    ("Posted 25/3/2020\n\n{b}", [], "2020-03-25"),
    ("BY JANE DOE - 03/05/20 10:03 AM EST\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("Posted on March 5, 2020 by Jane Doe\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("March 5, 2020 at 10:03 am by Jane Doe\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("By JANE DOE Associated Press\n\nWASHINGTON (AP) — {b}", ["Jane Doe"], None),
    ("By JANE DOE FOR MAILONLINE\nPUBLISHED: 10:03 EST, 5 March 2020\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("Jane Doe | TNN | Updated: Mar 5, 2020, 10:03 IST\n\n{b}", ["Jane Doe"], None),
    ("Jane Doe\nFollow\nMar 5, 2020 · 5 min read\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("By Jane Doe\nMarch 5, 2020, 10:03 AM EST Updated on March 6, 2020\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("{b}\n\nAbout the author: Jane Doe is a freelance journalist.", ["Jane Doe"], None),
    ("{b}\n\nJane Doe (jdoe@ledger.example) is a staff writer.", ["Jane Doe"], None),
    ("{b}\n\nJane Doe\nStaff Writer\njdoe@ledger.example", ["Jane Doe"], None),
    ("{b}\n\n{b}\n\nJane Doe | The Daily Ledger", ["Jane Doe"], None),
    ("{b}\n\n{b}\n\nJane Doe\nStaff Writer", ["Jane Doe"], None),
    ("Jane Doe and agencies\nThu 5 Mar 2020 10.03 GMT\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("Jane Doe in Washington\nThu 5 Mar 2020 10.03 GMT\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("By Jane Doe Mar 05, 2020 10:03 AM ET\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("By April Ryan May 5, 2020\n\n{b}", ["April Ryan"], "2020-05-05"),
    ("Jane Doe | Posted: Mar 05, 2020 10:03 AM\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("Jane Doe | 03/05/2020\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("by Jane Doe\n| March 05, 2020 10:03 AM\n\n{b}", ["Jane Doe"], "2020-03-05"),
    ("{b}\n\nJane Doe is president of the Center for Fiscal Studies.", ["Jane Doe"], None),
    ("{b}\n\nJane Doe is a reporter for the Ledger.\nCopyright 2020 Ledger Media\nAll rights reserved.\n"
     "Share this: Facebook | Twitter", ["Jane Doe"], None),
    ("{b}\n\nHollis is president of the Engineering Employers Federation.", [], None),
    (" author Jane Doe\n date 2020-03-05 {b}", ["Jane Doe"], "2020-03-05"),
    ("{b}\n\n(REPORTING BY JANE DOE; EDITING BY JOHN ROE)", ["Jane Doe"], None),
    ("{b}\n\nJane Doe covers energy markets for The Daily Ledger.", ["Jane Doe"], None),
    ("BY PRIYA VAN DER BERG AND HIROSHI MCALLISTER\n\n{b}", ["Priya van der Berg", "Hiroshi McAllister"], None),
    ("Posted by Site Admin on January 1, 2019\n\n{b}", [], "2019-01-01"),
]  # fmt: skip


@pytest.mark.parametrize(("template", "byline", "date"), MORE_STYLES)
def test_more_house_styles(template: str, byline: list[str], date: str | None) -> None:
    prov, _ = analyze(template.format(b=BODY))
    assert prov.byline == byline
    assert prov.date == date


NOT_BYLINES = [
    "{b}",
    "By contrast, analysts said the deal was poor value for shareholders.\n\n{b}",
    "by the end of the year the firm hopes to double its output.\n\n{b}",
    "By John Smith's account, the meeting ended early and without agreement.\n\n{b}",
    "By Staff Reporter\n\n{b}",
    "By Our Correspondent\n\n{b}",
    "by jane doe\n\n{b}",
    "Ad sales boost Time Warner profit\n\n{b}",
    "Gordon Brown\n\n{b}",
    "{b}\n\nJohn Smith is the chairman of the company.",
    "{b}\n\nJohn Smith is an editor of the magazine, which sells 200,000 copies a month.",
    "{b}\n\nPhoto by Bob Roe",
    "{b}\n\nMartin Hollis is the chief executive and said in an email that he was pleased.",
    "{b}\n\nJohn Smith is a reporter for the Financial Times, Martin Hollis said.",
    "Northern Echo Post - 01/26/2007\n\n{b}",
    "Tevfik Aksoy, chief Turkish economist for Deutsche Bank, told Associated Press.\n\n{b}",
    "Alison Howe, producer of TV show Later...\n\n{b}",
    "By Valley News Staff\n\n{b}",
    "REUTERS/Jane Doe\n\n{b}",
    "Jane Doe/Getty Images\n\n{b}",
    "Jane Doe / Staff Photographer\n\n{b}",
    "Photo: Jane Doe, Reuters\n\n{b}",
    "{b}\n\nMartin Hollis covers the cost for the pension fund.",
    "{b}\n\nMartin Hollis said the company could be reached by a takeover bid.",
    "{b}\n\nBy March 2005 the plant will employ 1,200 people, Martin Hollis said.",
    "Written by the board and approved by shareholders, the plan was unveiled.\n\n{b}",
]


@pytest.mark.parametrize("template", NOT_BYLINES)
def test_not_bylines(template: str) -> None:
    prov, fs = analyze(template.format(b=BODY))
    assert prov.byline == []
    assert "no-byline" in codes(fs)


def test_outlet_lines() -> None:
    prov, _ = analyze("June 7, 2019 | Bayside Digest\n\n" + BODY)
    assert (prov.outlet, prov.date) == ("Bayside Digest", "2019-06-07")
    text = "Water bills up\n\nBy Nathan Cole\nSpringfield Courier-Post\nMarch 5, 2020\n\n" + BODY
    prov, _ = analyze(text)
    assert prov.byline == ["Nathan Cole"]
    assert prov.outlet == "Springfield Courier-Post"
    prov, _ = analyze(
        "The Lakeshore Tribune\nHome › News\n\nPosted by Alma Reyes on May 2, 2022\n" + BODY
    )
    assert (prov.outlet, prov.byline, prov.date) == (
        "The Lakeshore Tribune",
        ["Alma Reyes"],
        "2022-05-02",
    )
    prov, _ = analyze("# A title\n\n*By Ines Okafor*\n\n*April 2, 2021*\n\n" + BODY)
    assert (prov.byline, prov.date) == (["Ines Okafor"], "2021-04-02")


def test_outlet_sources() -> None:
    prov, _ = analyze(" source The Daily Ledger\n date 2020-03-05 " + BODY)
    assert prov.outlet == "The Daily Ledger"
    prov, _ = analyze("Source: Valley News\n\n" + BODY)
    assert prov.outlet == "Valley News"
    prov, _ = analyze("Source of the trouble was a leak, officials said.\n\n" + BODY)
    assert prov.outlet is None
    prov, _ = analyze(
        BODY + "\n\nSarah Kline is a reporter for the Ledger. Email her at s@x.example"
    )
    assert prov.outlet == "Ledger"


def test_wire_byline_is_outlet_and_service() -> None:
    prov, fs = analyze("By The Associated Press\n\nWASHINGTON — " + BODY)
    assert prov.byline == []
    assert prov.outlet == "The Associated Press"
    assert prov.syndicated_via == "The Associated Press"
    assert codes(fs) == ["no-byline", "no-date", "syndicated"]


def test_wire_credit_in_dateline() -> None:
    text = "LONDON (Reuters) - " + BODY
    prov, fs = analyze(text)
    assert prov.syndicated_via == "Reuters"
    assert "syndicated" in codes(fs)
    # A dateline credit is the wire's own mark, not a licensing notice only copies carry.
    assert "service_notice" not in prov.locations
    s, e = prov.locations["wire_credit"]
    assert text[s:e] == "Reuters"
    prov, _ = analyze("SPRINGFIELD (Metro Wire) — " + BODY)
    assert prov.syndicated_via == "Metro Wire"
    prov, _ = analyze("WASHINGTON (Ledger Staff) — " + BODY)
    assert prov.syndicated_via is None
    prov, _ = analyze(
        "Floods hit the west of the country, Agence France Presse (AFP) said.\n" + BODY
    )
    assert prov.syndicated_via is None
    prov, _ = analyze("By REUTERS\n\n" + BODY)
    assert prov.syndicated_via == "Reuters"


# ---------------------------------------------------------------------------------------------
# Dates

DATES = [
    ("- The Daily Ledger - Wednesday, March 21, 2018\n\n{b}", "2018-03-21", "dateline"),
    ("March 3, 2020\n\n{b}", "2020-03-03", "dateline"),
    ("Mar. 21, 2018\n\n{b}", "2018-03-21", "dateline"),
    ("Sept. 5, 2019 at 5:00 p.m. EDT\n\n{b}", "2019-09-05", "dateline"),
    ("21 March 2018\n\n{b}", "2018-03-21", "dateline"),
    ("21st of March, 2018\n\n{b}", "2018-03-21", "dateline"),
    ("Published: 03 Mar 2020 | Updated: 04 Mar 2020\n\n{b}", "2020-03-03", "dateline"),
    ("Published 3:45 PM ET Thu, 9 May 2019\n\n{b}", "2019-05-09", "dateline"),
    ("First published on Tue 12 Mar 2019 06.00 GMT\n\n{b}", "2019-03-12", "dateline"),
    (" date 2018-03-22 {b}", "2018-03-22", "meta"),
    ("Date: 2018/03/22\n\n{b}", "2018-03-22", "meta"),
    ("2021-07-14T09:30:00+01:00\n\n{b}", "2021-07-14", "dateline"),
    ("03/21/2018\n\n{b}", "2018-03-21", "dateline"),
    ("21/03/2018\n\n{b}", "2018-03-21", "dateline"),
    ("21.03.2018\n\n{b}", "2018-03-21", "dateline"),
    ("WASHINGTON, March 21, 2018 — {b}", "2018-03-21", "dateline"),
    ("NEW YORK, Jan. 8, 2021 /PRNewswire/ -- {b}", "2021-01-08", "dateline"),
    ("By Jane Doe | March 3, 2020\n\n{b}", "2020-03-03", "byline"),
    ("The Daily Ledger | 14 February 2016\nBy Omar Farouk\n\n{b}", "2016-02-14", "dateline"),
    ("{b}\n\nPublished: 14 February 2016", "2016-02-14", "dateline"),
]


@pytest.mark.parametrize(("template", "iso", "source"), DATES)
def test_date_formats(template: str, iso: str, source: str) -> None:
    prov, fs = analyze(template.format(b=BODY))
    assert prov.date == iso
    assert prov.date_source == source
    assert "no-date" not in codes(fs)
    assert "conflicting-dates" not in codes(fs)


NOT_DATES = [
    "{b}",
    "February 30, 2018\n\n{b}",
    "March 3, 3000\n\n{b}",
    "Oil hits record high on 21 March 2018 as supply fears grow\n\n{b}",
    "On March 21, 2018, the company said it would cut 300 jobs.\n\n{b}",
    "By March 21, 2018, the company must repay its loans.\n\n{b}",
    "{b}\n\nThe deal was first agreed on 21 March 2018 in Paris.",
    "{b}\n\n{b}\n\nMarch 21, 2018\n\n{b}",
]


@pytest.mark.parametrize("template", NOT_DATES)
def test_not_publication_dates(template: str) -> None:
    prov, fs = analyze(template.format(b=BODY))
    assert prov.date is None
    assert prov.date_text is None
    assert "no-date" in codes(fs)


def test_partial_date_is_never_guessed() -> None:
    for head in ("Update: November 28, 12:00 pm:", "Published: Tuesday, 28 November", "Nov. 28"):
        prov, fs = analyze(head + "\n\n" + BODY)
        assert prov.date is None, head
        assert prov.date_partial is True
        assert prov.date_text and "28" in prov.date_text
        assert codes(fs) == ["ambiguous-date", "no-byline"]


def test_month_year_only_after_a_label() -> None:
    prov, fs = analyze("Published: March 2018\n\n" + BODY)
    assert prov.date is None and prov.date_text == "March 2018" and prov.date_partial
    assert "ambiguous-date" in codes(fs)


def test_ambiguous_numeric_date() -> None:
    # Default: month first (slashed dates in English-language news), unless the file proves
    # otherwise with a date that can only be read one way.
    prov, fs = analyze("03/04/2018\n\n" + BODY)
    assert prov.date == "2018-03-04"
    assert "ambiguous-date" not in codes(fs)
    prov, _ = analyze("03/04/2018 | Updated 25/04/2018\n\n" + BODY)
    assert prov.date == "2018-04-03"
    assert prov.updated == "2018-04-25"
    prov, _ = analyze("03/04/2018\n\n" + BODY, config={"numeric_date_order": "dmy"})
    assert prov.date == "2018-04-03"
    prov, fs = analyze("03/04/2018\n\n" + BODY, config={"numeric_date_order": "strict"})
    assert prov.date is None
    assert "ambiguous-date" in codes(fs)
    # Dotted dates are day first.
    prov, _ = analyze("03.04.2018\n\n" + BODY)
    assert prov.date == "2018-04-03"


def test_updated_is_not_published() -> None:
    prov, fs = analyze("Last updated on 22 March 2018\n\n" + BODY)
    assert prov.date is None
    assert prov.updated == "2018-03-22"
    assert "no-date" not in codes(fs)
    prov, fs = analyze("Published 21 March 2018, updated 22 March 2018\n\n" + BODY)
    assert (prov.date, prov.updated) == ("2018-03-21", "2018-03-22")
    assert "conflicting-dates" not in codes(fs)


def test_conflicting_dates() -> None:
    text = "By Jane Doe | March 3, 2020\n\n" + BODY + "\n\nPublished: March 5, 2020"
    prov, fs = analyze(text)
    assert prov.date == "2020-03-03"
    (f,) = [f for f in fs if f.code == "conflicting-dates"]
    assert f.severity == "warning"
    assert text[f.start : f.end] == "March 5, 2020"
    # The same date in two formats is no conflict.
    prov, fs = analyze("March 3, 2020\n\n" + BODY + "\n\nPublished: 2020-03-03")
    assert "conflicting-dates" not in codes(fs)


def test_comment_dates_are_ignored() -> None:
    text = (
        "By Jane Doe\nMarch 3, 2020\n\n"
        + BODY
        + "\n\nJoin the discussion\nPosted on March 9, 2020 by reader42\nGreat article!"
    )
    prov, fs = analyze(text)
    assert prov.date == "2020-03-03"
    assert "conflicting-dates" not in codes(fs)


# ---------------------------------------------------------------------------------------------
# Copyright, services, credits

COPYRIGHTS = [
    ("Copyright © 2022 The Washington Times, LLC. Click here for reprint permission.",
     "The Washington Times, LLC", 2022),
    ("© Copyright (c) 2018 News World Communications, Inc.", "News World Communications, Inc.", 2018),
    ("Copyright 2016 The Daily Ledger. All rights reserved.", "The Daily Ledger", 2016),
    ("© 2005-2019 Ledger Media Group Ltd. | Privacy policy", "Ledger Media Group Ltd.", 2019),
    ("(c) The Daily Ledger 2017", "The Daily Ledger", 2017),
]  # fmt: skip


@pytest.mark.parametrize(("line", "holder", "year"), COPYRIGHTS)
def test_copyright(line: str, holder: str, year: int) -> None:
    text = "March 3, 2017\n\n" + BODY + "\n\n" + line
    prov, fs = analyze(text)
    assert prov.copyright_holder == holder
    assert prov.copyright_year == year
    s, e = prov.locations["copyright_holder"]
    assert text[s:e] == holder
    assert ("copyright-year-mismatch" in codes(fs)) == (year != 2017)


def test_copyright_words_in_article_are_not_notices() -> None:
    body = (
        "Copyright law has changed a great deal since 1998, lawyers said.\n\n"
        "Copyright Office officials said on Tuesday they would review the rules.\n\n" + BODY
    )
    prov, _ = analyze(body)
    assert prov.copyright_holder is None and prov.copyright_year is None


def test_wire_copyright_is_a_service() -> None:
    prov, fs = analyze(BODY + "\n\nCopyright 2019 The Associated Press. All rights reserved.")
    assert prov.copyright_holder == "The Associated Press"
    assert prov.syndicated_via == "The Associated Press"
    assert "syndicated" in codes(fs)


def test_services_and_credits() -> None:
    text = BODY + "\n\nDistributed by Tribune Content Agency, LLC."
    prov, fs = analyze(text)
    assert prov.syndicated_via == "Tribune Content Agency"
    assert "syndicated" in codes(fs)
    s, e = prov.locations["service_notice"]
    assert text[s:e] == "Tribune Content Agency"
    text = BODY + "\n\nThis article originally appeared on The Conversation. Read the original."
    prov, _ = analyze(text)
    s, e = prov.locations["credit"]
    assert text[s:e] == "The Conversation"
    assert prov.syndicated_via is None
    # Running text that merely uses the words is no notice.
    prov, _ = analyze(BODY + "\n\nThe film will be distributed by Warner Bros in the US.")
    assert prov.syndicated_via is None
    prov, _ = analyze("Plastic cards first appeared in the UK in 1966.\n\n" + BODY)
    assert "credit" not in prov.locations


# ---------------------------------------------------------------------------------------------
# HTML metadata and boilerplate spans


def test_html_meta_preferred_for_pages() -> None:
    jsonld = (
        '{"@type":"NewsArticle","author":[{"@type":"Person","name":"Jane Doe"},'
        '{"@type":"Person","name":"Li Wei"}],"datePublished":"2020-03-03T10:00:00-05:00",'
        '"dateModified":"2020-03-04T08:00:00Z","publisher":{"name":"The Daily Ledger"}}'
    )
    prov, fs = analyze("Home\nNews\n" + BODY, meta={"jsonld": jsonld}, kind="html-visible")
    assert prov.byline == ["Jane Doe", "Li Wei"]
    assert prov.date == "2020-03-03" and prov.date_source == "html-meta"
    assert prov.updated == "2020-03-04"
    assert prov.outlet == "The Daily Ledger"
    assert codes(fs) == []
    meta = {
        "author": "By JANE DOE",
        "article:published_time": "2019-05-09T15:45:00Z",
        "og:site_name": "Ledger",
    }
    prov, _ = analyze(BODY, meta=meta, kind="html-visible")
    assert prov.byline == ["Jane Doe"]
    assert prov.date == "2019-05-09"
    assert prov.outlet == "Ledger"
    # A URL or an outlet as "author" is no person.
    prov, _ = analyze(BODY, meta={"author": "https://facebook.com/ledger"}, kind="html-visible")
    assert prov.byline == []
    prov, _ = analyze(BODY, meta={"author": "Reuters", "jsonld": "{not json"}, kind="html-visible")
    assert prov.byline == []


def test_page_furniture_and_reader_posts_without_spans() -> None:
    nav = "Home | News | Business\nSign in\nSearch\nMenu\nPrint\nMost Read\nSubscribe\nShare\n"
    comments = (
        "\n\nReader comments (12)\njimbob says:\nMarch 9, 2020 at 3:45 pm\nNonsense.\n"
        "Mark Jones says:\nMarch 10, 2020 at 3:45 pm\nPosted by Mark Jones."
    )
    text = nav + "Shares rise\nBy Jane Doe\nMarch 3, 2020\n\n" + BODY + comments
    prov, fs = analyze(text)
    assert prov.byline == ["Jane Doe"]
    assert prov.date == "2020-03-03"
    assert "conflicting-dates" not in codes(fs)
    # Without a header, "X says:" over a date opens the reader posts.
    prov, fs = analyze(text.replace("Reader comments (12)\n", ""))
    assert prov.byline == ["Jane Doe"]
    assert "conflicting-dates" not in codes(fs)


def test_skipped_spans_do_not_feed_provenance() -> None:
    nav = "Posted by Jim Webmaster\nMarch 9, 2020\n"
    text = nav + "By Jane Doe\n" + BODY
    # Page structure (HTML reader's navigation/other hints) is trusted ...
    spans = [Span(0, len(nav), "navigation")]
    prov, _ = analyze(text, spans=spans, kind="html-visible")
    assert prov.byline == ["Jane Doe"]
    assert prov.date is None
    # ... and comment sections everywhere; a plain-text "navigation" guess is not.
    prov, _ = analyze(text, spans=spans)
    assert prov.date == "2020-03-09"
    posts = "\nGreat piece\nPublished: March 9, 2020\nPosted by Jim Webmaster"
    text = "By Jane Doe\nMarch 3, 2020\n" + BODY + posts
    prov, fs = analyze(text, spans=[Span(len(text) - len(posts), len(text), "comments")])
    assert (prov.byline, prov.date) == (["Jane Doe"], "2020-03-03")
    assert "conflicting-dates" not in codes(fs)


# ---------------------------------------------------------------------------------------------
# Corpus check


def _record(path: str, byline: list[str]) -> Record:
    doc = Document(path=path, text=BODY, sha256="0" * 64, encoding="utf-8")
    return Record(doc, [], Provenance(byline=byline), {})


def corpus_check(records: list[Record], repeats: list[Repeat]) -> list[Finding]:
    got: list[Any] = []
    corpus = Corpus(sorted(records, key=lambda r: r.path), repeats)
    provenance.auditor_corpus_check(
        corpus=corpus, ctx=PluginContext("provenance", {}), register=got.append
    )
    return got


def _rep(path: str, other: str, relation: str) -> Repeat:
    return Repeat(path=path, other=other, relation=relation, similarity=0.9, containment=0.95)


def test_attribution_dropped_and_quotes() -> None:
    recs = [_record("news/001.txt", ["Stephen Dinan"]), _record("news/002.txt", [])]
    got = corpus_check(recs, [_rep("news/002.txt", "news/001.txt", "copy-of")])
    (f,) = got
    assert (f.code, f.severity, f.path, f.other) == (
        "attribution-dropped",
        "error",
        "news/002.txt",
        "news/001.txt",
    )
    assert f.message == ("repeats news/001.txt, which credits Stephen Dinan, but credits no author")
    assert corpus_check(recs, [_rep("news/002.txt", "news/001.txt", "shares-passages")]) == []
    assert corpus_check(recs, [_rep("news/001.txt", "news/002.txt", "source-of")]) == []


def test_byline_mismatch_and_subsets() -> None:
    recs = [
        _record("a", ["Jane Doe", "Li Wei"]),
        _record("b", ["Bob Roe"]),
        _record("c", ["Jane Doe"]),
        _record("d", ["J. Doe"]),
        _record("e", []),
    ]
    got = corpus_check(
        recs,
        [
            _rep("b", "a", "copy-of"),
            _rep("c", "a", "copy-of"),
            _rep("d", "c", "copy-of"),
            _rep("a", "e", "copy-of"),
        ],
    )
    assert [(f.code, f.path, f.other) for f in got] == [("byline-mismatch", "b", "a")]
    assert got[0].start is None  # the record has no byline location to point at
    assert got[0].severity == "warning"
    assert "credits Jane Doe and Li Wei, but credits Bob Roe" in got[0].message


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds absent")
def test_seed_copy_drops_attribution() -> None:
    recs = []
    for name, prefix in (("001", "001"), ("002", "002")):
        prov, _ = analyze(_seed(prefix))
        recs.append(
            Record(Document(path=name, text="", sha256="0" * 64, encoding="utf-8"), [], prov, {})
        )
    (f,) = corpus_check(recs, [_rep("002", "001", "copy-of")])
    assert f.code == "attribution-dropped" and "Stephen Dinan" in f.message
    assert corpus_check(recs, [_rep("002", "001", "shares-passages")]) == []


# ---------------------------------------------------------------------------------------------
# Configuration, robustness, precision on real articles


def test_config_fields_and_overrides() -> None:
    fields: list[ConfigField] = []
    provenance.auditor_register_config(register=fields.append)
    keys = {f.key for f in fields}
    assert {"head_lines", "wire_services", "honorifics", "numeric_date_order"} <= keys
    for f in fields:
        assert isinstance(f.default, f.type) and f.help
    text = BODY + "\n\nSyndicated via Ledger Wire Partners."
    prov, _ = analyze(text, config={"service_cues": [r"syndicated via"]})
    assert prov.syndicated_via == "Ledger Wire Partners"
    # A broken user regex, conflicting flags or odd values are ignored, not fatal.
    analyze(text, config={"service_cues": ["(", "(?i)a", "(?s)b"], "role_words": []})
    prov, _ = analyze("By Jane Doe\n\n" + BODY, config={"honorifics": [1, "Dr"]})
    assert prov.byline == ["Jane Doe"]


_PIECES = [
    *"abcXYZ ,.;:|•—-()©@/\n\r\t0123456789'’&Ö\u2028",
    "By ", "by ", "Jane ", "Doe", "March ", "2018", "Published: ", "Copyright ", "(AP)",
    "is a reporter for ", "can be reached at ", "Reporting by ", "Updated ", "12/", "Mr. ",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hs.lists(hs.sampled_from(_PIECES), max_size=120).map("".join))
def test_analyze_never_raises(text: str) -> None:
    prov, fs = analyze(text)
    for s, e in prov.locations.values():
        assert 0 <= s <= e <= len(text)
    for f in fs:
        if f.start is not None:
            assert 0 <= f.start <= f.end <= len(text)  # type: ignore[operator]
    if prov.date:
        assert len(prov.date) == 10


@given(hs.text(max_size=300), hs.dictionaries(hs.text(max_size=20), hs.text(max_size=80)))
@settings(max_examples=60, deadline=None)
def test_analyze_never_raises_arbitrary_unicode(text: str, meta: dict[str, str]) -> None:
    analyze(text, meta=meta, kind="html-visible")


def test_deterministic() -> None:
    text = "By Jane Doe and Li Wei\nMarch 3, 2020\n\n" + BODY + "\n\n© 2020 Ledger Ltd."
    assert analyze(text) == analyze(text)


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds absent")
def test_seeds_through_the_pipeline() -> None:
    """The real engine: boilerplate spans in, attribution-dropped out on the copy."""
    testing = pytest.importorskip("auditor.testing")
    files = {f"news/{p.name[:3]}.txt": p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))}
    audits = testing.audit_texts(files)
    assert audits["news/001.txt"]["provenance"]["byline"] == ["Stephen Dinan"]
    assert audits["news/003.txt"]["provenance"]["date_text"] == "November 28"
    dropped = [f for f in audits["news/002.txt"]["findings"] if f["code"] == "attribution-dropped"]
    if any(r["relation"] == "copy-of" for r in audits["news/002.txt"].get("repeats", [])):
        assert dropped and dropped[0]["other"] == "news/001.txt"
        assert "Stephen Dinan" in dropped[0]["message"]


@pytest.mark.skipif(not BBC.exists(), reason="shared corpora absent")
def test_no_false_provenance_on_bbc_bodies() -> None:
    """Real articles without bylines or datelines: nothing may be invented."""
    files = sorted(BBC.glob("*/*.txt"))[::3]
    assert files
    for path in files:
        prov, fs = analyze(path.read_text(encoding="utf-8", errors="replace"))
        assert prov.byline == [], path
        assert prov.date is None and prov.date_text is None, path
        assert prov.syndicated_via is None and "credit" not in prov.locations, path
        assert codes(fs) == ["no-byline", "no-date"], path
