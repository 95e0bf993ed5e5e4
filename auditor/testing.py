"""Helpers for testing plugins through the real pipeline, without a CLI or files of your own.

Example (a third-party plugin's test)::

    from auditor.testing import audit_texts
    import my_plugin

    audits = audit_texts({"a.txt": "By Jane Roe\\n\\nText…"}, plugins={"mine": my_plugin})
    assert any(f["code"] == "mine.something" for f in audits["a.txt"]["findings"])
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class TestRun:
    """Everything one in-memory run produced."""

    __test__ = False  # not a pytest test class

    audits: dict[str, dict[str, Any]]  #: audit dicts as written, by path
    corpus: dict[str, Any]  #: corpus.json as written
    texts: dict[str, str]  #: the text each audit's offsets index, by path
    skipped: dict[str, str]  #: path -> message for files that could not be audited
    warnings: list[str]  #: plugin-loading and configuration warnings


def run_texts(
    files: Mapping[str, str | bytes],
    config: Mapping[str, Any] | None = None,
    plugins: Mapping[str, Any] | None = None,
    jobs: int = 1,
    validate: bool = True,
) -> TestRun:
    """Write `files` (relative POSIX path -> text or bytes) to a temporary folder and audit it.

    :param config: configuration tables as they would appear in audit.toml.
    :param plugins: extra in-process plugin objects (modules or instances), by name.
    :param validate: check every audit against the strict JSON Schema (no unknown keys) when
        jsonschema is installed; a violation raises AssertionError naming the file and key.
    """
    from . import app

    with tempfile.TemporaryDirectory(prefix="auditor-test-") as tmp:
        root = Path(tmp) / "root"
        root.mkdir()
        for rel, content in files.items():
            target = root.joinpath(*rel.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        prepared = app.prepare(
            [root], None, extra_plugins=dict(plugins or {}), config_data=dict(config or {})
        )
        discovery = app.discover_inputs(prepared, [root], None)
        result = app.run(prepared, discovery, jobs=jobs)
        audits = app.audit_dicts(result)
        if validate:
            _validate(audits)
        return TestRun(
            audits=audits,
            corpus=app.corpus_dict(result),
            texts={a.document.path: a.document.text for a in result.audits},
            skipped={p: m for p, m in discovery.problems}
            | {s.path: s.message for s in result.skipped},
            warnings=list(prepared.warnings),
        )


def audit_texts(
    files: Mapping[str, str | bytes],
    config: Mapping[str, Any] | None = None,
    plugins: Mapping[str, Any] | None = None,
) -> dict[str, dict[str, Any]]:
    """Audit in-memory files through the real pipeline; the audit dicts, by path."""
    return run_texts(files, config, plugins).audits


def _validate(audits: Mapping[str, Mapping[str, Any]]) -> None:
    try:
        import jsonschema
    except ImportError:  # validation is a test-time aid; the test extra installs it
        return
    from .schema import audit_schema, strict

    validator = jsonschema.Draft202012Validator(strict(audit_schema()))
    for path, audit in audits.items():
        error = next(iter(validator.iter_errors(audit)), None)
        if error is not None:
            raise AssertionError(
                f"{path}: audit violates the schema: {error.message} at {list(error.path)}"
            )
