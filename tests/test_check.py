"""`auditor check`, policy and the incremental cache, as pre-commit uses them."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

SEEDS = ROOT / "seeds"
ORIGINAL = "ledger-original.txt"
COPY = "wire-copy.txt"


def make_repo(tmp_path: Path, with_copy: bool = True) -> Path:
    repo = tmp_path / "repo"
    (repo / "seeds").mkdir(parents=True)
    for name in (ORIGINAL, "gazette-same-topic.txt", "tax-blog-update.txt"):
        shutil.copy(SEEDS / name, repo / "seeds" / name)
    if with_copy:
        shutil.copy(SEEDS / COPY, repo / "seeds" / COPY)
    (repo / "audit.toml").write_text('[discover]\nroots = ["seeds"]\n', encoding="utf-8")
    return repo


def test_check_catches_a_staged_copy_of_an_unstaged_file(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    proc = run_cli("check", f"seeds/{COPY}", cwd=repo)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert all(line.startswith(f"seeds/{COPY}:") for line in lines)
    assert any(" warning repeated-content " in line for line in lines)
    assert any(" error attribution-dropped " in line and "Marisol Keane" in line for line in lines)
    # the original alone only has informational findings: passes
    proc = run_cli("check", f"seeds/{ORIGINAL}", cwd=repo)
    assert proc.returncode == 0, proc.stdout
    assert "repeated-elsewhere" in proc.stdout


def test_accept_and_allow_and_overrides(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    cfg = repo / "audit.toml"
    base = cfg.read_text()
    cfg.write_text(
        base + f'\n[[accept]]\npaths = ["seeds/{ORIGINAL}", "seeds/{COPY}"]\nreason = "licensed"\n'
    )
    proc = run_cli("check", f"seeds/{COPY}", cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "attribution-dropped" not in proc.stdout
    cfg.write_text(base + '\n[policy]\nfail_on = "error"\nallow = ["attribution-dropped"]\n')
    assert run_cli("check", f"seeds/{COPY}", cwd=repo).returncode == 0
    cfg.write_text(base + '\n[policy]\nfail_on = "error"\ndeny = ["no-byline"]\n')
    assert run_cli("check", f"seeds/{COPY}", cwd=repo).returncode == 1
    cfg.write_text(base + '\n[[override]]\npaths = ["seeds/wire-*"]\nfail_on = ""\n')
    assert run_cli("check", f"seeds/{COPY}", cwd=repo).returncode == 0
    for bad, message in (
        ('[[accept]]\npaths = ["a"]\nreason = "x"\n', "paths must be two file paths"),
        ('[[accept]]\npaths = ["a", "b"]\n', "give a reason"),
        ('[[override]]\npaths = ["a"]\nfail_on = "fatal"\n', "fail_on must be one of"),
        ("[policy]\nfail_on = 3\n", "fail_on must be a string"),
    ):
        cfg.write_text(base + "\n" + bad)
        proc = run_cli("check", f"seeds/{COPY}", cwd=repo)
        assert proc.returncode == 2 and message in proc.stderr, proc.stderr


def test_cache_reuse_invalidation_and_corruption(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    first = run_cli("check", cwd=repo)
    db = repo / ".auditor-cache" / "cache.sqlite3"
    assert db.is_file()
    info = run_cli("cache", "info", cwd=repo)
    assert '"documents": 8' in info.stdout, info.stdout  # 4 read + 4 analysed entries
    assert run_cli("check", cwd=repo).stdout == first.stdout  # warm: same answer
    # change a file: its result changes, the others come from the cache
    copy = repo / "seeds" / COPY
    copy.write_text(
        copy.read_text(encoding="utf-8").replace("Join the discussion", "Join the debate"),
        encoding="utf-8",
    )
    changed = run_cli("check", cwd=repo)
    assert changed.returncode == 1
    # a configuration change is a different key: results recomputed, still correct
    (repo / "audit.toml").write_text(
        '[discover]\nroots = ["seeds"]\n[syndication]\nmin_words = 5000\n'
    )
    proc = run_cli("check", f"seeds/{COPY}", cwd=repo)
    assert "repeated-content" not in proc.stdout  # no seed shares 5000 words: not a stale result
    # corrupt the database: reported, rebuilt, results unchanged
    (repo / "audit.toml").write_text('[discover]\nroots = ["seeds"]\n')
    db.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    proc = run_cli("check", cwd=repo)
    assert "warning: cache" in proc.stderr and "rebuilding" in proc.stderr
    assert proc.stdout == changed.stdout
    assert run_cli("check", cwd=repo).stderr.count("warning: cache") == 0
    # a foreign cache format is rebuilt too
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value='auditor-cache/0' WHERE key='format'")
    con.commit()
    con.close()
    proc = run_cli("check", cwd=repo)
    assert "foreign cache format" in proc.stderr and proc.stdout == changed.stdout
    assert run_cli("cache", "clear", cwd=repo).returncode == 0
    assert not db.exists()


def test_plugin_version_change_invalidates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor import app
    from auditor.cache import Cache

    repo = make_repo(tmp_path, with_copy=False)
    prepared = app.prepare([repo])
    fp1 = app.run_fingerprint(prepared)
    prepared.host.infos["syndication"].version = "999"
    assert app.run_fingerprint(prepared) != fp1
    cache = Cache(repo / ".auditor-cache", lambda m: None)
    discovery = app.discover_inputs(prepared, [repo / "seeds"], None)
    app.run(prepared, discovery, 1, None, cache)
    assert cache.misses > 0 and cache.hits == 0
    cache.hits = cache.misses = 0
    app.run(prepared, discovery, 1, None, cache)
    assert cache.misses == 0 and cache.hits > 0
    prepared.host.infos["provenance"].version = "1000"
    cache.hits = cache.misses = 0
    app.run(prepared, discovery, 1, None, cache)
    assert cache.hits == 0
    cache.close()


def test_check_writes_audits_only_when_configured(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    run_cli("check", cwd=repo)
    assert not list(repo.rglob("*.audit.*"))
    (repo / "audit.toml").write_text(
        '[discover]\nroots = ["seeds"]\n[output]\ndir = "audits"\nformat = "json"\n'
    )
    run_cli("check", f"seeds/{COPY}", cwd=repo)
    written = sorted(p.name for p in (repo / "audits").rglob("*.audit.json"))
    assert len(written) == 4 and (repo / "audits" / "corpus.json").is_file()
    full = tmp_path / "full"
    assert (
        run_cli(
            "audit", str(repo / "seeds"), "--out", str(full), "--format", "json", "--no-cache"
        ).returncode
        == 0
    )
    for p in (repo / "audits").rglob("*.audit.json"):
        assert p.read_bytes() == (full / p.relative_to(repo / "audits")).read_bytes()
    assert (repo / "audits" / "corpus.json").read_bytes() == (full / "corpus.json").read_bytes()


def test_escaped_paths() -> None:
    from auditor.commands import _escape_path

    assert _escape_path("a b/ü.txt") == "a b/ü.txt"
    assert _escape_path("a\nb:c.txt") == "a\\x0ab\\x3ac.txt"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_real_pre_commit_try_repo(tmp_path: Path) -> None:
    """The hook installed by the real pre-commit tool: pass, fail on a copy, pass after accept."""
    repo = make_repo(tmp_path, with_copy=False)
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "auditor", "--verbose"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    git("init", "-q")
    git("add", "-A")
    proc = hook()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    git("commit", "-qm", "seeds")
    shutil.copy(SEEDS / COPY, repo / "seeds" / COPY)
    git("add", f"seeds/{COPY}")
    proc = hook()
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "attribution-dropped" in proc.stdout and f"seeds/{COPY}" in proc.stdout
    with (repo / "audit.toml").open("a") as fh:
        fh.write(
            f'\n[[accept]]\npaths = ["seeds/{ORIGINAL}", "seeds/{COPY}"]\nreason = "licensed feed"\n'
        )
    git("add", "audit.toml")
    proc = hook()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    git("commit", "-qm", "licensed copy")


def test_two_overlapping_runs_share_the_cache_safely(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    cmd = [sys.executable, "-m", "auditor.cli", "check"]
    procs = [
        subprocess.Popen(cmd, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 1 for p in procs)
    assert outs[0][0] == outs[1][0] == outs[2][0]
    assert all("Traceback" not in err for _, err in outs)
    # and the cache they built together is sound
    again = run_cli("check", cwd=repo)
    assert again.stdout == outs[0][0] and "warning: cache" not in again.stderr
