"""answer-center: YAML answers in, a public answer center and machine-readable feeds out.

The public surface for scripts and tests; the CLI (`answer-center`) wraps the same calls.
"""

from answer_center.commands import build, validate
from answer_center.diagnostics import Diagnostic, Severity
from answer_center.model import Catalog, Entry, build_catalog
from answer_center.project import Project

__all__ = [
    "Catalog",
    "Diagnostic",
    "Entry",
    "Project",
    "Severity",
    "build",
    "build_catalog",
    "validate",
]
