"""Terms of a text for matching questions to answers, the same for Chinese and English.

Chinese is written without spaces between words, and a word splitter would need a
dictionary; overlapping character bigrams need none and match any Chinese word of two or
more characters (限流 is the bigram 限流; 限流提示 holds 限流, 流提, 提示). Runs of Latin
letters and digits are words (``stream``, ``429``, ``base_url`` is ``base`` and ``url``).
Text is NFKC-normalised and lowercased first, so full-width ``４２９`` and ``Stream`` match
``429`` and ``stream``.
"""

from __future__ import annotations

import re
import unicodedata

_RUNS = re.compile(r"(?P<han>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|(?P<word>[a-z0-9]+)")
"""A run of CJK ideographs, or of ASCII letters and digits; anything else separates."""


def terms(text: str) -> list[str]:
    """The terms of ``text`` in order, repeats kept: words, and bigrams of Chinese runs
    (a single ideograph standing alone is a term of its own)."""
    found: list[str] = []
    for match in _RUNS.finditer(unicodedata.normalize("NFKC", text).lower()):
        run = match.group("han")
        if run is None:
            found.append(match.group("word"))
        elif len(run) == 1:
            found.append(run)
        else:
            found.extend(run[i : i + 2] for i in range(len(run) - 1))
    return found


def term_set(text: str) -> frozenset[str]:
    """The distinct terms of ``text``."""
    return frozenset(terms(text))
