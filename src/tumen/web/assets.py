"""Front-end packages from the npm registry, served from node_modules by a fixed whitelist.

Nothing third-party is committed: `npm ci` (run by the Makefile) installs the packages that
package.json and its lockfile name, and the app serves only the files listed here.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["VENDOR_FILES", "node_modules", "vendor_path"]

#: URL name under /vendor/ -> path inside node_modules.
VENDOR_FILES = {
    "vis-timeline.min.js": "vis-timeline/standalone/umd/vis-timeline-graph2d.min.js",
    "vis-timeline.min.css": "vis-timeline/styles/vis-timeline-graph2d.min.css",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}


def node_modules() -> Path | None:
    """The node_modules directory: $TUMEN_NODE_MODULES, else the one in the source checkout."""
    env = os.environ.get("TUMEN_NODE_MODULES")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [parent / "node_modules" for parent in here.parents[:4]]
    candidates.append(Path.cwd() / "node_modules")
    for candidate in candidates:
        if (candidate / "vis-timeline").is_dir():
            return candidate
    return None


def vendor_path(name: str) -> Path | None:
    """The file behind /vendor/{name}, or None if the name is not whitelisted or not installed."""
    rel = VENDOR_FILES.get(name)
    root = node_modules()
    if rel is None or root is None:
        return None
    path = root / rel
    return path if path.is_file() else None
