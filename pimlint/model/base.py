"""Shared pydantic configuration for the domain model."""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict

from pimlint import speedups

_set_attribute = object.__setattr__
_ALL_FIELDS: dict[type[BaseModel], frozenset[str]] = {}
_TEMPLATES: dict[type[BaseModel], tuple[dict[str, Any], frozenset[str], frozenset[str]]] = {}
_VALIDATE_TRUSTED = not speedups.enabled()
"""Speed-ups off (``pimlint.speedups``): validate the rows ``Bulk.trusted`` builds too."""


class Frozen(BaseModel):
    """An immutable model; unknown fields are a programming error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Bulk(Frozen):
    """A ``Frozen`` model built once per row of a large section (users, audit events).

    Pydantic keeps, per instance, a set of the field names the caller passed: 2.2 KB for an audit
    event's 23 fields, more than the event itself (200,000 events: 450 MB). Here one frozenset of
    all field names, shared by every instance of the class, stands in for it; nothing in pimlint
    reads ``model_fields_set``. ``model_copy(update=...)`` builds a validated new instance.
    """

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """An instance from values a normalizer has already given exactly the field types, without
        pydantic's validation pass (half a million rows on a 100,000-user tenant; the schema has
        checked the input). A missing required or an unknown field still raises ``TypeError``.
        Tests check that validation would build the same rows (tests/loading/test_bulk_models.py).
        """
        if _VALIDATE_TRUSTED:
            return cls(**values)
        template = _TEMPLATES.get(cls)
        if template is None:
            template = _TEMPLATES[cls] = _template(cls)
        defaults, required, names = template
        if len(values) == len(names) and names == values.keys():
            data = values  # every field given (in field order at the call sites)
        else:
            data = defaults | values
            if len(data) != len(names) or not required <= values.keys():
                raise TypeError(f"{cls.__name__}: missing {sorted(required - values.keys())}, "
                                f"unknown {sorted(values.keys() - names)}")
        return cls.from_fields(data)

    @classmethod
    def from_fields(cls, data: dict[str, Any]) -> Self:
        """An instance whose ``__dict__`` is ``data``: every field, in order, exactly typed (no
        checks at all: for rows this process itself built, e.g. sent back by a worker process)."""
        obj = cls.__new__(cls)
        _set_attribute(obj, "__dict__", data)
        _set_attribute(obj, "__pydantic_fields_set__", _field_names(cls))
        _set_attribute(obj, "__pydantic_extra__", None)
        _set_attribute(obj, "__pydantic_private__", None)
        return obj

    def model_post_init(self, context: Any, /) -> None:
        """Share the class's field-name set instead of keeping one per instance."""
        _set_attribute(self, "__pydantic_fields_set__", _field_names(type(self)))

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy; with ``update``, a new validated instance (the shared field set cannot grow)."""
        if update:
            return self.model_validate({**self.__dict__, **update})
        return super().model_copy(deep=deep)


def _template(cls: type[Bulk]) -> tuple[dict[str, Any], frozenset[str], frozenset[str]]:
    """(every field in order with its default, required fields, all fields) of a bulk model."""
    fields = cls.model_fields
    defaults = {name: None if info.is_required() else info.get_default(call_default_factory=True)
                for name, info in fields.items()}
    return defaults, frozenset(n for n, info in fields.items() if info.is_required()), _field_names(cls)


def _field_names(cls: type[BaseModel]) -> frozenset[str]:
    """The field names of a bulk model: one frozenset per class, shared by its instances."""
    names = _ALL_FIELDS.get(cls)
    if names is None:
        names = _ALL_FIELDS[cls] = frozenset(cls.model_fields)
    return names
