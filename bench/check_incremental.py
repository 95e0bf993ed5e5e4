"""Incremental `auditor check` benchmark (the pre-commit use case).

    python bench/check_incremental.py CORPUS_DIR [--jobs 2]

CORPUS_DIR is a folder of documents (e.g. `bench/generate.py --size 10000 --out X`, then X/docs).
The script copies nothing: it writes an `audit.toml` beside a temporary symlink-free copy of
the corpus, then times, each as a fresh `auditor check` process:

1. cold: empty cache, the whole corpus (docs/s reported);
2. warm, nothing changed;
3. warm, one file changed, checking only that file (target: < 2 s for 10,000 documents);
4. warm, one new file that copies an existing one, checking only that file (must exit 1).

Prints a JSON line and a Markdown table row for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - t, proc


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="auditor-check-bench-"))
    docs = work / "docs"
    shutil.copytree(args.corpus, docs)
    files = sorted(p for p in docs.rglob("*") if p.is_file())
    (work / "audit.toml").write_text('[discover]\nroots = ["docs"]\n', encoding="utf-8")
    auditor = [sys.executable, "-m", "auditor.cli", "check", "--jobs", str(args.jobs)]

    cold, _proc = timed(auditor, work)
    warm, _ = timed(auditor, work)
    victim = files[len(files) // 2]
    victim.write_text(
        victim.read_text(encoding="utf-8") + "\nA late correction was added to this story.\n",
        encoding="utf-8",
    )
    one, _proc_one = timed([*auditor, str(victim.relative_to(work))], work)
    copy = docs / "zz-new-copy.txt"
    copy.write_text(files[0].read_text(encoding="utf-8"), encoding="utf-8")
    new, proc_new = timed([*auditor, str(copy.relative_to(work))], work)
    result = {
        "files": len(files),
        "cold_s": round(cold, 2),
        "cold_docs_per_s": round(len(files) / cold, 1),
        "warm_unchanged_s": round(warm, 2),
        "warm_one_changed_s": round(one, 2),
        "warm_new_copy_s": round(new, 2),
        "new_copy_exit": proc_new.returncode,
        "new_copy_caught": "repeated-content" in proc_new.stdout,
    }
    print(json.dumps(result))
    print(
        f"| {len(files)} | {result['cold_s']} s ({result['cold_docs_per_s']} docs/s) | {result['warm_unchanged_s']} s "
        f"| {result['warm_one_changed_s']} s | {result['warm_new_copy_s']} s (exit {proc_new.returncode}) |"
    )
    shutil.rmtree(work, ignore_errors=True)
    return 0 if proc_new.returncode == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
