"""Errors the engine turns into clear messages (never tracebacks)."""

from __future__ import annotations


class AuditorError(Exception):
    """Base class; the CLI prints the message and exits with `exit_code`."""

    exit_code = 2


class ConfigError(AuditorError):
    """A configuration file or flag is wrong; the message names the file and key."""


class InputError(AuditorError):
    """A file cannot be read or decoded; the message names the problem (the engine adds the path)."""
