"""MkDocs adapters: thin plugins that call the core and speak MkDocs' language.

This is the only subpackage that imports MkDocs. Core problems arrive as
:class:`~modelpress._internal.diagnostics.Diagnostic` objects and leave as log records
(so ``mkdocs build --strict`` fails on them) or as ``PluginError``.
"""
