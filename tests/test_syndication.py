"""Tests of the syndication plugin: shingling, alignment, candidates, relations, findings.

Hooks are called directly with objects from auditor.model / auditor.context (boilerplate
spans and provenance simulated), plus one run through the real pipeline on the seeds.
Realistic text comes from ../shared (seeds, bbc-dev) and those tests skip when it is absent.
"""

from __future__ import annotations

import random
import re
import textwrap
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from auditor_plugins import syndication as syn
from auditor_plugins.syndication_align import align
from auditor_plugins.syndication_text import shingle_set, words
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.context import Corpus, DocumentView, PluginContext, Record
from auditor.model import Data, Document, Finding, Provenance, Repeat, Span

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
BBC = SHARED / "corpora" / "bbc-dev"
needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared is absent")
needs_bbc = pytest.mark.skipif(not BBC.exists(), reason="../shared/corpora/bbc-dev is absent")

CTX = PluginContext(name="syndication", config={})


# ---------------------------------------------------------------------------------------
# helpers


def analyze(text: str, spans: list[Span] | None = None, ctx: PluginContext = CTX) -> dict:
    doc = Document(path="x", text=text, sha256="", encoding="utf-8")
    got: list = []
    syn.auditor_analyze(view=DocumentView(doc, list(spans or [])), ctx=ctx, register=got.append)
    assert len(got) == 1 and isinstance(got[0], Data)
    return got[0].value


def audit(
    files: dict[str, str],
    spans: dict[str, list[Span]] | None = None,
    prov: dict[str, Provenance] | None = None,
    config: dict | None = None,
) -> tuple[dict[tuple[str, str], Repeat], list[Finding]]:
    """Run both hooks over `files`; repeats by (path, other) and the findings."""
    spans = spans or {}
    prov = prov or {}
    ctx = PluginContext(name="syndication", config=config or {})
    records = []
    for path in files:  # deliberately in the caller's order: the hook must not care
        doc = Document(path=path, text=files[path], sha256="", encoding="utf-8")
        sp = sorted(spans.get(path, []))
        data = analyze(files[path], sp, ctx)
        records.append(Record(doc, sp, prov.get(path, Provenance()), {"syndication": data}))
    out: list = []
    syn.auditor_corpus_repeats(corpus=Corpus(records), ctx=ctx, register=out.append)
    repeats = {(r.path, r.other): r for r in out if isinstance(r, Repeat)}
    findings = [f for f in out if isinstance(f, Finding)]
    assert len(repeats) + len(findings) == len(out)
    return repeats, findings


def norm_words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def bbc(name: str) -> str:
    return (BBC / name).read_text(encoding="utf-8")


def bbc_articles(n: int, min_paras: int = 6) -> list[str]:
    out = []
    for p in sorted(BBC.glob("business/*.txt")):
        text = p.read_text(encoding="utf-8")
        if len(paragraphs(text)) >= min_paras and len(text) > 2000:
            out.append("business/" + p.name)
        if len(out) == n:
            break
    return out


# ---------------------------------------------------------------------------------------
# words and shingles


def test_words_follow_the_format_definition() -> None:
    text = "Don’t re-wrap: CAFÉ café ﬁnance Straße ½ x²\u00a0— déjà vu"
    got = words(text)
    expected = norm_words(text)
    assert len(got.hashes) == len(expected)
    # equal normalised words hash equally
    assert got.hashes[4] == got.hashes[5]  # CAFÉ / café
    # offsets slice words of the text itself
    for s, e in zip(got.starts.tolist(), got.ends.tolist(), strict=True):
        assert re.search(r"\w", text[s:e])


def test_combining_marks_hash_like_composed() -> None:
    composed = words("Café crème")
    decomposed = words("Cafe\u0301 cre\u0300me")
    assert composed.hashes.tolist() == decomposed.hashes.tolist()
    assert decomposed.ends.tolist() == [5, 12]


def _reference_hashes(text: str) -> list[int]:
    """Hashes of the words exactly as AUDIT_FORMAT.md defines them (whole-text NFKC)."""
    from auditor_plugins.syndication_text import _hash_runs

    ref = norm_words(text)
    if not ref:
        return []
    cps = np.frombuffer("".join(ref).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _hash_runs(cps, np.array([len(w) for w in ref], dtype=np.int64)).tolist()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_words_equal_the_definition_on_any_text(text: str) -> None:
    assert words(text).hashes.tolist() == _reference_hashes(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.from_regex(r"[A-Za-zé]{1,9}", fullmatch=True), min_size=0, max_size=60))
