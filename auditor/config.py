"""Configuration: discovery, validation against declared keys, and the generated reference.

The configuration lives in ``audit.toml`` or under ``[tool.auditor]`` in ``pyproject.toml``,
found by walking up from the audited paths, never above the git top level. Core tables are
declared here; every plugin declares its own table through ``auditor_register_config``.
Unknown tables or keys and wrong types are errors naming the file, the key and a suggestion.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import SEVERITIES, ConfigField

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_INCLUDE = [
    "**/*.txt",
    "**/*.text",
    "**/*.md",
    "**/*.markdown",
    "**/*.html",
    "**/*.htm",
    "**/*.xhtml",
]

#: The core tables. Plugin tables are added from their declarations.
CORE_TABLES: dict[str, list[ConfigField]] = {
    "discover": [
        ConfigField(
            "include",
            list,
            DEFAULT_INCLUDE,
            "Globs (relative to the root) of files to audit; `**` crosses folders.",
        ),
        ConfigField("exclude", list, [], "Globs of files and folders never audited."),
        ConfigField(
            "roots",
            list,
            [],
            "Folders `auditor check` treats as the whole corpus (relative to the configuration file); default: the configuration file's folder.",
        ),
        ConfigField(
            "max_bytes",
            int,
            20_000_000,
            "Files larger than this (bytes) are not analysed: their audit describes them (hashes, length) with an `auditor.too-large` finding.",
        ),
    ],
    "output": [
        ConfigField(
            "dir",
            str,
            "",
            "Folder audits are written to (relative to the configuration file); `--out` overrides.",
        ),
        ConfigField("format", str, "toml", "Audit format: `toml` or `json`; `--format` overrides."),
        ConfigField(
            "max_repeats", int, 50, "At most this many repeats entries per audit (the strongest)."
        ),
    ],
    "policy": [
        ConfigField(
            "fail_on",
            str,
            "",
            "Exit 1 when a finding is at or above this severity (info, warning, error); empty: never. `auditor check` defaults to warning.",
        ),
        ConfigField("deny", list, [], "Finding codes that always fail, whatever their severity."),
        ConfigField("allow", list, [], "Finding codes that never fail."),
    ],
    "plugins": [
        ConfigField("disable", list, [], "Plugin names (entry-point names) not to load."),
        ConfigField(
            "timeout",
            float,
            60.0,
            "Seconds one plugin hook may spend on one document before it is stopped and reported as `auditor.plugin-error`; 0: no limit.",
        ),
    ],
}

#: Top-level arrays of tables owned by the core, validated by their users.
CORE_ARRAYS = ("accept", "override")


@dataclass
class Settings:
    """The validated configuration of one run."""

    source: Path | None = None  #: the file it came from, if any
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    arrays: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def table(self, name: str) -> dict[str, Any]:
        return self.tables.get(name, {})

    @property
    def base(self) -> Path:
        """Folder relative paths in the configuration are resolved against."""
        return self.source.parent if self.source else Path.cwd()


def _type_name(t: type | tuple[type, ...]) -> str:
    if isinstance(t, tuple):
        return " or ".join(_type_name(x) for x in t)
    return {
        list: "list of strings",
        str: "string",
        int: "integer",
        float: "number",
        bool: "boolean",
    }.get(t, t.__name__)


def _check_type(value: Any, f: ConfigField) -> bool:
    types = f.type if isinstance(f.type, tuple) else (f.type,)
    for t in types:
        if t is float and isinstance(value, (int, float)) and not isinstance(value, bool):
            return True
        if t is int and isinstance(value, int) and not isinstance(value, bool):
            return True
        if t is list and isinstance(value, list) and all(isinstance(v, str) for v in value):
            return True
        if t in (str, bool) and isinstance(value, t):
            return True
    return False


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def find_config(paths: Iterable[Path]) -> Path | None:
    """The nearest audit.toml or pyproject.toml with [tool.auditor], walking up from `paths`."""
    for p in paths:
        start = p.resolve()
        d = start if start.is_dir() else start.parent
        while True:
            audit = d / "audit.toml"
            if audit.is_file():
                return audit
            pyproject = d / "pyproject.toml"
            if pyproject.is_file() and _has_tool_auditor(pyproject):
                return pyproject
            if (d / ".git").exists() or d.parent == d:
                break
            d = d.parent
    return None


def _has_tool_auditor(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "auditor" in data["tool"]


def read_config_file(path: Path) -> dict[str, Any]:
    """Parse a configuration file; syntax errors name the file and the position."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: configuration is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("auditor", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.auditor] must be a table")
    return data


