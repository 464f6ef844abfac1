"""The allowlist: placeholders that look like sensitive data but are documentation.

One central file, ``allowlist.yaml`` at the repository top, and never comments in content:
a comment that silences the gate would be one copy-paste away from silencing a real key.
Every entry is a mapping with its value and a ``reason``, so the file documents itself.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from answer_center.diagnostic_words import Param
from answer_center.diagnostics import Diagnostic, error
from answer_center.load import Document, Position, load_bytes
from answer_center.validate.secret_rules import SecretRule

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class AllowlistError(ValueError):
    """The allowlist file cannot be read or does not have the documented shape."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.text("en"))
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
        raise _invalid(shown, Position(1, 1), "unreadable", reason=str(exc.strerror)) from None
    loaded = load_bytes(raw, shown)
    if loaded.document is None:
        raise AllowlistError(loaded.diagnostics[0])
    document = loaded.document
    unknown = sorted(set(document.data) - set(_SECTIONS))
    if unknown:
        at = document.key_position((unknown[0],))
        raise _invalid(
            shown, at, "unknown-section", section=unknown[0], sections=tuple(sorted(_SECTIONS))
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


def _invalid(shown: str, at: Position, key: str, /, **params: Param) -> AllowlistError:
    return AllowlistError(error(shown, at.line, at.column, _INVALID, key, **params))


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
            raise _invalid(
                document.path,
                at,
                "invalid-value",
                what=_SECTIONS[section],
                value=value,
                reason=str(exc),
            ) from None


def _values(document: Document, section: str, key: str) -> list[tuple[str, int]]:
    """``(value, index)`` of every entry of a section, each checked for its shape."""
    entries = document.data.get(section) or []
    if not isinstance(entries, list):
        at = document.value_position((section,))
        raise _invalid(document.path, at, "not-a-list", section=section, key=key)
    values = []
    for index, entry in enumerate(entries):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get(key), str)
            or not isinstance(entry.get("reason"), str)
            or set(entry) != {key, "reason"}
        ):
            at = document.value_position((section, index))
            raise _invalid(document.path, at, "entry-shape", section=section, index=index, key=key)
        values.append((entry[key], index))
    return values
