"""Configuration discovery, validation messages and the generated reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from auditor.app import prepare
from auditor.config import find_config
from auditor.discover import discover, matches
from auditor.errors import ConfigError


def test_found_in_pyproject_and_stops_at_git_top(tmp_path: Path) -> None:
    (tmp_path / "audit.toml").write_text("[output]\nformat = 'json'\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs" / "deep").mkdir(parents=True)
    assert find_config([repo / "docs" / "deep"]) is None  # never above the git top level
    (repo / "pyproject.toml").write_text(
        "[project]\nname='x'\n[tool.auditor.output]\nformat = 'json'\n"
    )
    assert find_config([repo / "docs" / "deep"]) == (repo / "pyproject.toml").resolve()
    settings = prepare([repo / "docs"]).settings
    assert settings.table("output")["format"] == "json"
    (repo / "docs" / "audit.toml").write_text("[output]\nmax_repeats = 3\n")
    settings = prepare([repo / "docs" / "deep"]).settings
    assert (
        settings.table("output")["max_repeats"] == 3
        and settings.table("output")["format"] == "toml"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[discover\ninclude = 1", "invalid TOML"),
        ("[outptu]\nformat = 'json'\n", "unknown table [outptu] (did you mean 'output'?)"),
        ("[output]\nformt = 'json'\n", "[output] unknown key 'formt' (did you mean 'format'?)"),
        ("[output]\nmax_repeats = 'ten'\n", "[output] max_repeats must be a integer"),
        ("[output]\nformat = 'yaml'\n", "format must be 'toml' or 'json'"),
        ("[policy]\nfail_on = 'warnings'\n", "did you mean 'warning'?"),
        ("[discover]\nexclude = [1, 2]\n", "[discover] exclude must be a list of strings"),
        ("[syndication]\nno_such_key = 1\n", "[syndication] unknown key 'no_such_key'"),
        ("[plugins]\ndisable = 'text'\n", "disable must be a list of strings"),
        ("accept = 3\n", "'accept' must be an array of tables"),
    ],
)
def test_errors_name_file_key_and_suggestion(tmp_path: Path, content: str, expected: str) -> None:
    cfg = tmp_path / "audit.toml"
    cfg.write_text(content)
    with pytest.raises(ConfigError) as info:
        prepare([tmp_path])
    assert str(cfg) in str(info.value)
    assert expected.replace("a integer", "an integer") in str(info.value).replace(
        "a integer", "an integer"
    )


def test_cli_flags_override_config(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(
        "Some short text about the weather in the valley this week.\n"
    )
    (tmp_path / "c" / "audit.toml").write_text("[output]\nformat = 'json'\ndir = '../out'\n")
    assert run_cli("audit", str(tmp_path / "c")).returncode == 0
    assert (tmp_path / "out" / "a.txt.audit.json").is_file()
    assert run_cli("audit", str(tmp_path / "c"), "--format", "toml").returncode == 0
    assert (tmp_path / "out" / "a.txt.audit.toml").is_file()
    explicit = tmp_path / "other.toml"
    explicit.write_text("[discover]\nexclude = ['a.txt']\n")
    proc = run_cli(
        "audit", str(tmp_path / "c"), "--config", str(explicit), "--out", str(tmp_path / "o2")
    )
    assert proc.returncode == 0 and "audited 0 file(s)" in proc.stderr
    assert (
        run_cli(
            "audit",
            str(tmp_path / "c"),
            "--config",
            str(tmp_path / "none.toml"),
            "--out",
            str(tmp_path / "o3"),
        ).returncode
        == 2
    )


def test_globs() -> None:
    assert matches("a/b/c.txt", ["**/*.txt"]) and matches("c.txt", ["**/*.txt"])
    assert not matches("a/b/c.md", ["**/*.txt"])
    assert matches("drafts/x/c.txt", ["drafts"]) and matches("a/drafts/c.txt", ["drafts"])
    assert matches("a/b.txt", ["a/*.txt"]) and not matches("a/b/c.txt", ["a/*.txt"])


def test_discovery_skips_hidden_out_and_excluded(tmp_path: Path) -> None:
    for rel in (
        "a.txt",
        ".git/x.txt",
        ".hidden.txt",
        "sub/b.md",
        "sub/skip/c.txt",
        "out/d.txt.audit.toml",
        "img.png",
    ):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    found = discover([tmp_path], ["**/*.txt", "**/*.md"], ["skip"], skip_dirs=[tmp_path / "out"])
    assert [i.rel for i in found.inputs] == ["a.txt", "sub/b.md"]
    # several roots: paths relative to their common parent
    found = discover([tmp_path / "sub", tmp_path / "a.txt"], ["**/*.md"], [])
    assert [i.rel for i in found.inputs] == ["a.txt", "sub/b.md"]


def test_reference_is_generated_and_current() -> None:
    proc = run_cli("config", "--reference", cwd=ROOT)
    assert proc.returncode == 0
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert proc.stdout == doc, (
        "docs/configuration.md is stale: run `auditor config --reference > docs/configuration.md`"
    )
    for table in (
        "[discover]",
        "[output]",
        "[policy]",
        "[plugins]",
        "[boilerplate]",
        "[syndication]",
    ):
        assert f"`{table}`" in doc