def test_shingles_invariant_to_wrapping_whitespace_and_case(toks: list[str]) -> None:
    plain = " ".join(toks)
    rng = random.Random(len(toks))
    messy = ""
    for t in toks:
        t = t.upper() if rng.random() < 0.3 else t
        messy += t + rng.choice([" ", "\n", "  ", "\r\n", " \t", ", ", " — ", "\u2019 "])
    a, b = words(plain), words(messy)
    assert a.hashes.tolist() == b.hashes.tolist()
    assert shingle_set(a.hashes).tolist() == shingle_set(b.hashes).tolist()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.lists(st.integers(0, 400), max_size=6))
def test_analyze_never_raises(text: str, cuts: list[int]) -> None:
    cuts = sorted(min(c, len(text)) for c in cuts)
    spans = [Span(cuts[i], cuts[i + 1], "other") for i in range(0, len(cuts) - 1, 2)]
    data = analyze(text, spans)
    n = len(data["words"])
    assert len(data["starts"]) == len(data["ends"]) == n
    if n:
        assert int(data["starts"].min()) >= 0 and int(data["ends"].max()) <= len(text)
        assert all(
            s < e for s, e in zip(data["starts"].tolist(), data["ends"].tolist(), strict=True)
        )


def test_offsets_are_original_coordinates_around_boilerplate() -> None:
    text = "Header line here\nAlpha beta gamma.\nSEE ALSO: junk\nDelta epsilon."
    s0 = text.index("SEE")
    spans = [Span(0, 17, "navigation"), Span(s0, s0 + len("SEE ALSO: junk"), "see-also")]
    data = analyze(text, spans)
    got = [text[s:e] for s, e in zip(data["starts"].tolist(), data["ends"].tolist(), strict=True)]
    assert got == ["Alpha", "beta", "gamma", "Delta", "epsilon"]


# ---------------------------------------------------------------------------------------
# alignment (hypothesis: planted passages in generated text)

VOCAB = [f"w{i}x{(i * 7919) % 1000}" for i in range(4000)]


def gen_words(rng: random.Random, n: int) -> list[str]:
    return [rng.choice(VOCAB) for _ in range(n)]


def render(ws: list[str], rng: random.Random) -> str:
    out = []
    for i, w in enumerate(ws):
        out.append(w.capitalize() if rng.random() < 0.1 else w)
        out.append("\n" if i % 13 == 12 else rng.choice([" ", " ", ", ", ". "]))
    return "".join(out)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 10**6),
    st.integers(40, 160),
    st.integers(0, 3),
    st.integers(0, 80),
    st.integers(0, 80),
)
def test_planted_edited_passage_is_found(seed: int, plen: int, edits: int, pre_a: int, pre_b: int):
    rng = random.Random(seed)
    passage = gen_words(rng, plen)
    edited = list(passage)
    for k in range(edits):  # edits spread out, away from the ends
        pos = (k + 1) * plen // (edits + 1)
        if rng.random() < 0.5:
            edited[pos] = "zzedit" + str(k)
        else:
            del edited[pos]
    wa = gen_words(rng, pre_a) + passage + gen_words(rng, 30)
    wb = gen_words(rng, pre_b) + edited + gen_words(rng, 20)
    ta, tb = render(wa, rng), render(wb, rng)
    pa, pb = analyze(ta), analyze(tb)
    matches = align(pa["words"], pb["words"])
    assert matches, "planted passage not found"
    covered = sum(m.a1 - m.a0 for m in matches)
    assert covered >= plen - edits - 2
    for m in matches:
        sa = ta[int(pa["starts"][m.a0]) : int(pa["ends"][m.a1 - 1])]
        sb = tb[int(pb["starts"][m.b0]) : int(pb["ends"][m.b1 - 1])]
        xa, xb = norm_words(sa), norm_words(sb)
        assert xa[:5] == xb[:5] and xa[-5:] == xb[-5:]
        assert abs(len(xa) - len(xb)) <= edits
        common = len(set(xa) & set(xb))
        assert common >= len(set(xa)) - 2 * edits


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 3))
def test_alignment_is_symmetric(seed: int, repeats: int) -> None:
    rng = random.Random(seed)
    shared = gen_words(rng, 60)
    a = gen_words(rng, 20) + shared + gen_words(rng, 10) + shared[:20] * repeats
    b = shared[10:] + gen_words(rng, 15) + shared[:30] + gen_words(rng, 5)
    ha, hb = words(" ".join(a)).hashes, words(" ".join(b)).hashes
    ab = align(ha, hb)
    ba = align(hb, ha)
    assert sorted((m.a0, m.a1, m.b0, m.b1) for m in ab) == sorted(
        (m.b0, m.b1, m.a0, m.a1) for m in ba
    )
    # each word of either side is in at most one passage
    for side in ((m.a0, m.a1) for m in ab), ((m.b0, m.b1) for m in ab):
        spans = sorted(side)
        assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


