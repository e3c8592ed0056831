"""``make bench``: Modelpress measured side by side against the tools a user would pick instead.

Run it as ``python bench/run.py`` (``--help`` lists the options); the corpus
generator in :mod:`bench.corpus` is also used by the tests.
"""
