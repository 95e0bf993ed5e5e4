"""The core sub-commands. Each takes parsed arguments and returns an exit code."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from .errors import ConfigError, InputError
from .policy import Policy


def _err(msg: str) -> None:
    print(f"auditor: {msg}", file=sys.stderr)


def _jobs(value: int | None) -> int:
    if value is None:
        return max(1, os.cpu_count() or 1)
    if value < 1:
        raise ConfigError("--jobs must be at least 1")
    return value


def _progress_printer(enabled: bool):
    if not enabled:
        return None
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] > 0.5:
            last[0] = now
            end = "\n" if done == total else ""
            print(f"\rauditor: {stage} {done}/{total}", end=end, file=sys.stderr, flush=True)

    return progress


def _prepare(
    args: argparse.Namespace, paths: list[Path], overrides: dict[str, dict[str, Any]] | None = None
):
    from .app import prepare

    prepared = prepare(paths, args.config, overrides=overrides)
    for w in prepared.warnings:
        _err(f"warning: {w}")
    return prepared


def cmd_audit(args: argparse.Namespace) -> int:
    from . import app

    started = time.perf_counter()
    prepared = _prepare(
        args, args.paths, {"output": {"format": args.format}, "policy": {"fail_on": args.fail_on}}
    )
    settings = prepared.settings
    out = args.out
    if out is None:
        configured = settings.table("output")["dir"]
        if not configured:
            raise ConfigError(
                "no output folder: give --out DIR or set [output] dir in the configuration"
            )
        out = settings.base / configured
    fmt = settings.table("output")["format"]
    jobs = _jobs(args.jobs)
    discovery = app.discover_inputs(prepared, args.paths, out)
    policy = Policy.from_settings(settings, base=discovery.base)
    for path, message in discovery.problems:
        _err(f"{path}: {message}")
    # The cache lives beside the configuration file; without one, nothing is cached (the
    # audited tree and the output folder hold nothing but inputs and audits).
    cache = None
    if settings.source is not None and not args.no_cache:
        cache = app.open_cache(app.cache_folder(prepared, out), lambda m: _err(f"warning: {m}"))

    try:
        result = app.run(
            prepared,
            discovery,
            jobs,
            _progress_printer(
                args.progress
                if args.progress is not None
                else sys.stderr.isatty() and not args.quiet
            ),
            cache,
            args.executor,
            args.scheduler,
        )
    finally:
        if cache is not None:
            cache.close()
    for s in result.skipped:
        _err(f"{s.path}: {s.message}")
    info = app.run_info(prepared, discovery, result, jobs, fmt, started)
    try:
        changed = app.write_outputs(result, out, fmt, info)
    except OSError as exc:
        raise ConfigError(f"{out}: cannot write audits: {exc.strerror or exc}") from None
    dicts = app.audit_dicts(result)
    if not args.quiet:
        _summary(result, dicts, out, changed, app.corpus_dict(result))
    failing = [f for rel, d in dicts.items() for f in d["findings"] if policy.fails(rel, f)]
    if failing:
        _err(
            f"{len(failing)} finding(s) fail the policy (fail_on={policy.fail_on or 'never'}); exit 1"
        )
        return 1
    return 0


def _summary(result, dicts, out: Path, changed: int, corpus: dict[str, Any]) -> None:
    counts = Counter(f["severity"] for d in dicts.values() for f in d["findings"])
    codes = Counter(f["code"] for d in dicts.values() for f in d["findings"])
    pairs = sum(len(d["repeats"]) for d in dicts.values()) // 2
    _err(
        f"audited {len(dicts)} file(s), skipped {len(result.skipped)}; {pairs} repeated pair(s) in "
        f"{len(corpus['clusters'])} cluster(s); findings: {counts['error']} error, {counts['warning']} warning, {counts['info']} info"
    )
    for cluster in corpus["clusters"][:20]:
        members = ", ".join(f"{m['path']} ({m['relation']})" for m in cluster["members"])
        _err(f"  cluster {cluster['id']}: {members}")
    if len(corpus["clusters"]) > 20:
        _err(f"  … and {len(corpus['clusters']) - 20} more clusters in corpus.json")
    if codes:
        _err("  " + ", ".join(f"{c} {n}" for c, n in sorted(codes.items())))
    for path, message in result.failures[:20]:
        _err(f"  {path}: {message}")
    _err(f"wrote {changed} changed audit(s) of {len(dicts)} to {out}")


def _escape_path(path: str) -> str:
    """Paths in `path:line:col:` lines: characters that would break the format are escaped."""
    return "".join(
        ch if ch.isprintable() and ch not in ":\\" else f"\\x{ord(ch):02x}" for ch in path
    )


def cmd_check(args: argparse.Namespace) -> int:
    """Audit the configured corpus; report findings on FILES (or all) one per line."""
    from . import app

    started = time.perf_counter()
    files = [Path(f) for f in args.files]
    prepared = _prepare(args, files or [Path(".")], {"policy": {"fail_on": args.fail_on}})
    settings = prepared.settings
    policy_level = args.fail_on or settings.table("policy")["fail_on"] or "warning"
    base = settings.base
    roots = [base / r for r in settings.table("discover")["roots"]] or [base]
    out_dir = settings.table("output")["dir"]
    out = base / out_dir if out_dir else None
    discovery = app.discover_inputs(prepared, roots, out)
    policy = Policy.from_settings(settings, fail_on=policy_level, base=discovery.base)
    known = {str(i.path.resolve()): i.rel for i in discovery.inputs}
    wanted: set[str] | None = None
    if files:
        wanted = set()
        for f in files:
            rel = known.get(str(f.resolve()))
            if rel is not None:
                wanted.add(rel)
            elif f.is_file():
                _err(f"{f}: not part of the configured corpus (roots/include/exclude); not checked")
    jobs = _jobs(args.jobs)
    cache = (
        None
        if args.no_cache
        else app.open_cache(app.cache_folder(prepared, Path.cwd()), lambda m: _err(f"warning: {m}"))
    )
    try:
        result = app.run(prepared, discovery, jobs, None, cache)
        if cache is not None:
            cache.prune(result.cache_keys)
    finally:
        if cache is not None:
            cache.close()
    dicts = app.audit_dicts(result, wanted)
    if out is not None:
        fmt = settings.table("output")["format"]
        app.write_outputs(
            result, out, fmt, app.run_info(prepared, discovery, result, jobs, fmt, started)
        )
    indexes = {a.document.path: a.document.line_index for a in result.audits}
    failing = 0
    for rel in sorted(dicts):
        if wanted is not None and rel not in wanted:
            continue
        for f in dicts[rel]["findings"]:
            if policy.is_accepted(rel, f):
                continue
            line, col = 1, 1
            if "start" in f:
                line, col = f["lines"][0], indexes[rel].column_of(f["start"])
            shown = os.path.relpath(discovery.base / rel)
            print(
                f"{_escape_path(Path(shown).as_posix())}:{line}:{col}: {f['severity']} {f['code']} {f['message']}"
            )
            failing += policy.fails(rel, f)
    for s in result.skipped:
        if wanted is None or s.path in wanted:
            _err(f"{s.path}: {s.message}")
    return 1 if failing else 0


def cmd_clean(args: argparse.Namespace) -> int:
    from . import app
    from .model import CATEGORIES
    from .writer import atomic_write

    for k in args.keep:
        if k not in CATEGORIES:
            raise ConfigError(f"--keep {k!r}: not a boilerplate category ({', '.join(CATEGORIES)})")
    prepared = _prepare(args, args.paths)
    discovery = app.discover_inputs(prepared, args.paths, args.out)
    for path, message in discovery.problems:
        _err(f"{path}: {message}")
    result = app.run(prepared, discovery, _jobs(args.jobs))
    for s in result.skipped:
        _err(f"{s.path}: {s.message}")
    written = 0
    for audit in result.audits:
        spans = [s for s in audit.boilerplate if s.category not in args.keep]
        text = clean_text(audit.document.text, spans)
        rel = audit.document.path
        name = rel if rel.endswith(".txt") else rel + ".txt"
        written += atomic_write(args.out.joinpath(*name.split("/")), text.encode("utf-8")) or 1
    _err(f"wrote {written} cleaned file(s) to {args.out}")
    return 0


def clean_text(text: str, spans) -> str:
    """The article text: spans removed, paragraph breaks kept, no runs of blank lines."""
    from .context import CleanText

    cleaned = CleanText(text, list(spans)).text
    cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = re.sub(r"[ \t]+\n", "\n", cleaned)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned)
    return cleaned.strip() + "\n" if cleaned.strip() else ""


def cmd_text(args: argparse.Namespace) -> int:
    from .app import prepare
    from .discover import Input
    from .engine import Pipeline

    path: Path = args.file
    if not path.is_file():
        raise ConfigError(f"{path}: not a file")
    prepared = prepare([path], args.config)
    for w in prepared.warnings:
        _err(f"warning: {w}")
    pipeline = Pipeline(prepared.host, prepared.settings)
    doc, message, failures = pipeline.read(Input(path.name, path))
    for f in failures:
        _err(f"{path}: plugin {f.plugin!r} failed in {f.hook}: {f.message}")
    if doc is None:
        raise InputError(f"{path}: {message}")
    sys.stdout.buffer.write(doc.text.encode("utf-8", "surrogatepass"))
    sys.stdout.flush()
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    import warnings

    from .plugins import load_plugins

    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        host = load_plugins()
    for w in rec:
        _err(f"warning: {w.message}")
    data = [
        {
            "name": i.name,
            "version": i.version,
            "module": i.module,
            "builtin": i.builtin,
            "hooks": i.hooks,
        }
        for i in (host.infos[n] for n in host.names)
    ]
    print(json.dumps(data, indent=2))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import audit_schema, corpus_schema, dumps, strict

    schema = corpus_schema() if args.corpus else audit_schema()
    print(dumps(strict(schema) if args.strict else schema), end="")
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from .app import prepare
    from .config import CORE_TABLES, reference_markdown

    prepared = prepare(args.paths, args.config)
    if args.reference:
        owners = {n: f"the `{n}` plugin" for n in prepared.declared if n not in CORE_TABLES}
        print(reference_markdown(prepared.declared, owners))
        return 0
    import tomli_w

    _err(f"configuration: {prepared.settings.source or '(none found; defaults)'}")
    data: dict[str, Any] = dict(prepared.settings.tables)
    data.update(prepared.settings.arrays)
    print(tomli_w.dumps(data), end="")
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    import shutil

    from .app import cache_folder, open_cache, prepare

    prepared = prepare(args.paths, args.config)
    folder = cache_folder(prepared, Path.cwd())
    if args.action == "clear":
        if folder.is_dir():
            shutil.rmtree(folder)
            _err(f"removed {folder}")
        else:
            _err(f"no cache at {folder}")
        return 0
    if not folder.is_dir():
        print(json.dumps({"path": str(folder), "exists": False}, indent=2))
        return 0
    cache = open_cache(folder, lambda m: _err(f"warning: {m}"))
    try:
        print(json.dumps(cache.info(), indent=2))
    finally:
        cache.close()
    return 0
