"""The JSON Schema of the audit format, and its strict variant (no unknown keys)."""

from __future__ import annotations

import copy
import json
from typing import Any

_LINES = {"type": "array", "items": {"type": "integer", "minimum": 1}, "minItems": 2, "maxItems": 2}
_OFFSET = {"type": "integer", "minimum": 0}
_RATIO = {"type": "number", "minimum": 0, "maximum": 1}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def audit_schema() -> dict[str, Any]:
    """The published (lenient) schema: extra fields are allowed, as the format permits."""
    from .model import CATEGORIES, RELATIONS, SEVERITIES

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://auditor.invalid/schema/audit-1.json",
        "title": "auditor audit (auditor.audit/1)",
        "type": "object",
        "required": [
            "schema",
            "path",
            "sha256",
            "encoding",
            "text",
            "text_sha256",
            "chars",
            "provenance",
        ],
        "properties": {
            "schema": {"const": "auditor.audit/1"},
            "path": {"type": "string", "minLength": 1},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "encoding": {"type": "string", "minLength": 1},
            "text": {"enum": ["source", "html-visible"]},
            "text_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "chars": _OFFSET,
            "provenance": {
                "type": "object",
                "required": ["byline"],
                "properties": {
                    "byline": {"type": "array", "items": {"type": "string", "minLength": 1}},
                    "outlet": {"type": "string"},
                    "date": _DATE,
                    "date_source": {"type": "string"},
                    "updated": _DATE,
                    "date_text": {"type": "string"},
                    "date_partial": {"type": "boolean"},
                    "copyright_holder": {"type": "string"},
                    "copyright_year": {"type": "integer"},
                    "syndicated_via": {"type": "string"},
                },
            },
            "boilerplate": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["category", "start", "end", "lines"],
                    "properties": {
                        "category": {"enum": list(CATEGORIES)},
                        "start": _OFFSET,
                        "end": _OFFSET,
                        "lines": _LINES,
                    },
                },
            },
            "repeats": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["other", "relation", "similarity", "containment", "passages"],
                    "properties": {
                        "other": {"type": "string"},
                        "relation": {"enum": list(RELATIONS)},
                        "similarity": _RATIO,
                        "containment": _RATIO,
                        "passages": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "type": "object",
                                "required": [
                                    "start",
                                    "end",
                                    "lines",
                                    "other_start",
                                    "other_end",
                                    "other_lines",
                                    "words",
                                ],
                                "properties": {
                                    "start": _OFFSET,
                                    "end": _OFFSET,
                                    "lines": _LINES,
                                    "other_start": _OFFSET,
                                    "other_end": _OFFSET,
                                    "other_lines": _LINES,
                                    "words": {"type": "integer", "minimum": 0},
                                },
                            },
                        },
                    },
                },
            },
            "findings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "severity", "message", "plugin"],
                    "properties": {
                        "code": {"type": "string", "minLength": 1},
                        "severity": {"enum": list(SEVERITIES)},
                        "message": {"type": "string"},
                        "plugin": {"type": "string"},
                        "other": {"type": "string"},
                        "start": _OFFSET,
                        "end": _OFFSET,
                        "lines": _LINES,
                    },
                },
            },
        },
    }


def corpus_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "auditor corpus (auditor.corpus/1)",
        "type": "object",
        "required": ["schema", "files", "clusters"],
        "properties": {
            "schema": {"const": "auditor.corpus/1"},
            "files": {"type": "integer", "minimum": 0},
            "clusters": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "members"],
                    "properties": {
                        "id": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
                        "origin": {"type": "string"},
                        "members": {
                            "type": "array",
                            "minItems": 2,
                            "items": {
                                "type": "object",
                                "required": ["path", "relation"],
                                "properties": {
                                    "path": {"type": "string"},
                                    "relation": {"enum": ["origin", "copy-of", "shares-passages"]},
                                },
                            },
                        },
                    },
                },
            },
        },
    }


def strict(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy in which every object forbids keys its schema does not name."""
    out = copy.deepcopy(schema)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(out)
    return out


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
