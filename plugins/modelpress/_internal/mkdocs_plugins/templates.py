"""Compiled theme templates kept in memory across the preview server's rebuilds.

MkDocs makes a new Jinja environment for every build (``Theme.get_env``), so
``modelpress serve`` parsed and compiled ``main.html``, ``base.html``, ``404.html``,
the layout's templates and Material's partials again on every save: about a
third of a second of a 500-review save. Jinja's own hook for this is the
environment's ``bytecode_cache``, read each time a loader loads a template; this
one keeps the compiled code in the process, by template and exact source text.

Compiled code is not only a function of the source. The compiler bakes in the
environment's syntax settings and extensions, whether each filter and test
takes the context, and, where a filter is applied to a constant, the filter's
*result* (Jinja folds constants at compile time). So a template is reused only
when all of those are the same as when it was compiled: its key holds the
environment's settings, every filter's and test's name and calling convention,
and the identity of each constant-foldable filter or test the source names. A
filter whose identity cannot be told across builds (a closure made anew per
build, such as the blog plugin's ``date``) makes the templates that mention it
compile afresh, as they did without the cache.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import sys
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Environment, nodes
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.utils import _PassArg
from mkdocs.theme import Theme

__all__ = ["MemoryBytecodeCache", "share_with_theme_environments"]

_SIMPLE = (bool, int, float, str, type(None))
_WORD = re.compile(r"\w+")


class _SourceBucket(Bucket):
    """A bucket that remembers the source it was asked for, to store it with the code."""

    def __init__(self, environment: Environment, key: str, source: str) -> None:
        super().__init__(environment, key, "")
        self.source = source


class MemoryBytecodeCache(BytecodeCache):
    """Jinja's code objects by environment fingerprint, template name and file, and source.

    A hit needs the exact source text that was compiled (compared in full, not by
    checksum). At most ``limit`` templates are kept, least recently used dropped.
    """

    def __init__(self, limit: int = 512) -> None:
        self.limit = limit
        self._code: OrderedDict[str, tuple[str, Any]] = OrderedDict()
        self._folds: OrderedDict[tuple[str, frozenset[str], frozenset[str]], bool] = OrderedDict()
        """Whether a source may apply one of these filters, tests to constants (by source)."""
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._code)

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        key = _bucket_key(environment, name, filename, source, self._remembered_may_fold)
        bucket = _SourceBucket(environment, key or "", source)
        if key is None:
            self.misses += 1
            return bucket
        found = self._code.get(key)
        if found is not None and found[0] == source:
            self._code.move_to_end(key)
            bucket.code = found[1]
            self.hits += 1
        else:
            self.misses += 1
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        if not bucket.key or bucket.code is None or not isinstance(bucket, _SourceBucket):
            return
        self._code[bucket.key] = (bucket.source, bucket.code)
        self._code.move_to_end(bucket.key)
        while len(self._code) > self.limit:
            self._code.popitem(last=False)

    def clear(self) -> None:
        self._code.clear()
        self._folds.clear()

    def _remembered_may_fold(
        self, environment: Environment, source: str, filters: frozenset[str], tests: frozenset[str]
    ) -> bool:
        """:func:`_may_fold`, remembered by source text and names (parsing costs time)."""
        key = (source, filters, tests)
        found = self._folds.get(key)
        if found is None:
            found = self._folds[key] = _may_fold(environment, source, filters, tests)
            while len(self._folds) > self.limit:
                self._folds.popitem(last=False)
        return found


def share_with_theme_environments(theme: Theme, cache: MemoryBytecodeCache) -> None:
    """Give ``cache`` to every Jinja environment this build's theme makes.

    The build's own environment gets it in ``on_env``; Material's blog and search
    plugins make more of them (``config.theme.get_env()``) only to translate a few
    words, and compiled ``partials/language.html`` and its language file in each, on
    every save. MkDocs has no event for those, so this wraps the method on this
    build's ``Theme`` instance (a new one per build; nothing global changes).
    """
    make_env = theme.get_env
    if getattr(make_env, "shares_compiled_templates", False):
        return

    def get_env() -> Environment:
        env = make_env()
        env.bytecode_cache = cache
        return env

    get_env.shares_compiled_templates = True  # type: ignore[attr-defined]
    theme.get_env = get_env  # type: ignore[method-assign]


def _bucket_key(
    environment: Environment,
    name: str,
    filename: str | None,
    source: str,
    may_fold: Callable[[Environment, str, frozenset[str], frozenset[str]], bool],
) -> str | None:
    """The key of a template's code in this environment, or None when it cannot be reused."""
    parts: list[object] = [type(environment).__module__, type(environment).__qualname__]
    parts += [name, filename]
    for attribute, value in sorted(vars(environment).items()):
        if isinstance(value, _SIMPLE):
            parts.append((attribute, value))
    autoescape = environment.autoescape
    parts.append(("autoescape", autoescape(name) if callable(autoescape) else bool(autoescape)))
    for attribute in ("undefined", "code_generator_class", "context_class", "template_class"):
        parts.append((attribute, _identity(getattr(environment, attribute, None))))
    finalize = environment.finalize
    if finalize is not None:
        identity = _identity(finalize)
        if identity is None:
            return None
        parts.append(("finalize", identity, _PassArg.from_obj(finalize)))
    parts.append(("extensions", sorted(environment.extensions)))
    parts.append(("policies", sorted((k, _policy(v)) for k, v in environment.policies.items())))
    words = set(_WORD.findall(source))
    per_build: dict[str, set[str]] = {"filters": set(), "tests": set()}
    for kind, table in (("filters", environment.filters), ("tests", environment.tests)):
        entries = []
        for entry_name, func in sorted(table.items()):
            pass_arg = _PassArg.from_obj(func)
            named = entry_name in words if _WORD.fullmatch(entry_name) else entry_name in source
            known: str | None = None
            if named and pass_arg is not _PassArg.context:
                known = _identity(func)
                if known is None:
                    per_build[kind].add(entry_name)
                    known = "made per build"
            asynchronous = inspect.iscoroutinefunction(func) or bool(
                getattr(func, "jinja_async_variant", False)
            )
            entries.append((entry_name, str(pass_arg), asynchronous, known))
        parts.append((kind, entries))
    if (per_build["filters"] or per_build["tests"]) and may_fold(
        environment, source, frozenset(per_build["filters"]), frozenset(per_build["tests"])
    ):
        return None
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _identity(value: object) -> str | None:
    """A name that stands for the same behaviour in every build, or None if there is none.

    An object that its module holds under its qualified name (a function, a class, a
    builtin, a decorated filter such as Jinja's own) is named by both. A closure
    made per build, a bound method or a callable object may carry per-build state:
    they have no identity here.
    """
    if value is None:
        return "None"
    module_name = getattr(value, "__module__", None)
    qualname = getattr(value, "__qualname__", None)
    if not isinstance(module_name, str) or not isinstance(qualname, str):
        return None
    found: object = sys.modules.get(module_name)
    for part in qualname.split("."):
        found = getattr(found, part, None)
    return f"{module_name}:{qualname}" if found is value else None