# ---------------------------------------------------------------------------------------
# the seeds (done-when)


def _seed(prefix: str) -> tuple[str, str]:
    path = next(SEEDS.glob(prefix + "_*.txt"))
    return path.name, path.read_text(encoding="utf-8")


def _seed_spans(texts: dict[str, str]) -> dict[str, list[Span]]:
    """What the boilerplate plugin marks, simulated with a few regular expressions."""
    out: dict[str, list[Span]] = {}
    for name, text in texts.items():
        sp = []
        for pat, cat in (
            (r"^ ?- The Washington Times - .*$|^ date \d{4}-\d\d-\d\d ", "dateline"),
            (r"^SEE ALSO:.*$", "see-also"),
            (r"^• .*can be reached at.*$", "contact"),
            (r"^(Copyright|© Copyright).*$", "copyright"),
            (r"^This content is published through a licensing agreement.*$", "syndication"),
        ):
            sp += [Span(m.start(), m.end(), cat) for m in re.finditer(pat, text, re.M)]
        k = text.find("Join the discussion")
        if k < 0:
            k = text.find("Please read our comment policy")
        if k >= 0:
            sp.append(Span(k, len(text), "comments"))
        out[name] = sorted(sp)
    return out


@needs_shared
def test_seeds_copy_and_unrelated_same_topic() -> None:
    texts = dict(_seed(p) for p in ("000", "001", "002", "003", "004"))
    n1, n2 = _seed("001")[0], _seed("002")[0]
    prov = {
        n1: Provenance(byline=["Stephen Dinan"], outlet="The Washington Times", date="2018-03-21"),
        n2: Provenance(date="2018-03-22", syndicated_via="Acquire Media"),
    }
    repeats, findings = audit(texts, _seed_spans(texts), prov)
    assert set(repeats) == {(n1, n2), (n2, n1)}
    copy, origin = repeats[(n2, n1)], repeats[(n1, n2)]
    assert copy.relation == "copy-of" and origin.relation == "source-of"
    assert copy.containment >= 0.85 and copy.similarity == origin.similarity
    t1, t2 = texts[n1], texts[n2]
    # one passage covering the article body on both sides
    assert len(copy.passages) == 1
    p = copy.passages[0]
    assert t2[p.start :].startswith("Civil rights groups said Wednesday")
    assert t2[: p.end].endswith("accessed by federal agencies")
    assert t1[p.other_start :].startswith("Civil rights groups said Wednesday")
    assert t1[: p.other_end].endswith("accessed by federal agencies")
    assert origin.passages[0].start == p.other_start and origin.passages[0].words > 700
    codes = {(f.path, f.code, f.other) for f in findings}
    assert (n2, "repeated-content", n1) in codes
    assert (n1, "repeated-elsewhere", n2) in codes
    # provenance names the service itself, so syndication does not emit `syndicated`
    assert not any(f.code == "syndicated" for f in findings)
    msg = next(f.message for f in findings if f.code == "repeated-content")
    assert "2018-03-21" in msg and n1 in msg


@needs_shared
def test_seeds_without_boilerplate_spans_still_pair() -> None:
    texts = dict(_seed(p) for p in ("000", "001", "002", "003", "004"))
    repeats, _ = audit(texts)
    n1, n2 = _seed("001")[0], _seed("002")[0]
    assert set(repeats) == {(n1, n2), (n2, n1)}
    assert repeats[(n1, n2)].relation == "shares-passages"  # no evidence given
    assert repeats[(n1, n2)].containment == pytest.approx(0.90, abs=0.02)
    assert repeats[(n1, n2)].similarity == pytest.approx(0.29, abs=0.02)


