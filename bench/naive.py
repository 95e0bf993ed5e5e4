#!/usr/bin/env python3
"""The pinned naive near-duplicate baseline of EVALUATION.md, as one Python process.

Usage: ``python bench/naive.py CORPUS --out OUT [--json]``

For every file under CORPUS (sorted; hidden files and folders skipped): decode as UTF-8
(errors replaced), take the ``\\w+`` tokens of the lower-cased raw text, build the 5-word
shingles (joined by one space, UTF-8 encoded), fill a datasketch ``MinHash(num_perm=128)`` with
``update_batch``, insert it into ``MinHashLSH(threshold=0.25, num_perm=128)``, then query every
file's MinHash against the index. A file with fewer than 5 tokens has no shingles and is
skipped. Nothing else is done: no boilerplate removal, no alignment, no origin.

The timed part ends when the pair list exists and ``OUT/pairs.json`` is written. After it, so
that ``score.py`` can score the pairs, one minimal audit per file (``OUT/<path>.audit.json``
with ``repeats`` entries of relation ``shares-passages``) is written; that is not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

TOKEN = re.compile(r"\w+")


def discover(root: Path) -> list[str]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if not name.startswith("."):
                out.append(Path(dirpath, name).relative_to(root).as_posix())
    return sorted(out)


def run(root: Path) -> tuple[list[tuple[str, str]], dict[str, float], int]:
    """Return (sorted pairs, timings in seconds, files hashed)."""
    from datasketch import MinHash, MinHashLSH

    t0 = time.perf_counter()
    paths = discover(root)
    lsh = MinHashLSH(threshold=0.25, num_perm=128)
    sketches: dict[str, MinHash] = {}
    for rel in paths:
        text = (root / rel).read_bytes().decode("utf-8", errors="replace")
        toks = TOKEN.findall(text.lower())
        shingles = [" ".join(toks[i : i + 5]).encode("utf-8") for i in range(len(toks) - 4)]
        if not shingles:
            continue
        m = MinHash(num_perm=128)
        m.update_batch(shingles)
        lsh.insert(rel, m)
        sketches[rel] = m
    t1 = time.perf_counter()
    pairs: set[tuple[str, str]] = set()
    for rel, m in sketches.items():
        for other in lsh.query(m):
            if other != rel:
                pairs.add((rel, other) if rel < other else (other, rel))
    t2 = time.perf_counter()
    return sorted(pairs), {"hash_index": t1 - t0, "query": t2 - t1, "total": t2 - t0}, len(sketches)


def write_audits(out: Path, paths: list[str], pairs: list[tuple[str, str]]) -> None:
    partners: dict[str, list[str]] = {p: [] for p in paths}
    for a, b in pairs:
        partners[a].append(b)
        partners[b].append(a)
    for rel, others in partners.items():
        dest = out / (rel + ".audit.json")
        dest.parent.mkdir(parents=True, exist_ok=True)
        audit = {
            "schema": "auditor.audit/1",
            "path": rel,
            "provenance": {"byline": []},
            "repeats": [{"other": o, "relation": "shares-passages"} for o in sorted(others)],
        }
        dest.write_text(json.dumps(audit, sort_keys=True), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--json", action="store_true", help="print the timing summary as JSON")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    pairs, timing, n = run(args.corpus)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pairs.json").write_text(json.dumps(pairs), encoding="utf-8")
    timing["total"] = time.perf_counter() - start
    write_audits(args.out, discover(args.corpus), pairs)
    summary = {
        "files": n,
        "pairs": len(pairs),
        "seconds": round(timing["total"], 3),
        "docs_per_s": round(n / timing["total"], 1) if timing["total"] else None,
        "hash_index_s": round(timing["hash_index"], 3),
        "query_s": round(timing["query"], 3),
    }
    if args.json:
        print(json.dumps(summary))
    else:
        print(
            f"naive: {n} files, {len(pairs)} pairs, {summary['seconds']}s "
            f"({summary['docs_per_s']} docs/s; hash+index {summary['hash_index_s']}s, "
            f"query {summary['query_s']}s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
