"""Wiring shared by the CLI commands and the testing helper: plugins + configuration +
discovery + engine + writers, with no printing."""

from __future__ import annotations

import platform
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .config import CORE_TABLES, Settings
from .discover import Discovery, discover
from .engine import Engine, RunResult, clusters
from .errors import ConfigError
from .model import ConfigField, LineIndex
from .plugins import PluginHost, describe_exception, load_plugins
from .writer import atomic_write, audit_path, audit_to_dict, corpus_document, json_bytes, serialize

#: Libraries whose versions can change results; recorded in run.json (and cache keys).
RESULT_LIBRARIES = ("datasketch", "numpy", "lxml", "trafilatura", "charset-normalizer", "pluggy")


@dataclass
class Prepared:
    host: PluginHost
    settings: Settings
    declared: dict[str, list[ConfigField]]
    warnings: list[str] = field(default_factory=list)


def declared_tables(host: PluginHost) -> tuple[dict[str, list[ConfigField]], list[str]]:
    """Core tables plus one table per loaded plugin, from auditor_register_config."""
    declared: dict[str, list[ConfigField]] = {k: list(v) for k, v in CORE_TABLES.items()}
    problems: list[str] = []
    for name in host.names:
        fields_: list[ConfigField] = []
        declared[name] = fields_
        if "auditor_register_config" not in host.infos[name].hooks:
            continue
        got: list[Any] = []
        try:
            host.call_one("auditor_register_config", name, register=got.append)
        except Exception as exc:
            problems.append(
                f"plugin {name!r} failed to declare its configuration: {describe_exception(exc)}"
            )
            continue
        fields_.extend(f for f in got if isinstance(f, ConfigField))
    return declared, problems


def installed_plugin_names() -> set[str]:
    from importlib.metadata import entry_points

    from .plugins import DEFAULT_PLUGINS, ENTRY_POINT_GROUP

    return {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)} | set(DEFAULT_PLUGINS)


def prepare(
    paths: Sequence[Path],
    config: Path | None = None,
    extra_plugins: dict[str, Any] | None = None,
    overrides: dict[str, dict[str, Any]] | None = None,
    config_data: dict[str, Any] | None = None,
) -> Prepared:
    """Load plugins and configuration for a run over `paths`.

    The configuration decides which plugins are disabled, and plugins declare the keys of
    their tables, so the file is read first, plugins loaded, then the file validated.
    """
    from .config import find_config, read_config_file, validate

    source = config if config is not None else find_config(paths)
    if config is not None and not config.is_file():
        raise ConfigError(f"{config}: configuration file not found")
    data = (
        dict(config_data)
        if config_data is not None
        else (read_config_file(source) if source else {})
    )
    plugins_table = data.get("plugins", {})
    disable = plugins_table.get("disable", []) if isinstance(plugins_table, dict) else []
    if not isinstance(disable, list) or not all(isinstance(x, str) for x in disable):
        raise ConfigError(
            f"{source or 'configuration'}: [plugins] disable must be a list of strings"
        )
    caught: list[str] = []
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        host = load_plugins(disable, extra=extra_plugins)
    caught.extend(str(w.message) for w in rec)
    declared, problems = declared_tables(host)
    caught.extend(problems)
    # Tables of installed-but-unloaded plugins are accepted untouched.
    for name in installed_plugin_names() - set(declared):
        if name in data:
            data = {k: v for k, v in data.items() if k != name}
    for table, values in (overrides or {}).items():
        merged = dict(data.get(table, {}))
        merged.update({k: v for k, v in values.items() if v is not None})
        data[table] = merged
    settings = validate(data, declared, source)
    return Prepared(host, settings, declared, caught)


def discover_inputs(prepared: Prepared, paths: Sequence[Path], out: Path | None) -> Discovery:
    d = prepared.settings.table("discover")
    return discover(paths, d["include"], d["exclude"], skip_dirs=[out] if out else [])


