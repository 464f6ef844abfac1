"""The static JSON API v1: schemas, unique stable ids, content hashes, resolved links."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from answer_center import dates
from answer_center.kinds import ANSWER, TOPIC
from answer_center.render.outputs import published_files
from outputs_site import (
    CHANGED_ANSWER,
    DEPRECATED_ANSWER,
    OLD_ANSWER_ID,
    REDIRECT_TARGET,
    SUCCESSOR_ANSWER,
    BuiltSite,
    schema_registry,
    strict,
)
from sample_site import REPO

SCHEMAS = REPO / "schemas"


def validator(name: str) -> Draft202012Validator:
    """A validator for one of schemas/, held to exactly the properties it documents."""
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(strict(schema), registry=schema_registry())


def errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def api_files(built: BuiltSite) -> list[Path]:
    """Entry files of the API (the published schemas under schema/ are not entries)."""
    return sorted(
        p for p in (built.site / "api" / "v1").glob("*/*.json") if p.parent.name != "schema"
    )


@pytest.mark.parametrize("which", ["built_site", "changed_site"])
def test_index_and_every_entry_file_validate(which: str, request: pytest.FixtureRequest) -> None:
    built: BuiltSite = request.getfixturevalue(which)
    assert errors(validator("api-index.schema.json"), built.json("api/v1/index.json")) == []
    entry = validator("api-entry.schema.json")
    files = api_files(built)
    assert len(files) == len(built.catalog.entries)
    for path in files:
        assert errors(entry, json.loads(path.read_text(encoding="utf-8"))) == [], path


def test_index_lists_every_entry_once_with_working_urls(built_site: BuiltSite) -> None:
    index = built_site.json("api/v1/index.json")
    ids = [item["id"] for item in index["entries"]]
    assert len(ids) == len(set(ids)) == index["count"]
    assert ids == [e.id for e in built_site.catalog.entries]
    assert index["updated"] == max(e.updated for e in built_site.catalog.entries).isoformat()
    for item in index["entries"]:
        entry = built_site.catalog.by_id[item["id"]]
        assert item["kind"] == entry.kind.name
        assert item["content_hash"] == entry.content_hash
        assert item["updated"] == dates.updated(built_site.catalog, entry).isoformat()
        for key in ("url", "markdown_url", "json_url"):
            assert built_site.file_of(item[key]).is_file(), (item["id"], key)
        document = json.loads(built_site.file_of(item["json_url"]).read_text(encoding="utf-8"))
        assert {k: document[k] for k in item if k in document} == {
            k: v for k, v in item.items() if k in document
        }


def test_fields_hash_to_the_content_hash(built_site: BuiltSite) -> None:
    for path in api_files(built_site):
        document = json.loads(path.read_text(encoding="utf-8"))
        canonical = json.dumps(
            document["fields"], sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        assert document["content_hash"] == f"sha256:{digest}", path


def test_links_are_resolved_with_titles_and_urls(built_site: BuiltSite) -> None:
    catalog, base = built_site.catalog, built_site.base_url
    for answer in catalog.of_kind(ANSWER):
        links = built_site.json(answer.json_url[1:])["links"]
        assert [r["id"] for r in links["related"]] == [x.id for x in catalog.links[answer.id]]
        for related in links["related"]:
            assert related["title"] and related["note"]
            if related["kind"] == "external":  # a page elsewhere: no mirror, no API file
                assert related["url"].startswith("https://") and related["id"] == ""
                assert related["markdown_url"] is None and related["json_url"] is None
                continue
            assert built_site.file_of(related["markdown_url"]).is_file()
        assert links["topic"]["id"] == catalog.topic_of[answer.id].id
        assert [r["id"] for r in links["more_like_this"]] == [
            e.id for e in catalog.similar[answer.id]
        ]
        assert links["superseded_by"] is None
    for topic in catalog.of_kind(TOPIC):
        members = built_site.json(topic.json_url[1:])["links"]["members"]
        assert [m["id"] for m in members] == [m.id for m in catalog.members[topic.id]]
        assert all(m["url"].startswith(base) for m in members)


def test_json_is_deterministic_text(built_site: BuiltSite) -> None:
    for path in [*api_files(built_site), built_site.site / "api/v1/index.json"]:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_outputs_are_identical_across_builds(
    built_site: BuiltSite, rebuilt_site: BuiltSite
) -> None:
    suffixes = {".json", ".md", ".txt", ".xml", ".gz"}
    first = {
        p.relative_to(built_site.site): p.read_bytes()
        for p in built_site.site.rglob("*")
        if p.suffix in suffixes or p.name.startswith("_")
    }
    second = {
        p.relative_to(rebuilt_site.site): p.read_bytes()
        for p in rebuilt_site.site.rglob("*")
        if p.suffix in suffixes or p.name.startswith("_")
    }
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_hashes_change_exactly_for_the_changed_entries(
    built_site: BuiltSite, changed_site: BuiltSite
) -> None:
    before = {e["id"]: e["content_hash"] for e in built_site.json("api/v1/index.json")["entries"]}
    after = {e["id"]: e["content_hash"] for e in changed_site.json("api/v1/index.json")["entries"]}
    assert before.keys() == after.keys()
    assert {i for i in before if before[i] != after[i]} == {CHANGED_ANSWER, DEPRECATED_ANSWER}


def test_deprecated_answers_and_renamed_ids_stay_in_the_index(changed_site: BuiltSite) -> None:
    base = changed_site.base_url
    index = changed_site.json("api/v1/index.json")
    old = next(e for e in index["entries"] if e["id"] == DEPRECATED_ANSWER)
    assert old["status"] == "deprecated"
    assert old["superseded_by"] == SUCCESSOR_ANSWER
    links = changed_site.json(f"api/v1/answers/{DEPRECATED_ANSWER}.json")["links"]
    assert links["superseded_by"]["id"] == SUCCESSOR_ANSWER
    assert index["redirects"] == [
        {
            "from": OLD_ANSWER_ID,
            "to": REDIRECT_TARGET,
            "kind": "answer",
            "url": f"{base}answers/{OLD_ANSWER_ID}/",
            "target_url": f"{base}answers/{REDIRECT_TARGET}/",
        }
    ]


def test_schemas_are_published_where_the_api_points(built_site: BuiltSite) -> None:
    schemas = {p.name: p.read_bytes() for p in SCHEMAS.glob("*.json")}
    files = published_files(built_site.catalog, schemas)
    base = built_site.base_url
    for name in ("api-index.schema.json", "api-entry.schema.json", "answer.schema.json"):
        assert files[f"api/v1/schema/{name}"] == schemas[name]
    index = json.loads(files["api/v1/index.json"])
    entry = json.loads(files[f"api/v1/answers/{REDIRECT_TARGET}.json"])
    for url in (index["$schema"], entry["$schema"]):
        assert url.startswith(base) and url[len(base) :] in files
        assert built_site.file_of(url).is_file(), "the real build publishes it"
    # Every relative $ref of a published schema resolves to another published schema.
    for name, data in schemas.items():
        for ref in _refs(json.loads(data)):
            target = ref.split("#")[0]
            assert not target or f"api/v1/schema/{target}" in files, (name, ref)


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []
