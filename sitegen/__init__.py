"""Målbild: publishes Swedish municipalities' political goals as a static website."""

__version__ = "0.1.0"
