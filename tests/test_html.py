"""The html reader: visible text, metadata, furniture hints, encodings and hostile input."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from auditor_plugins import html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.context import CleanText, PluginContext
from auditor.errors import InputError
from auditor.model import CATEGORIES, ConfigField, Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CTX = PluginContext("html")


def read(data: bytes | str, path: str = "page.html", config: dict | None = None) -> Document:
    if isinstance(data, str):
        data = data.encode("utf-8")
    ctx = PluginContext("html", config or {})
    doc = html.auditor_read(path=path, data=data, ctx=ctx)
    assert doc is not None
    check_invariants(doc)
    return doc


def check_invariants(doc: Document) -> None:
    assert doc.kind == "html-visible"
    prev_end = 0
    for span in doc.hints:
        assert span.category in CATEGORIES
        assert prev_end <= span.start < span.end <= len(doc.text), span
        prev_end = span.end
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in doc.meta.items())


def category_at(doc: Document, needle: str) -> str | None:
    """The hint category covering the first occurrence of `needle` (None: article text)."""
    start = doc.text.index(needle)
    end = start + len(needle)
    for span in doc.hints:
        if span.start <= start and end <= span.end:
            return span.category
        assert not (span.start < end and start < span.end), f"{needle!r} straddles {span}"
    return None


def seed(name: str) -> Document:
    return read((SEEDS / name).read_bytes(), path=f"seeds/{name}")


# --------------------------------------------------------------------------- file choice


def test_reader_declines_files_that_are_not_html() -> None:
    for path, data in [
        ("notes.txt", b"<html><body>hello</body></html>"),
        ("README.md", b"# Title\n\ntext"),
        ("data.json", b"{}"),
        ("README", b"plain words, no markup"),
    ]:
        assert html.auditor_read(path=path, data=data, ctx=CTX) is None


def test_reader_takes_html_suffixes_and_sniffed_suffixless_pages() -> None:
    page = b"<!DOCTYPE html><html><body><p>Hello there.</p></body></html>"
    for path in ("a.html", "b/C.HTM", "d.xhtml"):
        assert read(page, path=path).text == "Hello there."
    assert read(page, path="archive/page").text == "Hello there."
    assert read(b"\xef\xbb\xbf  <html><p>Hi</p></html>", path="noext").text == "Hi"
    assert (
        html.auditor_read(path="noext", data=page, ctx=PluginContext("html", {"sniff": False}))
        is None
    )


def test_register_config_declares_typed_keys() -> None:
    fields: list[ConfigField] = []
    html.auditor_register_config(register=fields.append)
    keys = {f.key for f in fields}
    assert {"max_bytes", "max_depth", "comments_cues", "navigation_cues", "suffixes"} <= keys
    for f in fields:
        assert isinstance(f.default, f.type), f.key
        assert f.help


def test_plugin_import_is_light() -> None:
    code = "import sys, auditor_plugins.html; print('lxml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- visible text


def test_visible_text_blocks_inline_and_hidden() -> None:
    doc = read(
        """<html><head><title>T</title><style>p{}</style><script>var x = "no";</script></head>
        <body><h1>Heading  one</h1><p>Some <b>bold</b>
        text and <a href="/x">a   link</a>.</p><div>Line one<br>Line two</div>
        <ul><li>First</li><li>Second</li></ul><noscript>Enable JS</noscript>
        <template><p>tpl</p></template><p hidden>gone</p><p aria-hidden="true">gone2</p>
        <p style="color:red; display: none">gone3</p><p>Dr<span>op</span>cap stays</p>
        <table><tr><td>a</td><td>b</td></tr></table><pre>x  = 1
