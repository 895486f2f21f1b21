"""Text encoding of batch files, detected from the bytes: UTF-8 (with or without BOM), else GB18030."""

from __future__ import annotations

import codecs


class EncodingProblem(ValueError):
    """``line`` is the physical line of the first byte that does not decode (1 = the first
    line), or 0 when the problem is the file as a whole."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _cut_or_broken(data: bytes, exc: UnicodeDecodeError, encoding: str, skipped: int = 0) -> EncodingProblem:
    offset = exc.start + skipped
    where = f"第 {offset + 1} 字节"
    if exc.end + skipped >= len(data) and exc.reason.startswith("unexpected end"):
        return EncodingProblem(f"文件在一个多字节字符中间截断（{where}，{encoding}）", _line_of(data, offset))
    return EncodingProblem(f"{where}起不是有效的 {encoding}", _line_of(data, offset))


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name). Raises EncodingProblem when neither UTF-8 nor GB18030 decodes it."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 (BOM)"
        except UnicodeDecodeError as exc:
            raise _cut_or_broken(data, exc, "UTF-8", len(codecs.BOM_UTF8)) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise EncodingProblem("文件是 UTF-16 编码，只接受 UTF-8 或 GB18030")
    try:
        text, label = data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as utf8_error:
        if any(byte >= 0x80 for byte in data[: utf8_error.start]):
            # Multibyte UTF-8 decoded before the failure: a UTF-8 file, cut or damaged there,
            # which GB18030 would otherwise "decode" into other characters.
            raise _cut_or_broken(data, utf8_error, "UTF-8") from utf8_error
        try:
            text, label = data.decode("gb18030"), "GB18030"
        except UnicodeDecodeError as gb_error:
            problem = _cut_or_broken(data, gb_error, "GB18030")
            raise EncodingProblem(f"编码既不是 UTF-8 也不是 GB18030：{problem}", problem.line) from gb_error
    if "\x00" in text:
        # UTF-16 without a BOM decodes "successfully" as either, with NULs between characters.
        raise EncodingProblem("文件含有 NUL 字符（可能是 UTF-16），只接受 UTF-8 或 GB18030")
    return text, label
