"""Plugin loading, isolation of failing plugins, and the hook contract."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from conftest import ROOT

from auditor import hookimpl, hookspecs
from auditor.model import (
    Command,
    ConfigField,
    Data,
    Finding,
    LearnedTable,
    Passage,
    Provenance,
    Repeat,
    Span,
)
from auditor.testing import run_texts

TEXT_A = (
    "The regional water board approved a plan on Thursday to replace aging pipes under the old "
    "market district, a project expected to take four years and cost about $80 million in total.\n\n"
    "Officials said residents would see short interruptions to service during the work, which "
    "begins in the spring on the streets closest to the river and moves east after that.\n"
)
TEXT_B = (
    "A notice about the library's new opening hours, which start next month for all branches.\n"
)

HOOK_NAMES = sorted(n for n in dir(hookspecs) if n.startswith("auditor_"))


class Recorder:
    """A plugin implementing every hook, registering one valid item from each."""

    @hookimpl
    def auditor_register_config(self, register):
        register(ConfigField("flag", bool, True, "test flag"))

    @hookimpl
    def auditor_register_commands(self, register):
        register(Command("recorder-hello", "say hello", None, lambda args: 0))

    @hookimpl(tryfirst=True)
    def auditor_read(self, path, data, ctx):
        return None

    @hookimpl
    def auditor_corpus_learn(self, documents, ctx, register):
        register(LearnedTable("1", "d" * 8, len(documents)))

    @hookimpl
    def auditor_boilerplate(self, document, ctx, register):
        assert ctx.learned["recorder"].payload >= 1
        if document.text.startswith("The regional"):
            register(Span(0, 4, "other", "test"))

    @hookimpl
    def auditor_analyze(self, view, ctx, register):
        register(Data({"chars": len(view.clean.text)}))
        register(Provenance(outlet="Recorder Gazette"))

    @hookimpl
    def auditor_corpus_repeats(self, corpus, ctx, register):
        a, b = corpus.records[0], corpus.records[1]
        assert a.data["recorder"]["chars"] > 0
        register(Repeat(a.path, b.path, "shares-passages", 0.1, 0.2, [Passage(5, 10, 0, 5, 1)]))

    @hookimpl
    def auditor_corpus_check(self, corpus, ctx, register):
        assert corpus.repeats
        register(Finding("recorder.checked", "info", "checked", path=corpus.repeats[0].path))

    @hookimpl
    def auditor_findings(self, audit, ctx, register):
        register(Finding("recorder.seen", "info", f"{len(audit.repeats)} repeats"))


def test_every_hook_is_called_through_pluggy(monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor import app, cli
    from auditor.plugins import PluginHost

    called: set[str] = set()
    original = PluginHost.__init__

    def monitored(self):
        original(self)
        self.pm.add_hookcall_monitoring(lambda name, impls, kw: called.add(name), lambda *a: None)

    monkeypatch.setattr(PluginHost, "__init__", monitored)
    monkeypatch.setenv("AUDITOR_LOAD_PLUGINS", "text,recorder")
    run = run_texts({"a.txt": TEXT_A, "b.txt": TEXT_B}, plugins={"recorder": Recorder()})
    host = app.prepare([ROOT], None, extra_plugins={"recorder": Recorder()}, config_data={}).host
    commands = cli.plugin_commands(host)
    assert [c.name for c in commands] == ["recorder-hello"]
    assert sorted(called) == HOOK_NAMES
    a = run.audits["a.txt"]
    assert a["provenance"]["outlet"] == "Recorder Gazette"
    assert a["boilerplate"] == [{"category": "other", "start": 0, "end": 4, "lines": [1, 1]}]
    assert a["repeats"][0]["other"] == "b.txt"
    codes = [f["code"] for f in a["findings"]]
    assert "recorder.checked" in codes and "recorder.seen" in codes
    assert all(f["plugin"] == "recorder" for f in a["findings"])


def test_every_hook_is_documented_with_typed_parameters() -> None:
    docs = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    tree = ast.parse((ROOT / "auditor" / "hookspecs.py").read_text(encoding="utf-8"))
    specs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert sorted(s.name for s in specs) == HOOK_NAMES
    for spec in specs:
        assert f"`{spec.name}`" in docs, f"{spec.name} is not documented in docs/hooks.md"
        doc = ast.get_docstring(spec) or ""
        assert doc, spec.name
        for arg in spec.args.args:
            assert arg.annotation is not None, f"{spec.name}({arg.arg}) has no type"
            assert f":param {arg.arg}:" in doc, f"{spec.name} does not document {arg.arg}"
        assert spec.returns is not None
    assert "firstresult" in (
        ast.get_docstring(next(s for s in specs if s.name == "auditor_read")) or ""
    )


class Exploder:
    @hookimpl
    def auditor_analyze(self, view, ctx, register):
        if "library" in view.document.text:
            raise RuntimeError(f"boom in {Path('/secret/place/plugin.py')} at {object()!r}")


class WrongTypes:
    @hookimpl
    def auditor_boilerplate(self, document, ctx, register):
        register("not a span")

    @hookimpl
    def auditor_analyze(self, view, ctx, register):
        register(Finding("no-prefix-code", "warning", "bad code"))


class CorpusExploder:
    @hookimpl
    def auditor_corpus_repeats(self, corpus, ctx, register):
        raise ValueError("corpus stage failed")


def test_a_raising_plugin_is_isolated_and_reported() -> None:
    run = run_texts({"a.txt": TEXT_A, "b.txt": TEXT_B}, plugins={"exploder": Exploder()})
    errors = [f for f in run.audits["b.txt"]["findings"] if f["code"] == "auditor.plugin-error"]
    assert len(errors) == 1
    message = errors[0]["message"]
    assert "exploder" in message and "auditor_analyze" in message and "RuntimeError" in message
    assert "0x" not in message and "/secret/place" not in message
    assert errors[0]["severity"] == "error"
    # the other file and the other plugins are unaffected
    assert not [f for f in run.audits["a.txt"]["findings"] if f["code"] == "auditor.plugin-error"]


def test_wrong_types_and_codes_become_plugin_errors() -> None:
    run = run_texts({"a.txt": TEXT_A}, plugins={"wrong": WrongTypes()})
    messages = [
        f["message"] for f in run.audits["a.txt"]["findings"] if f["code"] == "auditor.plugin-error"
    ]
    assert any("invalid span" in m for m in messages)
    assert any("neither standard nor prefixed" in m for m in messages)


def test_corpus_hook_failure_marks_every_file() -> None:
    run = run_texts({"a.txt": TEXT_A, "b.txt": TEXT_B}, plugins={"cx": CorpusExploder()})
    for audit in run.audits.values():
        assert any(
            "corpus stage failed" in f["message"]
            for f in audit["findings"]
            if f["code"] == "auditor.plugin-error"
        )


def test_disable_in_config_and_env_var() -> None:
    run = run_texts({"a.txt": TEXT_A}, config={"plugins": {"disable": ["provenance"]}})
    assert not [f for f in run.audits["a.txt"]["findings"] if f["plugin"] == "provenance"]
    run = run_texts({"a.txt": TEXT_A})
    assert any(f["plugin"] == "provenance" for f in run.audits["a.txt"]["findings"])


def _site_packages() -> str:
    return sysconfig.get_paths()["purelib"]


@pytest.mark.slow
def test_third_party_plugin_installed_in_a_venv(tmp_path: Path) -> None:
    """Install the example plugin (and a broken one) into a fresh venv through entry points."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    target = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The venv sees auditor and its dependencies from the test environment through a .pth file.
    # (addsitedir, so that an editable install's own .pth finder runs too)
    Path(target, "outer.pth").write_text(
        f"import site; site.addsitedir({_site_packages()!r})\n", encoding="utf-8"
    )
    broken = tmp_path / "broken-plugin"
    (broken / "auditor_broken").mkdir(parents=True)
    (broken / "auditor_broken" / "__init__.py").write_text(
        "raise ImportError('missing dependency frobnitz')\n"
    )
    (broken / "pyproject.toml").write_text(
        '[build-system]\nrequires=["setuptools"]\nbuild-backend="setuptools.build_meta"\n'
        '[project]\nname="auditor-broken"\nversion="0.0.1"\n'
        '[project.entry-points.auditor]\nbroken="auditor_broken"\n'
        '[tool.setuptools]\npackages=["auditor_broken"]\n'
    )
    for pkg in (ROOT / "examples" / "auditor-shouting", broken):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "-q",
                "--no-deps",
                "--no-build-isolation",
                "--target",
                target,
                str(pkg),
            ],
            check=True,
            capture_output=True,
        )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "loud.txt").write_text(
        "THE MAYOR SAYS THE NEW BRIDGE WILL OPEN ON TIME AND UNDER BUDGET, AGAIN.\n"
    )
    (corpus / "calm.txt").write_text(TEXT_A)
    out = tmp_path / "out"
    proc = subprocess.run(
        [str(py), "-m", "auditor.cli", "audit", str(corpus), "--out", str(out), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "plugin 'broken' could not be loaded" in proc.stderr and "frobnitz" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (out / "loud.txt.audit.json").is_file(), proc.stderr
    loud = json.loads((out / "loud.txt.audit.json").read_text())
    assert any(
        f["code"] == "shouting.mostly-capitals" and f["plugin"] == "shouting"
        for f in loud["findings"]
    )
    calm = json.loads((out / "calm.txt.audit.json").read_text())
    assert not any(f["plugin"] == "shouting" for f in calm["findings"])
    listing = json.loads(
        subprocess.run(
            [str(py), "-m", "auditor.cli", "plugins"], capture_output=True, text=True
        ).stdout
    )
    shouting = next(p for p in listing if p["name"] == "shouting")
    assert (
        shouting["version"] == "0.2.0"
        and not shouting["builtin"]
        and "auditor_analyze" in shouting["hooks"]
    )
    # configuration table named after the entry point is validated
    (corpus / "audit.toml").write_text("[shouting]\nmax_upper_ratio = 'high'\n")
    proc = subprocess.run(
        [str(py), "-m", "auditor.cli", "audit", str(corpus), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "[shouting] max_upper_ratio must be a number" in proc.stderr
    assert os.path.isdir(target)
