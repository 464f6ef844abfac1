"""Checks on loaded content; each returns diagnostics and never exits the process."""

from __future__ import annotations

from dataclasses import dataclass, replace

from answer_center.content import ContentTree, Source
from answer_center.diagnostics import Diagnostic
from answer_center.kinds import ENTRY_KINDS, SITE_SCHEMA, Kind
from answer_center.load import Document, file_stem
from answer_center.pool import Checked
from answer_center.validate.allowlist import Allowlist
from answer_center.validate.anchors import check_anchors
from answer_center.validate.markup import check_markup
from answer_center.validate.placeholders import check_placeholders
from answer_center.validate.prose import Holder, ProseFields, check_prose
from answer_center.validate.references import check_references
from answer_center.validate.schema import SchemaSet
from answer_center.validate.secrets import check_secrets, redact
from answer_center.validate.typography import check_typography


@dataclass(frozen=True)
class Validation:
    """The outcome of validating a content tree: the usable parts and every finding."""

    site: Document | None
    sources: tuple[Source, ...]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class FileChecker:
    """The checks that read one document alone: sensitive data, markup, prose, typography,
    its schema.

    Passed to :func:`answer_center.content.read_content`, they run where each file is
    loaded (in worker processes for a large tree) and their results are cached with it.
    """

    schemas: SchemaSet
    allowlist: Allowlist

    def __call__(self, document: Document, kind: Kind | None) -> Checked:
        """Check one document; ``kind`` is None for ``site.yaml``."""
        # Every document is scanned, even one with schema errors: a leak is a leak.
        schema_file = SITE_SCHEMA if kind is None else kind.schema_file
        text_fields = self.schemas.markup_paths(schema_file)
        secrets = check_secrets(document, self.allowlist)
        findings = [
            *secrets,
            *check_markup(document, text_fields),
            *check_placeholders(document),
            *check_prose(document, self.prose_fields(kind)),
        ]
        # Typography messages quote the text around a change, which could show part of a
        # secret that no longer reads as one; a file that leaks fails anyway.
        if not secrets:
            findings.extend(check_typography(document, text_fields))
        return Checked(tuple(findings), tuple(self.schemas.check(document, schema_file)))

    def prose_fields(self, kind: Kind | None) -> ProseFields:
        """What the schemas say about the prose of ``kind`` (None: ``site.yaml``)."""
        schema_file = SITE_SCHEMA if kind is None else kind.schema_file
        holders = {
            what: sorted(
                (
                    Holder(other.name, place)
                    for other in ENTRY_KINDS
                    for place in sorted(self.schemas.holding_paths(other.schema_file, what))
                ),
                # The entry's own field first: that is where its table or code belongs.
                key=lambda holder: kind is None or holder.noun != kind.name,
            )
            for what in ("table", "code")
        }
        return ProseFields(
            noun="site" if kind is None else kind.name,
            text=self.schemas.markup_paths(schema_file),
            ordered=self.schemas.ordered_paths(schema_file),
            tables=tuple(holders["table"]),
            code=tuple(holders["code"]),
        )


def validate(tree: ContentTree, check: FileChecker) -> Validation:
    """Run every check on a loaded tree; findings come back sorted.

    Per-file checks that already ran as the tree was read (``checked``) are not repeated:
    pass the ``check`` that ``read_content`` ran.
    """
    found: list[Diagnostic] = list(tree.diagnostics)
    site = tree.site
    if site is not None:
        checked = tree.site_checked or check(site, None)
        found.extend((*checked.findings, *checked.schema))
        if checked.schema:
            site = None
    valid: list[Source] = []
    usable: list[Source] = []
    broken = [file_stem(path) for path in tree.unreadable]
    for source in tree.sources:
        checked = source.checked or check(source.document, source.kind)
        found.extend((*checked.findings, *checked.schema))
        if not checked.schema:
            valid.append(source)
            usable.append(source)
            continue
        broken.append(source.document.stem)
        # All problems in one round: the rest of a file with schema errors is checked
        # against the other files too, so fixing those errors reveals no new ones.
        part = check.schemas.usable_part(source.document, source.kind.schema_file)
        if part is not None and isinstance(part.data.get("id"), str):
            usable.append(replace(source, document=part))
    found.extend(check_references(site, usable, broken, check.schemas.markup_paths))
    found.extend(check_anchors(usable))
    for source in valid:
        if source.kind.check is not None:
            found.extend(source.kind.check(source.document))
    redacted = (_redacted(diagnostic, check.allowlist) for diagnostic in found)
    return Validation(site, tuple(valid), tuple(sorted(redacted)))


def _redacted(diagnostic: Diagnostic, allowlist: Allowlist) -> Diagnostic:
    """The diagnostic with any secret its message quotes masked (the gate's own are)."""
    if diagnostic.rule.startswith("secret/"):
        return diagnostic
    params = tuple(
        (name, redact(value, allowlist) if isinstance(value, str) else value)
        for name, value in diagnostic.params
    )
    return diagnostic if params == diagnostic.params else replace(diagnostic, params=params)
