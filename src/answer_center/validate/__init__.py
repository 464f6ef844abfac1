"""Checks on loaded content; each returns diagnostics and never exits the process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from answer_center.content import ContentTree, Source
from answer_center.diagnostics import Diagnostic
from answer_center.kinds import SITE_SCHEMA
from answer_center.load import Document
from answer_center.validate.markup import check_markup
from answer_center.validate.references import check_references
from answer_center.validate.schema import SchemaSet
from answer_center.validate.secrets import Allowlist, check_secrets


@dataclass(frozen=True)
class Validation:
    """The outcome of validating a content tree: the usable parts and every finding."""

    site: Document | None
    sources: tuple[Source, ...]
    diagnostics: tuple[Diagnostic, ...]


def validate(
    tree: ContentTree, schemas: SchemaSet, allowlist: Allowlist | None = None
) -> Validation:
    """Run every check on a loaded tree; findings come back sorted."""
    found: list[Diagnostic] = list(tree.diagnostics)
    allowlist = Allowlist() if allowlist is None else allowlist
    # Every loaded document is scanned, even one with schema errors: a leak is a leak.
    documents = [source.document for source in tree.sources]
    if tree.site is not None:
        documents.insert(0, tree.site)
    for document in documents:
        found.extend(check_secrets(document, allowlist))
        found.extend(check_markup(document))
    site = tree.site
    if site is not None:
        site_problems = schemas.check(site, SITE_SCHEMA)
        found.extend(site_problems)
        if site_problems:
            site = None
    valid: list[Source] = []
    broken = [PurePosixPath(path).stem for path in tree.unreadable]
    for source in tree.sources:
        problems = schemas.check(source.document, source.kind.schema_file)
        found.extend(problems)
        if problems:
            broken.append(PurePosixPath(source.document.path).stem)
        else:
            valid.append(source)
    found.extend(check_references(site, valid, broken))
    return Validation(site, tuple(valid), tuple(sorted(found)))
