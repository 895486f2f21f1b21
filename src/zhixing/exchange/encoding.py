"""Text encoding of batch files, detected from the bytes: UTF-8 (with or without BOM), else GB18030."""

from __future__ import annotations

import codecs


class EncodingProblem(ValueError):
    pass


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name). Raises EncodingProblem when neither UTF-8 nor GB18030 decodes it."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 (BOM)"
        except UnicodeDecodeError as exc:
            raise EncodingProblem(
                f"以 UTF-8 BOM 开头，但第 {exc.start} 字节起不是有效的 UTF-8"
            ) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise EncodingProblem("文件是 UTF-16 编码，只接受 UTF-8 或 GB18030")
    for encoding, label in (("utf-8", "UTF-8"), ("gb18030", "GB18030")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            # UTF-16 without a BOM decodes "successfully" as either, with NULs between characters.
            raise EncodingProblem("文件含有 NUL 字符（可能是 UTF-16），只接受 UTF-8 或 GB18030")
        return text, label
    raise EncodingProblem("编码既不是 UTF-8 也不是 GB18030")