@needs_shared
def test_seeds_through_the_pipeline() -> None:
    from auditor.testing import run_texts

    texts = {p + ".txt": _seed(p)[1] for p in ("000", "001", "002", "003", "004")}
    audits = run_texts(texts).audits
    rel = {(path, r["other"]): r["relation"] for path, a in audits.items() for r in a["repeats"]}
    assert set(rel) == {("001.txt", "002.txt"), ("002.txt", "001.txt")}
    assert rel[("002.txt", "001.txt")] == "copy-of"
    assert rel[("001.txt", "002.txt")] == "source-of"


# ---------------------------------------------------------------------------------------
# golden-ish on bbc-dev

US = {"organise": "organize", "labour": "labor", "per cent": "percent", "favour": "favor",
      "centre": "center", "programme": "program", "realise": "realize"}  # fmt: skip


def restyle(text: str, rng: random.Random) -> str:
    for k, v in US.items():
        text = re.sub(rf"\b{k}\b", v, text)
    ws = text.split(" ")
    for i in range(7, len(ws), 29):  # a few words edited
        ws[i] = rng.choice(["also", "reportedly", "now"]) + " " + ws[i]
    return " ".join(ws).replace("'", "\u2019")


@needs_bbc
def test_bbc_copy_variants_found_with_offsets() -> None:
    rng = random.Random(3)
    names = bbc_articles(3)
    files, spans, prov = {}, {}, {}
    for k, name in enumerate(names):
        text = bbc(name)
        _title, *paras = paragraphs(text)
        files[f"orig/{name}"] = text
        prov[f"orig/{name}"] = Provenance(byline=["A Writer"], outlet="BBC News", date="2005-02-01")
        keep = paras[: int(len(paras) * 0.75)]  # truncated, re-headed, re-wrapped, edited
        body = "\n\n".join(textwrap.fill(restyle(p, rng), 64) for p in keep)
        head = "Home | World | Business\nBy Staff\n\nA different headline\n\n"
        foot = "\n\nThis story originally appeared on BBC News.\nComments (2)\nGreat.\n"
        copy = head + body + foot
        cp = f"copy/{k}.txt"
        files[cp] = copy
        f0 = len(head) + len(body)
        spans[cp] = [
            Span(0, head.index("\n\nA different"), "navigation"),
            Span(
                f0 + 2, f0 + 2 + len("This story originally appeared on BBC News."), "syndication"
            ),
            Span(copy.index("Comments (2)"), len(copy), "comments"),
        ]
        prov[cp] = Provenance(date="2005-02-01", outlet="Daily Planet")
    repeats, findings = audit(files, spans, prov)
    for k, name in enumerate(names):
        cp, orig = f"copy/{k}.txt", f"orig/{name}"
        rep = repeats[(cp, orig)]
        assert rep.relation == "copy-of", rep.reason
        assert "credits BBC News" in rep.reason
        assert repeats[(orig, cp)].relation == "source-of"
        assert rep.containment >= 0.5
        # passages cover most of the copy's body and slice to the same words both sides
        body_words = len(norm_words(files[cp][spans[cp][0].end : spans[cp][1].start]))
        assert sum(p.words for p in rep.passages) >= 0.85 * body_words
        for p in rep.passages:
            a = norm_words(files[cp][p.start : p.end])
            b = norm_words(files[orig][p.other_start : p.other_end])
            assert a[:3] == b[:3] and a[-3:] == b[-3:]
            assert len(a) == p.words
        assert any(f.code == "syndicated" and f.path == cp and f.other == orig for f in findings)
    assert len(repeats) == 2 * len(names)


@needs_bbc
def test_bbc_quote_is_shares_passages_not_copy() -> None:
    src_name, host_name = bbc_articles(2, min_paras=8)
    src, host = bbc(src_name), bbc(host_name)
    q = [p for p in paragraphs(src)[1:] if len(p.split()) >= 25][:2]
    hp = paragraphs(host)
    quoted = "\n\n".join([*hp[:4], *q, *hp[4:]])
    files = {"a/src.txt": src, "b/host.txt": quoted}
    prov = {
        "a/src.txt": Provenance(date="2005-01-01", outlet="BBC News"),
        "b/host.txt": Provenance(date="2005-01-05"),
    }
    repeats, findings = audit(files, {}, prov)
    r = repeats[("b/host.txt", "a/src.txt")]
    assert r.relation == "shares-passages" and r.containment < 0.5
    assert repeats[("a/src.txt", "b/host.txt")].relation == "shares-passages"
    codes = {(f.path, f.code) for f in findings}
    assert ("b/host.txt", "quotes-passages") in codes
    assert not any(f.code in ("syndicated", "repeated-elsewhere") for f in findings)
    # the two quoted paragraphs are reported where they are, on both sides
    got = [" ".join(norm_words(quoted[p.start : p.end])) for p in r.passages]
    other = [" ".join(norm_words(src[p.other_start : p.other_end])) for p in r.passages]
    for para in q:
        assert any(" ".join(norm_words(para)) in g for g in got)
        assert any(" ".join(norm_words(para)) in o for o in other)


@needs_bbc
def test_bbc_same_topic_unrelated_articles_share_nothing() -> None:
    # 40 business stories (same topics: economy, companies, markets), none duplicated
    files = {}
    for p in sorted(BBC.glob("business/0[0-4]?.txt")):
        files[p.name] = p.read_text(encoding="utf-8")
    natural = {("007.txt", "253.txt")}  # known duplicates are outside this range
    repeats, _ = audit(files)
    assert {tuple(sorted(k)) for k in repeats} <= natural


@needs_bbc
def test_bbc_result_independent_of_order_and_siblings_undecided() -> None:
    text = bbc(bbc_articles(1)[0])
    paras = paragraphs(text)
    rng = random.Random(5)
    files = {"origin.txt": text}
    prov = {"origin.txt": Provenance(date="2005-03-01", outlet="BBC News")}
    spans = {}
    for k in range(3):
        body = "\n\n".join(textwrap.fill(p, 50 + 10 * k) for p in paras)
        notice = f"Distributed by Wire {k}."
        files[f"c{k}.txt"] = body + "\n\n" + notice + "\n"
        start = len(body) + 2
        spans[f"c{k}.txt"] = [Span(start, start + len(notice), "syndication")]
        prov[f"c{k}.txt"] = Provenance(date=f"2005-03-0{k + 2}")
        rng.random()
    rep1, f1 = audit(files, spans, prov)
    shuffled = dict(sorted(files.items(), reverse=True))
    rep2, f2 = audit(shuffled, spans, prov)
    assert {k: (r.relation, r.similarity, r.passages) for k, r in rep1.items()} == {
        k: (r.relation, r.similarity, r.passages) for k, r in rep2.items()
    }
    assert sorted((f.path, f.code, f.other, f.message) for f in f1) == sorted(
        (f.path, f.code, f.other, f.message) for f in f2
    )
    for k in range(3):
        assert rep1[(f"c{k}.txt", "origin.txt")].relation == "copy-of"
        for j in range(3):
            if j != k:
                assert rep1[(f"c{k}.txt", f"c{j}.txt")].relation == "shares-passages"


def test_stock_phrases_alone_do_not_pair() -> None:
    stock = (
        "the White House said on Monday. A spokesman said in a statement that the company "
        "declined to comment. "
    )
    rng = random.Random(11)
    files = {}
    for k in range(6):
        body = " ".join(gen_words(rng, 150))
        files[f"{k}.txt"] = body + " " + stock + " ".join(gen_words(rng, 100)) + " " + stock
    repeats, findings = audit(files)
    assert repeats == {} and findings == []


def test_min_words_is_configurable() -> None:
    rng = random.Random(2)
    shared = " ".join(gen_words(rng, 30))
    files = {
        "a.txt": " ".join(gen_words(rng, 80)) + ". " + shared + ". " + " ".join(gen_words(rng, 50)),
        "b.txt": " ".join(gen_words(rng, 60)) + ". " + shared + ". " + " ".join(gen_words(rng, 40)),
    }
    assert audit(files)[0] == {}
    repeats, _ = audit(files, config={"min_words": 25})
    assert repeats[("a.txt", "b.txt")].passages[0].words == 30


def test_payload_is_compact() -> None:
    data = analyze(" ".join(f"word{i}" for i in range(2000)))
    assert data["words"].dtype == np.uint32 and data["starts"].dtype == np.uint32
    assert data["anchors"].dtype == np.uint64 and data["minhash"].dtype == np.uint32


