"""Soak benchmark: audit a large corpus while faults are injected, then verify the output.

    python bench/soak.py --files 10000 [--corpus ../shared/corpora/bbc-dev] [--jobs 2]

Builds a corpus of N files (paragraph mixes of the BBC development articles when available,
else generated sentences), then runs `auditor audit` in this process while a fault thread
deletes files, rewrites files and makes reads fail (patched `open`, since permissions do not
stop root) at random moments. Afterwards it checks that:

- every file that survived unchanged and was never made unreadable has a complete,
  schema-valid audit whose sha256 matches its bytes;
- every audit parses, validates against the strict schema, and describes a file that was
  discovered; a file rewritten mid-run has an audit of one of its versions;
- nothing else was written (only *.audit.toml, corpus.json and run.json; no temporary files).

Prints a summary line and exits 1 on any violation. Not a test: it takes minutes.
"""

from __future__ import annotations

import argparse
import builtins
import hashlib
import json
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import tomllib

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "bbc-dev"


def paragraphs(corpus: Path) -> list[str]:
    paras: list[str] = []
    if corpus.is_dir():
        for p in sorted(corpus.rglob("*.txt")):
            text = p.read_text(encoding="utf-8", errors="replace")
            paras += [x.strip() for x in text.split("\n\n")[1:] if len(x.split()) > 12]
    if not paras:
        rng = random.Random(1)
        words = [
            "harbor",
            "council",
            "budget",
            "river",
            "school",
            "market",
            "police",
            "weather",
            "train",
            "festival",
        ]
        paras = [" ".join(rng.choice(words) for _ in range(40)) + "." for _ in range(2000)]
    return paras


def build(root: Path, n: int, corpus: Path, seed: int) -> None:
    rng = random.Random(seed)
    paras = paragraphs(corpus)
    for i in range(n):
        body = "\n\n".join(rng.sample(paras, k=min(len(paras), rng.randint(3, 8))))
        d = root / f"part{i // 1000:02d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"doc{i:05d}.txt").write_text(f"Story {i}\n\n{body}\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--faults", type=int, default=300, help="faults of each kind to inject")
    args = ap.parse_args()

    import jsonschema

    from auditor import cli
    from auditor.schema import audit_schema, strict

    tmp = Path(tempfile.mkdtemp(prefix="auditor-soak-"))
    root, out = tmp / "corpus", tmp / "out"
    t0 = time.perf_counter()
    build(root, args.files, args.corpus, args.seed)
    files = sorted(root.rglob("*.txt"))
    print(
        f"built {len(files)} files in {time.perf_counter() - t0:.1f}s under {tmp}", file=sys.stderr
    )
    rng = random.Random(args.seed)
    victims = rng.sample(files, k=min(len(files), 3 * args.faults))
    deleted = set(victims[: args.faults])
    rewritten = set(victims[args.faults : 2 * args.faults])
    unreadable = {str(p) for p in victims[2 * args.faults :]}
    versions: dict[Path, set[str]] = {
        p: {hashlib.sha256(p.read_bytes()).hexdigest()} for p in rewritten
    }
    injected = {"deleted": 0, "rewritten": 0, "unreadable": 0}

    real_open = builtins.open

    def faulty_open(file, *a, **kw):  # type: ignore[no-untyped-def]
        if str(file) in unreadable and "r" in (a[0] if a else kw.get("mode", "r")):
            injected["unreadable"] += 1
            raise PermissionError(13, "Permission denied (injected)", str(file))
        return real_open(file, *a, **kw)

    def fault_thread() -> None:
        order = [("d", p) for p in deleted] + [("r", p) for p in rewritten]
        rng.shuffle(order)
        for kind, p in order:
            time.sleep(rng.random() * 0.01)
            if kind == "d":
                p.unlink(missing_ok=True)
                injected["deleted"] += 1
            else:
                data = p.read_bytes() + b"\nA correction was appended while the audit ran.\n"
                versions[p].add(hashlib.sha256(data).hexdigest())
                p.write_bytes(data)
                injected["rewritten"] += 1

    builtins.open = faulty_open
    thread = threading.Thread(target=fault_thread, daemon=True)
    t1 = time.perf_counter()
    thread.start()
    try:
        rc = cli.main(["audit", str(root), "--out", str(out), "--jobs", str(args.jobs), "--quiet"])
    finally:
        builtins.open = real_open
    thread.join()
    wall = time.perf_counter() - t1

    validator = jsonschema.Draft202012Validator(strict(audit_schema()))
    problems: list[str] = []
    audits: dict[str, dict] = {}
    for p in sorted(out.rglob("*")):
        if p.is_dir():
            continue
        if p.name in ("corpus.json", "run.json") and p.parent == out:
            continue
        if not p.name.endswith(".audit.toml"):
            problems.append(f"unexpected file written: {p.relative_to(out)}")
            continue
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except Exception as exc:
            problems.append(f"{p.relative_to(out)}: does not parse: {exc}")
            continue
        errors = list(validator.iter_errors(data))
        if errors:
            problems.append(f"{p.relative_to(out)}: schema: {errors[0].message}")
        audits[data.get("path", "")] = data
    for f in files:
        rel = f.relative_to(root).as_posix()
        a = audits.get(rel)
        if f in deleted or str(f) in unreadable:
            if (
                a is not None
                and f in deleted
                and a["sha256"] != hashlib.sha256(b"").hexdigest()
                and str(f) in unreadable
            ):
                problems.append(f"{rel}: audited although it could not be read")
            continue
        if a is None:
            problems.append(f"{rel}: survived but has no audit")
            continue
        sha = hashlib.sha256(f.read_bytes()).hexdigest()
        if f in rewritten:
            if a["sha256"] not in versions[f]:
                problems.append(f"{rel}: audit describes no version of the file")
        elif a["sha256"] != sha:
            problems.append(f"{rel}: audit sha256 does not match the file")
    run = json.loads((out / "run.json").read_text()) if (out / "run.json").exists() else {}
    injected["unreadable"] = sum("(injected)" in s["message"] for s in run.get("skipped", []))
    for p in problems[:30]:
        print(p)
    summary = {
        "files": len(files),
        "audits": len(audits),
        "exit_code": rc,
        "wall_s": round(wall, 2),
        "docs_per_s": round(len(files) / wall, 1),
        "injected": injected,
        "timings": run.get("timings", {}),
        "problems": len(problems),
    }
    print(json.dumps(summary))
    return 1 if problems or rc not in (0, 1) else 0


if __name__ == "__main__":
    sys.exit(main())
