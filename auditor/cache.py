"""The incremental cache: SQLite (standard library) in `.auditor-cache/` beside the configuration.

What is cached, and under which key:

- ``files``: (path, size, mtime_ns) -> sha256 of the raw bytes, so an unchanged file is not
  hashed again.
- ``docs``: per-document results (the decoded Document and its DocumentResult), keyed by the
  raw bytes' sha256, the relative path, the run fingerprint (auditor and plugin versions — a
  hash of the source for plugins that are not released files —, versions of libraries that
  change results, every configuration table that per-document hooks read) and the digests of
  the learned tables.
- ``kv``: a small key-value store for plugins' corpus hooks (``ctx.cache``), namespaced by
  plugin name and fingerprint, e.g. verified pair alignments.

Anything wrong with the database (corrupt, foreign version, locked for too long) is reported
as a warning and the cache is rebuilt or bypassed; it never changes a result.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

CACHE_DIR = ".auditor-cache"
DB_NAME = "cache.sqlite3"
FORMAT = "auditor-cache/1"


def source_hash(module: Any) -> str:
    """A hash of a plugin's source: a package's .py files, or a module and its helpers.

    Helper modules follow the built-ins' naming (``syndication.py`` with
    ``syndication_*.py`` beside it), so editing one plugin leaves the others' keys alone.
    """
    path = getattr(module, "__file__", None)
    if not path:
        return "no-source"
    p = Path(path)
    if p.name == "__init__.py":
        files = sorted(p.parent.glob("*.py"))
    else:
        files = [p, *sorted(p.parent.glob(f"{p.stem}_*.py"))]
    h = hashlib.sha256()
    for f in files:
        try:
            h.update(f.name.encode() + b"\0" + f.read_bytes())
        except OSError:
            continue
    return h.hexdigest()[:16]


def fingerprint(parts: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:24]


class Cache:
    """One SQLite database; every method degrades to a miss on errors."""

    def __init__(self, folder: Path, warn: Callable[[str], None]) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self.warn = warn
        self.db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        self._open()

    # -- lifecycle ----------------------------------------------------------------------
    def _open(self, retry: bool = True) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            gitignore = self.folder / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("*\n", encoding="utf-8")
            db = sqlite3.connect(str(self.path), timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA busy_timeout=10000")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            row = db.execute("SELECT value FROM meta WHERE key='format'").fetchone()
            if row is None:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (FORMAT,))
            elif row[0] != FORMAT:
                db.close()
                raise sqlite3.DatabaseError(f"foreign cache format {row[0]!r}")
            db.execute(
                "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, sha256 TEXT)"
            )
            db.execute("CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, value BLOB)")
            db.execute(
                "CREATE TABLE IF NOT EXISTS kv (ns TEXT, key TEXT, value BLOB, PRIMARY KEY (ns, key))"
            )
            db.execute("PRAGMA quick_check").fetchone()
            self.db = db
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                self.warn(f"cache {self.path} is locked by another run; continuing without it")
                self.db = None
                return
            self._rebuild(exc, retry)
        except (sqlite3.DatabaseError, OSError) as exc:
            self._rebuild(exc, retry)

    def _rebuild(self, exc: Exception, retry: bool) -> None:
        self.db = None
        if not retry:
            self.warn(f"cache {self.path} cannot be used ({exc}); continuing without it")
            return
        self.warn(f"cache {self.path} is unusable ({exc}); rebuilding it")
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(str(self.path) + suffix)
        self._open(retry=False)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def _safe(self, fn: Callable[[sqlite3.Connection], Any], default: Any = None) -> Any:
        if self.db is None:
            return default
        try:
            return fn(self.db)
        except sqlite3.Error as exc:
            self.warn(f"cache {self.path} failed ({exc}); continuing without it")
            self.close()
            return default

    # -- files ----------------------------------------------------------------------------
    def file_sha(self, path: str, size: int, mtime: int) -> str | None:
        row = self._safe(
            lambda db: db.execute(
                "SELECT size, mtime, sha256 FROM files WHERE path=?", (path,)
            ).fetchone()
        )
        if row and row[0] == size and row[1] == mtime:
            return row[2]
        return None

    def all_files(self) -> dict[str, tuple[int, int, str]]:
        rows = self._safe(
            lambda db: db.execute("SELECT path, size, mtime, sha256 FROM files").fetchall(), []
        )
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def put_files(self, rows: Iterable[tuple[str, int, int, str]]) -> None:
        rows = list(rows)
        if rows:
            self._safe(
                lambda db: _in_tx(
                    db,
                    lambda: db.executemany("INSERT OR REPLACE INTO files VALUES (?,?,?,?)", rows),
                )
            )

    # -- documents ----------------------------------------------------------------------
    def get_docs(self, keys: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}

        def fetch(db: sqlite3.Connection) -> None:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                q = f"SELECT key, value FROM docs WHERE key IN ({','.join('?' * len(chunk))})"
                for key, blob in db.execute(q, chunk):
                    try:
                        out[key] = pickle.loads(zlib.decompress(blob))
                    except Exception:  # a damaged row is a miss
                        continue

        self._safe(fetch)
        self.hits += len(out)
        self.misses += len(keys) - len(out)
        return out

    def put_docs(self, items: Mapping[str, Any]) -> None:
        rows = [
            (k, zlib.compress(pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL), 1))
            for k, v in items.items()
        ]
        if rows:
            self._safe(
                lambda db: _in_tx(
                    db, lambda: db.executemany("INSERT OR REPLACE INTO docs VALUES (?,?)", rows)
                )
            )

    # -- plugin key-value store ---------------------------------------------------------
    def kv_get(self, ns: str, key: str) -> bytes | None:
        row = self._safe(
            lambda db: db.execute("SELECT value FROM kv WHERE ns=? AND key=?", (ns, key)).fetchone()
        )
        return row[0] if row else None

    def kv_get_many(self, ns: str, keys: list[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}

        def fetch(db: sqlite3.Connection) -> None:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                q = f"SELECT key, value FROM kv WHERE ns=? AND key IN ({','.join('?' * len(chunk))})"
                out.update(db.execute(q, [ns, *chunk]).fetchall())

        self._safe(fetch)
        return out

    def kv_put_many(self, ns: str, items: Mapping[str, bytes]) -> None:
        rows = [(ns, k, v) for k, v in items.items()]
        if rows:
            self._safe(
                lambda db: _in_tx(
                    db, lambda: db.executemany("INSERT OR REPLACE INTO kv VALUES (?,?,?)", rows)
                )
            )

    # -- maintenance --------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        def stats(db: sqlite3.Connection) -> dict[str, Any]:
            return {
                "path": str(self.path),
                "files": db.execute("SELECT COUNT(*) FROM files").fetchone()[0],
                "documents": db.execute("SELECT COUNT(*) FROM docs").fetchone()[0],
                "plugin_entries": db.execute("SELECT COUNT(*) FROM kv").fetchone()[0],
                "bytes": sum(
                    os.path.getsize(str(self.path) + s)
                    for s in ("", "-wal")
                    if os.path.exists(str(self.path) + s)
                ),
            }

        return self._safe(stats, {"path": str(self.path), "usable": False})

    def prune(self, keep_docs: set[str]) -> None:
        """Drop document entries this run did not use (old versions of changed files)."""

        def run(db: sqlite3.Connection) -> None:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM keep")
            db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", [(k,) for k in keep_docs])
            db.execute("DELETE FROM docs WHERE key NOT IN (SELECT key FROM keep)")

        self._safe(lambda db: _in_tx(db, lambda: run(db)))


def _in_tx(db: sqlite3.Connection, fn: Callable[[], Any]) -> Any:
    db.execute("BEGIN IMMEDIATE")
    try:
        result = fn()
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return result


class PluginCache:
    """What a plugin's corpus hooks see as ``ctx.cache``: bytes by string key."""

    def __init__(self, cache: Cache | None, namespace: str) -> None:
        self._cache = cache
        self._ns = namespace
        self._pending: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        if key in self._pending:
            return self._pending[key]
        return self._cache.kv_get(self._ns, key) if self._cache else None

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        found = {k: self._pending[k] for k in keys if k in self._pending}
        rest = [k for k in keys if k not in found]
        if self._cache and rest:
            found.update(self._cache.kv_get_many(self._ns, rest))
        return found

    def put(self, key: str, value: bytes) -> None:
        self._pending[key] = value

    def flush(self) -> None:
        if self._cache and self._pending:
            self._cache.kv_put_many(self._ns, self._pending)
        self._pending = {}
