"""``answer-center new <kind> <id>``: write a skeleton entry and list it in its topic.

The skeleton comes from :mod:`answer_center.scaffold`; this module checks the id against
everything that holds or held ids (every content file of every kind, the redirects of
``site.yaml``), reads and writes the files, and tells the editor what to do next. Nothing
is written unless everything can be: a refusal leaves every file as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TextIO

from answer_center.kinds import ENTRY_KINDS, KINDS_BY_NAME, SITE_FILE, TOPIC, Kind
from answer_center.load import load_file
from answer_center.project import Project
from answer_center.scaffold import (
    Entry,
    add_member,
    content_file,
    flat_schema,
    id_problem,
    scaffold_words,
    skeleton,
)
from answer_center.validate.schema import COMMON_SCHEMA
from answer_center.words import Vocabulary, vocabulary

DEFAULT_LANGUAGE = "zh-CN"
"""The language of the messages when site.yaml names none (or cannot be read)."""


class RefusedError(Exception):
    """Why the entry cannot be written, in the editor's language."""


@dataclass(frozen=True)
class _Site:
    language: str
    redirects: dict[str, str]
    """Old id -> the id it redirects to."""


def new(
    project: Project,
    kind_name: str,
    entry_id: str,
    topic: str | None,
    today: str,
    out: TextIO,
    err: TextIO,
) -> int:
    """Write the skeleton of a new entry (and add it to its topic); returns the exit status."""
    site = _site(project)
    # The messages speak the language asked for (--lang); the skeleton, the site's.
    w = vocabulary(project.language or site.language)
    try:
        writes = _plan(project, site, w, kind_name, entry_id, topic, today)
    except RefusedError as refusal:
        err.write(f"new: {refusal}\n")
        return 1
    for path, text in writes:
        target = project.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    kind = KINDS_BY_NAME[kind_name]
    written = writes[0][0]
    lines = [w("new.wrote", path=written)]
    if len(writes) > 1:
        lines.append(w("new.added", id=entry_id, topic=writes[1][0]))
    lines.extend(line.format(path=written) for line in w.list("new.next"))
    if "status" in _schema(project, kind).get("properties", {}):
        lines.append(w("new.draft"))
    out.write("".join(f"{line}\n" for line in lines))
    return 0


def _plan(
    project: Project,
    site: _Site,
    w: Vocabulary,
    kind_name: str,
    entry_id: str,
    topic: str | None,
    today: str,
) -> list[tuple[str, str]]:
    """The files to write, the new entry's first, or the refusal."""
    kind = KINDS_BY_NAME.get(kind_name)
    if kind is None:
        kinds = ", ".join(k.name for k in ENTRY_KINDS)
        raise RefusedError(w("new.errors.unknown_kind", kind=kind_name, kinds=kinds))
    common = json.loads((project.schemas_dir / COMMON_SCHEMA).read_text(encoding="utf-8"))
    reason = id_problem(entry_id, common, w.language)
    if reason is not None:
        raise RefusedError(w("new.errors.bad_id", id=entry_id, reason=reason))
    _refuse_used(project, site, w, entry_id)
    label = w(f"kinds.{kind.name}.one")
    writes: list[tuple[str, str]] = []
    if kind.nested and topic is None:
        raise RefusedError(w("new.errors.needs_topic", kind=label, topics=_topics(project)))
    if topic is not None:
        if not kind.topic_member:
            raise RefusedError(w("new.errors.no_topic_member", kind=label))
        writes.append(_topic_with(project, w, topic, entry_id, common))
    entry = Entry(entry_id, topic, today)
    content_words = vocabulary(site.language)
    text = skeleton(
        entry,
        _schema(project, kind),
        scaffold_words(content_words),
        site.language,
        content_words(f"kinds.{kind.name}.one"),
    )
    return [(content_file(kind, entry_id, topic), text), *writes]


def _refuse_used(project: Project, site: _Site, w: Vocabulary, entry_id: str) -> None:
    for kind in ENTRY_KINDS:
        folder = project.content_dir / kind.section
        pattern = "*/*.yaml" if kind.nested else "*.yaml"
        for path in sorted(folder.glob(pattern)) if folder.is_dir() else ():
            # Ids are lowercase, so a file that differs only by case would collide with it.
            if path.stem.casefold() == entry_id:
                shown = path.relative_to(project.root).as_posix()
                raise RefusedError(w("new.errors.exists", id=entry_id, path=shown))
    if entry_id in site.redirects:
        raise RefusedError(w("new.errors.redirected", id=entry_id, to=site.redirects[entry_id]))


def _topic_with(
    project: Project, w: Vocabulary, topic: str, entry_id: str, common: dict[str, Any]
) -> tuple[str, str]:
    path = content_file(TOPIC, topic, None)
    file = project.root / path
    # An id is never a path: "../site" must not reach content/site.yaml.
    if id_problem(topic, common, w.language) is not None or not file.is_file():
        raise RefusedError(
            w("new.errors.unknown_topic", topic=topic, path=path, topics=_topics(project))
        )
    try:
        text = file.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RefusedError(w("new.errors.unreadable", path=path, reason=exc)) from exc
    changed = add_member(text, entry_id)
    if changed is None:
        raise RefusedError(w("new.errors.members_layout", path=path, id=entry_id))
    return path, changed


def _topics(project: Project) -> str:
    folder = project.content_dir / TOPIC.section
    return ", ".join(path.stem for path in sorted(folder.glob("*.yaml"))) or "-"


def _schema(project: Project, kind: Kind) -> dict[str, Any]:
    common = json.loads((project.schemas_dir / COMMON_SCHEMA).read_text(encoding="utf-8"))
    raw = json.loads((project.schemas_dir / kind.schema_file).read_text(encoding="utf-8"))
    return flat_schema(raw, common)


def _site(project: Project) -> _Site:
    """The site's language and redirects; defaults when site.yaml cannot be read (the
    new entry does not depend on it, and validation reports what is wrong with it)."""
    path = project.content_dir / SITE_FILE
    loaded = load_file(path, f"content/{SITE_FILE}") if path.is_file() else None
    data: Any = loaded.document.data if loaded is not None and loaded.document else {}
    if not isinstance(data, dict):
        data = {}
    language = data.get("language")
    redirects = {
        str(item.get("from")): str(item.get("to"))
        for item in data.get("redirects") or []
        if isinstance(item, dict)
    }
    return _Site(language if isinstance(language, str) else DEFAULT_LANGUAGE, redirects)
