#!/usr/bin/env python3
"""Run auditor and the pinned naive baseline on one generated corpus and compare them.

Usage: ``python bench/run_syndication.py --size 10000 [--seed 1] [--holdout] [--jobs 2]
[--corpus-root DIR] [--skip-auditor]``

1. generates ``<corpus-root>/syn-<size>-s<seed>[-holdout]`` with ``generate.py`` unless it
   already exists (then it is reused);
2. runs ``auditor audit CORPUS/docs --out OUT --format json --jobs N`` as a subprocess and times
   its wall clock (OUT on /dev/shm when it exists: audits go to a RAM-backed folder, as
   EVALUATION.md measures);
3. runs ``naive.py`` on the same folder in the same run (wall clock of the process, and its own
   timed part without writing the per-file audits);
4. scores both with ``score.py`` and prints them side by side, then a markdown table for
   docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score import score  # noqa: E402


def ram_dir() -> Path:
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else Path("/tmp")


def ensure_corpus(root: Path, size: int, seed: int, holdout: bool) -> Path:
    corpus = root / f"syn-{size}-s{seed}{'-holdout' if holdout else ''}"
    if (corpus / "truth.json").exists():
        print(f"reusing {corpus}", file=sys.stderr)
        return corpus
    if corpus.exists():
        shutil.rmtree(corpus)
    cmd = [sys.executable, str(HERE / "generate.py"), "--size", str(size), "--seed", str(seed)]
    cmd += ["--out", str(corpus)] + (["--holdout"] if holdout else [])
    subprocess.run(cmd, check=True)
    return corpus


def timed(cmd: list[str], timeout: float) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return time.perf_counter() - t0, proc


def fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--holdout", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--corpus-root", type=Path, default=Path("/tmp/auditor-bench"))
    ap.add_argument("--skip-auditor", action="store_true")
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    args = ap.parse_args(argv)

    corpus = ensure_corpus(args.corpus_root, args.size, args.seed, args.holdout)
    docs = corpus / "docs"
    work = ram_dir() / f"auditor-bench-{os.getpid()}"
    results: dict[str, dict] = {}
    try:
        if not args.skip_auditor:
            out = work / "auditor"
            exe = shutil.which("auditor")
            cmd = [exe] if exe else [sys.executable, "-m", "auditor.cli"]
            cmd += ["audit", str(docs), "--out", str(out), "--format", "json"]
            cmd += ["--jobs", str(args.jobs), "--quiet"]
            wall, proc = timed(cmd, args.timeout)
            if proc.returncode not in (0, 1):
                print(
                    f"auditor failed ({proc.returncode}):\n{proc.stderr[-2000:]}", file=sys.stderr
                )
            else:
                results["auditor"] = {"seconds": wall, "score": score(corpus, out)}
        out = work / "naive"
        cmd = [sys.executable, str(HERE / "naive.py"), str(docs), "--out", str(out), "--json"]
        wall, proc = timed(cmd, args.timeout)
        if proc.returncode != 0:
            print(f"naive failed:\n{proc.stderr[-2000:]}", file=sys.stderr)
        else:
            inner = json.loads(proc.stdout.strip().splitlines()[-1])
            results["naive"] = {
                "seconds": wall,
                "inner_seconds": inner["seconds"],
                "score": score(corpus, out),
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)

    n = results and next(iter(results.values()))["score"]["files"]
    print(f"\ncorpus {corpus} ({n} files), jobs {args.jobs}, {platform.python_version()}")
    names = list(results)
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, get) -> None:
        vals = []
        for k in names:
            try:
                vals.append(get(results[k]))
            except (KeyError, TypeError):
                vals.append("n/a")
        rows.append((label, vals))

    row("wall seconds", lambda r: f"{r['seconds']:.1f}")
    row("docs/s", lambda r: f"{n / r['seconds']:.0f}")
    for key in ("precision", "recall", "f1"):
        row(f"pairs {key}", lambda r, key=key: fmt(r["score"]["pairs"][key]))
    kinds = sorted({k for r in results.values() for k in r["score"]["recall_by_kind"]})
    for kind in kinds:
        row(
            f"recall {kind}",
            lambda r, kind=kind: fmt(r["score"]["recall_by_kind"][kind]["recall"]),
        )
    row("origin accuracy", lambda r: fmt(r["score"]["origin"]["accuracy"]))
    row("passage coverage", lambda r: fmt(r["score"]["passages"]["coverage"]))
    row("passage validity", lambda r: fmt(r["score"]["passages"]["validity"]))
    row("boilerplate P", lambda r: fmt(r["score"]["boilerplate"]["precision"]))
    row("boilerplate R", lambda r: fmt(r["score"]["boilerplate"]["recall"]))
    row("boilerplate category macro-F1", lambda r: fmt(r["score"]["boilerplate"]["macro_f1"]))
    row("byline exact", lambda r: fmt(r["score"]["provenance"]["byline"]))
    row("date exact", lambda r: fmt(r["score"]["provenance"]["date"]))
    row("outlet exact", lambda r: fmt(r["score"]["provenance"]["outlet"]))
    row("attribution-dropped F1", lambda r: fmt(r["score"]["attribution_dropped"]["f1"]))

    width = max(len(label) for label, _ in rows)
    print(f"{'':<{width}}  " + "  ".join(f"{k:>10}" for k in names))
    for label, vals in rows:
        print(f"{label:<{width}}  " + "  ".join(f"{v:>10}" for v in vals))
    print("\nMarkdown:\n")
    title = f"{n} files{' (holdout families)' if args.holdout else ''}, seed {args.seed}"
    print(f"| {title} | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for label, vals in rows:
        print(f"| {label} | " + " | ".join(vals) + " |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
