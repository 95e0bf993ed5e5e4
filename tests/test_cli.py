"""The CLI as a user runs it: exit codes, outputs, determinism, fast start-up."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    ROOT,
    SHARED_SEEDS,
    check_with_contract_tool,
    load_audits,
    needs_shared,
    run_cli,
)

STORY = (
    "By Marta Quill\n\n"
    "The harbor commission voted on Tuesday to delay the dredging contract by six months, "
    "citing new concerns from fishermen about silt reaching the oyster beds near the north jetty.\n\n"
    "Commissioners said the delay would cost the port about $2 million in idle equipment fees, "
    "but that a full environmental review was needed before any work could resume on the channel.\n\n"
    "Local business owners were divided, with some welcoming the pause and others warning that "
    "cargo ships would keep diverting to the deeper terminal across the bay while the work waits.\n"
)
COPY = (
    " date 2021-05-06 "
    + STORY.split("\n\n", 1)[1].replace("\n\n", "\n")
    + "This content is published through a licensing agreement with Fictive Wire Services.\n"
)


def write_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "news").mkdir(exist_ok=True)
    (root / "news" / "harbor.txt").write_text(
        "- The Bayside Courier - Wednesday, May 5, 2021\n\n" + STORY, encoding="utf-8"
    )
    (root / "news" / "harbor-copy.txt").write_text(COPY, encoding="utf-8")
    (root / "other.md").write_text(
        "# Notes\n\nA short unrelated note about library hours.\n", encoding="utf-8"
    )
    (root / ".hidden.txt").write_text("never audited", encoding="utf-8")
    return root


def test_version_is_fast_and_imports_nothing_heavy() -> None:
    code = (
        "import sys, auditor.cli\n"
        "rc = auditor.cli.main(['--version'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'numpy','datasketch','lxml','trafilatura','tomli_w','jsonschema','charset_normalizer','auditor_plugins'})\n"
        "print(rc, heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip().endswith("0 []"), proc.stdout + proc.stderr
    assert "auditor 0." in proc.stdout


def test_plugin_import_stays_light() -> None:
    """Plugins are imported for every command, so they must not import heavy libraries."""
    code = (
        "import sys\nfrom auditor.plugins import load_plugins\nload_plugins()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'numpy','datasketch','lxml','trafilatura','dateparser','htmldate'}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr


def test_audit_writes_one_valid_audit_per_file(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    proc = run_cli("audit", str(root), "--out", str(out), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    audits = load_audits(out)
    assert sorted(audits) == ["news/harbor-copy.txt", "news/harbor.txt", "other.md"]
    assert (out / "news" / "harbor.txt.audit.toml").is_file()
    corpus = json.loads((out / "corpus.json").read_text())
    assert corpus["schema"] == "auditor.corpus/1" and corpus["files"] == 3
    run = json.loads((out / "run.json").read_text())
    assert run["files"] == 3 and "timings" in run
    assert "audited 3 file(s)" in proc.stderr
    check_with_contract_tool(root, out)
    # inputs are never modified
    assert (root / "news" / "harbor-copy.txt").read_text(encoding="utf-8") == COPY


def _snapshot(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "run.json"
    }


def test_output_is_byte_identical_across_runs_seeds_jobs_and_order(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus")
    rng = random.Random(7)
    for i in range(12):  # more files than workers so that both pool paths run
        paras = STORY.split("\n\n")[1:]
        rng.shuffle(paras)
        (root / f"extra{i:02d}.txt").write_text(
            "\n\n".join(paras[: 1 + i % 3]) + f"\nNote {i}.\n", encoding="utf-8"
        )
    snaps = []
    for seed, jobs, fmt in (("1", "1", "json"), ("2", "2", "json"), ("3", "2", "json")):
        out = tmp_path / f"out{seed}"
        proc = run_cli(
            "audit",
            str(root),
            "--out",
            str(out),
            "--jobs",
            jobs,
            "--format",
            fmt,
            env={"PYTHONHASHSEED": seed},
        )
        assert proc.returncode == 0, proc.stderr
        snaps.append(_snapshot(out))
    # Shuffled discovery: rename-free reordering by copying into a fresh folder in random order.
    shuffled = tmp_path / "shuffled"
    files = sorted(p for p in root.rglob("*") if p.is_file())
    rng.shuffle(files)
    for p in files:
        target = shuffled / p.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(p, target)
    out = tmp_path / "out-shuffled"
    assert (
        run_cli(
            "audit",
            str(shuffled),
            "--out",
            str(out),
            "--format",
            "json",
            env={"PYTHONHASHSEED": "99"},
        ).returncode
        == 0
    )
    snaps.append(_snapshot(out))
    assert snaps[0] == snaps[1] == snaps[2] == snaps[3]


def test_rerun_leaves_files_untouched(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    assert run_cli("audit", str(root), "--out", str(out)).returncode == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.audit.toml")}
    proc = run_cli("audit", str(root), "--out", str(out))
    assert proc.returncode == 0
    assert "wrote 0 changed audit(s)" in proc.stderr
    assert before == {p: p.stat().st_mtime_ns for p in out.rglob("*.audit.toml")}


@needs_shared
def test_shared_seeds_give_five_valid_audits(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli("audit", str(SHARED_SEEDS), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert len(load_audits(out)) == 5
    check_with_contract_tool(SHARED_SEEDS, out)
    first = _snapshot(out)
    assert run_cli("audit", str(SHARED_SEEDS), "--out", str(out), "--jobs", "2").returncode == 0
    assert _snapshot(out) == first


def test_exit_codes(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    assert run_cli("audit").returncode == 2  # usage
    assert run_cli("audit", str(tmp_path / "missing"), "--out", str(out)).returncode == 2
    assert run_cli("frobnicate").returncode == 2
    proc = run_cli("audit", str(root))  # no output folder anywhere
    assert proc.returncode == 2 and "--out" in proc.stderr and "Traceback" not in proc.stderr
    # other.md has no byline and no date: info findings fail only with --fail-on info
    assert run_cli("audit", str(root), "--out", str(out), "--fail-on", "info").returncode == 1
    assert run_cli("audit", str(root), "--out", str(out), "--fail-on", "error").returncode in (0, 1)
    assert run_cli("audit", str(root), "--out", str(out)).returncode == 0


def test_bad_config_is_exit_2_with_file_key_and_suggestion(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus")
    (root / "audit.toml").write_text("[discover]\ninclud = ['*.txt']\n", encoding="utf-8")
    proc = run_cli("audit", str(root), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert (
        "audit.toml" in proc.stderr
        and "'includ'" in proc.stderr
        and "did you mean 'include'" in proc.stderr
    )
    assert "Traceback" not in proc.stderr


def test_text_schema_plugins_commands(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus")
    proc = run_cli("text", str(root / "news" / "harbor-copy.txt"))
    assert proc.returncode == 0 and proc.stdout == COPY
    proc = run_cli("schema", "--strict")
    schema = json.loads(proc.stdout)
    assert schema["additionalProperties"] is False and "repeats" in schema["properties"]
    assert (
        json.loads(run_cli("schema", "--corpus").stdout)["properties"]["schema"]["const"]
        == "auditor.corpus/1"
    )
    plugins = json.loads(run_cli("plugins").stdout)
    names = {p["name"] for p in plugins}
    assert {"text", "html", "boilerplate", "provenance", "syndication"} <= names
    assert all(p["builtin"] and p["version"] and p["hooks"] for p in plugins if p["name"] in names)
    proc = run_cli("text", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and "nope.txt" in proc.stderr


def test_plugins_env_var_selects(tmp_path: Path) -> None:
    proc = run_cli("plugins", env={"AUDITOR_LOAD_PLUGINS": "text,provenance"})
    assert [p["name"] for p in json.loads(proc.stdout)] == ["provenance", "text"]


def test_clean_writes_article_text(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus")
    out = tmp_path / "clean"
    proc = run_cli("clean", str(root / "news"), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    cleaned = (out / "harbor-copy.txt").read_text(encoding="utf-8")
    assert "The harbor commission voted on Tuesday" in cleaned
    kept = tmp_path / "kept"
    assert (
        run_cli("clean", str(root / "news"), "--out", str(kept), "--keep", "syndication").returncode
        == 0
    )
    assert len((kept / "harbor-copy.txt").read_text(encoding="utf-8")) >= len(cleaned)
    assert run_cli("clean", str(root), "--out", str(kept), "--keep", "bogus").returncode == 2


def test_readme_commands_match_ci() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```bash")[1:3]]
    assert len(blocks) == 2, "README starts with two bash blocks: install+run, and test"
    assert blocks[1] in ci, "the CI script runs the README's test command verbatim"
    assert "auditor audit" in blocks[0]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_out_of_root_is_refused(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "corpus")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET outside the root", encoding="utf-8")
    os.symlink(secret, root / "link.txt")
    os.symlink(root / "missing.txt", root / "broken.txt")
    out = tmp_path / "out"
    proc = run_cli("audit", str(root), "--out", str(out))
    assert proc.returncode == 0
    assert "link.txt: symbolic link points outside the audited root" in proc.stderr
    assert "broken.txt: broken symbolic link" in proc.stderr
    assert not (out / "link.txt.audit.toml").exists()


def test_dask_executor_gives_the_same_bytes(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    root = write_corpus(tmp_path / "corpus")
    for i in range(6):
        (root / f"more{i}.txt").write_text(STORY.replace("Tuesday", f"day {i}"), encoding="utf-8")
    outs = []
    for executor in ("process", "dask"):
        out = tmp_path / f"out-{executor}"
        proc = run_cli(
            "audit",
            str(root),
            "--out",
            str(out),
            "--jobs",
            "2",
            "--executor",
            executor,
            "--format",
            "json",
        )
        assert proc.returncode == 0, proc.stderr
        outs.append(_snapshot(out))
    assert outs[0] == outs[1]
    assert len([k for k in outs[0] if k.endswith(".audit.json")]) == 9
