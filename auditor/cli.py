"""The ``auditor`` command line.

Human summaries go to stderr, machine output to files (or stdout for `text`, `plugins`,
`schema`, `config`). Exit codes: 0 done, 1 findings at or above --fail-on, 2 usage or
configuration error, 130 interrupted. Only the standard library is imported before a
command needs more, so ``auditor --version`` starts fast.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__

CORE_COMMANDS = ("audit", "check", "clean", "text", "plugins", "schema", "config", "cache")


def _err(msg: str) -> None:
    print(f"auditor: {msg}", file=sys.stderr)


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with a one-line message, as argparse does
        self.print_usage(sys.stderr)
        _err(f"error: {message}")
        raise SystemExit(2)


def _install_signal_handlers() -> dict[int, Any]:
    """SIGTERM behaves like Ctrl-C; a second interrupt exits at once. Returns the old handlers."""
    old = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}

    def on_signal(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGINT, lambda s, f: os._exit(130))
        signal.signal(signal.SIGTERM, lambda s, f: os._exit(130))
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    return old


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config",
        type=Path,
        help="configuration file (default: nearest audit.toml or pyproject.toml [tool.auditor])",
    )


def build_parser(plugin_commands: Sequence[Any] = ()) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="auditor",
        description="Audit a folder of documents for repeated content, boilerplate and provenance.",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    a = sub.add_parser("audit", help="audit files and folders, writing one audit per file")
    a.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    a.add_argument("--out", type=Path, help="folder for audits, corpus.json and run.json")
    a.add_argument(
        "--format",
        choices=("toml", "json"),
        help="audit format (default from [output] format, else toml)",
    )
    a.add_argument(
        "--jobs", type=int, default=None, help="worker processes (default: number of CPUs)"
    )
    a.add_argument(
        "--fail-on",
        choices=("info", "warning", "error"),
        help="exit 1 when a finding is at or above this severity",
    )
    a.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    a.add_argument(
        "--executor",
        choices=("process", "dask"),
        default="process",
        help="where per-document work runs: local worker processes, or a Dask cluster",
    )
    a.add_argument(
        "--scheduler", help="Dask scheduler address (default: a local cluster of --jobs workers)"
    )
    a.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show progress on stderr (default: when stderr is a terminal)",
    )
    a.add_argument(
        "--no-cache", action="store_true", help="do not read or write the incremental cache"
    )
    _common(a)

    c = sub.add_parser(
        "check", help="pre-commit entry point: audit FILES against the configured corpus"
    )
    c.add_argument("files", nargs="*", type=Path, metavar="FILE")
    c.add_argument(
        "--fail-on", choices=("info", "warning", "error"), help="override [policy] fail_on"
    )
    c.add_argument("--jobs", type=int, default=None)
    c.add_argument(
        "--no-cache", action="store_true", help="do not read or write the incremental cache"
    )
    _common(c)

    cl = sub.add_parser("clean", help="write each file's article text with boilerplate removed")
    cl.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    cl.add_argument("--out", type=Path, required=True, help="folder for the cleaned texts")
    cl.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="CATEGORY",
        help="keep this boilerplate category (repeatable)",
    )
    cl.add_argument("--jobs", type=int, default=None)
    _common(cl)

    t = sub.add_parser("text", help="print the text that a file's audit offsets index")
    t.add_argument("file", type=Path, metavar="FILE")
    _common(t)

    sub.add_parser("plugins", help="list loaded plugins as JSON")

    s = sub.add_parser("schema", help="print the JSON Schema of the audit format")
    s.add_argument("--strict", action="store_true", help="the strict variant (no unknown keys)")
    s.add_argument("--corpus", action="store_true", help="the schema of corpus.json instead")

    cf = sub.add_parser("config", help="show the configuration in effect, or its reference")
    cf.add_argument(
        "--reference",
        action="store_true",
        help="print the generated configuration reference (Markdown)",
    )
    cf.add_argument("paths", nargs="*", type=Path, default=[Path(".")], metavar="PATH")
    _common(cf)

    ca = sub.add_parser("cache", help="inspect or clear the incremental cache")
    ca.add_argument("action", choices=("info", "clear"))
    ca.add_argument("paths", nargs="*", type=Path, default=[Path(".")], metavar="PATH")
    _common(ca)

    for cmd in plugin_commands:
        if cmd.name in CORE_COMMANDS:
            continue
        p = sub.add_parser(cmd.name, help=cmd.help)
        if cmd.configure:
            cmd.configure(p)
        p.set_defaults(_plugin_command=cmd)
    return parser


def plugin_commands(host: Any = None) -> list[Any]:
    """Commands plugins contribute through auditor_register_commands."""
    import warnings

    from .model import Command
    from .plugins import load_plugins

    if host is None:
        with warnings.catch_warnings(record=True) as rec:
            warnings.simplefilter("always")
            host = load_plugins()
        for w in rec:
            _err(f"warning: {w.message}")
    commands: list[Any] = []
    for name in host.implementations("auditor_register_commands"):
        got: list[Any] = []
        try:
            host.call_one("auditor_register_commands", name, register=got.append)
        except Exception as exc:
            from .plugins import describe_exception

            _err(f"warning: plugin {name!r} failed to register commands: {describe_exception(exc)}")
        commands.extend(c for c in got if isinstance(c, Command))
    return commands


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["--version"]:  # fast path: no plugin loading
        print(f"auditor {__version__}")
        return 0
    try:
        needs_plugins = not args_list or args_list[0] not in CORE_COMMANDS
        parser = build_parser(plugin_commands() if needs_plugins else ())
        args = parser.parse_args(args_list)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    old_handlers = _install_signal_handlers()
    try:
        return _dispatch(args)
    finally:
        for signum, handler in old_handlers.items():
            signal.signal(signum, handler)


def _dispatch(args: argparse.Namespace) -> int:
    from .errors import AuditorError

    try:
        if getattr(args, "_plugin_command", None) is not None:
            return int(args._plugin_command.run(args) or 0)
        from . import commands

        return int(getattr(commands, f"cmd_{args.command}")(args))
    except AuditorError as exc:
        _err(f"error: {exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        _err("interrupted; audits written so far are complete, none is partial")
        # Leave at once: worker queues and threads are not waited for (every file written
        # so far was renamed into place whole, so nothing is lost).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one clear line, the traceback only on request
        if os.environ.get("AUDITOR_DEBUG"):
            raise
        from .plugins import describe_exception

        _err(
            f"internal error: {describe_exception(exc)} (set AUDITOR_DEBUG=1 for a traceback; please report it)"
        )
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
