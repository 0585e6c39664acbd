"""Shared pydantic configuration for the domain model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """An immutable model; unknown fields are a programming error."""

    model_config = ConfigDict(frozen=True, extra="forbid")