y = 2</pre><p>caf\u00e9&nbsp;au&amp;lait</p></body></html>"""
    )
    assert doc.text.split("\n") == [
        "Heading one",
        "Some bold text and a link.",
        "Line one",
        "Line two",
        "First",
        "Second",
        "Dropcap stays",
        "a b",
        "x = 1",
        "y = 2",
        "café au&lait",
    ]
    assert doc.meta["title"] == "T"


def test_adjacent_inline_boxes_do_not_fuse() -> None:
    doc = read(
        '<div><a href="/a">Home</a><a href="/b">News</a></div><p><span>Jane Roe</span><span>Reporter</span></p>'
    )
    assert doc.text == "Home News\nJane Roe Reporter"


def test_output_is_deterministic() -> None:
    data = (SEEDS / "harbour-gazette-ferry.html").read_bytes()
    a = html.auditor_read(path="x.html", data=data, ctx=CTX)
    b = html.auditor_read(path="x.html", data=data, ctx=CTX)
    assert (a.text, a.hints, a.meta) == (b.text, b.hints, b.meta)


def test_empty_page_is_an_empty_document() -> None:
    assert read(b"").text == ""
    assert read(b"   \n").text == ""
    assert read(b"<html><body></body></html>").text == ""


# --------------------------------------------------------------------------- seeds

NEWS_PARAGRAPHS = [
    "The contract to run the ferry between Port Carrick and the island of Inishvale",
    "Councillors on the harbour committee voted seven to two",
    '"For the first time in a long while we have a plan for the bad months',
    "Opposition councillor Tomas Ruane, who voted against the award",
    "Sound Crossings said in a statement that it was proud of its crews",
]


def test_news_page_article_is_clean_and_furniture_is_hinted() -> None:
    doc = seed("harbour-gazette-ferry.html")
    for para in NEWS_PARAGRAPHS:
        assert category_at(doc, para) is None, para
    assert category_at(doc, "Island ferry contract handed to new operator") is None  # headline
    expected = {
        "Skip to main content": "navigation",
        "Family Notices": "navigation",
        "We use cookies to improve your experience": "navigation",
        "Share on Facebook": "navigation",
        "Advertisement": "navigation",
        "Ferry cancellations hit record as storm season begins": "see-also",
        "Harbour dredging to start next month": "see-also",
        "Get the Gazette Morning Briefing": "navigation",
        "Comments (3)": "comments",
        "About time. My daughter missed two of her mock exams": "comments",
        "SoundIslander": "comments",
        "Load more comments": "comments",
        "© 2024 Harbour Gazette Media Ltd. All rights reserved.": "copyright",
        "Privacy policy": "navigation",
        "By Morwenna Trelawny, Transport Correspondent": "byline",
    }
    for needle, cat in expected.items():
        assert category_at(doc, needle) == cat, needle
    assert category_at(doc, "Lifeboat crew rescue two kayakers") is not None
    # Hidden paywall modal and display:none text are not in the visible text at all.
    assert "free articles" not in doc.text
    assert "Tracking pixel" not in doc.text
    assert "dataLayer" not in doc.text


def test_news_page_meta() -> None:
    doc = seed("harbour-gazette-ferry.html")
    m = doc.meta
    assert m["title"].startswith("Island ferry contract handed to new operator")
    assert m["author"] == "Morwenna Trelawny"
    assert m["rel_author"] == "Morwenna Trelawny"
    assert m["article:published_time"] == "2024-03-14T07:30:00+00:00"
    assert m["article:modified_time"] == "2024-03-14T11:05:00+00:00"
    assert m["og:site_name"] == "The Harbour Gazette"
    assert m["publisher"] == "The Harbour Gazette"
    assert m["canonical"].endswith("/island-ferry-contract-new-operator")
    assert m["date"] == "2024-03-14T07:30:00+00:00"  # from the byline line's <time>
    import json

    ld = json.loads(m["jsonld"])
    assert ld["@type"] == "NewsArticle"
    assert ld["author"][0]["name"] == "Morwenna Trelawny"
    assert "\n" not in m["jsonld"]


def test_blog_page_wordpress_structure() -> None:
    doc = seed("fenland-notes-blog.html")
    for para in [
        "Six o'clock on a grey Saturday, and the washes",
        "Lapwings like a wet field, but not a flooded one.",
        "Crowding is the real problem",
        "I will post the May counts when they are in.",
    ]:
        assert category_at(doc, para) is None, para
    # body class "comments-open has-sidebar" and article class "tag-sharing-data" must not
    # turn the whole page into furniture.
    assert category_at(doc, "Posted on April 22, 2023") == "dateline"
    assert category_at(doc, "Share this:") == "navigation"
    assert category_at(doc, "The curlews come back to Whittle Fen") == "see-also"
    assert category_at(doc, "Thanks for doing these counts.") == "comments"
    assert category_at(doc, "Leave a Reply") == "comments"
    assert category_at(doc, "Previous post: A marsh harrier over Welney") == "navigation"
    assert category_at(doc, "I am a volunteer surveyor") is not None
    assert category_at(doc, "Copyright © 2023 Hattie Brackenbury") == "copyright"
    assert doc.meta["date"] == "2023-04-22"
    assert '"BlogPosting"' in doc.meta["jsonld"]
    assert doc.meta["og:site_name"] == "Notes from the Fenland"


def test_div_soup_cp1252_page() -> None:
    data = (SEEDS / "courier-star-library.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = read(data)
    assert doc.encoding == "cp1252"
    assert "Millbrook’s central library will reopen" in doc.text
    assert "£386,000 – about £60,000" in doc.text
    assert category_at(doc, "Millbrook’s central library will reopen on Monday") is None
    assert category_at(doc, "Not everyone is pleased.") is None
    assert category_at(doc, "by Deborah Finchley-Oates") == "byline"
    assert category_at(doc, "Don’t miss a story:") == "navigation"
    assert category_at(doc, "Great news, the kids have really missed it.") == "comments"
    assert category_at(doc, "Crews tackle barn fire near Shepshed") is not None
    assert category_at(doc, "Copyright © 2022 Midland Courier-Star") == "copyright"
    assert doc.meta["publisher"] == "Midland Courier-Star Newspapers"
    assert doc.meta["date"] == "2022-10-05"
    assert "document.write" not in doc.text


def test_teaser_sidebar_is_not_article() -> None:
    doc = read((ROOT / "bench" / "html_pages" / "valley-review-teasers.html").read_bytes())
    assert category_at(doc, "The Llyn Tarren reservoir, which supplies drinking water") is None
    assert category_at(doc, "The Victorian footbridge over the river at Pontnewydd") is not None
    assert category_at(doc, "Dafydd Morgan-Reese, Environment Editor") == "byline"
    assert category_at(doc, "17 August 2023") == "dateline"


def test_cue_words_in_article_text_stay_article() -> None:
    para = (
        "<p>The court ruled that the copyright claim over the comment section software "
        "failed, and the company's share price rose after the navigation app was cleared.</p>"
    )
    doc = read(f"<html><body><article><h1>Court clears app</h1>{para * 4}</article></body></html>")
    assert doc.hints == []


def test_clean_text_keeps_article_only() -> None:
    doc = seed("harbour-gazette-ferry.html")
    clean = CleanText(doc.text, doc.hints).text
    for para in NEWS_PARAGRAPHS:
        assert para in clean
    for junk in ("Most read", "Family Notices", "SoundIslander", "All rights reserved"):
        assert junk not in clean


def test_user_cues_extend_defaults() -> None:
    page = (
        "<html><body><div class='story'>"
        + "<p>A long paragraph of reporting that says what happened, where, and why it matters to readers.</p>"
        * 5
        + "</div><div class='readers-say'><p>A reader wrote a long reply here about the story and what they think of it.</p></div>"
        "</body></html>"
    )
    assert category_at(read(page), "A reader wrote") != "comments"
    cues = [*html.DEFAULT_CUES["comments"], "readers-say"]
    assert category_at(read(page, config={"comments_cues": cues}), "A reader wrote") == "comments"


# --------------------------------------------------------------------------- encodings


def test_encoding_meta_charset_cp1252() -> None:
    body = "<html><head><meta charset='windows-1252'></head><body><p>Caf\u00e9 \u201cquoted\u201d \u2013 \u00a35</p></body></html>"
    doc = read(body.encode("cp1252"))
    assert doc.encoding == "cp1252"
    assert doc.text == "Café “quoted” – £5"


def test_encoding_http_equiv_latin1_label_means_cp1252() -> None:
    body = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>na\u00efve \u2019</p>'
    doc = read(body.encode("cp1252"))
    assert doc.encoding == "cp1252"
    assert doc.text == "naïve ’"


def test_encoding_bom_utf16_and_utf8() -> None:
    page = "<html><body><p>Zürich – naïve</p></body></html>"
    doc = read(page.encode("utf-16"))
    assert (doc.encoding, doc.text) == ("utf-16", "Zürich – naïve")
    doc = read(b"\xef\xbb\xbf" + page.encode("utf-8"))
    assert (doc.encoding, doc.text) == ("utf-8", "Zürich – naïve")


def test_encoding_fallbacks() -> None:
    assert read("<p>Zürich</p>").encoding == "utf-8"
    # No declaration and not UTF-8: cp1252.
    doc = read("<p>Zürich “x”</p>".encode("cp1252"))
    assert (doc.encoding, doc.text) == ("cp1252", "Zürich “x”")
    # A wrong declaration falls back; a declared utf-7 is never honoured.
    assert read('<meta charset="utf-8"><p>Z\xfcrich</p>'.encode("latin-1")).text == "Zürich"
    assert read(b'<meta charset="utf-7"><p>+ADw-b+AD4-</p>').text == "+ADw-b+AD4-"
    assert read(b'<meta charset="rot13"><p>Uryyb</p>').text == "Uryyb"
    # Undefined cp1252 bytes still decode (as C1 controls, like browsers), not crash.
    assert read(b"<p>abc \x81 def</p>").encoding == "cp1252"


def test_binary_junk_is_an_input_error() -> None:
    with pytest.raises(InputError, match="binary"):
        html.auditor_read(path="x.html", data=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, ctx=CTX)
    with pytest.raises(InputError, match="binary"):
        html.auditor_read(path="x.html", data=bytes(range(1, 32)) * 50, ctx=CTX)
    with pytest.raises(InputError, match="byte-order mark"):
        html.auditor_read(path="x.html", data=b"\xff\xfe<\x00p\x00\x00\xd8", ctx=CTX)


def test_max_bytes_is_an_input_error() -> None:
    ctx = PluginContext("html", {"max_bytes": 100})
    with pytest.raises(InputError, match="max_bytes"):
        html.auditor_read(path="x.html", data=b"<p>" + b"a" * 200 + b"</p>", ctx=ctx)


# --------------------------------------------------------------------------- hostile input


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY-7f3a9 do not read me\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize("path", ["xxe.html", "xxe.xhtml", "xxe"])
def test_xxe_external_entities_are_inert(canary: Path, path: str) -> None:
    page = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html [
  <!ENTITY xxe SYSTEM "file://{canary}">
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
  <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;
]>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>&xxe;</title></head>
<body><p>Before &xxe; &passwd; after.</p></body></html>"""
    if path == "xxe":
        page = page.replace('<?xml version="1.0" encoding="UTF-8"?>\n', "")
    doc = read(page, path=path)
    everything = doc.text + repr(doc.meta)
    assert "CANARY" not in everything
    assert "root:" not in everything
    assert "ENTITY" not in doc.text
    assert "Before" in doc.text and "after." in doc.text


