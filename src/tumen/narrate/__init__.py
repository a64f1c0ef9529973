"""Explainer articles composed from the knowledge base, and their Markdown, HTML and
JSON forms."""