def validate(
    data: Mapping[str, Any], declared: Mapping[str, list[ConfigField]], source: Path | None
) -> Settings:
    """Check `data` against the declared tables and fill defaults."""
    where = str(source) if source else "configuration"
    tables: dict[str, dict[str, Any]] = {}
    arrays: dict[str, list[dict[str, Any]]] = {}
    for name, value in data.items():
        if name in CORE_ARRAYS:
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise ConfigError(f"{where}: {name!r} must be an array of tables ([[{name}]])")
            arrays[name] = [dict(v) for v in value]
            continue
        if name not in declared:
            raise ConfigError(
                f"{where}: unknown table [{name}]{_suggest(name, list(declared) + list(CORE_ARRAYS))}"
                f"; known tables: {', '.join(sorted(declared))}"
            )
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: [{name}] must be a table, not {type(value).__name__}")
        fields_by_key = {f.key: f for f in declared[name]}
        for key, v in value.items():
            if key not in fields_by_key:
                raise ConfigError(
                    f"{where}: [{name}] unknown key {key!r}{_suggest(key, fields_by_key)}"
                    f"; known keys: {', '.join(sorted(fields_by_key)) or '(none)'}"
                )
            f = fields_by_key[key]
            if not _check_type(v, f):
                raise ConfigError(
                    f"{where}: [{name}] {key} must be a {_type_name(f.type)}, got {type(v).__name__} {v!r}"
                )
    for name, fields_ in declared.items():
        given = data.get(name, {})
        tables[name] = {f.key: given.get(f.key, _copy_default(f.default)) for f in fields_}
    _check_core_values(tables, where)
    return Settings(source=source, tables=tables, arrays=arrays)


def _copy_default(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def _check_core_values(tables: dict[str, dict[str, Any]], where: str) -> None:
    fmt = tables["output"]["format"]
    if fmt not in ("toml", "json"):
        raise ConfigError(f"{where}: [output] format must be 'toml' or 'json', got {fmt!r}")
    fail_on = tables["policy"]["fail_on"]
    if fail_on and fail_on not in SEVERITIES:
        raise ConfigError(
            f"{where}: [policy] fail_on must be one of {', '.join(SEVERITIES)} (or empty), got {fail_on!r}"
            f"{_suggest(fail_on, SEVERITIES)}"
        )
    if tables["output"]["max_repeats"] < 1:
        raise ConfigError(f"{where}: [output] max_repeats must be at least 1")


def load_settings(
    declared: Mapping[str, list[ConfigField]], explicit: Path | None, search_from: Iterable[Path]
) -> Settings:
    """Find (or take) the configuration file and validate it."""
    source = explicit if explicit is not None else find_config(search_from)
    if explicit is not None and not explicit.is_file():
        raise ConfigError(f"{explicit}: configuration file not found")
    data = read_config_file(source) if source else {}
    return validate(data, declared, source)


def reference_markdown(declared: Mapping[str, list[ConfigField]], owners: Mapping[str, str]) -> str:
    """The configuration reference, generated from the declarations."""
    lines = [
        "# Configuration reference",
        "",
        "Generated by `auditor config --reference` from the keys the core and each plugin declare.",
        "Put these tables in `audit.toml`, or under `[tool.auditor]` in `pyproject.toml`",
        "(`[tool.auditor.discover]`, …).",
        "",
    ]
    for name in sorted(declared, key=lambda n: (n not in CORE_TABLES, n)):
        owner = owners.get(name, "core")
        lines += [
            f"## `[{name}]`",
            "",
            f"Declared by: {owner}.",
            "",
            "| key | type | default | meaning |",
            "|---|---|---|---|",
        ]
        for f in declared[name]:
            default = repr(f.default) if not isinstance(f.default, str) else f'"{f.default}"'
            if isinstance(f.default, list):
                default = "[" + ", ".join(f'"{x}"' for x in f.default) + "]"
            default = default.replace("|", "\\|")
            help_text = f.help.replace("|", "\\|")
            lines.append(f"| `{f.key}` | {_type_name(f.type)} | `{default}` | {help_text} |")
        lines.append("")
    return "\n".join(lines)
