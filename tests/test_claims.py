"""Citable claims: ids that survive unrelated edits, change with their text, are unique on
a page, and are anchors on the page, in the mirror and in the API."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt

from answer_center.claims import entry_claims
from answer_center.kinds import ANSWER, ENTRY_KINDS
from answer_center.model import Catalog
from answer_center.render.outputs import published_files
from answer_center.render.site_tree import engine_tree
from catalogs import SCHEMA_FILES, answer, catalog, topic
from outputs_site import BuiltSite
from test_golden import ENGINE_CONFIG

CLAIM_ID = re.compile(r"^claim-(answer|basis|boundary|step)-[0-9a-f]{8}(-\d+)?$")


def claims_of(**fields: Any) -> dict[tuple[str, str], str]:
    """(field, text) -> id of an answer ``x`` with the given fields."""
    built = catalog(("topic", topic("basics", ["x"])), ("answer", answer("x", **fields)))
    return {(c.field, c.text): c.id for c in built.by_id["x"].claims}


BASIS = ["第一条依据。", "第二条依据。", "第三条依据。"]


def test_ids_survive_edits_that_do_not_touch_the_claim() -> None:
    before = claims_of(basis=BASIS, next_steps=["先做这个。", "再做那个。"])
    after = claims_of(
        basis=["新插入的依据。", BASIS[2], BASIS[0], BASIS[1]],  # inserted and reordered
        next_steps=["先做这个。"],  # another step removed
        summary="摘要改了,论断没改。",
        short_answer="这是问题 x 的简短回答,足够二十个字符长,可以直接引用。",
    )
    for key in [("basis", t) for t in BASIS] + [("step", "先做这个。"), ("answer", key_answer())]:
        assert after[key] == before[key], key


def key_answer() -> str:
    return str(answer("x")["short_answer"])


def test_ids_change_when_the_claim_text_changes_and_not_for_white_space() -> None:
    before = claims_of(basis=BASIS)
    changed = claims_of(basis=["第一条依据(已更正)。", *BASIS[1:]])
    assert changed[("basis", "第一条依据(已更正)。")] != before[("basis", BASIS[0])]
    assert changed[("basis", BASIS[1])] == before[("basis", BASIS[1])]
    spaced = entry_claims("x", ANSWER.claims, {"basis": ["a  b\n c"]})
    plain = entry_claims("x", ANSWER.claims, {"basis": ["a b c"]})
    assert spaced[0].id == plain[0].id


def test_the_same_text_in_another_field_or_entry_gets_another_id() -> None:
    one = entry_claims("x", ANSWER.claims, {"basis": ["同一句。"], "boundaries": ["同一句。"]})
    other = entry_claims("y", ANSWER.claims, {"basis": ["同一句。"]})
    assert len({one[0].id, one[1].id, other[0].id}) == 3


def test_ids_are_unique_on_a_page_even_for_repeated_items() -> None:
    claims = entry_claims(
        "x", ANSWER.claims, {"short_answer": "短答案。", "basis": ["同一句。"] * 3}
    )
    ids = [c.id for c in claims]
    assert len(set(ids)) == len(ids) == 4
    assert ids[2] == ids[1] + "-2" and ids[3] == ids[1] + "-3"
    assert [c.index for c in claims] == [0, 0, 1, 2]
    assert all(CLAIM_ID.match(i) for i in ids)


def test_the_api_schema_names_every_declared_claim_field() -> None:
    schema = json.loads(SCHEMA_FILES["api-entry.schema.json"])
    names = sorted({f.name for kind in ENTRY_KINDS for f in kind.claims})
    assert sorted(schema["$defs"]["claim"]["properties"]["field"]["enum"]) == names


def tiny() -> Catalog:
    return catalog(
        ("topic", topic("basics", ["x"])),
        ("answer", answer("x", basis=BASIS, boundaries=["只适用于 `stream=true`。"])),
    )


def test_claims_are_in_the_api_with_their_citable_url() -> None:
    built = tiny()
    document = json.loads(published_files(built, SCHEMA_FILES)["api/v1/answers/x.json"])
    claims = document["claims"]
    assert [(c["field"], c["index"]) for c in claims] == [
        ("answer", 0),
        ("basis", 0),
        ("basis", 1),
        ("basis", 2),
        ("boundary", 0),
        ("step", 0),
    ]
    assert [c["id"] for c in claims] == [c.id for c in built.by_id["x"].claims]
    assert claims[4]["text"] == "只适用于 stream=true。"
    assert claims[1]["url"] == f"https://answers.example.com/answers/x/#{claims[1]['id']}"


def test_each_claim_is_an_anchor_in_the_mirror_at_its_text() -> None:
    built = tiny()
    mirror = published_files(built, SCHEMA_FILES)["answers/x.md"].decode("utf-8")
    html = MarkdownIt("commonmark").render(mirror.split("\n---\n", 1)[1])
    for claim in built.by_id["x"].claims:
        plain = claim.text.replace("`", "")
        pattern = rf'<a id="{claim.id}"></a>(<strong>[^<]*</strong>[^<]*)?{re.escape(plain[:4])}'
        assert re.search(pattern, html), claim


def test_each_claim_is_an_attribute_list_id_in_the_engine_markdown() -> None:
    built = tiny()
    page = engine_tree(built, ENGINE_CONFIG, SCHEMA_FILES)["docs/answers/x.md"].decode("utf-8")
    for claim in built.by_id["x"].claims:
        assert f"{{: #{claim.id} }}" in page


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] = tag


def test_every_claim_of_the_api_is_an_element_id_on_the_built_page(built_site: BuiltSite) -> None:
    index = built_site.json("api/v1/index.json")
    answers = [e for e in index["entries"] if e["kind"] == "answer"]
    assert len(answers) >= 5
    total = 0
    for item in answers:
        document = built_site.json(item["json_url"].removeprefix(built_site.base_url))
        parser = _Ids()
        parser.feed(built_site.file_of(item["url"]).read_text(encoding="utf-8"))
        for claim in document["claims"]:
            assert parser.ids.get(claim["id"]) in ("li", "p"), (item["id"], claim["id"])
            assert claim["url"] == item["url"] + "#" + claim["id"]
            total += 1
    assert total >= 5 * 8


def test_comparing_two_versions_shows_exactly_the_claims_that_changed() -> None:
    before = set(claims_of(basis=BASIS, boundaries=["边界一。", "边界二。"]).values())
    after = set(claims_of(basis=BASIS, boundaries=["边界一。", "边界二(改)。"]).values())
    gone, new = before - after, after - before
    assert len(gone) == len(new) == 1
    assert next(iter(gone)).startswith("claim-boundary-")
    assert next(iter(new)).startswith("claim-boundary-")
