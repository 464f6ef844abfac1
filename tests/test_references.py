"""Cross-file rules (validate/references.py), run through ``commands.validate``.

The answer template of conftest puts `topic` on line 19 (value at column 8), `published` on
21, `updated` on 22, `status` on 23; lines a test appends start at 24.
"""

from __future__ import annotations

import pytest

from answer_center.diagnostics import Severity
from conftest import MiniProject

GLOSSARY = """\
id: {id}
term: {id}
definition: 术语 {id} 的定义。
published: 2026-03-01
updated: 2026-03-02
"""


def related(*ids: str) -> str:
    return "related:\n" + "".join(f"  - id: {i}\n    note: 继续阅读。\n" for i in ids)


def messages(project: MiniProject) -> dict[tuple[str, int, int, str], str]:
    return {(d.path, d.line, d.column, d.rule): d.text("en") for d in project.validate()}


def test_a_consistent_project_is_clean(mini_project: MiniProject) -> None:
    mini_project.answer("first", extra=related("second", "basics", "home"))
    mini_project.answer("second")
    mini_project.topic("basics", ["first", "second"])
    assert mini_project.validate() == []


# --- ids -----------------------------------------------------------------------------------------


def test_duplicate_id_names_the_first_file(mini_project: MiniProject) -> None:
    mini_project.answer("stream")
    mini_project.topic("basics", ["stream"])
    mini_project.write("glossary/stream.yaml", GLOSSARY.format(id="stream"))
    assert messages(mini_project) == {
        ("content/glossary/stream.yaml", 1, 5, "id/duplicate"): (
            "id 'stream' is already used by content/answers/basics/stream.yaml:1; "
            "ids are unique across all entries: choose another"
        )
    }


def test_file_names_differing_only_by_case_collide(mini_project: MiniProject) -> None:
    mini_project.answer("stream-a")
    mini_project.topic("basics", ["stream-a"])
    mini_project.write("glossary/Stream-A.yaml", GLOSSARY.format(id="stream-b"))
    assert messages(mini_project) == {
        ("content/glossary/Stream-A.yaml", 1, 5, "id/case-collision"): (
            "file name 'Stream-A.yaml' differs from content/answers/basics/stream-a.yaml only by "
            "case; such files collide on case-insensitive disks: rename one"
        ),
        ("content/glossary/Stream-A.yaml", 1, 5, "id/file-name"): (
            "id 'stream-b' does not match the file name 'Stream-A.yaml'; "
            "rename the file to stream-b.yaml"
        ),
    }


def test_equal_file_names_in_two_folders_are_a_duplicate_not_a_case_collision(
    mini_project: MiniProject,
) -> None:
    mini_project.answer("same")
    mini_project.topic("basics", ["same"])
    mini_project.write("glossary/same.yaml", GLOSSARY.format(id="same"))
    assert mini_project.found() == [("content/glossary/same.yaml", 1, 5, "id/duplicate")]


def test_reserved_id_home(mini_project: MiniProject) -> None:
    mini_project.answer("home")
    mini_project.topic("basics", ["other"])
    mini_project.answer("other")
    assert messages(mini_project) == {
        ("content/answers/basics/home.yaml", 1, 5, "id/reserved"): (
            "'home' is reserved for the answer center home page; choose another id"
        )
    }


@pytest.mark.parametrize(
    ("reserved", "why"),
    [
        (
            "index",
            "names a folder's own page for MkDocs, so the entry would publish at its section's URL",
        ),
        (
            "readme",
            "names a folder's own page for MkDocs, so the entry would publish at its section's URL",
        ),
        ("con", "is a device name on Windows, where a file of that name cannot be checked out"),
        ("lpt1", "is a device name on Windows, where a file of that name cannot be checked out"),
    ],
)
def test_other_reserved_ids(mini_project: MiniProject, reserved: str, why: str) -> None:
    mini_project.answer(reserved)
    mini_project.topic("basics", ["other"])
    mini_project.answer("other")
    assert messages(mini_project) == {
        (f"content/answers/basics/{reserved}.yaml", 1, 5, "id/reserved"): (
            f"'{reserved}' {why}; choose another id"
        )
    }