def test_external_dtd_is_not_loaded(canary: Path) -> None:
    page = (
        f'<!DOCTYPE html SYSTEM "file://{canary}"><html><body><p>Text &ent; here</p></body></html>'
    )
    doc = read(page)
    assert "CANARY" not in doc.text
    assert doc.text == "Text &ent; here"


def test_billion_laughs_does_not_expand() -> None:
    lol = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    for i in range(1, 10):
        lol.append(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    page = (
        '<?xml version="1.0"?><!DOCTYPE lolz [' + "".join(lol) + "]>"
        "<html><body><p>&lol9;</p></body></html>"
    )
    for path in ("bomb.html", "bomb.xhtml"):
        t0 = time.perf_counter()
        doc = read(page, path=path)
        assert time.perf_counter() - t0 < 1.0
        assert len(doc.text) < 100
        assert "lollollol" not in doc.text


def test_malformed_markup_recovers() -> None:
    doc = read(
        "<html><body><div><p>Unclosed paragraph <b>bold <i>both</b> italic?</p></div></div></span>"
        "<p class=unquoted>Odd attr</p><p>Text after<  / p><table><td>cell<p>in cell"
        "<![CDATA[ x ]]><p>Last & line &bogus; &#0; &#x110000;<p id='x\">swallowed</p>"
    )
    assert "Unclosed paragraph bold both italic?" in doc.text
    assert "Last & line" in doc.text
    assert "Odd attr" in doc.text


def test_deep_nesting_is_bounded() -> None:
    deep = (
        b"<html><body>"
        + b"<div>" * 100_000
        + b"deep"
        + b"</div>" * 100_000
        + b"<p>tail</p></body></html>"
    )
    t0 = time.perf_counter()
    read(deep)
    inline = b"<html><body><p>" + b"<span>a " * 100_000 + b"</p></body></html>"
    read(inline)
    assert time.perf_counter() - t0 < 2.0


def test_deep_nesting_within_parser_limit_uses_max_depth() -> None:
    page = (
        "<html><body>" + "<div>" * 240 + "<p>deep text here</p>" + "</div>" * 240 + "</body></html>"
    )
    doc = read(page, config={"max_depth": 20})
    assert doc.text == "deep text here"


def test_five_megabyte_page_is_fast() -> None:
    para = (
        "<p>The committee met on Tuesday to discuss the harbour budget, and several "
        "members asked for more detail on dredging costs.</p>\n"
    )
    nav = (
        '<ul class="menu">'
        + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(20))
        + "</ul>"
    )
    unit = nav + para * 20
    page = ("<html><body>" + unit * (5_000_000 // len(unit)) + "</body></html>").encode()
    assert len(page) > 4_900_000
    t0 = time.perf_counter()
    doc = read(page)
    assert time.perf_counter() - t0 < 8.0
    assert doc.text.count("The committee met") > 10_000


def test_hostile_jsonld_is_ignored() -> None:
    nested = "[" * 50_000 + "]" * 50_000
    page = (
        f'<html><head><script type="application/ld+json">{nested}</script>'
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        + "[" * 30
        + '{"name": "X"}'
        + "]" * 30
        + '}</script><script type="application/ld+json">{not json</script>'
        "</head><body><p>Body.</p></body></html>"
    )
    doc = read(page)
    assert doc.text == "Body."
    assert doc.meta["jsonld"].startswith('{"@type":"NewsArticle"')


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_give_a_document_or_input_error(data: bytes) -> None:
    try:
        doc = html.auditor_read(path="fuzz.html", data=data, ctx=CTX)
    except InputError:
        return
    assert doc is not None
    check_invariants(doc)


_TAGS = ["p", "div", "span", "a", "nav", "footer", "li", "ul", "br", "h1", "script", "pre", "td"]
_ATTRS = ["", ' class="comments"', " hidden", ' class="share-bar"', ' href="/x"', ' id="main"']


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.sampled_from(_TAGS), st.sampled_from(_ATTRS)).map(
                lambda t: f"<{t[0]}{t[1]}>"
            ),
            st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
            st.text(max_size=80),
        ),
        max_size=60,
    )
)
def test_arbitrary_markup_keeps_invariants(parts: list[str]) -> None:
    page = "".join(parts)
    try:
        doc = html.auditor_read(
            path="fuzz.htm", data=page.encode("utf-8", "surrogatepass"), ctx=CTX
        )
    except InputError:
        return
    assert doc is not None
    check_invariants(doc)
    again = html.auditor_read(path="fuzz.htm", data=page.encode("utf-8", "surrogatepass"), ctx=CTX)
    assert (again.text, again.hints) == (doc.text, doc.hints)
    assert "\r" not in doc.text


