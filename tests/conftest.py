"""Shared fixtures: paths, schema validation of every audit the tests write."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_SEEDS = SHARED / "seeds"
CHECKER = SHARED / "tools" / "check_audits.py"
needs_shared = pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared is absent")


def strict_validator() -> Any:
    import jsonschema

    from auditor.schema import audit_schema, strict

    schema = strict(audit_schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def load_audits(out: Path) -> dict[str, dict[str, Any]]:
    """Every audit under `out`, validated against the strict schema, keyed by path."""
    import tomllib

    validator = strict_validator()
    audits = {}
    for p in sorted(out.rglob("*.audit.*")):
        if p.name.endswith(".audit.json"):
            data = json.loads(p.read_text(encoding="utf-8"))
        elif p.name.endswith(".audit.toml"):
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        else:
            continue
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, f"{p}: {errors[0].message} at {list(errors[0].path)}"
        audits[data["path"]] = data
    return audits


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the installed CLI in a fresh interpreter (as a user would)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "auditor.cli", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def check_with_contract_tool(root: Path, out: Path) -> None:
    if not CHECKER.is_file():
        return
    proc = subprocess.run(
        [sys.executable, str(CHECKER), str(root), str(out)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
