"""Every file published beside the engine's HTML, rendered from the Catalog alone."""

from __future__ import annotations

from answer_center.model import Catalog
from answer_center.render.robots import robots_txt


def published_files(catalog: Catalog) -> dict[str, bytes]:
    """Machine-readable outputs keyed by their path in site/."""
    return {
        "robots.txt": robots_txt(catalog.site).encode(),
    }
