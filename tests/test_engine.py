"""Engine internals: span resolution, cleaned-text offset maps, clusters, decoding."""

from __future__ import annotations

import codecs
import itertools

import pytest
from auditor_plugins.text import decode
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.context import CleanText
from auditor.engine import clusters, resolve_spans
from auditor.errors import InputError
from auditor.model import CATEGORIES, LineIndex, Repeat, Span
from auditor.testing import run_texts


def test_precedence_and_merging() -> None:
    spans = [
        Span(0, 10, "comments"),
        Span(5, 8, "copyright"),
        Span(10, 12, "comments"),
        Span(20, 25, "other"),
    ]
    assert resolve_spans(spans, 30) == [
        Span(0, 5, "comments"),
        Span(5, 8, "copyright"),
        Span(8, 12, "comments"),
        Span(20, 25, "other"),
    ]
    assert resolve_spans([Span(0, 50, "other")], 10) == []  # out of bounds is dropped


@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from(CATEGORIES)), max_size=12
    )
)
def test_resolved_spans_never_overlap_and_keep_coverage(raw) -> None:
    spans = [Span(min(a, b), max(a, b), c) for a, b, c in raw if a != b]
    out = resolve_spans(spans, 60)
    assert all(s.start < s.end for s in out)
    assert all(a.end <= b.start for a, b in itertools.pairwise(out))
    covered = {i for s in spans for i in range(s.start, s.end)}
    assert covered == {i for s in out for i in range(s.start, s.end)}
    rank = {c: i for i, c in enumerate(CATEGORIES)}
    for s in out:
        for i in range(s.start, s.end):
            best = min(rank[x.category] for x in spans if x.start <= i < x.end)
            assert rank[s.category] == best


@settings(max_examples=200)
@given(
    st.text(alphabet="ab \n\r.", max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=5),
)
def test_clean_text_maps_back(text, raw) -> None:
    spans = resolve_spans(
        [Span(min(a, b), max(a, b), "other") for a, b in raw if a != b], len(text)
    )
    clean = CleanText(text, spans)
    removed = {i for s in spans for i in range(s.start, s.end)}
    for i, ch in enumerate(clean.text):
        j = clean.to_original(i)
        if j < len(text) and text[j] == ch and j not in removed:
            continue
        assert ch == "\n"  # only inserted separators map elsewhere


def test_line_index() -> None:
    idx = LineIndex("a\r\nb\rc\nd")
    assert [idx.line_of(i) for i in range(8)] == [1, 1, 1, 2, 2, 3, 3, 4]
    assert idx.lines(0, 8) == [1, 4] and idx.lines(3, 3) == [2, 2]


def test_clusters_origin_and_quotes() -> None:
    reps = [
        Repeat("b", "a", "copy-of", 0.8, 0.9),
        Repeat("a", "b", "source-of", 0.8, 0.85),
        Repeat("c", "b", "copy-of", 0.7, 0.9),
        Repeat("b", "c", "source-of", 0.7, 0.8),
        Repeat("q", "a", "shares-passages", 0.05, 0.2),
        Repeat("a", "q", "shares-passages", 0.05, 0.1),
        Repeat("x", "y", "shares-passages", 0.9, 0.95),
        Repeat("y", "x", "shares-passages", 0.9, 0.95),
    ]
    out = clusters([], reps)
    assert len(out) == 2
    abc = next(c for c in out if c.get("origin"))
    assert abc["origin"] == "a"
    assert abc["members"] == [
        {"path": "a", "relation": "origin"},
        {"path": "b", "relation": "copy-of"},
        {"path": "c", "relation": "copy-of"},
    ]
    xy = next(c for c in out if "origin" not in c)
    assert [m["relation"] for m in xy["members"]] == ["shares-passages", "shares-passages"]
    assert len(abc["id"]) == 16


