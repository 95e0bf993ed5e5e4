"""Finding, loading and calling plugins.

Built-ins and third-party plugins load the same way: from the ``auditor`` entry-point
group. A plugin's entry-point name is its name everywhere. Hook implementations are called
one plugin at a time so that one that raises is isolated: the caller gets a
:class:`PluginFailure` and the others still run.
"""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pluggy

from . import hookspecs

ENTRY_POINT_GROUP = "auditor"
ENV_VAR = "AUDITOR_LOAD_PLUGINS"

#: The built-in plugins, by entry-point name. They are normally found through the entry-point
#: group like any other plugin; the module path is a fallback for a source tree that is not
#: installed.
DEFAULT_PLUGINS: dict[str, str] = {
    "text": "auditor_plugins.text",
    "html": "auditor_plugins.html",
    "boilerplate": "auditor_plugins.boilerplate",
    "provenance": "auditor_plugins.provenance",
    "syndication": "auditor_plugins.syndication",
}


class PluginWarning(UserWarning):
    """A plugin could not be loaded; the run goes on without it."""


@dataclass
class PluginFailure:
    """One hook implementation that raised or returned something invalid."""

    plugin: str
    hook: str
    message: str  #: already free of memory addresses and absolute paths


@dataclass
class PluginInfo:
    name: str
    module: str
    version: str
    builtin: bool
    hooks: list[str] = field(default_factory=list)


def _version_of(module: ModuleType, dist_version: str | None) -> str:
    return dist_version or getattr(module, "__version__", None) or "0"


def describe_exception(exc: BaseException) -> str:
    """A one-line description of an exception with addresses and absolute paths removed."""
    import re

    text = f"{type(exc).__name__}: {exc}"
    text = re.sub(r" at 0x[0-9a-fA-F]+", "", text)
    text = re.sub(r"0x[0-9a-fA-F]{6,}", "0x…", text)
    # Absolute paths (POSIX and Windows) become their last component.
    text = re.sub(
        r"(?:[A-Za-z]:)?(?:[\\/][^\s\\/'\"]+){2,}",
        lambda m: "…/" + re.split(r"[\\/]", m.group(0))[-1],
        text,
    )
    return text.splitlines()[0][:500] if text else type(exc).__name__


class PluginHost:
    """The plugin manager of one run, plus per-plugin isolated hook calls."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager("auditor")
        self.pm.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self._subset: dict[tuple[str, str], Any] = {}

    # -- registration -------------------------------------------------------------------
    def register(self, name: str, module: Any, version: str = "0", builtin: bool = False) -> None:
        self.pm.register(module, name=name)
        hooks = sorted(
            h.name for h in self.pm.get_hookcallers(module) or [] if h.name.startswith("auditor_")
        )
        self.infos[name] = PluginInfo(
            name=name,
            module=getattr(module, "__name__", type(module).__name__),
            version=version,
            builtin=builtin,
            hooks=hooks,
        )
        self._subset.clear()

    @property
    def names(self) -> list[str]:
        return sorted(self.infos)

    # -- calling ------------------------------------------------------------------------
    def implementations(self, hook: str) -> list[str]:
        """Plugin names implementing `hook`, in pluggy's call order (tryfirst first)."""
        caller = getattr(self.pm.hook, hook)
        return [self.pm.get_name(impl.plugin) for impl in reversed(caller.get_hookimpls())]

    def _caller_for(self, hook: str, name: str) -> Any:
        key = (hook, name)
        if key not in self._subset:
            others = [p for n, p in self.pm.list_name_plugin() if n != name]
            self._subset[key] = self.pm.subset_hook_caller(hook, remove_plugins=others)
        return self._subset[key]

    def call_one(self, hook: str, name: str, **kwargs: Any) -> Any:
        """Call one plugin's implementation of `hook` (through pluggy, so monitoring sees it)."""
        return self._caller_for(hook, name)(**kwargs)

    def call_each(
        self,
        hook: str,
        make_kwargs: Callable[[str], dict[str, Any]],
        failures: list[PluginFailure],
    ) -> Iterator[tuple[str, Any]]:
        """Call every implementation of `hook` in turn; failures are recorded, not raised."""
        for name in self.implementations(hook):
            try:
                yield name, self.call_one(hook, name, **make_kwargs(name))
            except Exception as exc:  # isolate any plugin bug
                failures.append(PluginFailure(name, hook, describe_exception(exc)))


def _selected(env_value: str | None) -> set[str] | None:
    if env_value is None or not env_value.strip():
        return None
    return {n.strip() for n in env_value.split(",") if n.strip()}


def _entry_points() -> list[Any]:
    from importlib.metadata import entry_points

    eps = entry_points(group=ENTRY_POINT_GROUP)
    # One plugin per name; sorted so that loading order never depends on install order.
    unique: dict[str, Any] = {}
    for ep in sorted(eps, key=lambda e: (e.name, e.value)):
        unique.setdefault(ep.name, ep)
    return list(unique.values())


def load_plugins(
    disable: Iterable[str] = (),
    env: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> PluginHost:
    """Load plugins from the entry-point group (built-ins included) into a new host.

    :param disable: names from ``[plugins] disable`` in the configuration.
    :param env: environment (default ``os.environ``); ``AUDITOR_LOAD_PLUGINS`` selects names.
    :param extra: in-process plugin objects by name (used by :mod:`auditor.testing`).
    """
    env = os.environ if env is None else env
    selected = _selected(env.get(ENV_VAR))
    disabled = set(disable)
    host = PluginHost()

    def wanted(name: str) -> bool:
        return name not in disabled and (selected is None or name in selected)

    seen: set[str] = set()
    for ep in _entry_points():
        if not wanted(ep.name):
            seen.add(ep.name)
            continue
        try:
            module = ep.load()
        except Exception as exc:  # a broken third-party package must not stop the run
            warnings.warn(
                f"plugin {ep.name!r} could not be loaded and is skipped: {describe_exception(exc)}",
                PluginWarning,
                stacklevel=2,
            )
            seen.add(ep.name)
            continue
        dist_version = getattr(getattr(ep, "dist", None), "version", None)
        builtin = ep.name in DEFAULT_PLUGINS and ep.value == DEFAULT_PLUGINS[ep.name]
        try:
            host.register(ep.name, module, _version_of(module, dist_version), builtin)
        except Exception as exc:  # e.g. a hook with an unknown name or bad signature
            warnings.warn(
                f"plugin {ep.name!r} could not be registered and is skipped: {describe_exception(exc)}",
                PluginWarning,
                stacklevel=2,
            )
        seen.add(ep.name)
    # Fallback for an uninstalled source tree: built-ins by module path.
    for name, modpath in DEFAULT_PLUGINS.items():
        if name in seen or not wanted(name):
            continue
        try:
            module = importlib.import_module(modpath)
        except Exception as exc:
            warnings.warn(
                f"built-in plugin {name!r} could not be loaded: {describe_exception(exc)}",
                PluginWarning,
                stacklevel=2,
            )
            continue
        from . import __version__

        host.register(name, module, __version__, True)
    for name, obj in sorted((extra or {}).items()):
        if wanted(name):
            host.register(name, obj, getattr(obj, "__version__", "0"), False)
    if selected:
        for missing in sorted(selected - set(host.infos) - disabled):
            print(f"auditor: warning: {ENV_VAR} names unknown plugin {missing!r}", file=sys.stderr)
    return host
