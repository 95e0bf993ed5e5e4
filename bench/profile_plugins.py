"""Per-plugin cost per document, single process, over a folder of documents.

    python bench/profile_plugins.py CORPUS [--limit N]

Reads every document, runs corpus learning, then each per-document hook of each plugin,
timing every call; then the corpus hooks. Prints milliseconds per document per (hook, plugin)
and the corpus-hook seconds, so an optimisation can be measured in isolation from process
start-up, pools and writing.
"""

from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()

    from auditor import app
    from auditor.engine import Engine, Pipeline

    prepared = app.prepare([args.corpus])
    discovery = app.discover_inputs(prepared, [args.corpus], None)
    inputs = discovery.inputs[: args.limit] if args.limit else discovery.inputs
    engine = Engine(prepared.host, prepared.settings, 1)
    pipeline = Pipeline(prepared.host, prepared.settings)
    times: collections.Counter[tuple[str, str]] = collections.Counter()
    original = prepared.host.call_one

    def timed(hook: str, name: str, **kwargs):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return original(hook, name, **kwargs)
        finally:
            times[(hook, name)] += time.perf_counter() - t

    prepared.host.call_one = timed  # type: ignore[method-assign]
    t0 = time.perf_counter()
    docs = [d for d in (pipeline.read(i)[0] for i in inputs) if d is not None]
    t1 = time.perf_counter()
    learned, _ = engine.learn(pipeline, docs)
    pipeline.learned = learned
    t2 = time.perf_counter()
    results = [pipeline.analyze(d) for d in docs]
    t3 = time.perf_counter()
    engine.corpus_phase(pipeline, results, [])
    t4 = time.perf_counter()
    n = len(docs)
    print(f"{n} documents; read {t1 - t0:.2f}s, learn {t2 - t1:.2f}s, analyze {t3 - t2:.2f}s, corpus {t4 - t3:.2f}s")
    for (hook, name), secs in sorted(times.items(), key=lambda kv: -kv[1]):
        per_doc = secs / n * 1000 if hook in ("auditor_read", "auditor_boilerplate", "auditor_analyze") else None
        extra = f"{per_doc:.3f} ms/doc" if per_doc is not None else f"{secs:.2f} s"
        print(f"  {hook:28s} {name:12s} {extra}")


if __name__ == "__main__":
    main()
