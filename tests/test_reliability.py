"""Bad input, faults and hostile files: a clear message, no traceback, nothing partial.

Each test here is a row of docs/reliability.md. Tests run as root, where permissions do not
stop reads or writes, so faults are injected by patching the I/O calls, and every test
asserts that the fault really happened.
"""

from __future__ import annotations

import builtins
import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import check_with_contract_tool, load_audits, run_cli

from auditor import cli, hookimpl, writer
from auditor.testing import run_texts

ARTICLE = (
    "The county fair opened on Friday with a record number of livestock entries, organisers "
    "said, after two years in which attendance fell because of heavy rain and road closures.\n"
)


def audit_folder(
    tmp_path: Path, files: dict[str, bytes | str], *extra: str
) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    root = tmp_path / "in"
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    out = tmp_path / "out"
    proc = run_cli("audit", str(root), "--out", str(out), "--format", "json", *extra)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc, root, out


def test_awkward_text_inputs(tmp_path: Path) -> None:
    files: dict[str, bytes | str] = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n  \n",
        "bom8.txt": b"\xef\xbb\xbf" + ARTICLE.encode(),
        "bom16.txt": ARTICLE.encode("utf-16"),
        "cp1252.txt": "Les élèves – «café» coûte 3€ à Zürich.\n".encode("cp1252"),
        "invalid-utf8.txt": b"caf\xe9 na\xefve \x81\x8d text\n",
        "crlf.txt": ARTICLE.replace("\n", "\r\n").encode() + b"second line\rthird line\r\n",
        "name with spaces ü.txt": ARTICLE,
        "line\nbreak.txt": ARTICLE,
    }
    deep = "/".join(f"d{i}" for i in range(60))
    files[f"{deep}/deep.txt"] = ARTICLE
    proc, root, out = audit_folder(tmp_path, files)
    assert proc.returncode == 0, proc.stderr
    audits = load_audits(out)
    assert set(audits) == set(files)
    assert audits["empty.txt"]["chars"] == 0
    assert audits["bom8.txt"]["encoding"] == "utf-8" and audits["bom16.txt"]["encoding"] == "utf-16"
    assert audits["cp1252.txt"]["encoding"] == "cp1252"
    assert audits["invalid-utf8.txt"]["encoding"] in ("cp1252", "iso8859-1")
    assert audits["crlf.txt"]["chars"] == len(files["crlf.txt"])  # type: ignore[arg-type]
    check_with_contract_tool(root, out)


