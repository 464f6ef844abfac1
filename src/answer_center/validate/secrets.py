"""The sensitive-data gate: keys, tokens, personal data and internal addresses never publish.

Every string of a document is scanned, after YAML decoding, with the rules of
:mod:`answer_center.validate.secret_rules`. A finding is an error at the line and column where
the match was written, with the match masked: the full secret never reaches a message, a log
or a CI annotation.

Placeholders that documentation needs are allowed through one central file,
``allowlist.yaml`` at the repository top, and never through comments in content: a comment
that silences the gate would be one copy-paste away from silencing a real key.
"""

from __future__ import annotations

import bisect
import ipaddress
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from answer_center.diagnostics import Diagnostic, error
from answer_center.load import Document, Where, load_bytes
from answer_center.validate.locate import TextLocator
from answer_center.validate.secret_rules import RULES, SecretRule

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class AllowlistError(ValueError):
    """The allowlist file cannot be read or does not have the documented shape."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        """Where in the allowlist file, and what to change."""


@dataclass(frozen=True)
class Allowlist:
    """Placeholders that look like sensitive data but are documentation (see allowlist.yaml)."""

    texts: frozenset[str] = frozenset()
    """Exact matches that are allowed."""
    patterns: tuple[re.Pattern[str], ...] = ()
    """Regular expressions a whole match may fully match to be allowed."""
    domains: tuple[str, ...] = ()
    """Host names allowed in e-mail addresses, URLs and host findings, with their subdomains."""
    networks: tuple[_Network, ...] = ()
    """IP networks whose addresses are allowed."""

    def allows(self, rule: SecretRule, match: re.Match[str]) -> bool:
        """True when the allowlist names this match as a placeholder."""
        secret = rule.secret(match)
        for text in {secret, match.group()}:
            if text in self.texts or any(p.fullmatch(text) for p in self.patterns):
                return True
        host = rule.host(match)
        if host is not None and self._allows_host(host):
            return True
        return self._allows_address(secret)

    def _allows_host(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == domain or host.endswith("." + domain) for domain in self.domains)

    def _allows_address(self, text: str) -> bool:
        if not self.networks:
            return False
        try:
            address = ipaddress.ip_address(text.strip("[]"))
        except ValueError:
            return False
        return any(address in network for network in self.networks)


_SECTIONS = {
    "texts": "text",
    "patterns": "pattern",
    "domains": "domain",
    "networks": "network",
}


def load_allowlist(path: Path, shown: str = "allowlist.yaml") -> Allowlist:
    """Read the allowlist file; a missing file is an empty allowlist.

    Every entry is a mapping with its value and a ``reason``, so the file documents itself.
    Raises :class:`AllowlistError`, with a diagnostic naming the file as ``shown``, when the
    file is not valid YAML or not of that shape.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Allowlist()
    except OSError as exc:
        raise AllowlistError(
            error(shown, 1, 1, _INVALID, f"cannot read the allowlist ({exc.strerror}); check it")
        ) from None
    loaded = load_bytes(raw, shown)
    if loaded.document is None:
        raise AllowlistError(loaded.diagnostics[0])
    document = loaded.document
    unknown = sorted(set(document.data) - set(_SECTIONS))
    if unknown:
        at = document.key_position((unknown[0],))
        raise AllowlistError(
            error(
                shown,
                at.line,
                at.column,
                _INVALID,
                f"unknown section '{unknown[0]}'; use {', '.join(sorted(_SECTIONS))}",
            )
        )
    values = {section: _values(document, section, key) for section, key in _SECTIONS.items()}
    return Allowlist(
        texts=frozenset(value for value, _ in values["texts"]),
        patterns=tuple(_parse(document, "patterns", values, re.compile)),
        domains=tuple(value.lower().rstrip(".") for value, _ in values["domains"]),
        networks=tuple(_parse(document, "networks", values, ipaddress.ip_network)),
    )


_INVALID = "allowlist/invalid"
_Parsed = TypeVar("_Parsed")


def _parse(
    document: Document,
    section: str,
    values: dict[str, list[tuple[str, int]]],
    parse: Callable[[str], _Parsed],
) -> Iterator[_Parsed]:
    for value, index in values[section]:
        try:
            yield parse(value)
        except (re.error, ValueError) as exc:
            at = document.value_position((section, index, _SECTIONS[section]))
            raise AllowlistError(
                error(
                    document.path,
                    at.line,
                    at.column,
                    _INVALID,
                    f"invalid {_SECTIONS[section]} {value!r} ({exc}); correct it",
                )
            ) from None


def _values(document: Document, section: str, key: str) -> list[tuple[str, int]]:
    """``(value, index)`` of every entry of a section, each checked for its shape."""
    entries = document.data.get(section) or []
    if not isinstance(entries, list):
        at = document.value_position((section,))
        raise AllowlistError(
            error(
                document.path,
                at.line,
                at.column,
                _INVALID,
                f"{section} must be a list of entries, each with `{key}:` and `reason:`",
            )
        )
    values = []
    for index, entry in enumerate(entries):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get(key), str)
            or not isinstance(entry.get("reason"), str)
            or set(entry) != {key, "reason"}
        ):
            at = document.value_position((section, index))
            raise AllowlistError(
                error(
                    document.path,
                    at.line,
                    at.column,
                    _INVALID,
                    f"{section}[{index}] must have exactly `{key}:` and `reason:` (text)",
                )
            )
        values.append((entry[key], index))
    return values


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
    strings = document.strings()
    findings = [
        finding
        for index, rules in sorted(_candidates(strings).items())
        for finding in _scan(*strings[index], rules, allowlist)
    ]
    if not findings:
        return []
    locator = TextLocator(document)
    diagnostics = []
    for finding in findings:
        line, column = locator.locate(finding.where, finding.text, finding.start, finding.end)
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


def mask(secret: str) -> str:
    """The secret with at most its first and last four characters shown.

    Short secrets show less (a fifth of their length at each end) and under eight
    characters nothing, so a mask never gives most of a secret away.
    """
    if len(secret) < 8:
        return "****"
    shown = min(4, len(secret) // 5)
    return f"{secret[:shown]}…{secret[-shown:]}"
