"""What changes for an answer engine between two built sites: entries added, removed,
deprecated, redirected and changed (which fields, and how the lead text reads before and
after), llms.txt lines added and removed, and published addresses that disappear without
a redirect, which break every link and citation to them (an error).

Pure: :func:`compare` takes two :class:`PublishedSite` values; the command reads them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from answer_center.markup import to_plain
from answer_center.published_site import PublishedEntry, PublishedSite
from answer_center.render.inline import escape_commonmark
from answer_center.words import Vocabulary, vocabulary

CONTEXT_BEFORE = 20
"""Characters of unchanged text shown before the first change of a lead text."""
EXCERPT = 80
"""Characters shown from the first change on."""
SCHEMA = "diff.schema.json"


@dataclass(frozen=True)
class EntryChange:
    """An entry present on one side or both, and what changed in it."""

    id: str
    kind: str
    title: str
    path: str
    fields: tuple[str, ...] = ()
    """Top-level fields whose value differs (changed and deprecated entries)."""
    before: str | None = None
    after: str | None = None
    """Excerpts of the lead text around its first change, when it changed."""
    superseded_by: str | None = None


@dataclass(frozen=True)
class RedirectChange:
    """An old id that now redirects."""

    old_id: str
    target_id: str
    kind: str
    path: str
    target_path: str


@dataclass(frozen=True)
class SiteDiff:
    """The changes from a base site to a head site."""

    base: str
    head: str
    language: str
    added: tuple[EntryChange, ...]
    changed: tuple[EntryChange, ...]
    deprecated: tuple[EntryChange, ...]
    redirected: tuple[RedirectChange, ...]
    removed: tuple[EntryChange, ...]
    llms_added: tuple[str, ...]
    llms_removed: tuple[str, ...]
    missing_paths: tuple[str, ...]
    """Site paths the base published that the head neither publishes nor redirects."""

    @property
    def failed(self) -> bool:
        """True when addresses disappear without a redirect."""
        return bool(self.missing_paths)

    @property
    def changed_paths(self) -> tuple[str, ...]:
        """Entry pages added, changed, deprecated, removed or redirected: what search
        engines should fetch again."""
        found = [c.path for c in (*self.added, *self.changed, *self.deprecated, *self.removed)]
        found += [r.path for r in self.redirected]
        return tuple(dict.fromkeys(found))


def _excerpts(before: str, after: str) -> tuple[str, str]:
    """The two texts from a little before their first difference."""
    same = 0
    for a, b in zip(before, after, strict=False):
        if a != b:
            break
        same += 1
    start = max(0, same - CONTEXT_BEFORE)

    def cut(text: str) -> str:
        piece = text[start : same + EXCERPT]
        return ("…" if start else "") + piece + ("…" if same + EXCERPT < len(text) else "")

    return cut(before), cut(after)


def _change(entry: PublishedEntry, old: PublishedEntry | None = None) -> EntryChange:
    if old is None:
        return EntryChange(entry.id, entry.kind, entry.title, entry.path)
    keys = sorted(set(old.fields) | set(entry.fields))
    fields = tuple(k for k in keys if old.fields.get(k) != entry.fields.get(k))
    before = after = None
    if old.lead != entry.lead:
        before, after = _excerpts(to_plain(old.lead), to_plain(entry.lead))
    return EntryChange(
        entry.id,
        entry.kind,
        entry.title,
        entry.path,
        fields,
        before,
        after,
        entry.superseded_by if entry.status == "deprecated" else None,
    )


def _lines_only_in(lines: Sequence[str], other: Sequence[str]) -> tuple[str, ...]:
    """Lines of ``lines`` not matched by a line of ``other`` (as a multiset), in order."""
    left = Counter(other)
    out = []
    for line in lines:
        if left[line]:
            left[line] -= 1
        elif line.strip():
            out.append(line)
    return tuple(out)


def compare(base: PublishedSite, head: PublishedSite, base_label: str, head_label: str) -> SiteDiff:
    """The changes from ``base`` to ``head``."""
    added, changed, deprecated, removed = [], [], [], []
    for entry in head.entries.values():
        old = base.entries.get(entry.id)
        if old is None:
            added.append(_change(entry))
        elif entry.status == "deprecated" and old.status != "deprecated":
            deprecated.append(_change(entry, old))
        elif entry.content_hash != old.content_hash:
            changed.append(_change(entry, old))
    redirected = [
        RedirectChange(r.old_id, r.target_id, r.kind, r.path, r.target_path)
        for old_id, r in head.redirects.items()
        if old_id not in base.redirects
    ]
    moved = {r.old_id for r in redirected}
    for entry in base.entries.values():
        if entry.id not in head.entries and entry.id not in moved:
            removed.append(_change(entry))
    answered = head.answered_paths
    missing = sorted((base.published_paths | base.redirected_paths) - answered)
    return SiteDiff(
        base=base_label,
        head=head_label,
        language=head.language,
        added=tuple(added),
        changed=tuple(changed),
        deprecated=tuple(deprecated),
        redirected=tuple(redirected),
        removed=tuple(removed),
        llms_added=_lines_only_in(head.llms_lines, base.llms_lines),
        llms_removed=_lines_only_in(base.llms_lines, head.llms_lines),
        missing_paths=tuple(missing),
    )


def as_json(diff: SiteDiff) -> str:
    """The diff as JSON (``schemas/diff.schema.json``)."""

    def entry(change: EntryChange) -> dict[str, Any]:
        return {
            "id": change.id,
            "kind": change.kind,
            "title": change.title,
            "path": change.path,
            "fields": list(change.fields),
            "before": change.before,
            "after": change.after,
            "superseded_by": change.superseded_by,
        }

    document = {
        "$schema": SCHEMA,
        "base": diff.base,
        "head": diff.head,
        "ok": not diff.failed,
        "added": [entry(c) for c in diff.added],
        "changed": [entry(c) for c in diff.changed],
        "deprecated": [entry(c) for c in diff.deprecated],
        "redirected": [
            {
                "from": r.old_id,
                "to": r.target_id,
                "kind": r.kind,
                "path": r.path,
                "target_path": r.target_path,
            }
            for r in diff.redirected
        ],
        "removed": [entry(c) for c in diff.removed],
        "llms_txt": {"added": list(diff.llms_added), "removed": list(diff.llms_removed)},
        "missing_paths": list(diff.missing_paths),
        "changed_paths": list(diff.changed_paths),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _text(value: str) -> str:
    return escape_commonmark(value, line_start=False)


def _fence(lines: Sequence[str]) -> str:
    """A code fence longer than any run of backticks in ``lines``."""
    longest = max((len(run) for line in lines for run in re.findall("`+", line)), default=0)
    return "`" * max(3, longest + 1)


def _entry_line(w: Vocabulary, change: EntryChange) -> str:
    kind = w(f"kinds.{change.kind}.one")
    return f"- {kind} `{change.id}`: {_text(change.title)} ({change.path})"


def _details(w: Vocabulary, change: EntryChange) -> list[str]:
    lines = []
    if change.superseded_by:
        lines.append("  - " + w("review.superseded_by", id=f"`{change.superseded_by}`"))
    if change.fields:
        names = ", ".join(f"`{name}`" for name in change.fields)
        lines.append("  - " + w("review.fields", fields=names))
    if change.before is not None and change.after is not None:
        lines.append("  - " + w("review.before", text=_text(change.before)))
        lines.append("  - " + w("review.after", text=_text(change.after)))
    return lines


def as_markdown(diff: SiteDiff) -> str:
    """The diff as GitHub Flavored Markdown, for a pull request comment or job summary."""
    w = vocabulary(diff.language)
    out = [f"## {w('review.title')}", ""]
    counts = {
        "added": len(diff.added),
        "changed": len(diff.changed),
        "deprecated": len(diff.deprecated),
        "redirected": len(diff.redirected),
        "removed": len(diff.removed),
    }
    out += [w("review.compared", base=f"`{diff.base}`", head=f"`{diff.head}`", **counts), ""]
    sections: list[tuple[str, Sequence[EntryChange], Callable[[EntryChange], list[str]]]] = [
        ("added", diff.added, lambda c: []),
        ("changed", diff.changed, lambda c: _details(w, c)),
        ("deprecated", diff.deprecated, lambda c: _details(w, c)),
    ]
    for name, changes, details in sections:
        if changes:
            out += [f"### {w('review.' + name)}", ""]
            for change in changes:
                out += [_entry_line(w, change), *details(change)]
            out.append("")
    if diff.redirected:
        out += [f"### {w('review.redirected')}", ""]
        for r in diff.redirected:
            kind = w(f"kinds.{r.kind}.one")
            out.append(f"- {kind} `{r.old_id}` → `{r.target_id}` ({r.path} → {r.target_path})")
        out.append("")
    if diff.removed:
        out += [f"### {w('review.removed')}", ""]
        out += [_entry_line(w, change) for change in diff.removed]
        out.append("")
    if diff.llms_added or diff.llms_removed:
        lines = [*(f"-{line}" for line in diff.llms_removed)]
        lines += [f"+{line}" for line in diff.llms_added]
        fence = _fence(lines)
        out += [f"### {w('review.llms')}", "", f"{fence}diff", *lines, fence, ""]
    if diff.missing_paths:
        out += [f"### {w('review.missing')}", "", w("review.missing_fix"), ""]
        out += [f"- {path}" for path in diff.missing_paths]
        out.append("")
    if not any((*counts.values(), diff.llms_added, diff.llms_removed, diff.missing_paths)):
        out += [w("review.nothing"), ""]
    return "\n".join(out)
