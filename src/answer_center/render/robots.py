"""robots.txt from the crawler policy in content/site.yaml."""

from __future__ import annotations

from answer_center.model import Site


def robots_txt(site: Site) -> str:
    """One group per named crawler, then the default group, then the sitemap."""
    lines = [f"# Crawler policy of {site.name}, from content/site.yaml.", ""]
    for agent in sorted(site.crawler_agents):
        lines += _group(agent, site.crawler_agents[agent], site.disallow_paths)
    lines += _group("*", site.crawler_default, site.disallow_paths)
    lines.append(f"Sitemap: {site.absolute('/sitemap.xml')}")
    return "\n".join(lines) + "\n"


def _group(agent: str, policy: str, disallow_paths: tuple[str, ...]) -> list[str]:
    if policy == "disallow":
        return [f"User-agent: {agent}", "Disallow: /", ""]
    rules = [f"Disallow: {path}" for path in disallow_paths] or ["Allow: /"]
    return [f"User-agent: {agent}", *rules, ""]
