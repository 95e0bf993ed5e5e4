"""Which files a run audits, and the relative paths their audits are written under.

Discovery never follows a link out of the audited root, skips hidden files and folders and
the output folder, and reports (rather than raises on) every file it refuses.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

from .errors import ConfigError


@dataclass(frozen=True, order=True)
class Input:
    """One file to audit."""

    rel: str  #: POSIX path relative to the base folder (the audit's `path`)
    path: Path  #: where to read it


@dataclass
class Discovery:
    base: Path
    roots: list[Path]
    inputs: list[Input] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  #: (path, message)


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a glob with `**` into a regex over POSIX relative paths."""
    i, out = 0, []
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j == -1:
                out.append(re.escape(c))
                i += 1
            else:
                body = pattern[i + 1 : j].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    try:
        return re.compile("".join(out) + r"\Z", re.DOTALL)
    except re.error as exc:
        raise ConfigError(f"invalid glob {pattern!r}: {exc}") from None


def matches(rel: str, patterns: Iterable[str]) -> bool:
    """Whether `rel` or any of its parent folders matches one of `patterns`."""
    parts = PurePosixPath(rel).parts
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pat in patterns:
        rx = glob_regex(pat.rstrip("/"))
        if any(rx.match(c) for c in candidates):
            return True
        # A pattern without a slash matches a name at any depth, as in .gitignore.
        if "/" not in pat and any(rx.match(p) for p in parts):
            return True
    return False


def base_of(roots: Sequence[Path]) -> Path:
    """The folder audit paths are relative to (AUDIT_FORMAT.md: 'Where audits go')."""
    dirs = [r if r.is_dir() else r.parent for r in roots]
    if len(dirs) == 1:
        return dirs[0]
    return Path(os.path.commonpath([str(d) for d in dirs]))


def _within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def discover(
    roots: Sequence[Path],
    include: Sequence[str],
    exclude: Sequence[str],
    skip_dirs: Sequence[Path] = (),
) -> Discovery:
    """List the files to audit under `roots` (folders or files), sorted by relative path."""
    absroots = [Path(os.path.abspath(r)) for r in roots]
    for r in absroots:
        if not r.exists() and not r.is_symlink():
            raise ConfigError(f"{r}: no such file or folder")
    base = base_of(absroots)
    real_base = Path(os.path.realpath(base))
    skip_real = {os.path.realpath(p) for p in skip_dirs}
    found = Discovery(base=base, roots=absroots)
    seen: set[str] = set()

    def rel_of(p: Path) -> str:
        return p.relative_to(base).as_posix()

    def consider(p: Path, explicit: bool, root_real: Path) -> None:
        rel = rel_of(p)
        if rel in seen:
            return
        if not explicit and (not matches(rel, include) or matches(rel, exclude)):
            return
        if explicit and matches(rel, exclude):
            return
        if p.is_symlink():
            try:
                target = Path(os.path.realpath(p, strict=True))
            except (OSError, RuntimeError):
                found.problems.append((rel, "broken symbolic link or link loop; skipped"))
                return
            if not _within(target, root_real):
                found.problems.append(
                    (rel, "symbolic link points outside the audited root; refused")
                )
                return
            if not target.is_file():
                return
        elif not p.is_file():
            if explicit:
                found.problems.append((rel, "not a regular file; skipped"))
            return
        seen.add(rel)
        found.inputs.append(Input(rel, p))

    for root in absroots:
        root_real = Path(os.path.realpath(root)) if root.is_dir() else real_base
        if not root.is_dir():
            consider(root, explicit=True, root_real=Path(os.path.realpath(root.parent)))
            continue
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            d = Path(dirpath)
            keep = []
            for name in sorted(dirnames):
                sub = d / name
                if name.startswith("."):
                    continue
                if os.path.realpath(sub) in skip_real:
                    continue
                if sub.is_symlink():
                    found.problems.append(
                        (rel_of(sub), "symbolic link to a folder is not followed")
                    )
                    continue
                if matches(rel_of(sub), exclude):
                    continue
                keep.append(name)
            dirnames[:] = keep
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                consider(d / name, explicit=False, root_real=root_real)
    found.inputs.sort()
    found.problems.sort()
    return found
