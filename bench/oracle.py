#!/usr/bin/env python3
"""Write the audits a perfect auditor would write for a generated corpus (a scorer check).

Usage: ``python bench/oracle.py TRUTH_DIR OUT``

``score.py TRUTH_DIR OUT`` must then report 1.0 everywhere; the test suite uses this to catch a
scorer or generator that disagrees with itself. Only the fields the scorer reads are written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path


def oracle_audits(truth: dict) -> dict[str, dict]:
    audits: dict[str, dict] = {}
    for rel, f in truth["files"].items():
        prov: dict = {"byline": sorted(f["byline"])}
        if f["date"]:
            prov["date"] = f["date"]
        if f["outlet"]:
            prov["outlet"] = f["outlet"]
        findings = []
        if f.get("ambiguous_date"):
            findings.append({"code": "ambiguous-date"})
        if rel in truth["attribution_dropped"]:
            findings.append({"code": "attribution-dropped"})
        audits[rel] = {
            "path": rel,
            "provenance": prov,
            "boilerplate": [{"start": s, "end": e, "category": c} for s, e, c in f["boilerplate"]],
            "repeats": [],
            "findings": findings,
        }
    reps: dict[str, list] = defaultdict(list)
    for p in truth["pairs"]:
        a, b, origin = p["a"], p["b"], p.get("origin")
        rel_a = "shares-passages" if origin is None else ("source-of" if origin == a else "copy-of")
        rel_b = {"source-of": "copy-of", "copy-of": "source-of"}.get(rel_a, rel_a)
        pa = [
            {
                "start": q["a_start"],
                "end": q["a_end"],
                "other_start": q["b_start"],
                "other_end": q["b_end"],
            }
            for q in p["passages"]
        ]
        pb = [
            {
                "start": q["b_start"],
                "end": q["b_end"],
                "other_start": q["a_start"],
                "other_end": q["a_end"],
            }
            for q in p["passages"]
        ]
        reps[a].append({"other": b, "relation": rel_a, "passages": pa})
        reps[b].append({"other": a, "relation": rel_b, "passages": pb})
    for rel, r in reps.items():
        audits[rel]["repeats"] = sorted(r, key=lambda x: x["other"])
    return audits


def write(audits: dict[str, dict], out: Path) -> None:
    for rel, a in audits.items():
        dest = out / (rel + ".audit.json")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(json.dumps(a, sort_keys=True), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("truth_dir", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    truth = json.loads((args.truth_dir / "truth.json").read_text(encoding="utf-8"))
    write(oracle_audits(truth), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