def test_binary_files_are_skipped_with_a_message(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    proc, _, out = audit_folder(tmp_path, {"image.txt": png, "ok.txt": ARTICLE})
    assert proc.returncode == 0
    assert "image.txt: binary file" in proc.stderr
    assert not (out / "image.txt.audit.json").exists() and (out / "ok.txt.audit.json").exists()
    run = json.loads((out / "run.json").read_text())
    assert [s["path"] for s in run["skipped"]] == ["image.txt"]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
def test_files_over_the_size_limit_are_described_with_bounded_memory(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    with (root / "huge.txt").open("w") as fh:  # 60 MB, a single line
        chunk = "word " * 200_000
        for _ in range(60):
            fh.write(chunk)
    (root / "small.txt").write_text(ARTICLE)
    out = tmp_path / "out"
    code = (
        "import sys\nfrom auditor.cli import main\n"
        f"rc = main(['audit', {str(root)!r}, '--out', {str(out)!r}, '--jobs', '1'])\n"
        # VmHWM is this process's own peak (ru_maxrss would include the parent's before exec)
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(rc, hwm)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    rc, maxrss_kb = proc.stdout.split()
    assert rc == "0", proc.stderr
    assert int(maxrss_kb) < 250_000, f"peak memory {maxrss_kb} kB for a 60 MB file"
    audits = load_audits(out)
    huge = audits["huge.txt"]
    assert huge["chars"] == 60_000_000 and [f["code"] for f in huge["findings"]] == [
        "auditor.too-large"
    ]
    check_with_contract_tool(root, out)
    # the limit is configurable
    (root / "audit.toml").write_text("[discover]\nmax_bytes = 100\n")
    proc = run_cli("audit", str(root), "--out", str(out), "--no-cache")
    assert "auditor.too-large 2" in proc.stderr


def test_symlink_loop_and_broken_link(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "ok.txt").write_text(ARTICLE)
    os.symlink(root / "loop-a.txt", root / "loop-b.txt")
    os.symlink(root / "loop-b.txt", root / "loop-a.txt")
    os.symlink(root, root / "sub" / "back-to-root")  # a folder loop
    os.symlink(tmp_path / "nowhere.txt", root / "broken.txt")
    out = tmp_path / "out"
    proc = run_cli("audit", str(root), "--out", str(out), timeout=60)
    assert proc.returncode == 0
    assert "loop-a.txt: broken symbolic link or link loop" in proc.stderr
    assert "broken.txt: broken symbolic link" in proc.stderr
    assert "sub/back-to-root: symbolic link to a folder is not followed" in proc.stderr
    assert sorted(load_audits(out)) == ["ok.txt"]


def test_unreadable_and_vanishing_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = builtins.open
    faults: list[str] = []

    def fake_open(file, *args, **kwargs):
        name = str(file)
        if name.endswith("secret.txt"):
            faults.append("open")
            raise PermissionError(errno.EACCES, "Permission denied", name)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    from auditor import engine

    real_read_all = engine.Engine._read_all

    def delete_then_read(self, pipeline, inputs):
        for item in inputs:  # discovered, then deleted before it is read
            if item.rel == "vanished.txt":
                item.path.unlink()
                faults.append("deleted")
        return real_read_all(self, pipeline, inputs)

    monkeypatch.setattr(engine.Engine, "_read_all", delete_then_read)
    run = run_texts({"secret.txt": ARTICLE, "vanished.txt": ARTICLE, "ok.txt": ARTICLE})
    assert "open" in faults and "deleted" in faults
    assert run.skipped["secret.txt"] == "cannot be read: Permission denied; skipped"
    assert run.skipped["vanished.txt"] == "cannot be read: No such file or directory; skipped"
    assert set(run.audits) == {"ok.txt"}


def test_file_changed_during_the_run_is_audited_as_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor import engine

    real_read = engine.Pipeline.read
    changed: list[str] = []

    def read_after_change(self, item):
        if item.rel == "moving.txt" and not changed:
            item.path.write_text("Entirely new text written while the audit was running.\n")
            changed.append(item.rel)
        return real_read(self, item)

    monkeypatch.setattr(engine.Pipeline, "read", read_after_change)
    run = run_texts({"moving.txt": ARTICLE})
    assert changed
    audit = run.audits["moving.txt"]
    assert run.texts["moving.txt"].startswith("Entirely new text")
    assert audit["chars"] == len(run.texts["moving.txt"])


class Sleeper:
    @hookimpl
    def auditor_analyze(self, view, ctx, register):
        if "fair" in view.document.text:
            time.sleep(30)


def test_a_hanging_plugin_is_stopped_by_the_time_budget() -> None:
    started = time.monotonic()
    run = run_texts(
        {"a.txt": ARTICLE, "b.txt": "Another short text.\n"},
        config={"plugins": {"timeout": 0.5}},
        plugins={"sleeper": Sleeper()},
    )
    assert time.monotonic() - started < 20
    errors = [
        f["message"] for f in run.audits["a.txt"]["findings"] if f["code"] == "auditor.plugin-error"
    ]
    assert errors and "sleeper" in errors[0] and "time budget" in errors[0]
    assert not [f for f in run.audits["b.txt"]["findings"] if f["code"] == "auditor.plugin-error"]


def _in_process_audit(root: Path, out: Path) -> int:
    return cli.main(["audit", str(root), "--out", str(out), "--jobs", "1", "--quiet"])


@pytest.mark.parametrize(
    ("err", "text"),
    [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")],
)
def test_write_faults_leave_no_partial_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, err: int, text: str
) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(5):
        (root / f"f{i}.txt").write_text(ARTICLE + f"Item {i}.\n")
    out = tmp_path / "out"
    real_replace = os.replace
    calls: list[str] = []

    def failing_replace(src, dst):
        calls.append(str(dst))
        if len(calls) == 3:
            raise OSError(err, os.strerror(err), str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", failing_replace)
    rc = _in_process_audit(root, out)
    captured = capsys.readouterr()
    assert len(calls) == 3, "the fault was injected"
    assert rc == 2 and "cannot write audits" in captured.err and text in captured.err
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")], "temporary files removed"
    for p in out.rglob("*.audit.toml"):
        assert (
            p.read_text().startswith("boilerplate") or "schema" in p.read_text()
        )  # complete files only
    assert len(list(out.rglob("*.audit.toml"))) == 2


def test_interrupt_during_a_run_exits_130_without_partial_files(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    words = (ARTICLE * 4).split()
    for i in range(3000):
        (root / f"doc{i:04d}.txt").write_text(
            " ".join(words[i % 7 :] + words[: i % 7]) + f"\nNumber {i}.\n"
        )
    out = tmp_path / "out"
    for sig in (signal.SIGINT, signal.SIGTERM):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "auditor.cli",
                "audit",
                str(root),
                "--out",
                str(out),
                "--jobs",
                "2",
                "--progress",
            ],
            stderr=subprocess.PIPE,
        )
        seen = b""
        while b"analyze" not in seen:  # interrupt in the middle of the per-document stage
            chunk = os.read(proc.stderr.fileno(), 4096)
            assert chunk, seen.decode(errors="replace")
            seen += chunk
        proc.send_signal(sig)
        rest = proc.stderr.read()
        proc.wait(timeout=60)
        err = (seen + rest).decode(errors="replace")
        assert proc.returncode == 130, err
        assert "interrupted" in err and "Traceback" not in err
        assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
        assert not list(out.rglob("*.audit.toml")), "interrupted before writing: nothing written"


def test_second_interrupt_exits_at_once(tmp_path: Path) -> None:
    code = (
        "import os, signal, time\nfrom auditor import cli\n"
        "cli._install_signal_handlers()\n"
        "try:\n    os.kill(os.getpid(), signal.SIGINT); time.sleep(5)\n"
        "except KeyboardInterrupt:\n    os.kill(os.getpid(), signal.SIGINT); time.sleep(5)\n"
        "print('not reached')\n"
    )
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 130 and "not reached" not in proc.stdout
    assert time.monotonic() - started < 4


def test_many_tiny_files(tmp_path: Path) -> None:
    files = {
        f"t/{i // 100:02d}/{i:05d}.txt": f"Note {i}: the gate opens at {i % 12 + 1} o'clock.\n"
        for i in range(2000)
    }
    proc, _, out = audit_folder(tmp_path, files, "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert len(list(out.rglob("*.audit.json"))) == 2000


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
def test_peak_memory_helper_is_meaningful() -> None:
    # VmHWM is in kilobytes; the large-file test relies on that unit.
    hwm = next(
        line
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM")
    )
    assert hwm.split()[2] == "kB" and int(hwm.split()[1]) > 1000
