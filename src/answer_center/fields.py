"""Typed entries: an entry's validated data as a frozen dataclass of its kind.

Each kind declares its fields as dataclasses whose attributes follow its JSON Schema (a
test checks that they agree); :func:`typed` builds one from data that passed the schema,
so renderers read ``answer.short_answer`` instead of looking keys up by string.

Only what a schema allows reaches here: a missing optional key takes the attribute's
default, a list becomes a tuple, a nested mapping the dataclass its annotation names, a
date string a date (dates were checked to be real by validation).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")


def key_of(field: dataclasses.Field[Any]) -> str:
    """The data key an attribute reads: its ``key`` metadata, else its name."""
    return str(field.metadata.get("key", field.name))


@functools.cache
def _fields_of(cls: type) -> tuple[tuple[str, str, Any], ...]:
    # Resolving the annotations is most of the cost of a small entry: once per class.
    hints = typing.get_type_hints(cls)
    return tuple(
        (field.name, key_of(field), hints[field.name]) for field in dataclasses.fields(cls)
    )


def typed(cls: type[T], data: Mapping[str, Any]) -> T:
    """An instance of the dataclass ``cls`` from schema-valid ``data``."""
    values: dict[str, Any] = {}
    for name, key, annotation in _fields_of(cls):  # type: ignore[arg-type]
        if key in data:
            values[name] = _convert(annotation, data[key])
    return cls(**values)


def _convert(annotation: Any, value: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if value is None:
            return None
        return _convert(options[0], value)
    if origin is tuple:
        (item, _) = typing.get_args(annotation)
        return tuple(_convert(item, element) for element in value)
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        return typed(annotation, value)
    if annotation is dt.date:
        return dt.date.fromisoformat(value)
    return value
