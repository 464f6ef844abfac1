"""The sensitive-data gate: keys, tokens, personal data and internal addresses never publish.

Every string of a document is scanned, after YAML decoding, with the rules of
:mod:`answer_center.validate.secret_rules`, twice: as written, and as published. The
published text is what a reader sees (:func:`answer_center.markup.visible_pieces`: no
``**``, backticks or link syntax), normalised the way a reader reads it: NFKC (full-width
letters, digits and colons, no-break and ideographic spaces), zero-width characters and soft
hyphens dropped, and ``%40``, ``&#64;`` and ``&commat;`` read as ``@`` and ``。`` as a dot in
the host of an e-mail address. So ``sk-**proj**-…``, a key split by a zero-width joiner and
``li＠mail。cn`` are each one secret.

A finding is an error at the line and column where the match was written (the start of the
first piece it spans), with the match masked: the full secret never reaches a message, a log
or a CI annotation. A secret found both as written and as published is reported once.

Placeholders that documentation needs pass only through the central allowlist
(:mod:`answer_center.validate.allowlist`).
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from answer_center.diagnostics import Diagnostic, error
from answer_center.load import Document
from answer_center.markup import visible_pieces
from answer_center.validate.allowlist import Allowlist
from answer_center.validate.locate import TextLocator
from answer_center.validate.secret_rules import RULES, SecretRule

_RULE_ORDER = {rule.id: order for order, rule in enumerate(RULES)}
# Each prefilter once, however many rules share it.
_PREFILTERS = tuple(dict.fromkeys(rule.prefilter for rule in RULES))

# One-to-one folds, so that offsets stay put: the full-width ASCII forms and the spaces that
# NFKC turns into U+0020, and the half-width ideographic full stop (NFKC's "。").
_FOLDS = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_FOLDS.update(dict.fromkeys(map(chr, (0xA0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)), " "))
_FOLDS["\uff61"] = "。"
_FOLDABLE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\uff01-\uff5e\uff61]")
# The full-width punctuation of Chinese prose: str.replace folds these many times faster
# than a substitution that calls back for each character.
_FREQUENT = "，：；！？（）"
# Characters no reader sees: zero-width spaces and joiners, direction marks, the word
# joiner and invisible operators, the zero-width no-break space, soft hyphens.
_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
_AT_ESCAPE = re.compile(r"%40|&#0*64;|&#[xX]0*40;|&commat;", re.IGNORECASE)
# An e-mail host written with ideographic full stops: "li@mail。cn".
_IDEOGRAPHIC_HOST = re.compile(
    r"@[A-Za-z0-9-]+(?:[.。][A-Za-z0-9-]+)*。[A-Za-z0-9][A-Za-z0-9.。-]*"
)


class _View:
    """A text the rules scan, and where in the written string each of its characters is.

    The text is made of runs of consecutive written characters: run ``i`` starts at
    ``starts[i]`` in the text and at ``sources[i]`` in the written string.
    """

    __slots__ = ("sources", "starts", "text")

    def __init__(self, text: str, starts: list[int], sources: list[int]) -> None:
        self.text = text
        self.starts = starts
        self.sources = sources

    def source(self, offset: int) -> int:
        """The offset in the written string of the character at ``offset``."""
        run = bisect.bisect_right(self.starts, offset) - 1
        return self.sources[run] + offset - self.starts[run]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The written span from the first to the last character of ``text[start:end]``."""
        first = self.source(start)
        return first, (self.source(end - 1) + 1 if end > start else first)

    def splice(self, edits: Sequence[tuple[int, int, str]]) -> _View:
        """This view with each ``(start, end, replacement)`` made, in order, none overlapping.

        Each replacement character is mapped to the first character it replaces.
        """
        parts: list[str] = []
        starts: list[int] = []
        sources: list[int] = []
        written = 0

        def keep(start: int, end: int) -> None:
            nonlocal written
            run = bisect.bisect_right(self.starts, start) - 1
            starts.append(written)
            sources.append(self.sources[run] + start - self.starts[run])
            for next_run in range(run + 1, len(self.starts)):
                if self.starts[next_run] >= end:
                    break
                starts.append(written + self.starts[next_run] - start)
                sources.append(self.sources[next_run])
            parts.append(self.text[start:end])
            written += end - start

        position = 0
        for start, end, replacement in edits:
            if start > position:
                keep(position, start)
            origin = self.source(start)
            for offset in range(len(replacement)):
                starts.append(written + offset)
                sources.append(origin)
            parts.append(replacement)
            written += len(replacement)
            position = end
        if position < len(self.text):
            keep(position, len(self.text))
        return _View("".join(parts), starts or [0], sources or [0])


