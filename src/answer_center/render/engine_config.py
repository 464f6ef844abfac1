"""The site engine's configuration: the project's mkdocs.yml plus what content decides."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from answer_center.model import Catalog
from answer_center.output_formats import OUTPUT_FORMATS
from answer_center.render.inline import html_text
from answer_center.render.pages import nav
from answer_center.words import vocabulary

DOCS_FOLDER = "docs"
OVERRIDES_FOLDER = "overrides"
STYLESHEET = "assets/answer-center.css"
SEARCH_SCRIPT = "assets/answer-center-search.js"

REPLACED_PLUGINS = {
    "search": (
        "search is built by Pagefind after the engine, in chunks a reader downloads as a "
        "query needs them; the plugin's single index of every page would be built beside it"
    ),
}
"""Engine plugins mkdocs.yml must not turn on, with why: the build refuses them."""

UNSAFE_FEATURES = {
    "content.tooltips": (
        "Material inserts tooltip text as HTML, and that text comes from content (glossary "
        "tooltips, navigation labels and titles cut short)"
    ),
}
"""Theme features mkdocs.yml must not turn on, with why: the build refuses them."""

# Material ships some languages under a regional name; others by their primary subtag.
_MATERIAL_LANGUAGES = {"zh-TW": "zh-TW", "zh-Hant": "zh-Hant", "pt-BR": "pt-BR"}


def material_language(tag: str) -> str:
    """The Material translation a BCP 47 tag falls back to (zh-CN uses zh)."""
    return _MATERIAL_LANGUAGES.get(tag, tag.split("-")[0])


def language_partial(tag: str) -> str:
    """Material's 'custom' language: its base translation with the exact ``<html lang>``
    and the words of our own parts of the theme (the search box's)."""
    own = {"language": tag, "search.unavailable": vocabulary(tag)("page.search_unavailable")}
    return (
        f'{{% import "partials/languages/{material_language(tag)}.html" as base %}}\n'
        f"{{% macro t(key) %}}{{{{ {json.dumps(own, ensure_ascii=True)}[key] or base.t(key) }}}}"
        "{% endmacro %}\n"
    )


def engine_config(base: Mapping[str, Any], catalog: Catalog) -> dict[str, Any]:
    """The merged configuration written next to the generated docs folder."""
    site = catalog.site
    config = copy.deepcopy(dict(base))
    # The engine prints these as HTML: every text from content goes in escaped.
    config.update(
        site_name=html_text(site.name),
        site_url=site.base_url,
        site_description=html_text(site.description),
        site_author=html_text(site.editorial_team),
        copyright=vocabulary(site.language)(
            "page.copyright",
            publisher=html_text(site.publisher_name),
            license=html_text(site.license_name),
        ),
        docs_dir=DOCS_FOLDER,
        use_directory_urls=True,
        nav=nav(catalog),
    )
    # Links between generated pages are final URLs (see render/writers.py): the engine sees
    # them as links it does not recognise, which must not fail a strict build.
    validation = dict(config.get("validation") or {})
    links = dict(validation.get("links") or {})
    links["unrecognized_links"] = "info"
    validation["links"] = links
    config["validation"] = validation
    theme = dict(config.get("theme") or {})
    theme.update(language="custom", custom_dir=OVERRIDES_FOLDER)
    config["theme"] = theme
    config["extra_css"] = [*config.get("extra_css", []), STYLESHEET]
    extra = dict(config.get("extra") or {})
    # Every page's head declares the outputs that say so (the feed by the site's title).
    extra["discovery"] = [
        {
            "type": output.media_type.split(";")[0],
            "href": site.absolute(output.url),
            "title": html_text(site.feed_title) if output.key == "feed" else output.name,
        }
        for output in OUTPUT_FORMATS
        if output.head_link and output.url is not None
    ]
    config["extra"] = extra
    return config
