"""The one filter that keeps untrusted text from driving a terminal: what policykg prints for
a person to read (``inspect``, ``query``'s tables, every command's output on a console, error
sentences) passes through :func:`terminal_safe`.

Source text may hold escape sequences (ESC, CSI U+009B), other C0 and C1 controls, DEL and
bidirectional overrides that would recolour, move or hide what a terminal shows. Each is
written as a visible ``\\uXXXX`` escape, which is also a valid escape inside a JSON string; tab
and line feed stay as they are. Everything else is left alone.
"""

from __future__ import annotations

import io
import re
from typing import TextIO

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every control and bidi-override character written as ``\\uXXXX``."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _UNSAFE.search(text) else text


class TerminalSafeWriter(io.TextIOBase):
    """A text stream that writes through :func:`terminal_safe` to another one."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")
