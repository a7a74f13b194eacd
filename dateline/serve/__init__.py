"""``dateline serve``: a read-only HTTP API and web page over a store (see docs/serve.md)."""

from .app import create_app

__all__ = ["create_app"]