def test_file_name_must_match_the_id(mini_project: MiniProject) -> None:
    mini_project.answer("right-name", file_name="wrong-name")
    mini_project.topic("basics", ["right-name"])
    assert messages(mini_project) == {
        ("content/answers/basics/wrong-name.yaml", 1, 5, "id/file-name"): (
            "id 'right-name' does not match the file name 'wrong-name.yaml'; "
            "rename the file to right-name.yaml"
        )
    }


def test_answer_folder_must_be_its_topic(mini_project: MiniProject) -> None:
    mini_project.answer("moved", folder="elsewhere")
    mini_project.topic("basics", ["moved"])
    assert messages(mini_project) == {
        ("content/answers/elsewhere/moved.yaml", 19, 8, "answer/folder"): (
            "the file is in answers/elsewhere/ but its topic is 'basics'; "
            "move it to answers/basics/ (its URL stays the same)"
        )
    }


# --- dates ---------------------------------------------------------------------------------------


def test_invalid_calendar_date(mini_project: MiniProject) -> None:
    mini_project.answer("alpha", published="2026-02-30")
    mini_project.topic("basics", ["alpha"])
    assert messages(mini_project) == {
        ("content/answers/basics/alpha.yaml", 21, 12, "date/invalid"): (
            "'2026-02-30' is not a real calendar date; check the month and day"
        )
    }


def test_invalid_review_date(mini_project: MiniProject) -> None:
    review = (
        "review:\n  reviewed: 2026-13-01\n  reviewer: 编辑团队\n"
        "  safety_boundary:\n    - 不公开密钥。\n"
    )
    mini_project.answer("alpha", extra=review)
    mini_project.topic("basics", ["alpha"])
    assert mini_project.found() == [("content/answers/basics/alpha.yaml", 25, 13, "date/invalid")]


def test_updated_before_published(mini_project: MiniProject) -> None:
    mini_project.answer("alpha", published="2026-03-05", updated="2026-03-04")
    mini_project.topic("basics", ["alpha"])
    assert messages(mini_project) == {
        ("content/answers/basics/alpha.yaml", 22, 10, "date/order"): (
            "updated 2026-03-04 is before published 2026-03-05; fix one of the dates"
        )
    }


def test_updated_on_the_day_of_publication_is_fine(mini_project: MiniProject) -> None:
    mini_project.answer("alpha", published="2026-03-05", updated="2026-03-05")
    mini_project.topic("basics", ["alpha"])
    assert mini_project.validate() == []


def test_next_review_before_updated(mini_project: MiniProject) -> None:
    mini_project.answer("alpha", extra="next_review: 2026-03-01\n")
    mini_project.topic("basics", ["alpha"])
    assert messages(mini_project) == {
        ("content/answers/basics/alpha.yaml", 24, 14, "date/order"): (
            "next_review 2026-03-01 is before updated 2026-03-02; set a later review date"
        )
    }


def test_topic_dates_are_checked_too(mini_project: MiniProject) -> None:
    mini_project.answer("alpha")
    path = mini_project.topic("basics", ["alpha"])
    text = (mini_project.root / path).read_text(encoding="utf-8")
    (mini_project.root / path).write_text(text.replace("2026-03-02", "2026-02-28"), "utf-8")
    assert mini_project.found() == [("content/topics/basics.yaml", 7, 10, "date/order")]


# --- references ----------------------------------------------------------------------------------


def test_unresolved_reference_suggests_the_closest_id(mini_project: MiniProject) -> None:
    mini_project.answer("stream-timeout", extra=related("stream-timeuot-guide"))
    mini_project.answer("stream-timeout-guide")
    mini_project.topic("basics", ["stream-timeout", "stream-timeout-guide"])
    assert messages(mini_project) == {
        ("content/answers/basics/stream-timeout.yaml", 25, 9, "ref/unresolved"): (
            "related id 'stream-timeuot-guide' is not the id of any entry; "
            "did you mean 'stream-timeout-guide'?"
        )
    }


