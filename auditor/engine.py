"""Runs the hooks in their one-way order and assembles audits.

discover -> read -> corpus learn -> per document (boilerplate, analyze) -> corpus repeats
-> corpus check -> per-audit findings. Per-document stages run in worker processes when
``jobs > 1``; their results are plain dataclasses, so the outcome does not depend on the
number of workers or the order files were found in.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from .cache import Cache, PluginCache
from .config import Settings
from .context import Corpus, DocumentView, PluginContext, Record
from .discover import Input
from .encoding import bom_codec
from .errors import InputError
from .model import (
    CATEGORIES,
    RELATIONS,
    SEVERITIES,
    Audit,
    Data,
    Document,
    DocumentResult,
    Finding,
    LearnedTable,
    Provenance,
    Repeat,
    Span,
)
from .plugins import PluginFailure, PluginHost, describe_exception, load_plugins

#: Standard finding codes and their severities (AUDIT_FORMAT.md).
STANDARD_FINDINGS: dict[str, str] = {
    "repeated-content": "warning",
    "quotes-passages": "info",
    "repeated-elsewhere": "info",
    "attribution-dropped": "error",
    "byline-mismatch": "warning",
    "syndicated": "info",
    "conflicting-dates": "warning",
    "no-byline": "info",
    "no-date": "info",
    "ambiguous-date": "info",
    "copyright-year-mismatch": "info",
    "auditor.plugin-error": "error",
    "auditor.too-large": "warning",
}
PLUGIN_ERROR = "auditor.plugin-error"
#: Findings that describe one repeats entry; they go when max_repeats cuts that entry.
REPEAT_CODES = frozenset({"repeated-content", "quotes-passages", "repeated-elsewhere"})
TOO_LARGE = "auditor.too-large"
_PRECEDENCE = {c: i for i, c in enumerate(CATEGORIES)}


class PluginTimeout(Exception):
    """A plugin exceeded its time budget on one document."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise PluginTimeout("exceeded its time budget ([plugins] timeout)")


@dataclass
class Skipped:
    path: str
    message: str


@dataclass
class RunResult:
    audits: list[Audit]
    skipped: list[Skipped]
    failures: list[tuple[str, str]]  #: (path, message) of every plugin error, for the summary
    repeats: list[Repeat] = field(default_factory=list)  #: every repeat, before max_repeats
    timings: dict[str, float] = field(default_factory=dict)
    learned: dict[str, LearnedTable] = field(default_factory=dict)
    cache_keys: set[str] = field(default_factory=set)  #: cache entries this run used


def plugin_error(failure: PluginFailure, path: str) -> Finding:
    return Finding(
        code=PLUGIN_ERROR,
        severity="error",
        message=f"plugin {failure.plugin!r} failed in {failure.hook}: {failure.message}",
        plugin="auditor",
        path=path,
    )


