"""Pydantic validation errors turned into writer-facing diagnostics.

Pydantic's own messages ("Input should be a valid number") name neither the
line nor the fix. Here each error becomes ``file:line:col`` from the YAML
positions, a plain sentence, a suggestion where one exists, and a stable code.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from modelpress._internal.diagnostics import did_you_mean, quote
from modelpress._internal.records.models import ID_PATTERN
from modelpress._internal.records.yamlsource import LoadedYaml

__all__ = ["validate_document"]

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
}
_RANGE = {
    "greater_than": "greater than {gt}",
    "greater_than_equal": "at least {ge}",
    "less_than": "less than {lt}",
    "less_than_equal": "at most {le}",
}


def validate_document(doc: LoadedYaml, model: type[M]) -> M | None:
    """Validate ``doc.data`` against ``model``; on failure add diagnostics and return None."""
    if not isinstance(doc.data, dict):
        doc.error(
            (),
            "wrong-type",
            f"expected a mapping of fields (like 'id: ...'), got {_describe(doc.data)}",
        )
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            _report(doc, model, error)
        return None


def _report(doc: LoadedYaml, model: type[BaseModel], error: ErrorDetails) -> None:
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    if value is None and _loader_reported(doc, loc):
        return  # the loader already said why the value could not be read; "got nothing" is noise
    ctx = error.get("ctx") or {}
    name = str(loc[-1]) if loc else "record"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        doc.error(
            loc,
            "unknown-field",
            f"unknown field {quote(name)}{did_you_mean(name, allowed)} "
            f"(allowed here: {', '.join(sorted(allowed))})",
            key=True,
        )
    elif kind == "missing":
        if name == "source":
            doc.error(
                loc[:-1],
                "missing-source",
                "this value has no source; add 'source: <key>' naming an entry under 'sources:'",
            )
        else:
            doc.error(loc[:-1], "missing-field", f"missing required field {quote(name)}; add it")
    elif kind.startswith(("date", "datetime")):
        doc.error(loc, "bad-date", f"{quote(value)} is not a date; write it as YYYY-MM-DD")
    elif kind in ("literal_error", "enum") and value is None:  # "status:" left blank
        choices = _choices(ctx.get("expected", ""))
        doc.error(loc, "bad-value", f"{quote(name)} is empty; choose one of: {', '.join(choices)}")
    elif kind in ("literal_error", "enum"):
        choices = _choices(ctx.get("expected", ""))
        doc.error(
            loc,
            "bad-value",
            f"{quote(value)} is not allowed for {quote(name)}{did_you_mean(str(value), choices)} "
            f"(choose one of: {', '.join(choices)})",
        )
    elif kind in _RANGE:
        bound = _RANGE[kind].format(**{k: _num(v) for k, v in ctx.items()})
        doc.error(loc, "out-of-range", f"{quote(name)} must be {bound}, got {_num(value)}")
    elif kind in _TYPE_NAMES:
        doc.error(
            loc,
            "wrong-type",
            f"{quote(name)} must be {_TYPE_NAMES[kind]}, got {_describe(value)}"
            + (" (remove the quotes)" if isinstance(value, str) and _looks_numeric(value) else ""),
        )
    elif kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        doc.error(
            loc,
            "bad-id",
            f"{quote(value)} is not a valid id; use lowercase letters, digits, '.' and '-'",
        )
    elif kind == "string_pattern_mismatch":
        doc.error(loc, "bad-value", f"{quote(value)} is not a valid {quote(name)}")
    elif kind.startswith("url"):
        doc.error(
            loc,
            "bad-url",
            f"{quote(value)} is not a valid web address; write the full https:// URL",
        )
    elif kind in ("too_short", "string_too_short"):
        doc.error(loc, "empty-value", f"{quote(name)} is empty; fill it in or remove the field")
    elif kind in ("too_long", "string_too_long"):
        doc.error(loc, "out-of-range", f"{quote(name)} is too long: {error['msg'].lower()}")
    elif kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        doc.error(loc, "bad-value", message)
    else:
        doc.error(loc, "bad-value", f"{quote(name)}: {error['msg']}")


def _loader_reported(doc: LoadedYaml, loc: tuple[str | int, ...]) -> bool:
    pos = doc.values.get(loc)
    return pos is not None and any((d.line, d.col) == (pos.line, pos.col) for d in doc.diagnostics)


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The field names allowed at ``loc``, found by walking the model's annotations."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return []
            current = field.annotation
        else:
            args = typing.get_args(_unwrap(current))
            current = args[-1] if args else None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip ``X | None`` and ``Annotated`` down to the model class."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            non_none = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = non_none[0] if len(non_none) == 1 else annotation
            if len(non_none) != 1:
                return annotation
        else:
            return annotation


def _choices(expected: str) -> list[str]:
    return [
        part.strip().strip("'")
        for part in expected.replace(" or ", ", ").split(",")
        if part.strip()
    ]


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, str):
        return f"{quote(value)} (text)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return quote(value)


def _num(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _looks_numeric(text: str) -> bool:
    try:
        float(text.replace(",", "").replace("_", ""))
    except ValueError:
        return False
    return True
