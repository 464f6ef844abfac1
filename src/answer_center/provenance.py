"""Review provenance: who reviewed an entry, when, when it is due again, until when it
holds, and whether it is past that on the content date (``dates.expired``).

One record per entry, read by every output (the page's review section and notice, the
mirror's front matter, the API, the feed, the JSON-LD), so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from answer_center import dates

if TYPE_CHECKING:
    from answer_center.model import Catalog, Entry


@dataclass(frozen=True)
class Provenance:
    """An entry's review record; every part is optional but ``expired``."""

    reviewed: dt.date | None
    reviewer: str | None
    next_review: dt.date | None
    valid_until: dt.date | None
    expired: bool
    as_of: dt.date | None
    """The content date the validity was judged against."""


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def provenance(catalog: Catalog, entry: Entry) -> Provenance | None:
    """The entry's review record, or None when it has no review, review date or validity."""
    review = entry.body.get("review") or {}
    record = Provenance(
        reviewed=_date(review.get("reviewed")),
        reviewer=review.get("reviewer"),
        next_review=_date(entry.body.get("next_review")),
        valid_until=dates.valid_until(entry),
        expired=dates.expired(catalog, entry),
        as_of=catalog.content_date,
    )
    if (record.reviewed, record.reviewer, record.next_review, record.valid_until) == (
        None,
        None,
        None,
        None,
    ):
        return None
    return record
