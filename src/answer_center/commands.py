"""The pipeline commands the CLI and the tests call: validate, build, serve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from answer_center.content import read_content
from answer_center.diagnostics import Diagnostic, has_errors
from answer_center.project import Project
from answer_center.validate import Validation, validate as validate_tree
from answer_center.validate.schema import SchemaSet


@dataclass(frozen=True)
class Report:
    """What validation found, and the validated content when there were no errors."""

    validation: Validation
    files_checked: int

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Every finding, sorted."""
        return self.validation.diagnostics

    @property
    def failed(self) -> bool:
        """True when any finding is an error."""
        return has_errors(self.validation.diagnostics)


def validate(project: Project) -> Report:
    """Load and check every content file."""
    tree = read_content(project.root, project.content_dir)
    validation = validate_tree(tree, SchemaSet(project.schemas_dir))
    return Report(validation, tree.files_read)


def build(project: Project, out: TextIO, err: TextIO) -> int:
    """Validate, render and publish the site; 0 on success, 1 on errors."""
    raise NotImplementedError


def serve(project: Project, dev_addr: str, out: TextIO, err: TextIO) -> int:
    """Preview the site with live reload."""
    raise NotImplementedError
