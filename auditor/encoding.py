"""Byte-order marks, shared by every reader and by the engine's streaming of large files."""

from __future__ import annotations

import codecs

#: Longest marks first: a UTF-32-LE mark starts with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_codec(data: bytes) -> str | None:
    """The Python codec a leading byte-order mark announces, or None without one."""
    for mark, codec in BOMS:
        if data.startswith(mark):
            return codec
    return None
