"""auditor: a plugin-based document provenance and duplication auditor."""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

#: Decorate plugin functions with this to implement a hook from :mod:`auditor.hookspecs`.
hookimpl = pluggy.HookimplMarker("auditor")

__all__ = ["__version__", "hookimpl"]