def test_unresolved_reference_without_a_close_id(mini_project: MiniProject) -> None:
    mini_project.answer("alpha", extra=related("zzz-nothing-like-it"))
    mini_project.topic("basics", ["alpha"])
    assert messages(mini_project) == {
        ("content/answers/basics/alpha.yaml", 25, 9, "ref/unresolved"): (
            "related id 'zzz-nothing-like-it' is not the id of any entry"
        )
    }


def test_topic_of_an_answer_must_be_a_topic(mini_project: MiniProject) -> None:
    mini_project.answer("alpha", topic="beta", folder="beta")
    mini_project.answer("beta", topic="basics")
    mini_project.topic("basics", ["beta"])
    assert messages(mini_project) == {
        (
            "content/answers/beta/alpha.yaml",
            19,
            8,
            "ref/kind",
        ): "topic 'beta' is an answer; it must be a topic"
    }


def test_topic_member_of_a_wrong_kind(mini_project: MiniProject) -> None:
    mini_project.answer("alpha")
    mini_project.write("glossary/sse.yaml", GLOSSARY.format(id="sse"))
    mini_project.topic("basics", ["alpha", "sse", "home"])
    assert messages(mini_project) == {
        ("content/topics/basics.yaml", 6, 5, "ref/kind"): (
            "member 'sse' is a glossary term; it must be an answer or a checklist or an example "
            "or a guide or an integration or a solution or a template or a use case"
        ),
        ("content/topics/basics.yaml", 7, 5, "ref/kind"): (
            "member 'home' is the answer center home page; it must be an answer or a checklist "
            "or an example or a guide or an integration or a solution or a template or a use case"
        ),
    }


def test_link_to_itself(mini_project: MiniProject) -> None:
    mini_project.answer("alpha", extra=related("alpha"))
    mini_project.topic("basics", ["alpha"])
    assert messages(mini_project) == {
        ("content/answers/basics/alpha.yaml", 25, 9, "ref/self"): (
            "an entry does not link to itself; remove this link"
        )
    }


def test_glossary_see_also_is_checked(mini_project: MiniProject) -> None:
    term = GLOSSARY.format(id="sse") + "see_also:\n  - sse\n  - stram\n"
    mini_project.write("glossary/sse.yaml", term)
    mini_project.write("glossary/stream.yaml", GLOSSARY.format(id="stream"))
    assert messages(mini_project) == {
        ("content/glossary/sse.yaml", 7, 5, "ref/self"): (
            "an entry does not link to itself; remove this link"
        ),
        ("content/glossary/sse.yaml", 8, 5, "ref/unresolved"): (
            "related id 'stram' is not the id of any entry; did you mean 'stream'?"
        ),
    }


def test_published_entry_must_not_link_to_a_draft(mini_project: MiniProject) -> None:
    mini_project.answer("live", extra=related("wip"))
    mini_project.answer("wip", status="draft", extra=related("live"))
    mini_project.answer("other-wip", status="draft", extra=related("wip"))
    mini_project.topic("basics", ["live", "wip", "other-wip"])
    assert messages(mini_project) == {
        ("content/answers/basics/live.yaml", 25, 9, "ref/draft"): (
            "'wip' is a draft and not published; the link would be dead: "
            "remove it until the draft is published"
        )
    }


def test_broken_entries_do_not_cascade_into_unresolved_links(mini_project: MiniProject) -> None:
    mini_project.answer("alpha", extra=related("broken"))
    mini_project.write("answers/basics/broken.yaml", "id: broken\ntitle: [unclosed\n")
    mini_project.topic("basics", ["alpha", "broken"])
    assert mini_project.found() == [("content/answers/basics/broken.yaml", 2, 8, "yaml/syntax")]


# --- topics --------------------------------------------------------------------------------------


