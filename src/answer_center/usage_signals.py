"""The site's usage preferences (``usage:`` in content/site.yaml), declared once and
written in each vocabulary that carries them.

Two vocabularies say the same thing, and neither is final, so both are published:

- Cloudflare's Content Signals Policy (contentsignals.org, CC0; also submitted as
  draft-romm-aipref-contentsignals-00): a ``Content-Signal:`` line in robots.txt,
  ``search=yes, ai-input=yes, ai-train=no``.
- The IETF AI Preferences working group: the vocabulary of draft-ietf-aipref-vocab-06
  (``search``, ``train-ai``; ``y`` or ``n``) attached by draft-ietf-aipref-attach-04 as a
  ``Content-Usage:`` rule in robots.txt and a ``Content-Usage`` HTTP header. The draft has
  no category for live AI input yet, so that preference is only a Content Signal.

A purpose the site does not state is left out of both: each says that silence neither
grants nor restricts that use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

ALLOW = "allow"
DISALLOW = "disallow"


@dataclass(frozen=True)
class Purpose:
    """One use of the content a site can state a preference for."""

    key: str
    """Its key under ``usage:`` in site.yaml."""
    content_signal: str
    """Its name in the Content Signals Policy."""
    aipref: str | None
    """Its label in draft-ietf-aipref-vocab-06; None where the draft has none."""


PURPOSES = (
    Purpose("search", "search", "search"),
    Purpose("ai_input", "ai-input", None),
    Purpose("ai_train", "ai-train", "train-ai"),
)

CONTENT_SIGNAL_POLICY = (
    "As a condition of accessing this website, you agree to abide by the following "
    "content signals:",
    "(a) If a content-signal = yes, you may collect content for the corresponding use.",
    "(b) If a content-signal = no, you may not collect content for the corresponding use.",
    "(c) If the website operator does not include a content signal for a corresponding "
    "use, the website operator neither grants nor restricts permission via content signal "
    "with respect to the corresponding use.",
    "The content signals and their meanings are:",
    "search: building a search index and providing search results (e.g., returning "
    "hyperlinks and short excerpts from your website's contents). Search does not include "
    "providing AI-generated search summaries.",
    "ai-input: inputting content into one or more AI models (e.g., retrieval augmented "
    "generation, grounding, or other real-time taking of content for generative AI search "
    "answers).",
    "ai-train: training or fine-tuning AI models.",
    "ANY RESTRICTIONS EXPRESSED VIA CONTENT SIGNALS ARE EXPRESS RESERVATIONS OF RIGHTS "
    "UNDER ARTICLE 4 OF THE EUROPEAN UNION DIRECTIVE 2019/790 ON COPYRIGHT AND RELATED "
    "RIGHTS IN THE DIGITAL SINGLE MARKET.",
)
"""The policy text the Content Signals Policy asks robots.txt to carry as comments."""


def content_signal(usage: Mapping[str, str]) -> str | None:
    """The ``Content-Signal`` value (``search=yes, ai-train=no``); None when nothing is
    stated."""
    pairs = [
        f"{p.content_signal}={'yes' if usage[p.key] == ALLOW else 'no'}"
        for p in PURPOSES
        if p.key in usage
    ]
    return ", ".join(pairs) or None


def content_usage(usage: Mapping[str, str]) -> str | None:
    """The ``Content-Usage`` value (``search=y, train-ai=n``), a Structured Fields
    dictionary (RFC 9651) of tokens; None when nothing the vocabulary names is stated."""
    pairs = [
        f"{p.aipref}={'y' if usage[p.key] == ALLOW else 'n'}"
        for p in PURPOSES
        if p.aipref is not None and p.key in usage
    ]
    return ", ".join(pairs) or None
