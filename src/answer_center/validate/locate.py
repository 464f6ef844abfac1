"""Where a piece of a decoded string value was written in its source file.

Positions of values come from the loader; a check that finds something *inside* a value (a
key in a sentence, a link in a paragraph) wants the line and column of that piece, so an
editor's cursor lands on it rather than on the start of a long block.
"""

from __future__ import annotations

import bisect

from answer_center.load import Document, Where


class TextLocator:
    """Finds the source line and column of a span of a decoded string value."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.source.decode("utf-8", errors="replace")
        self.line_starts = [0]
        self.line_starts.extend(i + 1 for i, c in enumerate(self.text) if c == "\n")
        positions = [*document.values.values(), *document.keys.values()]
        # Where the next written value or key begins bounds the search for this one's text.
        self.boundaries = sorted({self._offset(p.line, p.column) for p in positions})

    def _offset(self, line: int, column: int) -> int:
        return self.line_starts[min(line, len(self.line_starts)) - 1] + column - 1

    def locate(
        self, where: Where, value: str, start: int, end: int, *, key: bool = False
    ) -> tuple[int, int]:
        """Line and column of ``value[start:end]``, the string at ``where``.

        ``key`` says the string is the key naming ``where`` rather than its value. The
        span's own place when its text appears verbatim in the file (plain, quoted and
        block scalars), else the start of the string (escapes or folded lines hide it).
        """
        document = self.document
        position = document.key_position(where) if key else document.value_position(where)
        if not self.text:
            return position.line, position.column
        begin = self._offset(position.line, position.column)
        after = bisect.bisect_right(self.boundaries, begin)
        limit = self.boundaries[after] if after < len(self.boundaries) else len(self.text)
        # Block scalars indent every line, so only the span's first line is verbatim.
        needle = value[start:end].split("\n", 1)[0]
        earlier = value.count(needle, 0, start)
        index = begin - 1
        for _ in range(earlier + 1):
            index = self.text.find(needle, index + 1, limit)
            if index < 0:
                return position.line, position.column
        line = bisect.bisect_right(self.line_starts, index)
        return line, index - self.line_starts[line - 1] + 1
