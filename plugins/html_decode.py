"""Bytes to text for the ``html`` reader: byte-order mark, declared charset, UTF-8, cp1252.

The order follows the WHATWG encoding sniffing algorithm in spirit (BOM first, then a
``<meta charset>`` / ``http-equiv`` / XML declaration found in a bounded prescan, then
UTF-8, then windows-1252), with the WHATWG label rules that matter in practice:
``iso-8859-1``/``latin1``/``ascii`` labels mean windows-1252, a ``utf-16`` label without a
BOM means UTF-8 and ``utf-7`` (an XSS vector) is never honoured. Undefined cp1252 bytes map
to the C1 control of the same value, as browsers do, so a mislabelled latin-1 page still
decodes. Binary data is refused with :class:`~auditor.errors.InputError`.
"""

from __future__ import annotations

import codecs
import re

from auditor.encoding import bom_codec
from auditor.errors import InputError

#: How many leading bytes are searched for a charset declaration (HTML says 1024; pages
#: with long inline head scripts put it later, so we look a little further).
PRESCAN_BYTES = 8192
_META_CHARSET = re.compile(
    rb"<meta\b[^>]{0,500}?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]{1,40})", re.IGNORECASE
)
_XML_DECL = re.compile(
    rb"^\s*<\?xml\b[^>]{0,200}?\bencoding\s*=\s*[\"']([A-Za-z0-9_.:\-]{1,40})[\"']", re.IGNORECASE
)
#: WHATWG label overrides (lower-cased label -> Python codec); None means "ignore the label".
_LABEL_OVERRIDES: dict[str, str | None] = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "x-user-defined": "cp1252",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "utf-32": "utf-8",
    "utf-7": None,
    "unicode-1-1-utf-7": None,
}
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: A decoded page with more control characters than this fraction is binary, not HTML.
MAX_CONTROL_RATIO = 0.01


def codec_for_label(label: str) -> str | None:
    """The Python codec for a charset label, or None when unknown or not a text codec."""
    key = label.strip().lower()
    if key in _LABEL_OVERRIDES:
        return _LABEL_OVERRIDES[key]
    try:
        info = codecs.lookup(key)
    except (LookupError, ValueError):
        return None
    # rot13, base64 and friends are codecs too; only real text encodings may decode pages.
    if not getattr(info, "_is_text_encoding", True):
        return None
    name = info.name
    if name in _LABEL_OVERRIDES:
        return _LABEL_OVERRIDES[name]
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def declared_charset(data: bytes) -> str | None:
    """The codec a page declares in its first bytes (XML declaration or meta), if usable."""
    head = data[:PRESCAN_BYTES]
    m = _XML_DECL.match(head)
    if m:
        codec = codec_for_label(m.group(1).decode("ascii", "replace"))
        if codec:
            return codec
    for m in _META_CHARSET.finditer(head):
        codec = codec_for_label(m.group(1).decode("ascii", "replace"))
        if codec:
            return codec
    return None


def _decode_cp1252_lenient(data: bytes) -> str:
    """cp1252 where the five undefined bytes become the C1 controls (WHATWG behaviour)."""
    return data.decode("cp1252", errors="_auditor_html_c1")


def _c1_handler(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(chr(b) for b in bad), exc.end


codecs.register_error("_auditor_html_c1", _c1_handler)


def _check_not_binary(text: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    if "\x00" in sample:
        raise InputError("binary data (NUL characters), not an HTML page")
    bad = len(_CONTROL_RE.findall(sample))
    if bad / len(sample) > MAX_CONTROL_RATIO:
        raise InputError("binary data (control characters), not an HTML page")


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page; return (text without BOM, Python codec name). Raises InputError."""
    codec = bom_codec(data)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"starts with a {codec} byte-order mark but is not valid {codec} "
                f"({exc.reason} at byte {exc.start})"
            ) from None
        text = text.removeprefix("\ufeff")
        _check_not_binary(text)
        return text, codec
    if b"\x00" in data[:65536]:
        raise InputError("binary data (NUL bytes), not an HTML page")
    attempts: list[str] = []
    declared = declared_charset(data)
    if declared:
        attempts.append(declared)
    for codec in ("utf-8", "cp1252"):
        if codec not in attempts:
            attempts.append(codec)
    for codec in attempts:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        _check_not_binary(text)
        return text, codec
    text = _decode_cp1252_lenient(data)
    _check_not_binary(text)
    return text, "cp1252"
