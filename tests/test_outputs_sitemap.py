"""/sitemap.xml (content dates, never the build date) and /robots.txt."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from dataclasses import replace
from urllib.robotparser import RobotFileParser

from answer_center.kinds import TOPIC
from answer_center.render.site_pages import html_pages
from answer_center.render.sitemap import sitemap_files
from outputs_site import OLD_ANSWER_ID, BuiltSite

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def urls(xml: bytes) -> dict[str, str | None]:
    """loc -> lastmod of a <urlset>."""
    root = ET.fromstring(xml)
    assert root.tag == f"{{{NS['s']}}}urlset"
    found: dict[str, str | None] = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc and loc not in found
        found[loc] = url.findtext("s:lastmod", namespaces=NS)
    return found


def test_sitemap_lists_every_html_page_with_its_content_date(built_site: BuiltSite) -> None:
    catalog, base = built_site.catalog, built_site.base_url
    listed = urls((built_site.site / "sitemap.xml").read_bytes())
    pages = html_pages(catalog)
    assert listed == {
        base + p.path[1:]: (p.lastmod.isoformat() if p.lastmod else None) for p in pages
    }
    for entry in catalog.entries:
        if entry.kind.own_page and entry.kind is not TOPIC:
            assert listed[base + entry.url[1:]] == entry.updated.isoformat()
    for topic in catalog.of_kind(TOPIC):
        newest = max([topic.updated, *(m.updated for m in catalog.members[topic.id])])
        assert listed[base + topic.url[1:]] == newest.isoformat()
    newest_of_all = max(e.updated for e in catalog.entries).isoformat()
    assert listed[base] == newest_of_all
    content_dates = {e.updated.isoformat() for e in catalog.entries}
    assert {d for d in listed.values() if d} <= content_dates


def test_every_page_of_the_site_is_in_the_sitemap(built_site: BuiltSite) -> None:
    listed = set(urls((built_site.site / "sitemap.xml").read_bytes()))
    for page in built_site.site.rglob("index.html"):
        folder = page.parent.relative_to(built_site.site).as_posix()
        url = built_site.base_url + ("" if folder == "." else folder + "/")
        assert url in listed, url
    assert built_site.base_url + "machine-readable/" in listed


def test_gzip_copy_replaces_the_engines(built_site: BuiltSite) -> None:
    plain = (built_site.site / "sitemap.xml").read_bytes()
    packed = (built_site.site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == plain
    assert packed[4:8] == b"\0\0\0\0", "no timestamp in the gzip header"


def test_sitemap_index_past_the_url_limit(built_site: BuiltSite) -> None:
    catalog, base = built_site.catalog, built_site.base_url
    files = sitemap_files(catalog, max_urls=5)
    root = ET.fromstring(files["sitemap.xml"])
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    parts = root.findall("s:sitemap", NS)
    pages = html_pages(catalog)
    assert len(parts) == -(-len(pages) // 5)
    union: dict[str, str | None] = {}
    for part in parts:
        loc = part.findtext("s:loc", namespaces=NS)
        assert loc is not None and loc.startswith(base + "sitemaps/")
        child = urls(files[loc[len(base) :]])
        assert len(child) <= 5
        dates = [d for d in child.values() if d]
        assert part.findtext("s:lastmod", namespaces=NS) == (max(dates) if dates else None)
        union |= child
    assert union == urls(sitemap_files(catalog)["sitemap.xml"])
    assert gzip.decompress(files["sitemap.xml.gz"]) == files["sitemap.xml"]


def test_hreflang_alternates_only_where_translations_exist(built_site: BuiltSite) -> None:
    catalog, base = built_site.catalog, built_site.base_url
    assert b"hreflang" not in (built_site.site / "sitemap.xml").read_bytes()
    home, *rest = html_pages(catalog)
    translated = replace(home, alternates=(("en", "/en/"),))
    root = ET.fromstring(sitemap_files(catalog, [translated, *rest])["sitemap.xml"])
    links = root.findall("s:url/x:link", NS)
    assert [(link.get("hreflang"), link.get("href")) for link in links] == [
        (catalog.site.language, base),
        ("en", base + "en/"),
    ]


def test_renamed_ids_are_not_in_the_sitemap(changed_site: BuiltSite) -> None:
    listed = urls((changed_site.site / "sitemap.xml").read_bytes())
    assert changed_site.base_url + f"answers/{OLD_ANSWER_ID}/" not in listed


def test_robots_txt_follows_the_crawler_policy(built_site: BuiltSite) -> None:
    site = built_site.catalog.site
    robots = RobotFileParser()
    robots.parse(built_site.text("robots.txt").splitlines())
    page = site.base_url + "answers/ai-api-stream-429-timeout/"
    assert robots.can_fetch("GPTBot", page)
    assert robots.can_fetch("ClaudeBot", site.base_url + "llms.txt")
    assert not robots.can_fetch("CCBot", page)
    assert not robots.can_fetch("SomeOtherBot", site.base_url + "drafts/x/")
    assert robots.can_fetch("SomeOtherBot", page)
    for agent, policy in site.crawler_agents.items():
        assert robots.can_fetch(agent, page) is (policy == "allow"), agent
    assert robots.site_maps() == [site.base_url + "sitemap.xml"]


CHINESE_CRAWLERS = {"Baiduspider", "Bytespider", "PetalBot", "Sogou web spider", "360Spider"}


def test_robots_txt_carries_the_usage_preferences_in_every_group_that_may_crawl(
    built_site: BuiltSite,
) -> None:
    site = built_site.catalog.site
    assert CHINESE_CRAWLERS | {"YisouSpider"} <= set(site.crawler_agents)
    text = built_site.text("robots.txt")
    assert "# As a condition of accessing this website, you agree to abide by" in text
    groups = {}
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        if lines and lines[0].startswith("User-agent: "):
            groups[lines[0].removeprefix("User-agent: ")] = lines[1:]
    assert set(groups) == {*site.crawler_agents, "*"}
    for agent, rules in groups.items():
        if site.crawler_agents.get(agent, site.crawler_default) == "allow":
            # A crawler reads only its own group (RFC 9309): each one states the preferences.
            assert rules[:2] == [
                "Content-Signal: search=yes, ai-input=yes, ai-train=yes",
                "Content-Usage: search=y, train-ai=y",
            ], agent
        else:
            assert rules == ["Disallow: /"], agent