def resolve_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """Make spans non-overlapping: where spans overlap, the earlier category of the table wins.

    Touching or overlapping pieces of one category merge into one span.
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= length and s.category in _PRECEDENCE]
    if not valid:
        return []
    points = sorted({p for s in valid for p in (s.start, s.end)})
    # Sweep: for each elementary interval, the best-precedence covering span.
    events: dict[int, list[tuple[int, Span]]] = {}
    for s in valid:
        events.setdefault(s.start, []).append((1, s))
        events.setdefault(s.end, []).append((-1, s))
    active: dict[int, int] = {}
    reasons: dict[int, str] = {}
    pieces: list[Span] = []
    for i, p in enumerate(points):
        for delta, s in events.get(p, []):
            rank = _PRECEDENCE[s.category]
            active[rank] = active.get(rank, 0) + delta
            if delta > 0:
                reasons.setdefault(rank, s.reason)
            if active[rank] == 0:
                del active[rank]
                reasons.pop(rank, None)
        if active and i + 1 < len(points):
            rank = min(active)
            pieces.append(Span(p, points[i + 1], CATEGORIES[rank], reasons.get(rank, "")))
    merged: list[Span] = []
    for s in pieces:
        if merged and merged[-1].end == s.start and merged[-1].category == s.category:
            merged[-1] = Span(merged[-1].start, s.end, s.category, merged[-1].reason)
        else:
            merged.append(s)
    return merged


class Pipeline:
    """The per-document part of a run, usable in the main process or a worker."""

    def __init__(
        self, host: PluginHost, settings: Settings, learned: dict[str, LearnedTable] | None = None
    ) -> None:
        self.host = host
        self.settings = settings
        self.learned = dict(learned or {})
        self.timeout = float(settings.table("plugins").get("timeout", 0.0) or 0.0)
        shared = {k: settings.table(k) for k in ("discover", "output", "policy", "plugins")}
        self._shared = shared
        self._alarm_installed = False

    def ctx(self, name: str, cache: PluginCache | None = None) -> PluginContext:
        return PluginContext(
            name=name,
            config=self.settings.table(name),
            learned=self.learned,
            settings=self._shared,
            cache=cache,
        )

    def _timed(self, hook: str, name: str, **kwargs: Any) -> Any:
        """Call one plugin's hook under the time budget (SIGALRM in this process's main thread)."""
        if self.timeout <= 0 or not hasattr(signal, "setitimer") or not _in_main_thread():
            return self.host.call_one(hook, name, **kwargs)
        if not self._alarm_installed:
            # Installed once: the handler only fires while a timer armed below is running.
            signal.signal(signal.SIGALRM, _on_alarm)
            self._alarm_installed = True
        signal.setitimer(signal.ITIMER_REAL, self.timeout)
        try:
            return self.host.call_one(hook, name, **kwargs)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    # -- read -------------------------------------------------------------------------
    def read(self, item: Input) -> tuple[Document | None, str | None, list[PluginFailure]]:
        """Read one file: (document, skip message, failures)."""
        failures: list[PluginFailure] = []
        max_bytes = int(self.settings.table("discover").get("max_bytes", 0) or 0)
        try:
            st = os.stat(item.path)
            if max_bytes and st.st_size > max_bytes:
                return self._oversized(item, max_bytes, failures)
            with open(item.path, "rb") as fh:
                data = fh.read(max_bytes + 1 if max_bytes else -1)
            if max_bytes and len(data) > max_bytes:
                return self._oversized(item, max_bytes, failures)
        except OSError as exc:
            return None, f"cannot be read: {exc.strerror or type(exc).__name__}; skipped", failures
        for name in self.host.implementations("auditor_read"):
            try:
                doc = self._timed(
                    "auditor_read", name, path=item.rel, data=data, ctx=self.ctx(name)
                )
            except InputError as exc:
                return None, f"{exc}", failures
            except Exception as exc:
                failures.append(PluginFailure(name, "auditor_read", describe_exception(exc)))
                continue
            if doc is None:
                continue
            if not isinstance(doc, Document) or not isinstance(doc.text, str):
                failures.append(
                    PluginFailure(
                        name, "auditor_read", f"returned {type(doc).__name__}, not a Document"
                    )
                )
                continue
            doc.path = item.rel
            return doc, None, failures
        return None, "no reader accepted this file; skipped", failures

    def _oversized(
        self, item: Input, max_bytes: int, failures: list[PluginFailure]
    ) -> tuple[Document | None, str | None, list[PluginFailure]]:
        try:
            doc = oversized(item, max_bytes)
        except OSError as exc:
            return None, f"cannot be read: {exc.strerror or type(exc).__name__}; skipped", failures
        if doc is None:
            return None, f"over the size limit ({max_bytes} bytes) and not text; skipped", failures
        return doc, None, failures

    # -- per document -----------------------------------------------------------------
    def analyze(self, doc: Document) -> DocumentResult:
        result = DocumentResult(document=doc)
        if doc.chars is not None:  # over the size limit: described, not analysed
            result.findings.append(
                Finding(
                    TOO_LARGE,
                    "warning",
                    f"{doc.size} bytes is over the size limit ([discover] max_bytes); not analysed",
                    plugin="auditor",
                    path=doc.path,
                )
            )
            return result
        failures: list[PluginFailure] = []
        raw_spans: list[Span] = [s for s in doc.hints if isinstance(s, Span)]
        for name in self.host.implementations("auditor_boilerplate"):
            got: list[Any] = []
            try:
                self._timed(
                    "auditor_boilerplate",
                    name,
                    document=doc,
                    ctx=self.ctx(name),
                    register=got.append,
                )
            except Exception as exc:
                failures.append(PluginFailure(name, "auditor_boilerplate", describe_exception(exc)))
                continue
            for s in got:
                if (
                    not isinstance(s, Span)
                    or s.category not in _PRECEDENCE
                    or not (0 <= s.start <= s.end <= len(doc.text))
                ):
                    failures.append(
                        PluginFailure(
                            name, "auditor_boilerplate", f"registered an invalid span: {s!r}"[:300]
                        )
                    )
                    break
                if s.end > s.start:
                    raw_spans.append(s)
        result.spans = resolve_spans(raw_spans, len(doc.text))
        view = DocumentView(doc, result.spans)
        for name in self.host.implementations("auditor_analyze"):
            got = []
            try:
                self._timed(
                    "auditor_analyze", name, view=view, ctx=self.ctx(name), register=got.append
                )
            except Exception as exc:
                failures.append(PluginFailure(name, "auditor_analyze", describe_exception(exc)))
                continue
            for item in got:
                if isinstance(item, Provenance):
                    result.provenance.merge(item)
                elif isinstance(item, Finding):
                    problem = check_finding(item, name, len(doc.text))
                    if problem:
                        failures.append(PluginFailure(name, "auditor_analyze", problem))
                        continue
                    item.plugin, item.path = name, doc.path
                    result.findings.append(item)
                elif isinstance(item, Data):
                    result.data[name] = item.value
                else:
                    failures.append(
                        PluginFailure(
                            name,
                            "auditor_analyze",
                            f"registered {type(item).__name__}, not Provenance, Finding or Data",
                        )
                    )
        result.provenance.byline = _dedupe_names(result.provenance.byline)
        result.findings.extend(plugin_error(f, doc.path) for f in failures)
        return result


def oversized(item: Input, max_bytes: int) -> Document | None:
    """Describe a file over the size limit without keeping its text (bounded memory).

    The raw bytes and the decoded text are hashed in chunks; the codec is found as the text
    reader would (byte-order mark, UTF-8, else cp1252/latin-1). Binary data gives None.
    """
    import codecs

    chunk_size = 1 << 20
    with open(item.path, "rb") as fh:
        head = fh.read(4)
    announced = bom_codec(head)
    codec = announced or "utf-8"
    for attempt in (codec,) if announced else (codec, "cp1252", "latin-1"):
        raw_hash, text_hash = hashlib.sha256(), hashlib.sha256()
        decoder = codecs.getincrementaldecoder(attempt)()
        chars = 0
        try:
            with open(item.path, "rb") as fh:
                first = True
                while True:
                    block = fh.read(chunk_size)
                    final = not block
                    if b"\x00" in block and not announced:
                        return None
                    raw_hash.update(block)
                    text = decoder.decode(block, final=final)
                    if first and text.startswith("\ufeff"):
                        text = text[1:]
                    first = first and not text
                    chars += len(text)
                    text_hash.update(text.encode("utf-8", "surrogatepass"))
                    if final:
                        break
        except UnicodeDecodeError:
            continue
        except OSError:
            return None
        return Document(
            path=item.rel,
            text="",
            sha256=raw_hash.hexdigest(),
            encoding=codecs.lookup(attempt).name,
            size=os.path.getsize(item.path),
            chars=chars,
            text_sha256=text_hash.hexdigest(),
        )
    return None


def _strip_document(r: DocumentResult) -> tuple[Any, ...]:
    """What the cache keeps of a result (the document is cached by the read stage)."""
    return (r.spans, r.provenance, r.findings, r.data)


def _dedupe_names(names: Sequence[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if isinstance(n, str) and n.strip() and n.strip() not in out:
            out.append(n.strip())
    return out


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def check_finding(f: Finding, plugin: str, length: int | None) -> str | None:
    """Why a registered finding is invalid, or None."""
    if f.severity not in SEVERITIES:
        return f"finding {f.code!r} has unknown severity {f.severity!r}"
    want = STANDARD_FINDINGS.get(f.code)
    if want is None and not f.code.startswith(f"{plugin}."):
        return f"finding code {f.code!r} is neither standard nor prefixed with {plugin + '.'!r}"
    if want is not None and want != f.severity:
        return f"finding {f.code!r} must have severity {want!r}, not {f.severity!r}"
    if f.code == PLUGIN_ERROR:
        return "plugins may not emit auditor.plugin-error themselves"
    if (f.start is None) != (f.end is None):
        return f"finding {f.code!r} has start without end"
    if f.start is not None and length is not None and not (0 <= f.start <= f.end <= length):  # type: ignore[operator]
        return f"finding {f.code!r} location [{f.start}, {f.end}) is outside the text"
    return None


# -- worker processes -------------------------------------------------------------------
# Each worker process builds its own plugin host once; this per-process slot is the only
# module state, and only worker processes use it.
_WORKER: dict[str, Pipeline] = {}


def _init_worker(settings: Settings, learned: dict[str, LearnedTable]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles interruption
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # and stops workers with SIGTERM
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the parent already warned about broken plugins
        host = load_plugins(settings.table("plugins").get("disable", []))
    _WORKER["pipeline"] = Pipeline(host, settings, learned)


def _read_chunk(
    items: list[Input],
) -> list[tuple[Document | None, str | None, list[PluginFailure]]]:
    p = _WORKER["pipeline"]
    return [p.read(i) for i in items]


def _analyze_chunk(docs: list[Document]) -> list[DocumentResult]:
    p = _WORKER["pipeline"]
    return [p.analyze(d) for d in docs]


def _kill_pool(pool: ProcessPoolExecutor) -> None:
    import threading
    from concurrent.futures import process as cf_process

    manager = getattr(cf_process, "_ExecutorManagerThread", None)
    previous = threading.excepthook

    def quiet(args: Any) -> None:
        # The pool's manager thread complains about the workers we just stopped on purpose.
        if manager is not None and isinstance(args.thread, manager):
            return
        previous(args)

    threading.excepthook = quiet
    workers = list((getattr(pool, "_processes", None) or {}).values())
    for proc in workers:
        proc.terminate()
    # Work items still queued for the dead workers must not keep this process from exiting.
    call_queue = getattr(pool, "_call_queue", None)
    if call_queue is not None:
        call_queue.cancel_join_thread()
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in workers:
        proc.join(timeout=5)
        if proc.is_alive():
            proc.kill()


def _chunks(items: Sequence[Any], jobs: int) -> list[list[Any]]:
    size = max(1, min(256, len(items) // (jobs * 8) or 1))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


class Engine:
    """One audit run over a list of inputs."""

    def __init__(
        self,
        host: PluginHost,
        settings: Settings,
        jobs: int = 1,
        progress: Callable[[str, int, int], None] | None = None,
        cache: Cache | None = None,
        fingerprint: str = "",
        executor: str = "process",
        scheduler: str | None = None,
        plugin_fingerprints: dict[str, str] | None = None,
    ) -> None:
        self.plugin_fingerprints = dict(plugin_fingerprints or {})
        self.executor = executor
        self.scheduler = scheduler
        self.host = host
        self.settings = settings
        self.jobs = max(1, jobs)
        self.progress = progress or (lambda stage, done, total: None)
        self.cache = cache
        self.fingerprint = fingerprint
        self.used_keys: set[str] = set()  #: cache keys this run used (for pruning)

    def _map(
        self,
        fn_inline: Callable[[Any], Any],
        fn_chunk: Callable[[list[Any]], list[Any]],
        items: Sequence[Any],
        stage: str,
        learned: dict[str, LearnedTable],
    ) -> list[Any]:
        total = len(items)
        if self.executor == "dask" and items:
            from .dask_executor import map_chunks

            stage_name = "read" if fn_chunk is _read_chunk else "analyze"
            results = []
            for chunk_result in map_chunks(
                stage_name,
                _chunks(items, max(self.jobs, 4)),
                self.settings,
                learned,
                self.jobs,
                self.scheduler,
            ):
                results.extend(chunk_result)
                self.progress(stage, len(results), total)
            return results
        if self.jobs == 1 or total < 2 * self.jobs:
            out = []
            for i, item in enumerate(items):
                out.append(fn_inline(item))
                if (i + 1) % 500 == 0:
                    self.progress(stage, i + 1, total)
            self.progress(stage, total, total)
            return out
        import multiprocessing

        method = "fork" if sys.platform.startswith("linux") else "spawn"
        ctx = multiprocessing.get_context(method)
        results: list[Any] = []
        chunks = _chunks(items, self.jobs)
        pool = ProcessPoolExecutor(
            self.jobs, mp_context=ctx, initializer=_init_worker, initargs=(self.settings, learned)
        )
        finished = False
        try:
            try:
                for chunk_result in pool.map(fn_chunk, chunks):
                    results.extend(chunk_result)
                    self.progress(stage, len(results), total)
            except BrokenProcessPool:
                # A worker died (out of memory, a crash in native code): finish in this
                # process, where a crash would at least name the file being read.
                for item in items[len(results) :]:
                    results.append(fn_inline(item))
            pool.shutdown()
            finished = True
        finally:
            if not finished:
                # Interrupted (or failed): stop the workers now, whatever they were doing,
                # so that neither they nor the interpreter's exit wait for their queues.
                _kill_pool(pool)
        return results

    def run(self, inputs: Sequence[Input]) -> RunResult:
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        pipeline = Pipeline(self.host, self.settings)
        docs, skipped, read_failures, read_keys = self._read_all(pipeline, list(inputs))
        timings["read"] = time.perf_counter() - t0

        t1 = time.perf_counter()
        learned, corpus_failures = self.learn(pipeline, docs)
        timings["learn"] = time.perf_counter() - t1

        t2 = time.perf_counter()
        pipeline.learned = learned
        results = self._analyze_all(pipeline, docs, learned, read_keys)
        for r in results:
            r.findings.extend(
                plugin_error(f, r.document.path) for f in read_failures.get(r.document.path, [])
            )
        timings["analyze"] = time.perf_counter() - t2

        t3 = time.perf_counter()
        audits, repeats = self.corpus_phase(pipeline, results, corpus_failures)
        timings["corpus"] = time.perf_counter() - t3
        all_failures = [
            (a.document.path, f.message)
            for a in audits
            for f in a.findings
            if f.code == PLUGIN_ERROR
        ]
        return RunResult(
            audits=audits,
            skipped=sorted(skipped, key=lambda s: s.path),
            failures=all_failures,
            repeats=repeats,
            timings=timings,
            learned=learned,
        )

    def _namespace(self, name: str) -> str:
        """A plugin's ``ctx.cache`` namespace: its own version, source and configuration."""
        return f"{name}:{self.plugin_fingerprints.get(name, self.fingerprint)}"

    def _key(self, *parts: str) -> str:
        return hashlib.sha256(
            "\0".join((self.fingerprint, *parts)).encode("utf-8", "surrogatepass")
        ).hexdigest()

    def _read_all(
        self, pipeline: Pipeline, inputs: list[Input]
    ) -> tuple[list[Document], list[Skipped], dict[str, list[PluginFailure]], dict[str, str]]:
        """Read every input, from the cache where the file's size and mtime are unchanged."""
        cached: dict[str, tuple[Document, list[PluginFailure]]] = {}
        read_keys: dict[str, str] = {}
        stats: dict[str, tuple[int, int]] = {}
        todo = inputs
        if self.cache is not None:
            known = self.cache.all_files()
            for item in inputs:
                try:
                    st = os.stat(item.path)
                except OSError:
                    continue
                stats[item.rel] = (st.st_size, st.st_mtime_ns)
                row = known.get(str(item.path))
                if row and row[0] == st.st_size and row[1] == st.st_mtime_ns:
                    read_keys[item.rel] = self._key("read", item.rel, row[2])
            found = self.cache.get_docs(list(read_keys.values()))
            cached = {rel: found[k] for rel, k in read_keys.items() if k in found}
            todo = [i for i in inputs if i.rel not in cached]
        fresh = self._map(pipeline.read, _read_chunk, todo, "read", {})
        docs: list[Document] = []
        skipped: list[Skipped] = []
        read_failures: dict[str, list[PluginFailure]] = {}
        new_docs: dict[str, Any] = {}
        new_files: list[tuple[str, int, int, str]] = []
        for item, (doc, message, failures) in zip(todo, fresh, strict=False):
            if doc is None:
                skipped.append(Skipped(item.rel, message or "skipped"))
                continue
            key = self._key("read", item.rel, doc.sha256)
            read_keys[item.rel] = key
            cached[item.rel] = (doc, failures)
            new_docs[key] = (doc, failures)
            if item.rel in stats:
                new_files.append((str(item.path), *stats[item.rel], doc.sha256))
        if self.cache is not None:
            self.cache.put_docs(new_docs)
            self.cache.put_files(new_files)
        for rel in sorted(cached):
            doc, failures = cached[rel]
            docs.append(doc)
            if failures:
                read_failures[rel] = failures
        self.used_keys.update(read_keys[d.path] for d in docs)
        return docs, skipped, read_failures, read_keys

    def _analyze_all(
        self,
        pipeline: Pipeline,
        docs: list[Document],
        learned: dict[str, LearnedTable],
        read_keys: dict[str, str],
    ) -> list[DocumentResult]:
        digest = json.dumps({k: v.digest for k, v in sorted(learned.items())})
        keys = {d.path: self._key("analyze", read_keys.get(d.path, d.sha256), digest) for d in docs}
        found = self.cache.get_docs(list(keys.values())) if self.cache is not None else {}
        todo = [d for d in docs if keys[d.path] not in found]
        fresh = self._map(pipeline.analyze, _analyze_chunk, todo, "analyze", learned)
        if self.cache is not None:
            self.cache.put_docs({keys[r.document.path]: _strip_document(r) for r in fresh})
        by_path = {r.document.path: r for r in fresh}
        results = []
        for d in docs:
            r = by_path.get(d.path)
            if r is None:
                spans, provenance, findings, data = found[keys[d.path]]
                r = DocumentResult(d, spans, provenance, findings, data)
            results.append(r)
        self.used_keys.update(keys.values())
        return results

    def learn(
        self, pipeline: Pipeline, docs: list[Document]
    ) -> tuple[dict[str, LearnedTable], list[PluginFailure]]:
        learned: dict[str, LearnedTable] = {}
        failures: list[PluginFailure] = []
        for name in self.host.implementations("auditor_corpus_learn"):
            got: list[Any] = []
            try:
                plugin_cache = PluginCache(self.cache, self._namespace(name))
                self.host.call_one(
                    "auditor_corpus_learn",
                    name,
                    documents=docs,
                    ctx=pipeline.ctx(name, plugin_cache),
                    register=got.append,
                )
                plugin_cache.flush()
            except Exception as exc:
                failures.append(
                    PluginFailure(name, "auditor_corpus_learn", describe_exception(exc))
                )
                continue
            for t in got:
                if isinstance(t, LearnedTable):
                    learned[name] = t
                else:
                    failures.append(
                        PluginFailure(
                            name,
                            "auditor_corpus_learn",
                            f"registered {type(t).__name__}, not a LearnedTable",
                        )
                    )
        return learned, failures

    def corpus_phase(
        self, pipeline: Pipeline, results: list[DocumentResult], failures: list[PluginFailure]
    ) -> tuple[list[Audit], list[Repeat]]:
        results = sorted(results, key=lambda r: r.document.path)
        corpus = Corpus([Record.from_result(r) for r in results])
        by_path = corpus.by_path
        extra: dict[str, list[Finding]] = {}
        global_failures = list(failures)
        repeats: list[Repeat] = []

        def collect(name: str, hook: str, items: list[Any], allow_repeats: bool) -> None:
            for item in items:
                if allow_repeats and isinstance(item, Repeat):
                    problem = check_repeat(item, by_path)
                    if problem:
                        global_failures.append(PluginFailure(name, hook, problem))
                        continue
                    repeats.append(item)
                elif isinstance(item, Finding):
                    rec = by_path.get(item.path)
                    problem = (
                        "finding without a known path"
                        if rec is None
                        else check_finding(item, name, len(rec.document.text))
                    )
                    if item.other is not None and item.other not in by_path:
                        problem = f"finding names unknown other file {item.other!r}"
                    if problem:
                        global_failures.append(PluginFailure(name, hook, problem))
                        continue
                    item.plugin = name
                    extra.setdefault(item.path, []).append(item)
                else:
                    global_failures.append(
                        PluginFailure(name, hook, f"registered {type(item).__name__}")
                    )

        for hook in ("auditor_corpus_repeats", "auditor_corpus_check"):
            for name in self.host.implementations(hook):
                got: list[Any] = []
                plugin_cache = PluginCache(self.cache, self._namespace(name))
                try:
                    self.host.call_one(
                        hook,
                        name,
                        corpus=corpus,
                        ctx=pipeline.ctx(name, plugin_cache),
                        register=got.append,
                    )
                except Exception as exc:
                    global_failures.append(PluginFailure(name, hook, describe_exception(exc)))
                    continue
                plugin_cache.flush()
                collect(name, hook, got, allow_repeats=hook == "auditor_corpus_repeats")
            if hook == "auditor_corpus_repeats":
                repeats = dedupe_repeats(repeats)
                corpus.repeats = list(repeats)

        grouped: dict[str, list[Repeat]] = {}
        for r in repeats:
            grouped.setdefault(r.path, []).append(r)
        max_repeats = int(self.settings.table("output").get("max_repeats", 50))
        audits: list[Audit] = []
        for res in results:
            path = res.document.path
            ranked = sorted(
                grouped.get(path, []), key=lambda r: (-r.containment, -r.similarity, r.other)
            )
            mine = sorted(ranked[:max_repeats], key=lambda r: r.other)
            cut = {r.other for r in ranked[max_repeats:]}
            findings = list(res.findings) + [
                f for f in extra.get(path, []) if not (f.other in cut and f.code in REPEAT_CODES)
            ]
            findings += [plugin_error(f, path) for f in global_failures]
            audit = Audit(res.document, res.provenance, res.spans, mine, findings)
            for name in self.host.implementations("auditor_findings"):
                got = []
                try:
                    self.host.call_one(
                        "auditor_findings",
                        name,
                        audit=audit,
                        ctx=pipeline.ctx(name),
                        register=got.append,
                    )
                except Exception as exc:
                    audit.findings.append(
                        plugin_error(
                            PluginFailure(name, "auditor_findings", describe_exception(exc)), path
                        )
                    )
                    continue
                for f in got:
                    problem = (
                        check_finding(f, name, len(res.document.text))
                        if isinstance(f, Finding)
                        else f"registered {type(f).__name__}"
                    )
                    if problem:
                        audit.findings.append(
                            plugin_error(PluginFailure(name, "auditor_findings", problem), path)
                        )
                        continue
                    f.plugin, f.path = name, path
                    audit.findings.append(f)
            audit.findings = dedupe_findings(audit.findings)
            audits.append(audit)
        return audits, repeats


