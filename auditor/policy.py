"""Which findings fail a run: severity threshold, deny/allow lists, per-path overrides and
accepted (known, licensed) pairs. Built from the validated configuration; errors in it are
configuration errors."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Settings
from .discover import matches
from .errors import ConfigError
from .model import SEVERITIES

RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass
class Override:
    paths: list[str]
    fail_on: str | None = None
    deny: list[str] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)


@dataclass
class Policy:
    fail_on: str = ""  #: empty: severity alone never fails
    deny: list[str] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    accepted: dict[frozenset[str], str] = field(default_factory=dict)  #: pair -> reason
    #: audit paths are relative to the audited base; policy paths to the configuration
    #: file's folder. This prefix (base relative to that folder) joins the two.
    prefix: str = ""

    def located(self, path: str) -> str:
        return f"{self.prefix}/{path}" if self.prefix else path

    @classmethod
    def from_settings(
        cls, settings: Settings, fail_on: str | None = None, base: Path | None = None
    ) -> Policy:
        where = str(settings.source) if settings.source else "configuration"
        table = settings.table("policy")
        policy = cls(
            fail_on=fail_on if fail_on is not None else table.get("fail_on", ""),
            deny=list(table.get("deny", [])),
            allow=list(table.get("allow", [])),
        )
        if base is not None:
            rel = Path(os.path.relpath(base, settings.base)).as_posix()
            policy.prefix = "" if rel == "." else rel
        for i, entry in enumerate(settings.arrays.get("override", []), 1):
            unknown = set(entry) - {"paths", "fail_on", "deny", "allow"}
            if unknown:
                raise ConfigError(
                    f"{where}: [[override]] entry {i}: unknown key {sorted(unknown)[0]!r}; known keys: allow, deny, fail_on, paths"
                )
            paths = entry.get("paths")
            if not _strings(paths) or not paths:
                raise ConfigError(
                    f"{where}: [[override]] entry {i}: paths must be a non-empty list of globs"
                )
            level = entry.get("fail_on")
            if level is not None and level not in ("", *SEVERITIES):
                raise ConfigError(
                    f"{where}: [[override]] entry {i}: fail_on must be one of {', '.join(SEVERITIES)} or empty"
                )
            for key in ("deny", "allow"):
                if key in entry and not _strings(entry[key]):
                    raise ConfigError(
                        f"{where}: [[override]] entry {i}: {key} must be a list of finding codes"
                    )
            policy.overrides.append(
                Override(
                    list(paths), level, list(entry.get("deny", [])), list(entry.get("allow", []))
                )
            )
        for i, entry in enumerate(settings.arrays.get("accept", []), 1):
            unknown = set(entry) - {"paths", "reason"}
            if unknown:
                raise ConfigError(
                    f"{where}: [[accept]] entry {i}: unknown key {sorted(unknown)[0]!r}; known keys: paths, reason"
                )
            paths = entry.get("paths")
            if not _strings(paths) or len(paths) != 2:
                raise ConfigError(
                    f'{where}: [[accept]] entry {i}: paths must be two file paths, e.g. paths = ["a.txt", "b.txt"]'
                )
            reason = entry.get("reason")
            if not isinstance(reason, str) or not reason.strip():
                raise ConfigError(
                    f"{where}: [[accept]] entry {i}: give a reason (why this pair is known and licensed)"
                )
            policy.accepted[frozenset(paths)] = reason
        return policy

    def is_accepted(self, path: str, finding: Mapping[str, Any]) -> bool:
        other = finding.get("other")
        return bool(other) and frozenset((self.located(path), self.located(other))) in self.accepted

    def fails(self, path: str, finding: Mapping[str, Any]) -> bool:
        """Whether this finding on `path` fails the run."""
        if self.is_accepted(path, finding):
            return False
        fail_on, deny, allow = self.fail_on, list(self.deny), list(self.allow)
        for o in self.overrides:  # later overrides win
            if matches(self.located(path), o.paths):
                if o.fail_on is not None:
                    fail_on = o.fail_on
                deny += o.deny
                allow += o.allow
        code = finding["code"]
        if code in allow:
            return False
        if code in deny:
            return True
        return bool(fail_on) and RANK[finding["severity"]] >= RANK[fail_on]


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