def test_answer_not_listed_by_its_topic(mini_project: MiniProject) -> None:
    mini_project.answer("listed")
    mini_project.answer("forgotten")
    mini_project.topic("basics", ["listed"])
    assert messages(mini_project) == {
        ("content/answers/basics/forgotten.yaml", 19, 8, "topic/not-member"): (
            "topic 'basics' does not list 'forgotten' in its members; "
            "add it to content/topics/basics.yaml"
        )
    }


def test_answer_listed_by_another_topic(mini_project: MiniProject) -> None:
    mini_project.answer("alpha")
    mini_project.topic("basics", ["alpha"])
    mini_project.answer("beta", topic="other")
    mini_project.topic("other", ["beta", "alpha"])
    assert messages(mini_project) == {
        ("content/topics/other.yaml", 6, 5, "topic/member-mismatch"): (
            "answer 'alpha' belongs to topic 'basics'; list it only in its own topic"
        )
    }


def test_topic_with_unknown_member(mini_project: MiniProject) -> None:
    mini_project.answer("alpha")
    mini_project.topic("basics", ["alpha", "ghost"])
    assert mini_project.found() == [("content/topics/basics.yaml", 6, 5, "ref/unresolved")]


# --- status and superseded_by --------------------------------------------------------------------


def test_deprecated_answer_pointing_to_a_published_one_is_fine(mini_project: MiniProject) -> None:
    mini_project.answer("old", status="deprecated", extra="superseded_by: new\n")
    mini_project.answer("new")
    mini_project.topic("basics", ["old", "new"])
    assert mini_project.validate() == []


def test_superseded_by_needs_a_deprecated_status(mini_project: MiniProject) -> None:
    mini_project.answer("old", extra="superseded_by: new\n")
    mini_project.answer("new")
    mini_project.topic("basics", ["old", "new"])
    assert messages(mini_project) == {
        ("content/answers/basics/old.yaml", 24, 16, "status/superseded"): (
            "superseded_by is only for deprecated answers; set status: deprecated"
        )
    }


def test_superseded_by_itself(mini_project: MiniProject) -> None:
    mini_project.answer("old", status="deprecated", extra="superseded_by: old\n")
    mini_project.topic("basics", ["old"])
    assert messages(mini_project) == {
        ("content/answers/basics/old.yaml", 24, 16, "status/superseded"): (
            "an answer cannot supersede itself; name the answer that replaces it"
        )
    }


def test_superseded_by_a_draft_or_deprecated_answer(mini_project: MiniProject) -> None:
    mini_project.answer("old", status="deprecated", extra="superseded_by: newer\n")
    mini_project.answer("newer", status="deprecated", extra="superseded_by: draft\n")
    mini_project.answer("draft", status="draft")
    mini_project.topic("basics", ["old", "newer", "draft"])
    assert messages(mini_project) == {
        ("content/answers/basics/newer.yaml", 24, 16, "status/superseded"): (
            "superseded_by 'draft' is draft; it must point to a published answer"
        ),
        ("content/answers/basics/old.yaml", 24, 16, "status/superseded"): (
            "superseded_by 'newer' is deprecated; it must point to a published answer"
        ),
    }


def test_superseded_by_an_unknown_or_wrong_kind(mini_project: MiniProject) -> None:
    mini_project.answer("old", status="deprecated", extra="superseded_by: sse\n")
    mini_project.answer("older", status="deprecated", extra="superseded_by: neww\n")
    mini_project.answer("new")
    mini_project.write("glossary/sse.yaml", GLOSSARY.format(id="sse"))
    mini_project.topic("basics", ["old", "older", "new"])
    assert messages(mini_project) == {
        ("content/answers/basics/old.yaml", 24, 16, "ref/kind"): (
            "superseded_by 'sse' is a glossary term; it must be an answer"
        ),
        ("content/answers/basics/older.yaml", 24, 16, "ref/unresolved"): (
            "superseded_by 'neww' is not the id of any entry; did you mean 'new'?"
        ),
    }


