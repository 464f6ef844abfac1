"""The output budget: what one entry publishes stays proportional to what it holds.

Every output is rendered from the model, so a template that repeats a field, or a field
that reaches every page, would make one small entry publish megabytes. Each entry's own
files (its engine page, its Markdown mirrors, its API file) may hold at most

    BASE_BYTES + OUTPUT_FACTOR × its content + PER_LINK_BYTES × the entries it links to

where its content is its canonical JSON (what ``content_hash`` hashes) and the links are its
related entries, topic members, "more like this" answers, topic, successor and tags, each
shown with a title and at most one line. A build whose outputs break the budget fails with
the entry and its figures, before the site engine runs.

Shared pages are bounded by construction: tooltips appear once per term per page and are
cut to one short sentence, "more like this" lists four answers, ``related`` and ``see_also``
hold at most twenty ids, and the lists that grow with the site split (see
:mod:`answer_center.bounds`). Whatever made it, no file may be larger than
``bounds.file_bytes``: :func:`oversized_files` fails the build at each one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from answer_center import urls
from answer_center.diagnostics import Diagnostic, error
from answer_center.model import Catalog, Entry
from answer_center.render.formats import thaw

OUTPUT_FACTOR = 8
BASE_BYTES = 32_000
PER_LINK_BYTES = 4_000


def content_bytes(entry: Entry) -> int:
    """The size of an entry's canonical JSON, in UTF-8 bytes."""
    canonical = json.dumps(
        thaw(entry.body), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return len(canonical.encode("utf-8"))


def linked_entries(catalog: Catalog, entry: Entry) -> int:
    """How many other entries an entry's pages show a line of."""
    return (
        len(catalog.links.get(entry.id, ()))
        + len(catalog.members.get(entry.id, ()))
        + len(catalog.similar.get(entry.id, ()))
        + len(entry.tags)
        + 2  # its topic, its successor
    )


def allowance(catalog: Catalog, entry: Entry) -> int:
    """The most bytes an entry's own outputs may take."""
    return (
        BASE_BYTES
        + OUTPUT_FACTOR * content_bytes(entry)
        + PER_LINK_BYTES * linked_entries(catalog, entry)
    )


def own_files(entry: Entry, docs_folder: str) -> tuple[str, ...]:
    """The entry's own files: in the engine tree (``docs/...``) and in site/."""
    files = [*urls.mirror_files(entry.url, entry.markdown_url), entry.json_url.lstrip("/")]
    if entry.kind.own_page:
        files.append(f"{docs_folder}/{urls.doc(entry.kind, entry.id)}")
    return tuple(dict.fromkeys(files))


def over_budget(
    catalog: Catalog,
    outputs: Iterable[Mapping[str, int]],
    docs_folder: str,
) -> list[Diagnostic]:
    """An error at each entry whose own outputs break the budget.

    ``outputs`` are the sizes of file trees, keyed by path: the engine tree (under
    ``docs_folder``) and the published files of site/.
    """
    trees = list(outputs)
    found = []
    for entry in catalog.entries:
        used = sum(
            tree[path] for path in own_files(entry, docs_folder) for tree in trees if path in tree
        )
        limit = allowance(catalog, entry)
        if used > limit:
            found.append(
                error(
                    entry.source_path,
                    1,
                    1,
                    "output/too-large",
                    used=used,
                    content=content_bytes(entry),
                    limit=limit,
                    factor=OUTPUT_FACTOR,
                    base=BASE_BYTES,
                    per_link=PER_LINK_BYTES,
                )
            )
    return found


def oversized_files(sizes: Mapping[str, int], limit: int) -> list[Diagnostic]:
    """An error at each file (path as the build writes it) larger than ``limit`` bytes."""
    return [
        error(
            path,
            1,
            1,
            "output/file-too-large",
            size=size,
            limit=limit,
        )
        for path, size in sorted(sizes.items())
        if size > limit
    ]