@needs_bbc
def test_short_article_inside_long_page_is_found() -> None:
    short = bbc("entertainment/001.txt")
    long_parts = [bbc(f"business/{i:03d}.txt") for i in range(20, 26)]
    page = "\n\n".join([*long_parts[:3], short, *long_parts[3:]])
    repeats, findings = audit({"page.txt": page, "short.txt": short})
    r = repeats[("short.txt", "page.txt")]
    assert r.containment == 1.0 and repeats[("page.txt", "short.txt")].containment < 0.3
    assert r.relation == "shares-passages"
    p = r.passages[0]
    assert len(r.passages) == 1 and page[p.other_start : p.other_end] in short
    assert page[p.other_start : p.other_end] == short[p.start : p.end]
    codes = {(f.path, f.code) for f in findings}
    assert codes == {("short.txt", "repeated-content"), ("page.txt", "quotes-passages")}


PROV = st.builds(
    Provenance,
    byline=st.lists(st.text(max_size=10), max_size=2),
    outlet=st.one_of(st.none(), st.text(max_size=20)),
    date=st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)),
    syndicated_via=st.one_of(st.none(), st.text(max_size=10)),
    copyright_holder=st.one_of(st.none(), st.text(max_size=20)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6), st.lists(PROV, min_size=3, max_size=3))
def test_corpus_hook_never_raises_and_is_consistent(seed: int, provs: list) -> None:
    rng = random.Random(seed)
    shared = gen_words(rng, rng.randrange(20, 120))
    files = {
        "a.txt": render(gen_words(rng, 30) + shared, rng),
        "b.txt": render(shared + gen_words(rng, rng.randrange(0, 200)), rng),
        "c.txt": render(shared[: len(shared) // 2] + gen_words(rng, 40), rng),
    }
    prov = dict(zip(sorted(files), provs, strict=True))
    repeats, findings = audit(files, {}, prov)
    inverse = {"copy-of": "source-of", "source-of": "copy-of"}
    for (path, other), r in repeats.items():
        back = repeats[(other, path)]
        assert back.relation == inverse.get(r.relation, r.relation)
        assert back.similarity == r.similarity
        if r.relation == "copy-of":
            assert r.containment >= 0.5
        assert sum(p.words for p in r.passages) >= 40 - len(r.passages) * 6
        for p in r.passages:
            assert 0 <= p.start < p.end <= len(files[path])
            assert 0 <= p.other_start < p.other_end <= len(files[other])
    keys = [(f.path, f.other, f.code) for f in findings]
    assert len(keys) == len(set(keys))
    assert all(f.other and (f.path, f.other) in repeats for f in findings)


def test_stale_or_missing_payload_is_recomputed() -> None:
    rng = random.Random(8)
    shared = render(gen_words(rng, 80), rng)
    texts = {"a.txt": shared + " " + render(gen_words(rng, 30), rng), "b.txt": shared}
    records = []
    for path, text in texts.items():
        doc = Document(path=path, text=text, sha256="", encoding="utf-8")
        stale = {"v": -1} if path == "a.txt" else None
        records.append(Record(doc, [], Provenance(), {"syndication": stale} if stale else {}))
    out: list = []
    syn.auditor_corpus_repeats(corpus=Corpus(records), ctx=CTX, register=out.append)
    assert {(r.path, r.other) for r in out if isinstance(r, Repeat)} == {
        ("a.txt", "b.txt"),
        ("b.txt", "a.txt"),
    }


@needs_bbc
def test_passages_do_not_swallow_large_removed_blocks() -> None:
    text = bbc(bbc_articles(1, min_paras=8)[0])
    paras = paragraphs(text)
    block = (
        "Related stories\n"
        + "\n".join(
            f"Markets rally as investors weigh outlook for quarter number {i}" for i in range(8)
        )
        + "\n"
    )
    head = "\n\n".join(paras[:4]) + "\n\n"
    copy = head + block + "\n" + "\n\n".join(paras[4:])
    spans = {"copy.txt": [Span(len(head), len(head) + len(block), "see-also")]}
    repeats, _ = audit({"orig.txt": text, "copy.txt": copy}, spans)
    r = repeats[("copy.txt", "orig.txt")]
    assert len(r.passages) == 2
    for p in r.passages:
        assert norm_words(copy[p.start : p.end]) == norm_words(text[p.other_start : p.other_end])
        assert "markets rally" not in copy[p.start : p.end].casefold()
    # a small removed line inside a long passage stays inside it (as in the seeds)
    small = "SEE ALSO: Markets rally\n"
    copy2 = head + small + "\n".join(paras[4:])
    spans2 = {"copy.txt": [Span(len(head), len(head) + len(small) - 1, "see-also")]}
    repeats2, _ = audit({"orig.txt": text, "copy.txt": copy2}, spans2)
    assert len(repeats2[("copy.txt", "orig.txt")].passages) == 1


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10**6))
def test_split_pieces_respect_cuts_and_keep_every_tile_word(seed: int) -> None:
    from auditor_plugins.syndication_align import Match, split

    rng = random.Random(seed)
    tiles, a, b = [], rng.randrange(5), rng.randrange(5)
    for _ in range(rng.randrange(1, 6)):
        n = rng.randrange(5, 20)
        tiles.append((a, b, n))
        a += n + rng.randrange(0, 4)
        b += n + rng.randrange(0, 4)
    last = tiles[-1]
    m = Match(tiles[0][0], last[0] + last[2], tiles[0][1], last[1] + last[2], tuple(tiles))
    cuts_a = sorted(rng.sample(range(m.a0, m.a1 + 1), 2))
    cuts_b = sorted(rng.sample(range(m.b0, m.b1 + 1), 1))
    pieces = split(m, cuts_a, cuts_b)
    for p in pieces:
        assert not any(p.a0 < k < p.a1 for k in cuts_a)
        assert not any(p.b0 < k < p.b1 for k in cuts_b)
        assert p.a1 - p.a0 > 0 and p.b1 - p.b0 > 0
    covered_a = sum(n for p in pieces for _, _, n in p.tiles)
    assert covered_a == sum(n for _, _, n in tiles)


