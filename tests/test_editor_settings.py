"""The committed editor settings: VS Code's YAML extension checks each content file
against its kind's schema, found by the same folders the kinds declare."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from answer_center.kinds import ENTRY_KINDS, SITE_FILE, SITE_SCHEMA
from answer_center.scaffold import content_glob

REPOSITORY = Path(__file__).resolve().parents[1]
VSCODE = REPOSITORY / ".vscode"


def settings() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((VSCODE / "settings.json").read_text(encoding="utf-8"))
    return loaded


def test_each_schema_is_mapped_to_the_folder_its_kind_declares() -> None:
    expected = {f"./schemas/{kind.schema_file}": content_glob(kind) for kind in ENTRY_KINDS}
    expected[f"./schemas/{SITE_SCHEMA}"] = f"content/{SITE_FILE}"
    assert settings()["yaml.schemas"] == expected


def test_the_globs_cover_every_content_file_once() -> None:
    matched: list[Path] = []
    for schema, pattern in settings()["yaml.schemas"].items():
        assert (REPOSITORY / schema).is_file(), schema
        found = sorted(REPOSITORY.glob(pattern))
        assert found, f"{pattern} matches no sample content"
        matched.extend(found)
    assert sorted(matched) == sorted((REPOSITORY / "content").rglob("*.yaml"))


def test_the_editor_keeps_what_the_loader_demands() -> None:
    # The loader refuses tabs and needs UTF-8; reformatting would rewrite editors' layout.
    current = settings()
    assert current["[yaml]"]["editor.insertSpaces"] is True
    assert current["files.encoding"] == "utf8"
    assert current["yaml.format.enable"] is False
    assert current["yaml.validate"] is current["yaml.hover"] is current["yaml.completion"] is True


def test_the_yaml_extension_is_recommended() -> None:
    extensions = json.loads((VSCODE / "extensions.json").read_text(encoding="utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}


def test_the_settings_are_not_ignored_by_git() -> None:
    for name in ("settings.json", "extensions.json"):
        ignored = subprocess.run(
            ["git", "check-ignore", "-q", f".vscode/{name}"], cwd=REPOSITORY, check=False
        )
        assert ignored.returncode == 1, f".gitignore excludes .vscode/{name}"