def _may_fold(
    environment: Environment, source: str, filters: frozenset[str], tests: frozenset[str]
) -> bool:
    """Whether compiling ``source`` could call one of these filters or tests on constants.

    The compiler folds ``"2025-01-02" | date`` into its result; it cannot fold
    ``post.date | date``, whose input is read when the template renders. A template
    that applies the named filters and tests only to such inputs compiles to the same
    code whichever function stands behind those names. Anything else, including a
    ``{% filter %}`` block or a source that does not parse, counts as folding.
    """
    try:
        tree = environment.parse(source)
    except Exception:  # any failure: assume the worst, compile afresh
        return True
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        names = filters if isinstance(node, nodes.Filter) else tests
        if node.name in names and (node.node is None or not _read_at_render(node.node)):
            return True
    return False


def _read_at_render(node: nodes.Node) -> bool:
    """Whether Jinja's constant folding (``Expr.as_const``) is sure to give up on ``node``.

    A variable is never constant; attribute and item lookups, arithmetic, comparisons,
    string concatenation, filters and tests evaluate their operand first, so they
    give up with it. ``and``, ``or`` and ``if`` may return a constant without looking
    at a variable operand: only their first operand counts.
    """
    if isinstance(node, nodes.Name | nodes.Call):
        return True
    if isinstance(node, nodes.And | nodes.Or):
        return _read_at_render(node.left)
    if isinstance(node, nodes.BinExpr):
        return _read_at_render(node.left) or _read_at_render(node.right)
    if isinstance(node, nodes.CondExpr):
        return _read_at_render(node.test)
    if isinstance(node, nodes.Getattr | nodes.Getitem | nodes.UnaryExpr):
        return _read_at_render(node.node)
    if isinstance(node, nodes.Filter | nodes.Test):
        return node.node is not None and _read_at_render(node.node)
    if isinstance(node, nodes.Compare):
        return _read_at_render(node.expr)
    if isinstance(node, nodes.Concat):
        return any(_read_at_render(child) for child in node.nodes)
    if isinstance(node, nodes.Tuple | nodes.List):
        return any(_read_at_render(child) for child in node.items)
    return False


def _policy(value: object) -> object:
    if isinstance(value, _SIMPLE):
        return value
    if isinstance(value, Mapping):
        return sorted((str(k), _policy(v)) for k, v in value.items())
    if callable(value):
        return _identity(value) or f"<{type(value).__qualname__}>"
    return f"<{type(value).__qualname__}>"