def test_deprecated_without_a_successor_is_a_warning(mini_project: MiniProject) -> None:
    mini_project.answer("old", status="deprecated")
    mini_project.topic("basics", ["old"])
    (found,) = mini_project.validate()
    assert (found.path, found.line, found.column, found.rule) == (
        "content/answers/basics/old.yaml",
        23,
        9,
        "status/no-successor",
    )
    assert found.severity is Severity.WARNING


# --- redirects -----------------------------------------------------------------------------------


def redirects(*rows: tuple[str, str, str]) -> str:
    return "redirects:\n" + "".join(
        f"  - from: {old}\n    to: {new}\n    kind: {kind}\n" for old, new, kind in rows
    )


def with_redirects(project: MiniProject, *rows: tuple[str, str, str]) -> None:
    site = project.root / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + redirects(*rows), encoding="utf-8")
    project.answer("alpha")
    project.answer("beta")
    project.topic("basics", ["alpha", "beta"])


def test_valid_redirect(mini_project: MiniProject) -> None:
    with_redirects(mini_project, ("old-a", "alpha", "answer"), ("old-topic", "basics", "topic"))
    assert mini_project.validate() == []


def test_redirect_must_not_shadow_a_live_entry(mini_project: MiniProject) -> None:
    with_redirects(mini_project, ("beta", "alpha", "answer"))
    assert messages(mini_project) == {
        ("content/site.yaml", 24, 11, "redirect/shadows"): (
            "'beta' is the id of a live entry; a redirect cannot replace it: "
            "remove the redirect or the entry"
        )
    }


def test_redirect_from_a_reserved_id(mini_project: MiniProject) -> None:
    with_redirects(mini_project, ("nul", "alpha", "answer"))
    assert messages(mini_project) == {
        ("content/site.yaml", 24, 11, "id/reserved"): (
            "'nul' is a reserved id (is a device name on Windows, where a file of that name "
            "cannot be checked out), so it has no old page to redirect from; remove this redirect"
        )
    }


def test_redirect_chain(mini_project: MiniProject) -> None:
    with_redirects(mini_project, ("older", "old", "answer"), ("old", "alpha", "answer"))
    assert messages(mini_project) == {
        ("content/site.yaml", 25, 9, "redirect/chain"): (
            "'old' is itself redirected; point straight to the final id"
        )
    }


def test_duplicate_redirect(mini_project: MiniProject) -> None:
    with_redirects(mini_project, ("old", "alpha", "answer"), ("old", "beta", "answer"))
    assert messages(mini_project) == {
        ("content/site.yaml", 27, 11, "redirect/duplicate"): (
            "'old' already has a redirect; keep one of them"
        )
    }


def test_redirect_target_of_the_wrong_kind(mini_project: MiniProject) -> None:
    with_redirects(mini_project, ("old", "basics", "answer"), ("gone", "nowhere", "topic"))
    assert messages(mini_project) == {
        ("content/site.yaml", 25, 9, "ref/kind"): (
            "redirect target 'basics' is a topic; it must be an answer"
        ),
        ("content/site.yaml", 28, 9, "ref/unresolved"): (
            "redirect target 'nowhere' is not the id of any entry"
        ),
    }


def test_redirect_to_a_draft_is_refused(mini_project: MiniProject) -> None:
    with_redirects(mini_project, ("old-a", "alpha", "answer"), ("old-wip", "wip", "answer"))
    mini_project.answer("wip", status="draft")
    mini_project.topic("basics", ["alpha", "beta", "wip"])
    assert messages(mini_project) == {
        ("content/site.yaml", 28, 9, "redirect/draft"): (
            "'wip' is a draft and not published, so the old URL would lead nowhere: point the "
            "redirect at a published entry, or add it when the draft is published"
        )
    }


# --- crawlers ------------------------------------------------------------------------------------


