"""IndexNow (https://www.indexnow.org/documentation): tell search engines which URLs
changed, so they fetch them again instead of waiting for the next crawl.

A submission is a POST of ``{host, key, keyLocation, urlList}`` as JSON, at most 10,000
URLs each; the engine checks the key against ``keyLocation``, the key file the build
publishes at the site root. :func:`submissions` is pure; :func:`submit` does the request.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from answer_center import urls

DEFAULT_ENDPOINT = "https://api.indexnow.org/indexnow"
"""The shared endpoint: every IndexNow engine receives what one of them is sent."""
BATCH_SIZE = 10_000
"""The most URLs one submission may hold."""
TIMEOUT_SECONDS = 30.0

_MEANINGS = {
    400: "the request is malformed",
    403: "the key is not valid: the key file was not found at keyLocation or holds another key "
    "(deploy the site with indexnow_key first)",
    422: "the URLs do not belong to the host, or the key does not match the protocol's grammar",
    429: "too many requests: the endpoint takes it as spam; submit less often",
}
"""What the protocol says each refusal means."""


class IndexNowError(Exception):
    """A submission the endpoint refused or could not be sent; the message says why."""


@dataclass(frozen=True)
class Submission:
    """One POST to an IndexNow endpoint."""

    payload: dict[str, Any]

    @property
    def count(self) -> int:
        """How many URLs it submits."""
        return len(self.payload["urlList"])


def submissions(base_url: str, key: str, changed: Sequence[str]) -> tuple[Submission, ...]:
    """The submissions of the site paths ``changed`` for the site at ``base_url``."""
    location = urls.absolute(base_url, urls.indexnow_key_file(key))
    host = urlsplit(base_url).netloc
    addresses = [urls.absolute(base_url, path) for path in changed]
    return tuple(
        Submission(
            {
                "host": host,
                "key": key,
                "keyLocation": location,
                "urlList": addresses[start : start + BATCH_SIZE],
            }
        )
        for start in range(0, len(addresses), BATCH_SIZE)
    )


def submit(endpoint: str, submission: Submission) -> int:
    """POST one submission; its HTTP status (200 or 202). Raises :class:`IndexNowError`."""
    request = urllib.request.Request(
        endpoint,
        data=json.dumps(submission.payload).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        meaning = _MEANINGS.get(exc.code, "the endpoint refused the submission")
        raise IndexNowError(f"{endpoint} answered HTTP {exc.code}: {meaning}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise IndexNowError(f"cannot reach {endpoint}: {reason}") from None
    if status not in (200, 202):
        raise IndexNowError(f"{endpoint} answered HTTP {status}, not 200 or 202")
    return status
