"""The sensitive-data gate: keys, tokens, personal data and internal addresses never publish.

Every string of a document is scanned, after YAML decoding, with the rules of
:mod:`answer_center.validate.secret_rules`. A finding is an error at the line and column where
the match was written, with the match masked: the full secret never reaches a message, a log
or a CI annotation.

Placeholders that documentation needs pass only through the central allowlist
(:mod:`answer_center.validate.allowlist`).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from answer_center.diagnostics import Diagnostic, error
from answer_center.load import Document, Where
from answer_center.validate.allowlist import Allowlist
from answer_center.validate.locate import TextLocator
from answer_center.validate.secret_rules import RULES, SecretRule


@dataclass(frozen=True)
class _Finding:
    rule: SecretRule
    where: Where
    text: str
    start: int
    end: int
    secret: str


def check_secrets(document: Document, allowlist: Allowlist) -> list[Diagnostic]:
    """Scan every string of ``document``; one error per finding, the match masked.

    The position is where the match was written in the source (see :mod:`.locate`).
    """
    values = document.strings()
    texts = list(values)
    # Keys too: a key is published wherever a mapping is shown (robots.txt lists agents).
    # Their locations are only worth collecting when a prefilter finds something in them.
    names = "\n".join(_key_names(document.data)).lower()
    if any(rule.prefilter.search(names) for rule in RULES):
        texts.extend(document.key_strings())
    findings = [
        (index >= len(values), finding)
        for index, rules in sorted(_candidates(texts).items())
        for finding in _scan(*texts[index], rules, allowlist)
    ]
    if not findings:
        return []
    locator = TextLocator(document)
    diagnostics = []
    for is_key, finding in findings:
        line, column = locator.locate(
            finding.where, finding.text, finding.start, finding.end, key=is_key
        )
        diagnostics.append(
            error(
                document.path,
                line,
                column,
                f"secret/{finding.rule.id}",
                f"{finding.rule.description} ({mask(finding.secret)}) must not be published: "
                f"replace it with a placeholder such as {finding.rule.placeholder}; "
                "if it is a documentation placeholder, add it to allowlist.yaml",
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


def _candidates(strings: Sequence[tuple[Where, str]]) -> dict[int, list[SecretRule]]:
    """The rules worth running on each string, by the string's index, in rule order.

    One prefilter search per rule over the whole document, lowercased once: most documents
    rule most rules out, and the hits of the rest name the few strings to scan.
    """
    texts = [text for _, text in strings]
    joined = "\n".join(texts)
    folded = joined.lower()
    lengths = [len(text) for text in texts]
    if len(folded) != len(joined):
        # A few characters lowercase to two ("İ"); offsets would drift, so fold string by string.
        parts = [text.lower() for text in texts]
        folded = "\n".join(parts)
        lengths = [len(part) for part in parts]
    starts = list(itertools.accumulate((length + 1 for length in lengths[:-1]), initial=0))
    candidates: dict[int, list[SecretRule]] = {}
    for rule in RULES:
        hits = {bisect.bisect_right(starts, m.start()) - 1 for m in rule.prefilter.finditer(folded)}
        for index in hits:
            candidates.setdefault(index, []).append(rule)
    return candidates


def _scan(
    where: Where, text: str, rules: list[SecretRule], allowlist: Allowlist
) -> Iterator[_Finding]:
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
            yield _Finding(rule, where, text, start, end, rule.secret(match).strip())


def redact(text: str, allowlist: Allowlist) -> str:
    """``text`` with every secret the rules find in it masked.

    For the messages of other checks, which quote what they found (an unknown key, a value
    that breaks a pattern): the full secret must not reach any output through them either.
    """
    rules = _candidates([((), text)]).get(0, [])
    findings = list(_scan((), text, rules, allowlist))
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        start = text.find(finding.secret, finding.start, finding.end)
        if start >= 0:
            end = start + len(finding.secret)
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