def with_agents(project: MiniProject, agents: str) -> None:
    """Name crawlers in site.yaml: ``agents:`` is line 17, its first crawler line 18."""
    site = project.root / "content" / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert "  default: allow\nfeed:" in text
    site.write_text(
        text.replace("  default: allow\n", f"  default: allow\n  agents:\n{agents}", 1),
        encoding="utf-8",
    )
    project.answer("alpha")
    project.topic("basics", ["alpha"])


def test_crawler_names_differing_only_by_case_are_refused(mini_project: MiniProject) -> None:
    with_agents(
        mini_project,
        "    GPTBot: allow\n    ClaudeBot: allow\n    gptbot: disallow\n    GPTBOT: allow\n",
    )
    message = (
        "crawler '{}' is already listed as 'GPTBot' on line 18; robots.txt matches names "
        "regardless of case: keep one of them"
    )
    assert messages(mini_project) == {
        ("content/site.yaml", 20, 5, "crawler/duplicate"): message.format("gptbot"),
        ("content/site.yaml", 21, 5, "crawler/duplicate"): message.format("GPTBOT"),
    }


def test_distinct_crawler_names_are_fine(mini_project: MiniProject) -> None:
    with_agents(mini_project, "    GPTBot: allow\n    GPTBot-Image: disallow\n")
    assert mini_project.validate() == []


# --- site paths in text --------------------------------------------------------------------------


def linking(*hrefs: str) -> str:
    """A related note (line 26, text from column 11) whose links start at column 12."""
    links = "、".join(f"[页面]({href})" for href in hrefs)
    return f"related:\n  - id: other\n    note: 「{links}」\n"


def site_path_project(project: MiniProject, *hrefs: str, status: str = "published") -> str:
    """``first`` links ``hrefs``; ``other``, a topic, a glossary term and a draft exist."""
    path = project.answer("first", status=status, extra=linking(*hrefs))
    project.answer("other")
    project.answer("wip", status="draft")
    project.topic("basics", ["first", "other", "wip"])
    project.write("glossary/sse.yaml", GLOSSARY.format(id="sse"))
    return path


@pytest.mark.parametrize(
    "href",
    [
        "/answers/other/",
        "/answers/other",
        "/answers/other/index.html",
        "/answers/other.md",
        "/answers/other/index.md",
        "/answers/other/#basis",
        "/answers/other/?from=note",
        "/topics/basics/",
        "/topics/basics/llms.txt",
        "/api/v1/answers/other.json",
        "/glossary/",
        "/glossary/#sse",
        "/glossary/sse.md",
        "/tags/",
        "/llms.txt",
        "/",
    ],
)
def test_site_paths_to_published_pages_are_fine(mini_project: MiniProject, href: str) -> None:
    site_path_project(mini_project, href)
    assert mini_project.validate() == []


@pytest.mark.parametrize(
    "href", ["/answers/wip/", "/answers/wip.md", "/api/v1/answers/wip.json", "/answers/%77ip/"]
)
def test_site_path_to_a_draft_is_refused(mini_project: MiniProject, href: str) -> None:
    path = site_path_project(mini_project, href)
    assert messages(mini_project) == {
        (path, 26, 12, "ref/draft"): (
            f"site path '{href}' leads to 'wip', a draft that is not published; the link "
            "would be dead: remove it until the draft is published"
        )
    }


def test_a_draft_may_link_a_draft(mini_project: MiniProject) -> None:
    site_path_project(mini_project, "/answers/wip/", status="draft")
    assert mini_project.validate() == []


def test_every_link_to_a_draft_is_reported_where_it_was_written(
    mini_project: MiniProject,
) -> None:
    path = site_path_project(mini_project, "/answers/other/", "/answers/wip.md")
    # The note starts at column 11 with "「[页面](/answers/other/)、", 23 characters.
    assert mini_project.found() == [(path, 26, 34, "ref/draft")]


