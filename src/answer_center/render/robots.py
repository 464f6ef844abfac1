"""robots.txt from the crawler policy and usage preferences in content/site.yaml."""

from __future__ import annotations

from answer_center.model import Site
from answer_center.usage_signals import CONTENT_SIGNAL_POLICY, content_signal, content_usage


def robots_txt(site: Site) -> str:
    """One group per named crawler, then the default group, then the sitemap.

    With usage preferences, the Content Signals Policy text comes first as comments, and
    every group that allows crawling carries the ``Content-Signal`` line and the
    ``Content-Usage`` rule: a crawler reads only the one group that names it (RFC 9309),
    so a line in the ``*`` group alone would not reach a crawler listed by name.
    """
    lines = [f"# Crawler policy of {site.name}, from content/site.yaml.", ""]
    signal = content_signal(site.usage)
    usage = content_usage(site.usage)
    if signal is not None:
        lines += [f"# {line}" for line in CONTENT_SIGNAL_POLICY]
        lines.append("")
    preferences = ([f"Content-Signal: {signal}"] if signal else []) + (
        # draft-ietf-aipref-attach-04: a Content-Usage rule without a path covers the site.
        [f"Content-Usage: {usage}"] if usage else []
    )
    for agent in sorted(site.crawler_agents):
        lines += _group(agent, site.crawler_agents[agent], site.disallow_paths, preferences)
    lines += _group("*", site.crawler_default, site.disallow_paths, preferences)
    lines.append(f"Sitemap: {site.absolute('/sitemap.xml')}")
    return "\n".join(lines) + "\n"


def _group(
    agent: str, policy: str, disallow_paths: tuple[str, ...], preferences: list[str]
) -> list[str]:
    if policy == "disallow":
        return [f"User-agent: {agent}", "Disallow: /", ""]
    rules = [f"Disallow: {path}" for path in disallow_paths] or ["Allow: /"]
    return [f"User-agent: {agent}", *preferences, *rules, ""]
