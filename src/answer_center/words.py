"""Interface words as data: one file per language in ``words/``, read here.

Every heading, label and sentence of ours that a page, mirror, feed or llms file shows
comes from ``words/<language>.yaml``, keyed by dotted names (``answer.short_answer``);
Python holds no interface text. A sentence may hold ``{name}`` places that the caller fills
with content (a date, a link, a field), so word order stays the translator's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any

import yaml

from answer_center.view import Field, Inline, Piece, Words

_PLACE = re.compile(r"\{([a-z_]+)\}")
FALLBACK = "en"
DIAGNOSTICS_FILE = "diagnostics.yaml"
"""The words of diagnostics, in every language at once (see diagnostic_words)."""


@functools.cache
def _load(name: str) -> Mapping[str, Any]:
    text = resources.files("answer_center").joinpath("words", f"{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"words/{name}.yaml: expected a mapping")
    return data


def available(name: str) -> bool:
    """True when ``words/<name>.yaml`` holds the words of language ``name``."""
    return (
        f"{name}.yaml" != DIAGNOSTICS_FILE
        and resources.files("answer_center").joinpath("words", f"{name}.yaml").is_file()
    )


def languages() -> tuple[str, ...]:
    """Every language that has a words file, sorted."""
    folder = resources.files("answer_center").joinpath("words")
    return tuple(
        sorted(
            entry.name.removesuffix(".yaml")
            for entry in folder.iterdir()
            if entry.name.endswith(".yaml") and entry.name != DIAGNOSTICS_FILE
        )
    )


@functools.cache
def vocabulary(language: str) -> Vocabulary:
    """The words of a language (falling back to its primary subtag, then English)."""
    return Vocabulary(language)


class Vocabulary:
    """The words of one language."""

    def __init__(self, language: str) -> None:
        chosen = language if available(language) else language.split("-")[0]
        self.language = chosen if available(chosen) else FALLBACK
        self._data = _load(self.language)

    def __call__(self, key: str, **values: object) -> str:
        """The text at ``key``, with its ``{name}`` places filled by ``values``."""
        text = self._lookup(key)
        if not isinstance(text, str):
            raise KeyError(f"words/{self.language}.yaml: {key} is not a text")
        return _PLACE.sub(lambda m: str(values[m.group(1)]), text) if values else text

    def list(self, key: str) -> tuple[str, ...]:
        """The texts of a list at ``key``."""
        found = self._lookup(key)
        if not isinstance(found, list) or not all(isinstance(t, str) for t in found):
            raise KeyError(f"words/{self.language}.yaml: {key} is not a list of texts")
        return tuple(found)

    def table(self, key: str) -> Mapping[str, Any]:
        """The mapping at ``key``."""
        found = self._lookup(key)
        if not isinstance(found, dict):
            raise KeyError(f"words/{self.language}.yaml: {key} is not a mapping")
        return found

    def inline(self, key: str, **pieces: Inline | str) -> Inline:
        """The sentence at ``key`` as inline pieces: our words, with each ``{name}`` place
        holding the given pieces (a string is more words of ours)."""
        text = self(key)
        out: list[Piece] = []
        position = 0
        for match in _PLACE.finditer(text):
            if match.start() > position:
                out.append(Words(text[position : match.start()]))
            value = pieces[match.group(1)]
            out.extend((Words(value),) if isinstance(value, str) else value)
            position = match.end()
        if position < len(text):
            out.append(Words(text[position:]))
        return tuple(out)

    def markup(self, key: str) -> Inline:
        """Words of ours that use the inline markup subset (`code` in explanations)."""
        return (Field(self(key)),)

    def _lookup(self, key: str) -> Any:
        node: Any = self._data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"words/{self.language}.yaml has no {key}")
            node = node[part]
        return node
