"""Which addresses a page may make a link of: http(s) only, checked at render time.

The validator refuses any other kind of source URL, but a knowledge base loaded without
validation (`load_kb(strict=False)`, a hand-edited export) can still hold `javascript:` or
`data:` URLs; pages, the static site, the timeline script and Markdown show those as text.
"""

from __future__ import annotations

import re

__all__ = ["http_url"]

# Exactly as written, no leading space or control character: a browser strips those and would
# still see the scheme after them, so "http" must be the first thing in the string.
_HTTP_URL = re.compile(r"https?://[^\s/?#]", re.I)


def http_url(value: object) -> bool:
    """Whether `value` is an http(s) address with a host."""
    return isinstance(value, str) and _HTTP_URL.match(value) is not None
