"""Golden tests: the real pipeline on the project's own seeds and on the shared specification seeds.

`seeds/*.txt` and `seeds/*.md` are short fictional documents written for this project (see
docs/seeds.md); `tests/golden/seeds_expected.toml` holds what a careful human reader says
about each of them, written by hand from the documents and never from the tool's output.
These tests compare the audits the pipeline produces with those expectations, slicing the
texts with the audits' own offsets, so they check what the evaluation checks: provenance
values, boilerplate that covers furniture but never article sentences, the complete set of
repeated pairs with their relations and passages, and the findings.

The second half runs the `auditor` command on ../shared/seeds (the five real articles the
project was specified from) and checks the done-when facts of the project's issues, then
runs ../shared/tools/check_audits.py on the written audits.

Failures here name the file and the expectation, so a plugin author can read the document
and decide whether the plugin or the expectation is wrong.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
EXPECTED_PATH = REPO / "tests" / "golden" / "seeds_expected.toml"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_SEEDS = SHARED / "seeds"
CHECK_AUDITS = SHARED / "tools" / "check_audits.py"

EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(EXPECTED_PATH.read_text("utf-8"))["files"]
NAMES = sorted(EXPECTED)
PROVENANCE_KEYS = (
    "date",
    "updated",
    "date_text",
    "date_partial",
    "copyright_holder",
    "copyright_year",
    "syndicated_via",
)
INVERSE = {"copy-of": "source-of", "source-of": "copy-of", "shares-passages": "shares-passages"}
WORD = re.compile(r"\w+")


def seed_files() -> dict[str, bytes]:
    """The plain-text and Markdown seeds this file owns (HTML seeds are tested elsewhere)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(SEEDS.iterdir())
        if p.is_file() and p.suffix in (".txt", ".md") and not p.name.startswith(".")
    }


# --------------------------------------------------------------------------- text helpers


def locate(text: str, phrase: str) -> tuple[int, int]:
    """Offsets of `phrase` in `text`; any whitespace run in the phrase matches any run."""
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    m = re.search(pattern, text)
    assert m is not None, f"expectation text not found in the document: {phrase!r}"
    return m.start(), m.end()


def covered_fraction(
    text: str, start: int, end: int, intervals: Iterable[tuple[int, int]]
) -> float:
    """Share of the non-space characters of text[start:end] inside any of `intervals`."""
    wanted = [i for i in range(start, end) if not text[i].isspace()]
    if not wanted:
        return 1.0
    marks = bytearray(end - start)
    for a, b in intervals:
        for i in range(max(a, start), min(b, end)):
            marks[i - start] = 1
    return sum(marks[i - start] for i in wanted) / len(wanted)