def check_repeat(r: Repeat, by_path: dict[str, Record]) -> str | None:
    if r.path not in by_path or r.other not in by_path:
        return f"repeat between unknown files {r.path!r} and {r.other!r}"
    if r.path == r.other:
        return f"repeat of {r.path!r} with itself"
    if r.relation not in RELATIONS:
        return f"unknown relation {r.relation!r}"
    if not (0 <= r.similarity <= 1 and 0 <= r.containment <= 1):
        return "similarity and containment must lie in [0, 1]"
    if not r.passages:
        return f"repeat {r.path!r} -> {r.other!r} without passages"
    n, m = len(by_path[r.path].document.text), len(by_path[r.other].document.text)
    for p in r.passages:
        if not (0 <= p.start <= p.end <= n and 0 <= p.other_start <= p.other_end <= m):
            return f"passage {p!r} lies outside the texts"
    return None


def dedupe_repeats(repeats: list[Repeat]) -> list[Repeat]:
    """One repeat per (path, other), values rounded, copy-of only with containment >= 0.5."""
    out: dict[tuple[str, str], Repeat] = {}
    for r in repeats:
        r.similarity = round(float(r.similarity), 4)
        r.containment = round(float(r.containment), 4)
        if r.relation == "copy-of" and r.containment < 0.5:
            r.relation = "shares-passages"
        r.passages = sorted(r.passages, key=lambda p: (p.start, p.end, p.other_start, p.other_end))
        out.setdefault((r.path, r.other), r)
    return [out[k] for k in sorted(out)]


