"""Bytes to text: encoding detection and binary refusal.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then strict UTF-8;
then charset-normalizer's best guess among the single-byte encodings news
sites use (Windows-1252, Latin-1, …). Bytes that look binary (NUL bytes,
many control characters) are refused.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from claimgraph.errors import BinaryInputError

__all__ = ["decode_bytes", "encoding_warning", "normalize_newlines", "replace_lone_surrogates"]

#: Encodings read without guessing (a byte-order mark, or valid UTF-8).
UNICODE_ENCODINGS = frozenset({"utf-8", "utf-16", "utf-32"})
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes, source: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; return ``(text, encoding)``.

    Newlines are normalised to ``\\n``. Raises :class:`BinaryInputError` for
    data that is not text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise BinaryInputError(f"invalid {encoding} text ({exc.reason})", source=source) from None
            return normalize_newlines(text), encoding.replace("-sig", "")
    if _looks_binary(data):
        raise BinaryInputError("binary data, not text (expected .txt, .html or .jsonl)", source=source)
    try:
        return normalize_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(
        data[:200_000],
        cp_isolation=[
            "cp1252",
            "latin_1",
            "iso8859_15",
            "cp1251",
            "koi8_r",
            "shift_jis",
            "gb18030",
            "big5",
            "euc_kr",
        ],
    ).best()
    encoding = best.encoding if best is not None else "cp1252"
    if encoding == "latin_1":
        # Windows-1252 is a superset of Latin-1 for printable text (curly quotes, dashes).
        encoding = "cp1252"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin_1"
    return normalize_newlines(text), codecs.lookup(encoding).name


def normalize_newlines(text: str) -> str:
    """Windows (``\\r\\n``) and old Mac (lone ``\\r``) line ends as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def encoding_warning(encoding: str) -> str | None:
    """The document warning for text that was not valid Unicode and had its single-byte
    code page guessed (None for UTF-8, UTF-16 and UTF-32)."""
    if encoding in UNICODE_ENCODINGS:
        return None
    return (
        f"the bytes are not valid UTF-8: decoded as {encoding}, a guess "
        "(check accented letters and quotation marks)"
    )


def replace_lone_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate code point (U+D800–U+DFFF, which no encoder, parser or
    JSON writer accepts) replaced by U+FFFD, and how many there were. Offsets do not move:
    one code point stands for one."""
    if not _LONE_SURROGATE.search(text):
        return text, 0
    return _LONE_SURROGATE.subn("\ufffd", text)
