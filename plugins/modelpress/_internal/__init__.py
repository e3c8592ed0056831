"""Modelpress's implementation: import from :mod:`modelpress` instead.

Each folder here is one concept (records, content, reviews, pages, charts,
facts, checks, and the importer, email, scaffold and cache tools above them;
the MkDocs adapters and the CLI on top). ``make lint`` keeps the imports
running one way; CONTRIBUTING.md has the map.
"""