@pytest.mark.parametrize(
    ("data", "text", "codec"),
    [
        ("Café déjà vu".encode(), "Café déjà vu", "utf-8"),
        (codecs.BOM_UTF8 + "Café".encode(), "Café", "utf-8"),
        ("Café\r\nnext".encode("utf-16"), "Café\r\nnext", "utf-16"),
        (
            "Les élèves ont reçu leurs résultats – enfin “bons”.".encode("cp1252"),
            "Les élèves ont reçu leurs résultats – enfin “bons”.",
            "cp1252",
        ),
        (b"", "", "utf-8"),
    ],
)
def test_decoding(data: bytes, text: str, codec: str) -> None:
    got, enc = decode(data, ["cp1252", "latin-1"], 0.01)
    assert got == text
    assert enc == codec
    raw = data.decode(enc)
    assert raw.removeprefix("\ufeff") == got  # what the contract checker does


def test_binary_is_refused_with_a_message() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["cp1252"], 0.01)
    run = run_texts({"img.txt": b"\x00\x01\x02binary", "ok.txt": "Fine text here.\n"})
    assert "binary" in run.skipped["img.txt"] and "ok.txt" in run.audits


def test_crlf_offsets_are_exact() -> None:
    text = "By Ana Ruiz\r\n\r\nThe river rose two metres overnight.\rFlood crews worked until dawn.\r\n"
    run = run_texts({"a.txt": text.encode("utf-8")})
    audit = run.audits["a.txt"]
    assert audit["chars"] == len(text) and run.texts["a.txt"] == text
    for span in audit["boilerplate"]:
        assert 0 <= span["start"] < span["end"] <= len(text)


_scalars = st.one_of(st.integers(-(2**40), 2**40), st.text(max_size=30), st.booleans())
_values = st.recursive(
    _scalars
    | st.lists(st.integers(0, 10**6), max_size=4)
    | st.lists(st.text(max_size=12), max_size=4),
    lambda children: st.dictionaries(
        st.text("abcdefgh_", min_size=1, max_size=6), children, max_size=4
    ),
    max_leaves=12,
)


@settings(max_examples=200)
@given(
    st.dictionaries(st.text("abcdefgh_", min_size=1, max_size=6), _values, max_size=6),
    st.lists(
        st.dictionaries(
            st.sampled_from(["start", "end", "other", "message"]), _scalars, min_size=1
        ),
        max_size=3,
    ),
)
def test_audits_round_trip_toml_and_json(top, table_list) -> None:
    import json

    import tomllib

    from auditor.writer import serialize

    data = dict(top)
    if table_list:
        data["findings"] = table_list
    assert tomllib.loads(serialize(data, "toml").decode("utf-8")) == data
    assert json.loads(serialize(data, "json").decode("utf-8")) == data


def test_max_repeats_keeps_the_strongest_and_their_findings() -> None:
    para = (
        "The river authority said on Tuesday that the flood barrier at the old mill would be raised by "
        "half a metre before winter, after two years of delays blamed on the cost of steel and a shortage "
        "of engineers willing to work through the night shifts that the tides demand along the estuary."
    )
    files = {"origin.txt": para + "\n"}
    for i in range(4):
        files[f"copy{i}.txt"] = (
            para + "\n" + " ".join(f"extra{i}x{j}" for j in range(10 * i)) + "\n"
        )
    run = run_texts(files, config={"output": {"max_repeats": 2}})
    audit = run.audits["origin.txt"]
    assert len(audit["repeats"]) == 2
    kept = {r["other"] for r in audit["repeats"]}
    assert kept == {"copy0.txt", "copy1.txt"}  # the most contained copies
    others = {
        f.get("other")
        for f in audit["findings"]
        if f["code"] in ("repeated-content", "repeated-elsewhere", "quotes-passages")
    }
    assert others <= kept
    assert len(run.corpus["clusters"][0]["members"]) == 5  # corpus.json keeps every member


def test_shipped_schema_files_match_the_generated_schema() -> None:
    import json
    from importlib import resources

    from auditor.schema import audit_schema, corpus_schema

    shipped = json.loads(
        resources.files("auditor").joinpath("audit.schema.json").read_text(encoding="utf-8")
    )
    assert shipped == audit_schema(), "regenerate auditor/audit.schema.json (see auditor/schema.py)"
    shipped = json.loads(
        resources.files("auditor").joinpath("corpus.schema.json").read_text(encoding="utf-8")
    )
    assert shipped == corpus_schema()
