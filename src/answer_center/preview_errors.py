"""What the preview shows in the browser when an edit leaves the content invalid.

The preview keeps serving the last good pages. Beside them it publishes, in the engine's
docs folder, a page listing the diagnostics (``/_preview/``) and a small status file; a
script that only the preview's engine configuration loads reads the status and puts a
bar over every page, linking to the list. They are static files, so the engine copies
them without rebuilding a single page. Every valid regeneration removes them with the
rest of what the model does not generate; the build never publishes them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

import yaml

from answer_center.diagnostics import Diagnostic, one_line_text
from answer_center.render.engine_config import DOCS_FOLDER, OVERRIDES_FOLDER
from answer_center.render.inline import escape_html
from answer_center.words import vocabulary

FOLDER = "_preview"
"""Under the engine's docs folder, and so at the site root."""
SCRIPT = f"{FOLDER}/preview.js"
STATUS = f"{FOLDER}/status.json"
PAGE = f"{FOLDER}/index.html"


def script_files() -> dict[str, bytes]:
    """The preview's script, by path in the engine's docs folder."""
    script = resources.files("answer_center").joinpath("templates", "preview", "preview.js")
    return {SCRIPT: script.read_bytes()}


def preview_config(engine_config: bytes, build_dir: str) -> bytes:
    """The preview engine's configuration: the build's, with the preview script on every
    page, and its folders given absolutely (it lives in ``build/.preview/``)."""
    config: dict[str, Any] = yaml.safe_load(engine_config)
    config["docs_dir"] = f"{build_dir}/{DOCS_FOLDER}"
    config["theme"] = dict(config.get("theme", {}), custom_dir=f"{build_dir}/{OVERRIDES_FOLDER}")
    config["extra_javascript"] = [*config.get("extra_javascript", []), SCRIPT]
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode()


def error_files(diagnostics: Sequence[Diagnostic], language: str) -> dict[str, bytes]:
    """The status file and the page listing ``diagnostics``, by path in the docs folder;
    with none, the files that say the content is valid again (the engine's dirty build
    never removes a file it served, so they are replaced rather than removed)."""
    w = vocabulary(language)
    errors = len(diagnostics)
    status = {
        "errors": errors,
        "banner": w("preview.banner", count=errors),
        "link": w("preview.link"),
    }
    rows = "\n".join(
        "<tr>"
        f"<td><code>{escape_html(f'{d.path}:{d.line}:{d.column}')}</code></td>"
        f"<td>{escape_html(w(f'preview.severity.{d.severity}'))}</td>"
        f"<td><code>{escape_html(d.rule)}</code></td>"
        f"<td>{escape_html(one_line_text(d, language))}</td>"
        "</tr>"
        for d in diagnostics
    )
    head = "".join(f"<th>{escape_html(w(f'preview.columns.{c}'))}</th>" for c in _COLUMNS)
    page = _PAGE.format(
        lang=escape_html(language),
        title=escape_html(w("preview.title" if errors else "preview.fixed_title")),
        intro=escape_html(w("preview.intro", count=errors) if errors else w("preview.fixed")),
        back=escape_html(w("preview.back")),
        head=head,
        rows=rows,
    )
    return {
        STATUS: (json.dumps(status, ensure_ascii=False) + "\n").encode(),
        PAGE: page.encode(),
    }


_COLUMNS = ("where", "severity", "rule", "message")
_PAGE = """\
<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 16px/1.6 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; }}
h1 {{ color: #b71c1c; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #ddd; padding: .4em .6em; text-align: left; vertical-align: top; }}
</style>
</head>
<body>
<h1 id="title">{title}</h1>
<p id="intro">{intro}</p>
<p><a id="back" href="../">{back}</a></p>
<table id="diagnostics">
<thead><tr>{head}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""