def _written(text: str) -> _View:
    return _View(text, [0], [0])


def _has_markup(text: str) -> bool:
    # The inline markup of text fields (answer_center.markup) is `code`, **bold** and
    # [links](...): a string with none of these characters is published as written.
    return "`" in text or "*" in text or "[" in text


def _fold(text: str) -> str:
    """``text`` with the one-to-one folds made: every character stays where it is."""
    if text.isascii() or _FOLDABLE.search(text) is None:
        return text
    for char in _FREQUENT:
        if char in text:
            text = text.replace(char, _FOLDS[char])
    return _FOLDABLE.sub(lambda m: _FOLDS[m.group()], text)


def _may_change(text: str) -> bool:
    """False when normalising cannot change ``text``: the test for a whole document."""
    if "%" in text or "&" in text or ("。" in text and "@" in text):
        return True
    if text.isascii():
        return False
    # Every one-to-one fold is a compatibility character, so the NFKC quick check sees it.
    return not unicodedata.is_normalized("NFKC", text) or _INVISIBLE.search(text) is not None


def _published(text: str, *, markup: bool) -> _View | None:
    """What a reader sees of ``text``, normalised; None when that is ``text`` as written.

    ``markup`` says whether the string is read as a text field (keys are not).
    """
    view = _written(text)
    if markup and _has_markup(text):
        pieces = visible_pieces(text)
        lengths = [len(piece) for _, piece in pieces]
        starts = list(itertools.accumulate(lengths[:-1], initial=0))
        view = _View("".join(piece for _, piece in pieces), starts, [s for s, _ in pieces])
    if not view.text.isascii():
        view = _View(_fold(view.text), view.starts, view.sources)
        edits = [(m.start(), m.end(), "") for m in _INVISIBLE.finditer(view.text)]
        if edits:
            view = view.splice(edits)
        if not unicodedata.is_normalized("NFKC", view.text):
            # Rare (ligatures, circled digits, compatibility ideographs): per character, so
            # that each output character still maps to the character it came from.
            view = view.splice(
                [
                    (index, index + 1, unicodedata.normalize("NFKC", char))
                    for index, char in enumerate(view.text)
                    if not char.isascii() and not unicodedata.is_normalized("NFKC", char)
                ]
            )
    if "%" in view.text or "&" in view.text:
        edits = [(m.start(), m.end(), "@") for m in _AT_ESCAPE.finditer(view.text)]
        if edits:
            view = view.splice(edits)
    if "。" in view.text and "@" in view.text:
        folded = _IDEOGRAPHIC_HOST.sub(lambda m: m.group().replace("。", "."), view.text)
        view = _View(folded, view.starts, view.sources)
    return None if view.text == text else view


@dataclass(frozen=True)
class _Finding:
    rule: SecretRule
    start: int
    """Where the match starts in the written string (the diagnostic's position)."""
    end: int
    secret_start: int
    """Where the secret part of the match is in the written string (what redact masks)."""
    secret_end: int
    secret: str
    """The secret as the rule read it, published and normalised: what the message masks."""


def check_secrets(document: Document, allowlist: Allowlist) -> list[Diagnostic]:
    """Scan every string of ``document``, as written and as published; one error per finding.

    The position is where the match was written in the source (see :mod:`.locate`); the
    match is masked in the message.
    """
    strings = list(document.strings())
    values = len(strings)
    # Keys too: a key is published wherever a mapping is shown (robots.txt lists agents).
    # Their locations are only worth collecting when a prefilter finds something in them.
    names = "\n".join(_key_names(document.data))
    published = _published(names, markup=False)
    folded = f"{names}\n{published.text if published else ''}".lower()
    if any(prefilter.search(folded) for prefilter in _PREFILTERS):
        strings.extend(document.key_strings())
    found = _find([text for _, text in strings], allowlist, markup=values)
    if not found:
        return []
    locator = TextLocator(document)
    diagnostics = []
    for index, finding in found:
        where, text = strings[index]
        line, column = locator.locate(where, text, finding.start, finding.end, key=index >= values)
        diagnostics.append(
            error(
                document.path,
                line,
                column,
                f"secret/{finding.rule.id}",
                secret=finding.rule.id,
                masked=mask(finding.secret),
                placeholder=finding.rule.id,
            )
        )
    return sorted(diagnostics)


