"""The words of diagnostics: ``words/diagnostics.yaml``, read and checked here.

Every rule a check reports has an entry there: one or more message templates (a rule may
have variants, such as ``yaml/syntax`` per parser problem), each written in every language
of :data:`LANGUAGES` with the same ``{name}`` places, and a short fix for the rules table
of CONTRIBUTING.md. A check builds a diagnostic from a rule, a template key and the values
of its places; the printer picks the language. Some values are words themselves (a kind of
entry, a YAML type): their translations are the catalog's ``terms``, by place name.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("zh-CN", "en")
"""The languages every diagnostic is written in; the first is the default."""
DEFAULT_KEY = "default"
"""The template of a rule that has only one."""


@dataclass(frozen=True, order=True)
class Translated:
    """A value that is words in every language, from outside the catalog (a schema's
    ``errorMessage`` and its ``x-error-message-en``)."""

    texts: tuple[tuple[str, str], ...]

    def get(self, language: str) -> str:
        """The text in ``language``, else in the last language that has one."""
        found = dict(self.texts)
        return found.get(language) or found.get(LANGUAGES[-1]) or self.texts[0][1]


Param = str | int | tuple[str, ...] | Translated
Params = tuple[tuple[str, Param], ...]


class UnknownMessageError(KeyError):
    """A check built a diagnostic that the catalog cannot write: a bug, never bad input."""


@dataclass(frozen=True)
class Template:
    """One message of a rule, in every language."""

    texts: Mapping[str, str]
    places: frozenset[str]
    """The ``{name}`` places, the same in every language."""


@dataclass(frozen=True)
class Rule:
    """A rule's entry: its messages by key, and how to fix what it reports."""

    name: str
    fix: Mapping[str, str]
    messages: Mapping[str, Template]
    title: Mapping[str, str] | None
    """A short name of what the rule finds (report headings), when it has one."""


def places(text: str) -> frozenset[str]:
    """The ``{name}`` places of a template (format specs such as ``{size:,}`` allowed)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


class Catalog:
    """Every rule's messages and fixes, and the translated terms that fill them."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.terms: Mapping[str, Mapping[str, Mapping[str, str]]] = data["terms"]
        self.separators: Mapping[str, Mapping[str, str]] = data["separators"]
        self.printed: Mapping[str, Mapping[str, Any]] = data["printed"]
        self.rules = {name: _rule(name, entry) for name, entry in data["rules"].items()}

    def rule(self, name: str) -> Rule:
        """The entry of ``name``; ``family/<id>`` falls back to a ``family/*`` entry, and
        ``<kind>/duplicate-<field>`` to ``*/duplicate-*``."""
        family, _, rest = name.partition("/")
        found = (
            self.rules.get(name)
            or self.rules.get(f"{family}/*")
            or self.rules.get(f"*/{rest.split('-')[0]}-*")
        )
        if found is None:
            raise UnknownMessageError(f"words/diagnostics.yaml has no rule {name}")
        return found

    def check(self, rule: str, key: str, params: Params) -> None:
        """Raise UnknownMessageError unless the catalog can write this message."""
        template = self.rule(rule).messages.get(key)
        if template is None:
            raise UnknownMessageError(f"words/diagnostics.yaml: {rule} has no message {key}")
        given = frozenset(name for name, _ in params)
        if given != template.places:
            raise UnknownMessageError(
                f"words/diagnostics.yaml: {rule}.{key} takes {sorted(template.places)}, "
                f"given {sorted(given)}"
            )
        for name, value in params:
            table = self.terms.get(name)
            if table is None:
                continue
            for item in value if isinstance(value, tuple) else (value,):
                if str(item) not in table:
                    raise UnknownMessageError(
                        f"words/diagnostics.yaml: terms.{name} has no {item!r} ({rule}.{key})"
                    )

    def render(self, rule: str, key: str, params: Params, language: str) -> str:
        """The message in ``language`` with its places filled."""
        template = self.rule(rule).messages[key]
        text = template.texts[_known(language)]
        return text.format(**{name: self.value(name, v, language) for name, v in params})

    def value(self, name: str, value: Param, language: str) -> str | int:
        """A place's value as the message shows it: terms translated, lists joined."""
        table = self.terms.get(name)
        lang = _known(language)
        if isinstance(value, Translated):
            return value.get(lang)
        if isinstance(value, tuple):
            items = [table[item][lang] if table else item for item in value]
            separator = self.separators.get(name) or self.separators["default"]
            return separator[lang].join(items)
        if table is not None:
            return table[str(value)][lang]
        return value

    def title(self, rule: str, language: str) -> str:
        """The rule's short name (report headings); KeyError when it has none."""
        title = self.rule(rule).title
        if title is None:
            raise UnknownMessageError(f"words/diagnostics.yaml: {rule} has no title")
        return title[_known(language)]

    def counted(self, noun: str, count: int, language: str) -> str:
        """``3 errors`` / ``3 个错误``: a count with its noun."""
        forms = self.printed["nouns"][_known(language)][noun]
        return f"{count} {forms[0] if count == 1 else forms[1]}"

    def sentence(self, key: str, language: str, **values: object) -> str:
        """A line printed around diagnostics (the summary, "build failed"), filled."""
        return str(self.printed[key][_known(language)]).format(**values)


def _known(language: str) -> str:
    return language if language in LANGUAGES else LANGUAGES[-1]


def _rule(name: str, entry: Mapping[str, Any]) -> Rule:
    messages = {}
    for key, texts in entry["messages"].items():
        found = {language: places(texts[language]) for language in LANGUAGES}
        if len(set(found.values())) != 1:
            raise ValueError(f"words/diagnostics.yaml: {name}.{key}: places differ: {found}")
        messages[key] = Template(texts, found[LANGUAGES[0]])
    return Rule(name, entry["fix"], messages, entry.get("title"))


@functools.cache
def catalog() -> Catalog:
    """The catalog of ``words/diagnostics.yaml``, read once."""
    text = resources.files("answer_center").joinpath("words", "diagnostics.yaml").read_text("utf-8")
    return Catalog(yaml.safe_load(text))


def language_of_site(site_language: object) -> str:
    """The language diagnostics speak by default: Chinese for a Chinese site, or when the
    site's language cannot be read (editors are Chinese writers); English otherwise."""
    if not isinstance(site_language, str) or site_language.lower().startswith("zh"):
        return LANGUAGES[0]
    return "en"
