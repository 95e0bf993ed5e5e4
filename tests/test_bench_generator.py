"""Fast checks of the benchmark generator and scorer (bench/) on a tiny corpus.

The benchmark is only worth something if its truth is right: spans must slice to what they
claim, truth pairs must really share the words the evaluation rule asks for, and the scorer must
give a perfect score to audits that say exactly the truth and a lower one to a damaged copy.
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BBC = SHARED / "corpora" / "bbc-dev"
sys.path.insert(0, str(ROOT / "bench"))

import oracle  # noqa: E402
import score  # noqa: E402
from textseg import NO_SRC, Seg, shared_passages  # noqa: E402

needs_corpus = pytest.mark.skipif(not BBC.exists(), reason="../shared/corpora/bbc-dev absent")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not BBC.exists():
        pytest.skip("../shared/corpora/bbc-dev absent")
    import generate

    out = tmp_path_factory.mktemp("syn")
    generate.generate(60, seed=7, out=out, source=BBC)
    return out


def load(corpus: Path) -> tuple[dict, dict[str, str]]:
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    texts = {}
    for rel in truth["files"]:
        with open(corpus / "docs" / rel, encoding="utf-8", newline="") as fh:
            texts[rel] = fh.read()
    return truth, texts


# --------------------------------------------------------------------------- textseg


def test_seg_edits_keep_words_and_ids_aligned() -> None:
    seg = Seg.from_text("The colour of the firm's 2004 results, per cent by per cent.", range(13))
    assert seg.text.startswith("The colour")
    seg.replace(1, "color", keep_src=True)
    seg.delete(5)  # the "s" of "firm's"
    seg.insert(0, "Overall")
    seg.wrap(12)
    again = Seg.from_text(seg.text)
    assert again.words == seg.words
    assert len(seg.srcs) == len(seg.words)
    assert seg.srcs[0] == NO_SRC and seg.srcs[2] == 1  # inserted word has no id, colour kept


def test_shared_passages_tolerates_small_edits_and_respects_blocks() -> None:
    a = list(range(100))
    b = list(range(100))
    b[30] = NO_SRC  # a changed word
    del b[60]  # a dropped word
    share = shared_passages(a, b)
    assert len(share.passages) == 1 and share.is_pair
    # the same words split by boilerplate into two blocks on one side: two passages
    blocks = [0] * 50 + [1] * 50
    share = shared_passages(a, list(range(100)), blocks, None)
    assert len(share.passages) == 2
    # too little in common: no pair
    assert not shared_passages(list(range(30)), list(range(30))).is_pair


# --------------------------------------------------------------------------- generator truth


@needs_corpus
def test_truth_spans_slice_to_what_they_claim(corpus: Path) -> None:
    truth, texts = load(corpus)
    assert len(truth["files"]) == 60
    cats = {"dateline", "byline", "contact", "see-also", "copyright", "syndication",
            "comments", "navigation", "other"}  # fmt: skip
    for rel, f in truth["files"].items():
        text = texts[rel]
        spans = [(s, e) for s, e, _ in f["boilerplate"]] + [tuple(x) for x in f["article"]]
        spans.sort()
        for (s1, e1), (s2, _) in itertools.pairwise(spans):
            assert 0 <= s1 < e1 <= s2, (rel, s1, e1, s2)
        covered = [False] * len(text)
        for s, e in spans:
            covered[s:e] = [True] * (e - s)
        stray = "".join(c for c, k in zip(text, covered, strict=True) if not k)
        assert not stray.strip(), (rel, stray[:80])  # only whitespace outside all spans
        for s, e, c in f["boilerplate"]:
            assert c in cats and text[s:e].strip() == text[s:e]
        for name in f["byline"]:  # a credited author is named in a byline or contact span
            assert any(
                name in text[s:e] for s, e, c in f["boilerplate"] if c in ("byline", "contact")
            ), (rel, name)
        if f["date"]:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", f["date"])
        if f["outlet"]:
            assert any(f["outlet"] in text[s:e] for s, e, _ in f["boilerplate"])


@needs_corpus
def test_truth_pairs_share_the_words_they_claim(corpus: Path) -> None:
    truth, texts = load(corpus)
    assert truth["pairs"], "a 60-file corpus should hold some pairs"
    for p in truth["pairs"]:
        assert p["words"] >= 40
        for q in p["passages"]:
            wa = words(texts[p["a"]][q["a_start"] : q["a_end"]])
            wb = words(texts[p["b"]][q["b_start"] : q["b_end"]])
            assert min(len(wa), len(wb)) >= 8
            ratio = difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()
            assert ratio >= 0.8, (p["a"], p["b"], ratio)
        if "origin" in p:
            assert p["origin"] in (p["a"], p["b"])
    for rel in truth["attribution_dropped"]:
        assert truth["files"][rel]["byline"] == []


@needs_corpus
def test_generation_is_deterministic(corpus: Path, tmp_path: Path) -> None:
    import generate

    generate.generate(60, seed=7, out=tmp_path, source=BBC)
    a = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert a == b
    for rel in list(a["files"])[:10]:
        assert (corpus / "docs" / rel).read_bytes() == (tmp_path / "docs" / rel).read_bytes()


# --------------------------------------------------------------------------- scorer


@needs_corpus
def test_oracle_audits_score_perfectly_and_damage_lowers_scores(
    corpus: Path, tmp_path: Path
) -> None:
    truth, _ = load(corpus)
    audits = oracle.oracle_audits(truth)
    oracle.write(audits, tmp_path / "perfect")
    res = score.score(corpus, tmp_path / "perfect")
    assert res["missing_audits"] == 0
    assert res["pairs"]["f1"] == 1.0
    assert res["passages"]["coverage"] == 1.0 and res["passages"]["validity"] == 1.0
    assert res["boilerplate"]["f1"] == 1.0
    assert res["provenance"]["byline"] == 1.0 and res["provenance"]["date"] == 1.0
    if truth["attribution_dropped"]:
        assert res["attribution_dropped"]["f1"] == 1.0
    if res["origin"]["pairs"]:
        assert res["origin"]["accuracy"] == 1.0

    # damage: forget every other file's repeats, swap origins, drop bylines, shift spans
    for i, (_, a) in enumerate(sorted(audits.items())):
        if i % 2:
            a["repeats"] = []
        for r in a["repeats"]:
            r["relation"] = {"copy-of": "source-of", "source-of": "copy-of"}.get(
                r["relation"], r["relation"]
            )
            for ps in r["passages"]:
                ps["end"] = ps["start"] + (ps["end"] - ps["start"]) // 3
        a["provenance"]["byline"] = []
        for sp in a["boilerplate"]:
            sp["category"] = "other"
        a["boilerplate"].append({"start": 0, "end": 10**6, "category": "other"})
    oracle.write(audits, tmp_path / "damaged")
    bad = score.score(corpus, tmp_path / "damaged")
    assert bad["pairs"]["recall"] < 1.0 and bad["pairs"]["precision"] == 1.0
    assert bad["passages"]["coverage"] < 0.9
    assert bad["boilerplate"]["precision"] < 1.0
    assert bad["provenance"]["byline"] < 1.0
    if bad["origin"]["pairs"]:
        assert bad["origin"]["accuracy"] == 0.0
    # an invented pair between unrelated files costs precision
    files = sorted(truth["files"])
    rel_pairs = {(p["a"], p["b"]) for p in truth["pairs"]} | {
        (p["b"], p["a"]) for p in truth["pairs"]
    }
    roots = {r: set(truth["files"][r]["roots"]) for r in files}
    a, b = next(
        (x, y)
        for x in files
        for y in files
        if x < y and (x, y) not in rel_pairs and not roots[x] & roots[y]
    )
    perfect = oracle.oracle_audits(truth)
    perfect[a]["repeats"].append({"other": b, "relation": "shares-passages"})
    oracle.write(perfect, tmp_path / "fp")
    assert score.score(corpus, tmp_path / "fp")["pairs"]["precision"] < 1.0
