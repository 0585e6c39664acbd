"""Shared pydantic configuration for the domain model."""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict

_set_attribute = object.__setattr__
_ALL_FIELDS: dict[type[BaseModel], frozenset[str]] = {}


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

    def model_post_init(self, context: Any, /) -> None:
        """Share the class's field-name set instead of keeping one per instance."""
        cls = type(self)
        names = _ALL_FIELDS.get(cls)
        if names is None:
            names = _ALL_FIELDS[cls] = frozenset(cls.model_fields)
        _set_attribute(self, "__pydantic_fields_set__", names)

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy; with ``update``, a new validated instance (the shared field set cannot grow)."""
        if update:
            return self.model_validate({**self.__dict__, **update})
        return super().model_copy(deep=deep)
