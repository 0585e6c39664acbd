"""The JSON Schemas of pimlint's own files, generated from their pydantic models.

``python -m tests.config.schemas`` rewrites ``schemas/{pimlint-config,waivers,baseline}.schema.json``;
``test_schemas.py`` fails when a model changed and the files were not regenerated.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from pimlint.baseline import Baseline
from pimlint.config import Settings
from pimlint.waivers import WaiverDocument

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
MODELS: dict[str, tuple[type[BaseModel], str]] = {
    "pimlint-config.schema.json": (Settings, "pimlint.toml (or [tool.pimlint] in pyproject.toml)"),
    "waivers.schema.json": (WaiverDocument, "pimlint waivers (.pimlint/waivers.toml)"),
    "baseline.schema.json": (Baseline, "pimlint baseline (.pimlint/baseline.json)"),
}


def generate(name: str) -> str:
    """The schema text for one file."""
    model, title = MODELS[name]
    schema = model.model_json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    for filename in MODELS:
        (SCHEMA_DIR / filename).write_text(generate(filename), encoding="utf-8")
        print(f"wrote schemas/{filename}")
