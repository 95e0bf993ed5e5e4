"""Built-in reader for plain text and Markdown: bytes to text with the codec recorded.

It is the reader of last resort (``trylast``), so format-specific readers such as ``html``
are asked first. Decoding order: byte-order mark, strict UTF-8, then a charset detector
(charset-normalizer) restricted to plausible single-byte codecs, with cp1252 as the final
fallback. Binary data is refused with a clear message instead of being decoded into noise.
"""

from __future__ import annotations

import codecs
import hashlib
import re

from auditor import hookimpl
from auditor.encoding import bom_codec
from auditor.errors import InputError
from auditor.model import ConfigField, Document

# C0 controls other than tab, line feed, carriage return and form feed / vertical tab, plus DEL.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


@hookimpl
def auditor_register_config(register):
    register(
        ConfigField(
            "fallback_encodings",
            list,
            ["cp1252", "latin-1"],
            "Codecs tried, in order, when a file is neither UTF-8 nor has a byte-order mark "
            "and the detector is unsure.",
        )
    )
    register(
        ConfigField(
            "max_control_ratio",
            float,
            0.01,
            "A decoded file with more control characters than this fraction is treated as binary.",
        )
    )


def _looks_binary(text: str, limit: float) -> bool:
    if not text:
        return False
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) / len(sample) > limit


def decode(data: bytes, fallbacks: list[str], max_control: float) -> tuple[str, str]:
    """Decode `data`; return (text without BOM, Python codec name)."""
    codec = bom_codec(data)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"starts with a {codec} byte-order mark but is not valid {codec}: {exc.reason} at byte {exc.start}"
            ) from None
        return text.removeprefix("\ufeff"), codec
    if b"\x00" in data[:65536]:
        raise InputError("binary file (contains NUL bytes); skipped")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if _looks_binary(text, max_control):
            raise InputError("binary file (control characters); skipped")
        return text, "utf-8"
    candidates: list[str] = []
    # A detector needs evidence: with only a handful of non-ASCII bytes, the common Western
    # fallbacks are the better guess than whichever codec happens to score best.
    non_ascii = sum(1 for b in data[:200_000] if b >= 0x80)
    try:
        if non_ascii < 32:
            raise LookupError("too little evidence for detection")
        from charset_normalizer import from_bytes

        matches = from_bytes(data[:200_000])
        best = matches.best()
        if best is not None and best.encoding and not best.encoding.startswith("utf"):
            # On short texts several single-byte codecs tie; the most common one wins a tie.
            common = [m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01]
            candidates.append("cp1252" if common else codecs.lookup(best.encoding).name)
    except Exception:  # the detector is an aid, never a reason to fail (nor a must)
        pass
    for codec in candidates + list(fallbacks):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_binary(text, max_control):
            raise InputError("binary file (control characters); skipped")
        return text, codecs.lookup(codec).name
    raise InputError("cannot be decoded as text (not UTF-8 and no fallback codec fits)")


@hookimpl(trylast=True)
def auditor_read(path, data, ctx):
    text, encoding = decode(
        data,
        list(ctx.config.get("fallback_encodings", ["cp1252"])),
        ctx.config.get("max_control_ratio", 0.01),
    )
    return Document(
        path=path,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        kind="source",
        size=len(data),
    )
