"""Reading `vanban extract` output for `vanban load`: JSON lines, streamed, bad lines reported.

Files are read line by line in binary (never whole), so memory stays bounded by one line
(at most `MAX_LINE_BYTES`) plus what the loader batches. Every way a line can be wrong is
reported as `file:line: reason` and the line is skipped; the others are still read.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

MAX_LINE_BYTES = 64 * 1024 * 1024   # a longer line is refused, not read into memory
_SNIFF_BYTES = 8192                  # a NUL in the first 8 kB: binary (git's and grep's rule)


class InputError(Exception):
    """A whole input that cannot be read (missing, a directory, binary): `name: reason`."""


def check_input(name: str) -> None:
    """Raise InputError when FILE cannot be loaded at all (`-` is standard input)."""
    if name == "-":
        return
    path = Path(name)
    if path.is_dir():
        raise InputError(f"{name}: is a directory, not a JSON lines file")
    if not path.exists():
        raise InputError(f"{name}: no such file")
    try:
        with path.open("rb") as f:
            head = f.read(_SNIFF_BYTES)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if b"\0" in head:
        raise InputError(f"{name}: a binary file, not JSON lines (`vanban extract` output)")


def _lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """The lines of `stream`; None for a line longer than MAX_LINE_BYTES (skipped unread)."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while True:   # drop the rest of the overlong line without keeping it
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def parse_line(raw: bytes | None) -> dict[str, Any]:
    """One JSON lines record; raises ValueError saying what is wrong with the line."""
    if raw is None:
        raise ValueError(f"line longer than {MAX_LINE_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})") \
            from None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("JSON nested too deep") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    try:   # a lone surrogate (`"\ud800"`) is valid JSON but no store can hold it
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("a string holds a lone surrogate (not Unicode text)") from None
    except RecursionError:
        raise ValueError("JSON nested too deep") from None
    return record


class RecordSource:
    """The records of several JSON lines files in order, read lazily.

    `where(index)` names the line of the `index`-th record yielded (for errors the store
    reports by index) from 4 bytes per record, not from the records themselves.
    """

    def __init__(self, names: tuple[str, ...] | list[str],
                 on_error: Callable[[str], None]):
        self.names = list(names)
        self.on_error = on_error
        self.bad_lines = 0
        self._lineno = array("L")
        self._file_starts: list[tuple[int, str]] = []   # (first record index, file name)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for name in self.names:
            self._file_starts.append((len(self._lineno), name))
            stream = sys.stdin.buffer if name == "-" else open(name, "rb")
            try:
                for lineno, raw in enumerate(_lines(stream), 1):
                    if raw is not None and not raw.strip():
                        continue
                    try:
                        record = parse_line(raw)
                    except ValueError as exc:
                        self.bad_lines += 1
                        self.on_error(f"{self._label(name)}:{lineno}: {exc}")
                        continue
                    self._lineno.append(lineno)
                    yield record
            finally:
                if stream is not sys.stdin.buffer:
                    stream.close()

    @staticmethod
    def _label(name: str) -> str:
        return "<stdin>" if name == "-" else name

    def where(self, index: int) -> str:
        """`file:line` of the `index`-th record yielded."""
        name = next(n for start, n in reversed(self._file_starts) if start <= index)
        return f"{self._label(name)}:{self._lineno[index]}"