def dedupe_findings(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for f in sorted(findings, key=lambda f: (*f.sort_key(), f.plugin)):
        key = (f.code, f.start, f.end, f.other, f.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def clusters(audits: Sequence[Audit], repeats: Sequence[Repeat]) -> list[dict[str, Any]]:
    """Connected components of copy edges and of shares-passages edges with containment >= 0.5."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    copy_of: dict[str, set[str]] = {}
    for r in repeats:
        joins = r.relation in ("copy-of", "source-of") or r.containment >= 0.5
        if not joins:
            continue
        a, b = find(r.path), find(r.other)
        if a != b:
            parent[max(a, b)] = min(a, b)
        if r.relation == "copy-of":
            copy_of.setdefault(r.path, set()).add(r.other)
        elif r.relation == "source-of":
            copy_of.setdefault(r.other, set()).add(r.path)
    groups: dict[str, list[str]] = {}
    for p in list(parent):
        groups.setdefault(find(p), []).append(p)
    import hashlib

    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort()
        is_copy = {m for m in members if copy_of.get(m)}
        sources = {o for m in members for o in copy_of.get(m, ())}
        roots = sorted(s for s in sources if s not in is_copy)
        origin = roots[0] if len(roots) == 1 else None
        cluster: dict[str, Any] = {
            "id": hashlib.sha256("\n".join(members).encode()).hexdigest()[:16]
        }
        descends: set[str] = set()
        if origin:
            cluster["origin"] = origin
            # Members that reach the origin through copy-of edges are its copies.
            changed = True
            while changed:
                changed = False
                for m in members:
                    if (
                        m not in descends
                        and m != origin
                        and any(o == origin or o in descends for o in copy_of.get(m, ()))
                    ):
                        descends.add(m)
                        changed = True
        cluster["members"] = [
            {
                "path": m,
                "relation": "origin"
                if m == origin
                else ("copy-of" if m in descends else "shares-passages"),
            }
            for m in members
        ]
        out.append(cluster)
    out.sort(key=lambda c: c["id"])
    return out


__all__ = ["Engine", "Pipeline", "RunResult", "clusters", "resolve_spans"]
