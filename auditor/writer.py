"""Audits as data (AUDIT_FORMAT.md), their serialisation, and atomic writes.

Nothing written here depends on time, machine or worker count except ``run.json``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .model import Audit, LineIndex

AUDIT_SCHEMA = "auditor.audit/1"


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: mkstemp creates files 0600; audits get the usual permissions instead.
_UMASK = _current_umask()
CORPUS_SCHEMA = "auditor.corpus/1"


def _sorted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def audit_to_dict(audit: Audit, line_index_of: Callable[[str], LineIndex]) -> dict[str, Any]:
    """The audit as the plain data both formats serialise (keys sorted, no None).

    :param line_index_of: the line index of another audited file, by path (for other_lines).
    """
    doc = audit.document
    index = doc.line_index
    text_sha = (
        doc.text_sha256 or hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()
    )
    out: dict[str, Any] = {
        "schema": AUDIT_SCHEMA,
        "path": doc.path,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
        "text": doc.kind,
        "text_sha256": text_sha,
        "chars": len(doc.text) if doc.chars is None else doc.chars,
        "provenance": audit.provenance.to_dict(),
        "boilerplate": [
            {
                "category": s.category,
                "start": s.start,
                "end": s.end,
                "lines": index.lines(s.start, s.end),
            }
            for s in sorted(audit.boilerplate)
        ],
        "repeats": [],
        "findings": [],
    }
    for r in audit.repeats:
        out["repeats"].append(
            {
                "other": r.other,
                "relation": r.relation,
                "similarity": r.similarity,
                "containment": r.containment,
                "passages": [
                    {
                        "start": p.start,
                        "end": p.end,
                        "lines": index.lines(p.start, p.end),
                        "other_start": p.other_start,
                        "other_end": p.other_end,
                        "other_lines": line_index_of(r.other).lines(p.other_start, p.other_end),
                        "words": p.words,
                    }
                    for p in r.passages
                ],
            }
        )
    for f in audit.findings:
        item: dict[str, Any] = {
            "code": f.code,
            "severity": f.severity,
            "message": f.message,
            "plugin": f.plugin,
        }
        if f.other is not None:
            item["other"] = f.other
        if f.start is not None and f.end is not None:
            item["start"], item["end"] = f.start, f.end
            item["lines"] = index.lines(f.start, f.end)
        out["findings"].append(item)
    return _sorted(out)


def serialize(data: Mapping[str, Any], fmt: str) -> bytes:
    if fmt == "json":
        return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode(
            "utf-8"
        )
    import tomli_w

    return _compact_arrays(tomli_w.dumps(data)).encode("utf-8")


# tomli-w writes every array one item per line; short arrays of integers or strings (line
# pairs, bylines) read far better inline. Strings are written without literal newlines, so
# every newline inside an array is structural and the rewrite cannot touch string contents.
_SCALAR = r'(?:-?\d+|"(?:[^"\\\n]|\\.)*")'
_MULTILINE_ARRAY = re.compile(r"= \[\n((?:[ ]+" + _SCALAR + r",\n)+)[ ]*\]")


def _compact_arrays(text: str) -> str:
    def inline(m: re.Match[str]) -> str:
        # split on "\n" only: str.splitlines would also split inside strings at U+0085 etc.
        items = [line.strip(" ").removesuffix(",") for line in m.group(1).split("\n") if line]
        joined = "= [" + ", ".join(items) + "]"
        return joined if len(joined) <= 100 else m.group(0)

    return _MULTILINE_ARRAY.sub(inline, text)


def atomic_write(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file and a rename; False if unchanged."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK) if hasattr(os, "fchmod") else None
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True


def audit_path(out: Path, rel: str, fmt: str) -> Path:
    return out.joinpath(*rel.split("/")).with_name(rel.split("/")[-1] + f".audit.{fmt}")


def corpus_document(files: int, clusters: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    return _sorted({"schema": CORPUS_SCHEMA, "files": files, "clusters": list(clusters)})


def json_bytes(data: Mapping[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