# --------------------------------------------------------------------------- pipeline


def test_pipeline_reads_html_when_available() -> None:
    testing = pytest.importorskip("auditor.testing")
    data = (SEEDS / "harbour-gazette-ferry.html").read_bytes()
    run = testing.run_texts({"news/ferry.html": data, "notes.txt": "Plain text here.\n"})
    audit = run.audits["news/ferry.html"]
    assert audit["text"] == "html-visible"
    assert run.audits["notes.txt"]["text"] == "source"
    text = run.texts["news/ferry.html"]
    spans = [(b["start"], b["end"]) for b in audit.get("boilerplate", [])]
    start = text.index("Councillors on the harbour committee")
    assert not any(s <= start < e for s, e in spans)
    comment = text.index("About time. My daughter")
    assert any(s <= comment < e for s, e in spans)


def test_pathological_prefixes_stay_linear() -> None:
    t0 = time.perf_counter()
    assert read(b"<!DOCTYPE x [" * 400_000).text == ""
    assert read(b"<!DOCTYPE html [ <!ENTITY a 'b'> <p>never closed" + b" x" * 500_000).text == ""
    huge_class = b"<div class='" + b"share" * 400_000 + b"'>x</div>"
    assert read(huge_class).text == "x"
    assert time.perf_counter() - t0 < 2.0


