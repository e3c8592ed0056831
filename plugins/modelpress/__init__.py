"""Modelpress: sourced release records and reviews of AI models, built into a site with MkDocs."""

__version__ = "0.1.0"