def test_the_home_page_must_not_link_a_draft(mini_project: MiniProject) -> None:
    site = mini_project.root / "content" / "site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("    - 欢迎。\n", "    - 欢迎，先读「[草稿](/answers/wip/)」\n"))
    mini_project.answer("first")
    mini_project.answer("wip", status="draft")
    mini_project.topic("basics", ["first", "wip"])
    assert messages(mini_project) == {
        ("content/site.yaml", 22, 13, "ref/draft"): (
            "site path '/answers/wip/' leads to 'wip', a draft that is not published; the link "
            "would be dead: remove it until the draft is published"
        )
    }


@pytest.mark.parametrize(
    ("href", "why"),
    [
        ("/answers/othre/", "there is no answer 'othre' (did you mean 'other'?)"),
        ("/answers/zzz-nothing/", "there is no answer 'zzz-nothing'"),
        ("/answers/basics/", "'basics' is a topic, found under /topics/"),
        ("/guides/other/", "'other' is an answer, found under /answers/"),
        ("/answers/", "the page of an entry is /answers/<id>/"),
        ("/answers/other/extra/", "the page of an entry is /answers/<id>/"),
        ("/glossary/#ssee", "there is no glossary term 'ssee' (did you mean 'sse'?)"),
        ("/glossary/sse/", "these entries are on one page, at /glossary/#<id>"),
        ("/api/v1/answers/nope.json", "there is no answer 'nope'"),
        ("/api/v1/answers/other/", "the API file of an entry is /api/v1/answers/<id>.json"),
    ],
)
def test_site_path_that_leads_to_no_page(mini_project: MiniProject, href: str, why: str) -> None:
    path = site_path_project(mini_project, href)
    assert messages(mini_project) == {
        (path, 26, 12, "ref/dead-link"): (
            f"site path '{href}' leads to no page: {why}; correct the path or remove the link"
        )
    }


def test_glossary_page_without_terms(mini_project: MiniProject) -> None:
    path = mini_project.answer("first", extra=linking("/glossary/"))
    mini_project.answer("other")
    mini_project.topic("basics", ["first", "other"])
    assert messages(mini_project) == {
        (path, 26, 12, "ref/dead-link"): (
            "site path '/glossary/' leads to no page: there are no glossary terms, so "
            "there is no glossary page; correct the path or remove the link"
        )
    }


def test_site_path_to_a_redirected_id_is_fine(mini_project: MiniProject) -> None:
    site = mini_project.root / "content" / "site.yaml"
    site.write_text(
        site.read_text(encoding="utf-8") + redirects(("old-other", "other", "answer")),
        encoding="utf-8",
    )
    site_path_project(mini_project, "/answers/old-other/")
    assert mini_project.validate() == []


def test_site_path_to_a_broken_entry_is_not_reported_again(mini_project: MiniProject) -> None:
    site_path_project(mini_project, "/answers/broken/")
    mini_project.write("answers/basics/broken.yaml", "id: broken\ntitle: [unclosed\n")
    assert mini_project.found() == [("content/answers/basics/broken.yaml", 2, 8, "yaml/syntax")]


# --- topic titles --------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["Optional", "optional", "'  OPTIONAL '", "'**Optional**'"])
def test_a_topic_cannot_be_titled_like_the_optional_section(
    mini_project: MiniProject, title: str
) -> None:
    mini_project.answer("alpha")
    path = mini_project.topic("basics", ["alpha"])
    topic = mini_project.root / path
    topic.write_text(topic.read_text(encoding="utf-8").replace("主题 basics", title, 1))
    shown = title.strip("'")
    assert messages(mini_project) == {
        (path, 2, 8, "topic/reserved-title"): (
            f"a topic titled {shown!r} would list its answers in llms.txt under '## Optional', "
            "a section that language models may skip; rename the topic"
        )
    }


def test_a_topic_title_that_only_starts_like_optional_is_fine(mini_project: MiniProject) -> None:
    mini_project.answer("alpha")
    path = mini_project.topic("basics", ["alpha"])
    topic = mini_project.root / path
    topic.write_text(topic.read_text(encoding="utf-8").replace("主题 basics", "Optional 设置", 1))
    assert mini_project.validate() == []