def test_pair_index_chunking_does_not_change_counts() -> None:
    rng = np.random.default_rng(0)
    kd = np.unique(rng.integers(0, 500, 5000) * 1000 + rng.integers(0, 300, 5000))
    keys, docs = (kd // 1000).astype(np.uint64), (kd % 1000).astype(np.int64)
    whole = syn._group_pairs(keys, docs, 300, 64)
    chunked = syn._group_pairs(keys, docs, 300, 64, chunk=7)
    assert whole[0].tolist() == chunked[0].tolist()
    assert whole[1].tolist() == chunked[1].tolist()
    assert len(whole[0]) and bool((whole[0] // 300 < whole[0] % 300).all())


def _side(path: str, **kw) -> object:
    from auditor_plugins.syndication_relation import Side, _names

    outlet = kw.pop("outlet", None)
    return Side(
        path=path,
        date=kw.pop("date", None),
        outlet=outlet,
        names=_names(outlet, kw.pop("holder", None)),
        byline=kw.pop("byline", False),
        notice=kw.pop("notice", None),
        credit_text=kw.pop("credit", "").casefold(),
    )


def test_relation_evidence_rules() -> None:
    from auditor_plugins.syndication_relation import decide

    origin = _side("o", date="2018-03-21", outlet="The Washington Times", byline=True)
    # a licensing notice only the copy carries, and a later date
    d = decide(origin, _side("c", date="2018-03-22", notice="Acquire Media"))
    assert d.origin == 0 and any("Acquire Media" in r for r in d.reasons)
    # a credit naming the origin's outlet beats a (wrong) earlier date on the copy
    copy = _side(
        "c", date="2018-03-01", credit="This story originally appeared in The Washington Times."
    )
    assert decide(copy, origin).origin == 1
    # credits match the copyright holder too, without "The" or corporate suffixes
    holder_only = _side("o", holder="Daily Planet Media Group, Inc.")
    assert decide(_side("c", credit="First published by Daily Planet"), holder_only).origin == 1
    # undated, no notice: a byline alone decides nothing
    assert decide(_side("a", byline=True), _side("b")).origin is None
    # both carry notices: copies of a third source, dates do not decide
    d = decide(
        _side("a", date="2020-01-01", notice="Wire"), _side("b", date="2020-01-02", notice="Wire")
    )
    assert d.origin is None
    # conflicting evidence cancels out
    assert (
        decide(_side("a", date="2020-01-01", notice="X"), _side("b", date="2020-01-02")).origin
        is None
    )
