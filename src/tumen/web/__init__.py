"""The web explorer: server-rendered pages, a JSON API under /api/v1, and a static-site build."""

from tumen.web.app import create_app

__all__ = ["create_app"]