def run_fingerprint(prepared: Prepared, per_plugin: dict[str, str] | None = None) -> str:
    """Everything besides a file's bytes that can change a per-document result: every
    plugin's own fingerprint (version, source, configuration table, library versions), the
    auditor version and the size limit."""
    from .cache import fingerprint

    return fingerprint(
        {
            "auditor": __version__,
            "plugins": per_plugin if per_plugin is not None else plugin_fingerprints(prepared),
            "max_bytes": prepared.settings.table("discover").get("max_bytes"),
        }
    )


def plugin_fingerprints(prepared: Prepared) -> dict[str, str]:
    """Per plugin: what its own cached corpus data (``ctx.cache``) depends on."""
    from .cache import fingerprint, source_hash

    host = prepared.host
    libraries = library_versions()
    return {
        n: fingerprint(
            {
                "plugin": [host.infos[n].version, source_hash(host.pm.get_plugin(n))],
                "table": prepared.settings.table(n),
                "libraries": libraries,
            }
        )
        for n in host.names
    }


def open_cache(folder: Path, warn: Callable[[str], None]) -> Any:
    from .cache import Cache

    return Cache(folder, warn)


def cache_folder(prepared: Prepared, fallback: Path) -> Path:
    from .cache import CACHE_DIR

    base = prepared.settings.source.parent if prepared.settings.source else fallback
    return base / CACHE_DIR


def run(
    prepared: Prepared,
    discovery: Discovery,
    jobs: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
    cache: Any = None,
    executor: str = "process",
    scheduler: str | None = None,
) -> RunResult:
    per_plugin = plugin_fingerprints(prepared) if cache is not None else {}
    fp = run_fingerprint(prepared, per_plugin) if cache is not None else ""
    engine = Engine(
        prepared.host,
        prepared.settings,
        jobs,
        progress,
        cache=cache,
        fingerprint=fp,
        executor=executor,
        scheduler=scheduler,
        plugin_fingerprints=per_plugin,
    )
    result = engine.run(discovery.inputs)
    result.cache_keys = engine.used_keys
    return result


def audit_dicts(result: RunResult, only: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """The audits as written, by path (only those in `only` when given)."""
    by_path = {a.document.path: a.document for a in result.audits}

    def index_of(path: str) -> LineIndex:
        return by_path[path].line_index

    return {
        a.document.path: audit_to_dict(a, index_of)
        for a in result.audits
        if only is None or a.document.path in only
    }


def corpus_dict(result: RunResult) -> dict[str, Any]:
    return corpus_document(len(result.audits), clusters(result.audits, result.repeats))


def write_outputs(
    result: RunResult,
    out: Path,
    fmt: str,
    run_info: dict[str, Any],
) -> int:
    """Write every audit, corpus.json and run.json atomically; return how many changed."""
    changed = 0
    for rel, data in audit_dicts(result).items():
        changed += atomic_write(audit_path(out, rel, fmt), serialize(data, fmt))
    atomic_write(out / "corpus.json", json_bytes(corpus_dict(result)))
    atomic_write(out / "run.json", json_bytes(run_info))
    return changed


def library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for lib in RESULT_LIBRARIES:
        try:
            out[lib] = version(lib)
        except PackageNotFoundError:
            continue
    return out


def run_info(
    prepared: Prepared, discovery: Discovery, result: RunResult, jobs: int, fmt: str, started: float
) -> dict[str, Any]:
    return {
        "schema": "auditor.run/1",
        "auditor": __version__,
        "python": platform.python_version(),
        "platform": sys.platform,
        "roots": [str(r) for r in discovery.roots],
        "base": str(discovery.base),
        "config": str(prepared.settings.source) if prepared.settings.source else None,
        "plugins": {n: prepared.host.infos[n].version for n in prepared.host.names},
        "libraries": library_versions(),
        "jobs": jobs,
        "format": fmt,
        "files": len(discovery.inputs),
        "audits": len(result.audits),
        "skipped": [{"path": p, "message": m} for p, m in discovery.problems]
        + [{"path": s.path, "message": s.message} for s in result.skipped],
        "plugin_errors": [{"path": p, "message": m} for p, m in result.failures],
        "learned": {k: v.digest for k, v in sorted(result.learned.items())},
        "timings": {k: round(v, 4) for k, v in result.timings.items()}
        | {"total": round(time.perf_counter() - started, 4)},
    }