def spans_touching(
    text: str, start: int, end: int, spans: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Boilerplate spans that hold at least one non-space character of text[start:end]."""
    out = []
    for s in spans:
        a, b = max(s["start"], start), min(s["end"], end)
        if a < b and any(not c.isspace() for c in text[a:b]):
            out.append(s)
    return out


def words(text: str) -> list[str]:
    """Words as AUDIT_FORMAT.md defines them: \\w+ runs after NFKC and case folding."""
    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + 5]) for i in range(len(w) - 4)}


def norm_outlet(name: str) -> str:
    name = " ".join(name.split()).casefold()
    return name[4:] if name.startswith("the ") else name


def codes(audit: dict[str, Any]) -> list[str]:
    return [f["code"] for f in audit.get("findings", [])]


# --------------------------------------------------------------------------- running the pipeline


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `auditor` command in a child process (the installed console script's main)."""
    code = "import sys; from auditor.cli import main; sys.argv[0] = 'auditor'; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def load_audits(out: Path) -> dict[str, dict[str, Any]]:
    audits = {}
    for p in sorted(out.rglob("*.audit.json")):
        a = json.loads(p.read_text("utf-8"))
        audits[a["path"]] = a
    return audits


@pytest.fixture(scope="module")
def seed_run() -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """(audits, texts) of the seeds, audited together in memory through the real pipeline."""
    testing = pytest.importorskip("auditor.testing")
    files = seed_files()
    if hasattr(testing, "run_texts"):
        run = testing.run_texts(files)
        audits, texts = run.audits, run.texts
    else:
        audits = testing.audit_texts(files)
        texts = {k: v.decode("utf-8").removeprefix("\ufeff") for k, v in files.items()}
    assert sorted(audits) == sorted(files), "every seed must get an audit"
    return audits, texts


def test_every_seed_has_hand_written_expectations() -> None:
    assert sorted(seed_files()) == NAMES, "seeds/*.txt|md and seeds_expected.toml disagree"


def test_expectations_are_self_consistent() -> None:
    """Every expected pair is listed from both sides with matching relations (no typos)."""
    for name, exp in EXPECTED.items():
        for rep in exp.get("repeats", []):
            other = EXPECTED[rep["other"]]
            back = [r for r in other.get("repeats", []) if r["other"] == name]
            assert back, f"{rep['other']} does not list {name}"
            assert {INVERSE[r] for r in rep["relation"]} & set(back[0]["relation"]), (name, rep)
        for key in ("findings", "no_findings"):
            assert len(set(exp.get(key, []))) == len(exp.get(key, []))
        assert not set(exp.get("findings", [])) & set(exp.get("no_findings", [])), name


def test_expectation_texts_are_in_the_documents() -> None:
    """Every quoted text is in its file; text a passage must cover is in both files."""
    texts = {k: v.decode("utf-8") for k, v in seed_files().items()}
    for name, exp in EXPECTED.items():
        for item in exp.get("boilerplate", []):
            locate(texts[name], item["text"])
        for phrase in exp.get("article", []):
            locate(texts[name], phrase)
        for rep in exp.get("repeats", []):
            for phrase in rep.get("covers", []):
                locate(texts[name], phrase)
                # the other file holds it too, small edits aside (one changed word is allowed)
                grams = shingles(phrase)
                found = len(grams & shingles(texts[rep["other"]])) / len(grams)
                assert found >= 0.6, (name, rep["other"], phrase, found)


# --------------------------------------------------------------------------- per-file expectations


@pytest.mark.parametrize("name", NAMES)
def test_provenance(seed_run, name: str) -> None:
    audits, _ = seed_run
    prov = audits[name]["provenance"]
    exp = EXPECTED[name]
    assert sorted(prov["byline"]) == sorted(exp["byline"]), f"{name}: byline"
    if "outlet" in exp:
        assert norm_outlet(prov.get("outlet", "")) == norm_outlet(exp["outlet"]), f"{name}: outlet"
    for key in PROVENANCE_KEYS:
        if key in exp:
            assert prov.get(key) == exp[key], f"{name}: provenance.{key}"
    for key in exp.get("absent", []):
        assert key not in prov, f"{name}: provenance.{key} should be absent, got {prov[key]!r}"


@pytest.mark.parametrize("name", NAMES)
def test_boilerplate_covers_furniture(seed_run, name: str) -> None:
    audits, texts = seed_run
    text, spans = texts[name], audits[name].get("boilerplate", [])
    intervals = [(s["start"], s["end"]) for s in spans]
    missed = []
    for item in EXPECTED[name].get("boilerplate", []):
        start, end = locate(text, item["text"])
        if covered_fraction(text, start, end, intervals) < 1.0:
            missed.append(item["text"])
    assert not missed, f"{name}: not (entirely) inside boilerplate spans: {missed}"


@pytest.mark.parametrize("name", NAMES)
def test_boilerplate_categories(seed_run, name: str) -> None:
    audits, texts = seed_run
    text, spans = texts[name], audits[name].get("boilerplate", [])
    wrong = []
    for item in EXPECTED[name].get("boilerplate", []):
        if "category" not in item:
            continue
        start, end = locate(text, item["text"])
        got = sorted({s["category"] for s in spans_touching(text, start, end, spans)})
        if got != [item["category"]]:
            wrong.append((item["text"], item["category"], got))
    assert not wrong, f"{name}: (text, expected category, span categories): {wrong}"


@pytest.mark.parametrize("name", NAMES)
def test_article_text_is_not_boilerplate(seed_run, name: str) -> None:
    audits, texts = seed_run
    text, spans = texts[name], audits[name].get("boilerplate", [])
    eaten = []
    for phrase in EXPECTED[name].get("article", []):
        start, end = locate(text, phrase)
        hit = spans_touching(text, start, end, spans)
        if hit:
            eaten.append((phrase, [(s["category"], text[s["start"] : s["end"]][:60]) for s in hit]))
    assert not eaten, f"{name}: article text inside boilerplate: {eaten}"
    if EXPECTED[name].get("no_spans"):
        assert not spans, f"{name}: has no boilerplate, got {spans}"


@pytest.mark.parametrize("name", NAMES)
def test_repeats_complete_with_relations(seed_run, name: str) -> None:
    audits, _ = seed_run
    got = {r["other"]: r for r in audits[name].get("repeats", [])}
    exp = {r["other"]: r for r in EXPECTED[name].get("repeats", [])}
    assert sorted(got) == sorted(exp), (
        f"{name}: repeats listed {sorted(got)}, expected {sorted(exp)}"
    )
    for other, rep in exp.items():
        assert got[other]["relation"] in rep["relation"], (
            f"{name}: {got[other]['relation']} {other}, expected one of {rep['relation']}"
        )
    for other in EXPECTED[name].get("not_repeats", []):
        assert other not in got, f"{name} must not repeat {other}"


@pytest.mark.parametrize("name", NAMES)
def test_passages_cover_the_shared_text(seed_run, name: str) -> None:
    audits, texts = seed_run
    text = texts[name]
    got = {r["other"]: r for r in audits[name].get("repeats", [])}
    short = []
    for rep in EXPECTED[name].get("repeats", []):
        if rep["other"] not in got:
            continue  # reported by test_repeats_complete_with_relations
        intervals = [(p["start"], p["end"]) for p in got[rep["other"]].get("passages", [])]
        for phrase in rep.get("covers", []):
            start, end = locate(text, phrase)
            frac = covered_fraction(text, start, end, intervals)
            if frac < 0.9:
                short.append((rep["other"], phrase[:60], round(frac, 2)))
    assert not short, f"{name}: passages miss shared text (other, text, covered): {short}"


@pytest.mark.parametrize("name", NAMES)
def test_findings(seed_run, name: str) -> None:
    audits, _ = seed_run
    audit, exp = audits[name], EXPECTED[name]
    have = set(codes(audit))
    assert not set(exp.get("findings", [])) - have, f"{name}: missing findings, has {sorted(have)}"
    unwanted = sorted(set(exp.get("no_findings", [])) & have)
    assert not unwanted, f"{name}: unexpected findings {unwanted}"
    for detail in exp.get("finding_details", []):
        matches = [
            f
            for f in audit.get("findings", [])
            if f["code"] == detail["code"]
            and f.get("other") == detail["other"]
            and detail["message_contains"] in f["message"]
        ]
        assert matches, f"{name}: no {detail} among {audit.get('findings', [])}"


# --------------------------------------------------------------------------- corpus-wide checks


def test_no_plugin_errors(seed_run) -> None:
    audits, _ = seed_run
    errors = {n: a["findings"] for n, a in audits.items() if "auditor.plugin-error" in codes(a)}
    assert not errors


def test_repeat_relations_agree_from_both_sides(seed_run) -> None:
    audits, _ = seed_run
    for name, audit in audits.items():
        for rep in audit.get("repeats", []):
            back = [r for r in audits[rep["other"]].get("repeats", []) if r["other"] == name]
            assert back, f"{name} lists {rep['other']} but not the other way round"
            assert back[0]["relation"] == INVERSE[rep["relation"]], (name, rep["other"])
            assert back[0]["similarity"] == rep["similarity"], (name, rep["other"])


def test_passage_sides_hold_the_same_words(seed_run) -> None:
    """Each passage's two sides say the same thing, small edits (a word, spelling) aside."""
    audits, texts = seed_run
    for name, audit in audits.items():
        for rep in audit.get("repeats", []):
            other_text = texts[rep["other"]]
            for p in rep.get("passages", []):
                mine = words(texts[name][p["start"] : p["end"]])
                theirs = words(other_text[p["other_start"] : p["other_end"]])
                ratio = difflib.SequenceMatcher(None, mine, theirs, autojunk=False).ratio()
                assert ratio >= 0.85, (name, rep["other"], p, ratio)
                assert len(mine) >= 8, f"{name}: passage of {len(mine)} words with {rep['other']}"


def test_similarity_and_containment_are_exact(seed_run) -> None:
    """Jaccard and containment over 5-word shingles of the cleaned texts, to 4 decimals."""
    from auditor.context import CleanText
    from auditor.model import Span

    audits, texts = seed_run
    cleaned = {}
    for name, audit in audits.items():
        spans = [Span(s["start"], s["end"], s["category"]) for s in audit.get("boilerplate", [])]
        cleaned[name] = shingles(CleanText(texts[name], spans).text)
    for name, audit in audits.items():
        for rep in audit.get("repeats", []):
            a, b = cleaned[name], cleaned[rep["other"]]
            inter = len(a & b)
            assert rep["similarity"] == round(inter / len(a | b), 4), (name, rep["other"])
            assert rep["containment"] == round(inter / len(a), 4), (name, rep["other"])


def test_written_audits_pass_check_audits(tmp_path: Path) -> None:
    """The CLI on the seeds writes audits that satisfy the contract checker."""
    pytest.importorskip("auditor.cli")
    if not CHECK_AUDITS.exists():
        pytest.skip("../shared/tools/check_audits.py is absent")
    root = tmp_path / "seeds"
    root.mkdir()
    for name, data in seed_files().items():
        (root / name).write_bytes(data)
    out = tmp_path / "out"
    proc = cli("audit", str(root), "--out", str(out), "--format", "json", "--jobs", "1", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert sorted(load_audits(out)) == NAMES
    check = subprocess.run(
        [sys.executable, str(CHECK_AUDITS), str(root), str(out)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


# --------------------------------------------------------------------------- ../shared/seeds

needs_shared = pytest.mark.skipif(not SHARED_SEEDS.exists(), reason="../shared/seeds is absent")


def shared_path(prefix: str) -> str:
    return next(p.name for p in sorted(SHARED_SEEDS.glob(f"{prefix}_*.txt")))


@pytest.fixture(scope="module")
def shared_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, Any]], Path]:
    """Audits the `auditor` command writes for ../shared/seeds (read-only input), and OUT."""
    pytest.importorskip("auditor.cli")
    out = tmp_path_factory.mktemp("shared-seeds-out")
    shutil.rmtree(out)
    proc = cli(
        "audit", str(SHARED_SEEDS), "--out", str(out), "--format", "json", "--jobs", "1", "--quiet"
    )
    assert proc.returncode == 0, proc.stderr
    return load_audits(out), out


@needs_shared
def test_shared_001_origin(shared_run) -> None:
    audits, _ = shared_run
    a = audits[shared_path("001")]
    prov = a["provenance"]
    assert prov["byline"] == ["Stephen Dinan"]
    assert prov.get("outlet") == "The Washington Times"
    assert prov.get("date") == "2018-03-21"
    assert prov.get("copyright_year") == 2022
    assert "copyright-year-mismatch" in codes(a)
    reps = {r["other"]: r["relation"] for r in a.get("repeats", [])}
    assert reps.get(shared_path("002")) == "source-of"


@needs_shared
def test_shared_002_syndicated_copy(shared_run) -> None:
    audits, _ = shared_run
    p001, p002 = shared_path("001"), shared_path("002")
    a = audits[p002]
    prov = a["provenance"]
    assert prov.get("date") == "2018-03-22"
    assert prov["byline"] == []
    assert prov.get("syndicated_via") == "Acquire Media"
    assert prov.get("copyright_holder") == "News World Communications, Inc."
    dropped = [f for f in a.get("findings", []) if f["code"] == "attribution-dropped"]
    assert any(f.get("other") == p001 and "Stephen Dinan" in f["message"] for f in dropped), dropped
    reps = {r["other"]: r for r in a.get("repeats", [])}
    assert reps[p001]["relation"] == "copy-of"
    # The passages cover the article body: from its first sentence to its last.
    text = (SHARED_SEEDS / p002).read_bytes().decode(a["encoding"]).removeprefix("\ufeff")
    body_start = locate(text, "Civil rights groups said Wednesday that sanctuary city policies")[0]
    body_end = locate(text, "how it can be accessed by federal agencies.")[1]
    intervals = [(p["start"], p["end"]) for p in reps[p001]["passages"]]
    assert covered_fraction(text, body_start, body_end, intervals) >= 0.9


@needs_shared
def test_shared_003_blog_with_partial_date(shared_run) -> None:
    audits, _ = shared_run
    a = audits[shared_path("003")]
    prov = a["provenance"]
    assert prov["byline"] == ["Roger Algase"]
    assert prov.get("date_text") == "November 28"
    assert "date" not in prov
    assert "ambiguous-date" in codes(a)


@needs_shared
def test_shared_004_breitbart(shared_run) -> None:
    audits, _ = shared_run
    prov = audits[shared_path("004")]["provenance"]
    assert prov["byline"] == ["John Binder"]
    assert prov.get("outlet") == "Breitbart News"
    assert prov.get("date") == "2024-12-19"


@needs_shared
def test_shared_000_examiner_without_date(shared_run) -> None:
    audits, _ = shared_run
    a = audits[shared_path("000")]
    prov = a["provenance"]
    assert prov["byline"] == ["Paul Bedard"]
    assert norm_outlet(prov.get("outlet", "")) == norm_outlet("Washington Examiner")
    assert "date" not in prov
    assert "no-date" in codes(a)


@needs_shared
def test_shared_unrelated_articles_do_not_repeat(shared_run) -> None:
    audits, _ = shared_run
    loners = {shared_path(p) for p in ("000", "003", "004")}
    for name, audit in audits.items():
        others = {r["other"] for r in audit.get("repeats", [])}
        if name in loners:
            assert not others, f"{name} repeats {sorted(others)}"
        else:
            assert not others & loners, f"{name} repeats {sorted(others & loners)}"


@needs_shared
def test_shared_audits_pass_check_audits(shared_run) -> None:
    if not CHECK_AUDITS.exists():
        pytest.skip("../shared/tools/check_audits.py is absent")
    _, out = shared_run
    check = subprocess.run(
        [sys.executable, str(CHECK_AUDITS), str(SHARED_SEEDS), str(out)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