def test_layout_table_cells_are_blocks_data_cells_inline() -> None:
    doc = read(
        "<table><tr><td><a href='/'>Home</a> <a href='/n'>News</a></td>"
        "<td>First paragraph of the story.<br>Second paragraph.</td></tr></table>"
        "<table><tr><th>Team</th><th>Points</th></tr><tr><td>Rovers</td><td>12</td></tr></table>"
    )
    assert doc.text.split("\n") == [
        "Home News",
        "First paragraph of the story.",
        "Second paragraph.",
        "Team Points",
        "Rovers 12",
    ]


def test_short_paragraph_article_still_found() -> None:
    lines = [
        "Rovers won 2-1 at home.",
        "Jones scored twice.",
        "The visitors had a man sent off.",
        "Fans stayed late to cheer.",
    ]
    body = "".join(f"<p>{x}</p>" for x in lines)
    nav = "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
    doc = read(f"<html><body>{nav}<div class='story'><h1>Rovers win</h1>{body}</div></body></html>")
    assert category_at(doc, "Home Sport") == "navigation"
    for x in lines:
        assert category_at(doc, x) is None


ARTICLE = [
    "The town council has approved plans for a new footbridge over the river, ending a "
    "decade of debate about how pedestrians should cross near the old mill.",
    "Work is due to start in the spring and will take around nine months, during which the "
    "towpath will be closed between the lock and the railway viaduct.",
    "Residents who objected to the design said the bridge would block views of the weir, "
    "but councillors said the new crossing was needed for safety reasons.",
]
PROSE = (
    "I have lived beside the river for thirty years and I cannot remember a single winter "
    "when the old crossing was not flooded at least once, so this is welcome news for us."
)


def test_uncued_reader_posts_are_not_article() -> None:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    posts = "".join(
        f'<div class="x9"><div class="x9h"><a href="/u/{i}">reader{i}</a> 2 hours ago</div>'
        f'<div class="x9t">{PROSE}</div><div class="x9a"><a href="#">Reply</a> <a href="#">Like</a></div></div>'
        for i in range(4)
    )
    doc = read(
        f"<html><body><div class='a1'><h1>Footbridge approved</h1>{body}</div><div class='b2'>{posts}</div></body></html>"
    )
    for p in ARTICLE:
        assert category_at(doc, p) is None
    assert category_at(doc, PROSE) == "comments"
    assert category_at(doc, "reader2 2 hours ago") == "comments"


def test_long_sidebar_blurb_after_short_article_keeps_its_cue() -> None:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    blurb = " ".join([PROSE] * 4)
    doc = read(
        f"<html><body class='has-sidebar'><main><article><h1>Footbridge approved</h1>{body}"
        f"</article></main><aside class='widget-area'><section class='widget'><h2>About</h2>"
        f"<p>{blurb}</p></section></aside></body></html>"
    )
    for p in ARTICLE:
        assert category_at(doc, p) is None
    assert category_at(doc, blurb) == "other"
