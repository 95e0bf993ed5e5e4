"""The hooks a plugin can implement.

Every hook receives keyword arguments only; a plugin implements the ones it needs and
names only the parameters it uses (pluggy passes the rest by name). Hooks that produce
things call ``register(...)`` rather than return lists, so one implementation may
contribute any number of items and the engine knows which plugin contributed each one.

The engine calls hooks in this order, one way only:

1. ``auditor_register_config`` and ``auditor_register_commands`` (start-up)
2. ``auditor_read`` for every discovered file (per document, parallel)
3. ``auditor_corpus_learn`` once, over all documents (corpus)
4. ``auditor_boilerplate`` then ``auditor_analyze`` for every document (per document,
   parallel, pure and cacheable)
5. ``auditor_corpus_repeats``, then ``auditor_corpus_check`` (corpus)
6. ``auditor_findings`` for every assembled audit, then the writers.

Each implementation runs isolated: if it raises, its file(s) get an
``auditor.plugin-error`` finding and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .context import Corpus, DocumentView, PluginContext
    from .model import Audit, Command, ConfigField, Document

hookspec = pluggy.HookspecMarker("auditor")


@hookspec
def auditor_register_config(register: Callable[[ConfigField], None]) -> None:
    """Declare this plugin's configuration keys; called once at start-up.

    :param register: call with one :class:`ConfigField` per key. The keys form the table
        named after the plugin's entry-point name in ``audit.toml``; values users give are
        type-checked against them and defaults fill the rest.
    """


@hookspec
def auditor_register_commands(register: Callable[[Command], None]) -> None:
    """Add sub-commands to the ``auditor`` CLI; called once when the CLI starts.

    :param register: call with one :class:`Command` per sub-command.
    """


@hookspec(firstresult=True)
def auditor_read(path: str, data: bytes, ctx: PluginContext) -> Document | None:
    """Turn a file's raw bytes into a :class:`Document`; firstresult.

    :param path: the POSIX path relative to the audited root (becomes ``Document.path``).
    :param data: the file's raw bytes, already size-checked.
    :param ctx: this plugin's context (its configuration table).
    :return: a Document, or None when this reader does not handle the file, so the next
        reader is asked. Raise :class:`auditor.errors.InputError` for a file this reader
        owns but cannot read (the message names the problem, not the path).
    """


@hookspec
def auditor_corpus_learn(
    documents: Sequence[Document], ctx: PluginContext, register: Callable[[Any], None]
) -> None:
    """Learn corpus-wide tables (e.g. lines recurring across files) before analysis.

    :param documents: every document of the run, sorted by path.
    :param ctx: this plugin's context; ``ctx.cache`` (when the incremental cache is on)
        can memoise per-document observations by content hash across runs.
    :param register: call once with a :class:`LearnedTable`; its digest becomes part of
        the cache key of every per-document result, and the table is then available to
        all plugins as ``ctx.learned[plugin_name]``.
    """


@hookspec
def auditor_boilerplate(
    document: Document, ctx: PluginContext, register: Callable[[Any], None]
) -> None:
    """Mark the spans of one document that are not its article text; pure, cacheable.

    :param document: the decoded document.
    :param ctx: this plugin's context, including ``ctx.learned`` tables.
    :param register: call with one :class:`Span` per boilerplate span. The engine
        resolves overlaps by category precedence (AUDIT_FORMAT.md) so spans never overlap.
    """


@hookspec
def auditor_analyze(
    view: DocumentView, ctx: PluginContext, register: Callable[[Any], None]
) -> None:
    """Analyse one document once its boilerplate is known; pure, cacheable.

    :param view: the document, its resolved boilerplate spans and its cleaned text with an
        offset map back to the original.
    :param ctx: this plugin's context.
    :param register: call with a :class:`Provenance` (fields merged, first plugin wins),
        a :class:`Finding` on this document, or a :class:`Data` payload the plugin reads back
        in its corpus hooks as ``record.data[plugin_name]`` (must be picklable).
    """


@hookspec
def auditor_corpus_repeats(
    corpus: Corpus, ctx: PluginContext, register: Callable[[Any], None]
) -> None:
    """Find content shared between files; called once with the whole corpus.

    :param corpus: every document's record (document, spans, provenance, data).
    :param ctx: this plugin's context.
    :param register: call with a :class:`Repeat` per (file, other file) direction, and with
        :class:`Finding` objects whose ``path`` names the file they belong to.
    """


@hookspec
def auditor_corpus_check(
    corpus: Corpus, ctx: PluginContext, register: Callable[[Any], None]
) -> None:
    """Cross-file checks that need the repeats (e.g. a copy that drops its origin's author).

    :param corpus: the records plus ``corpus.repeats``, every Repeat registered so far.
    :param ctx: this plugin's context.
    :param register: call with :class:`Finding` objects whose ``path`` is set.
    """


@hookspec
def auditor_findings(audit: Audit, ctx: PluginContext, register: Callable[[Any], None]) -> None:
    """Contribute findings to one assembled audit, after all corpus hooks.

    :param audit: the audit as it will be written, without this hook's findings.
    :param ctx: this plugin's context.
    :param register: call with one :class:`Finding` per finding on this file.
    """
