"""Citable claims: the statements of an entry an answer engine may quote one by one.

A kind declares which of its fields hold claims (an answer: the short answer, each basis
item, each boundary, each next step). Each claim gets an id that is a short hash of the
entry id, the field and the claim's own text (``claim-basis-3f2a9c1d``), so

- the id survives every edit that does not touch that claim: reordering items, inserting
  or removing another one, editing any other field;
- the id changes when the claim's text changes, so a consumer that stored the ids it
  cited sees which claims changed by the ids that disappeared;
- within the field a claim lives in, its position is its ``index`` (published beside the
  id), never part of it.

Text is compared after collapsing white space (a re-wrapped YAML line is the same claim).
Two items of one field with the same text are the same statement twice: the later ones
get ``-2``, ``-3``... in order, and so would two different texts whose 32-bit hashes met,
so ids are unique on a page whatever the content.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PREFIX = "claim-"
HASH_LENGTH = 8
"""Hex digits of the hash: 32 bits, for a handful of claims per entry."""


@dataclass(frozen=True)
class ClaimField:
    """A field whose text (or each of whose items) is a claim."""

    key: str
    """The entry's key: a text field or a list of texts."""
    name: str
    """Its name in claim ids and in the API (``basis``, ``step``)."""


@dataclass(frozen=True)
class Claim:
    """One citable statement of an entry."""

    id: str
    """Its anchor on the page and its id in the mirror and the API."""
    field: str
    """The :attr:`ClaimField.name` of the field it is in."""
    index: int
    """Its position in that field, from 0 (0 for a text field)."""
    text: str
    """The editor's text, as written (inline markup included)."""


def normalized(text: str) -> str:
    """What identifies a claim's text: its words, white space collapsed."""
    return " ".join(text.split())


def claim_hash(entry_id: str, field: str, text: str) -> str:
    """The short hash in a claim's id."""
    key = f"{entry_id}\n{field}\n{normalized(text)}".encode()
    return hashlib.sha256(key).hexdigest()[:HASH_LENGTH]


def entry_claims(
    entry_id: str, fields: tuple[ClaimField, ...], body: Mapping[str, Any]
) -> tuple[Claim, ...]:
    """Every claim of an entry, field by field in declaration order, items in order."""
    claims: list[Claim] = []
    taken: set[str] = set()
    for declared in fields:
        value = body.get(declared.key)
        texts = [value] if isinstance(value, str) else list(value or ())
        for index, text in enumerate(texts):
            base = f"{PREFIX}{declared.name}-{claim_hash(entry_id, declared.name, text)}"
            claim_id, n = base, 1
            while claim_id in taken:
                n += 1
                claim_id = f"{base}-{n}"
            taken.add(claim_id)
            claims.append(Claim(claim_id, declared.name, index, str(text)))
    return tuple(claims)