def _key_names(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _key_names(item)
    elif isinstance(value, list):
        for item in value:
            yield from _key_names(item)


def _find(texts: Sequence[str], allowlist: Allowlist, *, markup: int) -> list[tuple[int, _Finding]]:
    """Every finding in ``texts``, as ``(index of the text, finding)``, by index.

    The first ``markup`` texts are read as text fields (values); the rest (keys) are not.
    Every value is read as one, whatever its schema says: a value that is not (an id, a code
    sample) has no markup or shows it, and is scanned as written too.
    """
    # The texts as published, where that differs from the written text: markup is looked
    # for text by text, whether normalising can change anything once for the document.
    normalise = _may_change("\n".join(texts))
    published: list[tuple[int, _View]] = []
    for index, text in enumerate(texts):
        if normalise or (index < markup and _has_markup(text)):
            view = _published(text, markup=index < markup)
            if view is not None:
                published.append((index, view))
    views = [*texts, *(view.text for _, view in published)]
    found: dict[int, list[tuple[int, int, _Finding]]] = {}
    for index, rules in sorted(_candidates(views).items()):
        owner, view = (index, None) if index < len(texts) else published[index - len(texts)]
        for finding in _scan(views[index], view, rules, allowlist):
            found.setdefault(owner, []).append((_RULE_ORDER[finding.rule.id], -index, finding))
    result: list[tuple[int, _Finding]] = []
    for owner, candidates in sorted(found.items()):
        # Across the two views as within one: where findings overlap, the earlier rule wins,
        # and of one rule the published one (it holds what markup split, without the
        # markup), so a secret is reported once, whole.
        taken: list[_Finding] = []
        for _, _, finding in sorted(candidates, key=lambda item: item[:2]):
            if not any(finding.start < t.end and t.start < finding.end for t in taken):
                taken.append(finding)
        result.extend((owner, finding) for finding in taken)
    return result


def _candidates(texts: Sequence[str]) -> dict[int, list[SecretRule]]:
    """The rules worth running on each text, by the text's index, in rule order.

    One prefilter search per rule over the whole document, lowercased once: most documents
    rule most rules out, and the hits of the rest name the few strings to scan.
    """
    joined = "\n".join(texts)
    folded = joined.lower()
    lengths = [len(text) for text in texts]
    if len(folded) != len(joined):
        # A few characters lowercase to two ("İ"); offsets would drift, so fold string by string.
        parts = [text.lower() for text in texts]
        folded = "\n".join(parts)
        lengths = [len(part) for part in parts]
    starts = list(itertools.accumulate((length + 1 for length in lengths[:-1]), initial=0))
    hits = {
        prefilter: {bisect.bisect_right(starts, m.start()) - 1 for m in prefilter.finditer(folded)}
        for prefilter in _PREFILTERS
    }
    candidates: dict[int, list[SecretRule]] = {}
    for rule in RULES:
        for index in hits[rule.prefilter]:
            candidates.setdefault(index, []).append(rule)
    return candidates


def _scan(
    text: str, view: _View | None, rules: list[SecretRule], allowlist: Allowlist
) -> Iterator[_Finding]:
    """The findings of ``rules`` in ``text``, the written string or ``view`` of it."""
    taken: list[tuple[int, int]] = []
    for rule in rules:
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            # Overlaps go to the earlier, more specific rule: one finding per place.
            if any(start < b and a < end for a, b in taken):
                continue
            if rule.verify is not None and not rule.verify(match):
                continue
            # An allowed placeholder claims no span: a real internal host next to a
            # placeholder password in the same URL is still reported.
            if allowlist.allows(rule, match):
                continue
            taken.append((start, end))
            secret_start, secret_end = rule.secret_span(match)
            secret = text[secret_start:secret_end]
            if view is not None:
                start, end = view.span(start, end)
                secret_start, secret_end = view.span(secret_start, secret_end)
            yield _Finding(rule, start, end, secret_start, secret_end, secret)


def redact(text: str, allowlist: Allowlist) -> str:
    """``text`` with every secret the rules find in it, as written or as published, masked.

    For the messages of other checks, which quote what they found (an unknown key, a value
    that breaks a pattern): the full secret must not reach any output through them either.
    """
    found = _find([text], allowlist, markup=1)
    for _, finding in sorted(found, key=lambda item: item[1].secret_start, reverse=True):
        start, end = finding.secret_start, finding.secret_end
        text = f"{text[:start]}{mask(finding.secret)}{text[end:]}"
    return text


def mask(secret: str) -> str:
    """The secret with at most its first and last four characters shown.

    Short secrets show less (a fifth of their length at each end) and under eight
    characters nothing, so a mask never gives most of a secret away.
    """
    if len(secret) < 8:
        return "****"
    shown = min(4, len(secret) // 5)
    return f"{secret[:shown]}…{secret[-shown:]}"
