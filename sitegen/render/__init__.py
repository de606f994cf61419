"""Rendering: Jinja2 environment, Markdown, formats, and the list of pages."""
