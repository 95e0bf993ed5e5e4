"""Per-document stages on a Dask cluster, for corpora beyond one machine.

The per-document hooks are pure functions of (document, configuration, learned tables), so
chunks of documents can run on any worker that has auditor and the same plugins installed.
The read stage sends paths, so workers must see the audited folder at the same path (a shared
filesystem); the analyze stage sends the documents themselves. Corpus stages (learning,
repeats, cross-file checks) and writing stay in the client process. Results come back in
submission order, so output is byte-identical to the local process pool.

Plugin time budgets use SIGALRM and so only apply in a process's main thread; Dask runs
tasks in worker threads, where the budget is not enforced (use Dask's own task timeouts).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from typing import Any

from .config import Settings
from .model import LearnedTable

#: One Pipeline per (configuration, learned tables) per worker process.
_PIPELINES: dict[str, Any] = {}


def _pipeline(settings: Settings, learned: dict[str, LearnedTable]) -> Any:
    key = hashlib.sha256(
        pickle.dumps((settings.tables, sorted((k, v.digest) for k, v in learned.items())))
    ).hexdigest()
    if key not in _PIPELINES:
        import warnings

        from .engine import Pipeline
        from .plugins import load_plugins

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            host = load_plugins(settings.table("plugins").get("disable", []))
        _PIPELINES[key] = Pipeline(host, settings, learned)
    return _PIPELINES[key]


def run_chunk(
    stage: str, items: list[Any], settings: Settings, learned: dict[str, LearnedTable]
) -> list[Any]:
    pipeline = _pipeline(settings, learned)
    if stage == "read":
        return [pipeline.read(i) for i in items]
    return [pipeline.analyze(d) for d in items]


def map_chunks(
    stage: str,
    chunks: list[list[Any]],
    settings: Settings,
    learned: dict[str, LearnedTable],
    jobs: int,
    scheduler: str | None,
) -> Iterator[list[Any]]:
    """Run `stage` over `chunks` on a Dask cluster (a local one when no scheduler is given)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - depends on the install
        from .errors import ConfigError

        raise ConfigError("--executor dask needs Dask: pip install 'auditor[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        futures = [
            client.submit(run_chunk, stage, chunk, settings, learned, pure=False)
            for chunk in chunks
        ]
        for future in futures:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
