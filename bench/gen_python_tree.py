#!/usr/bin/env python3
"""Generates a Python project of Pydantic v1 code for benchmarking the pydantic-v2 rewriter.

Usage: gen_python_tree.py OUT_DIR [--lines N] [--seed S]

Writes packages of model, service and plain-helper modules (about 250 lines each) until the tree holds at
least N lines (default 100000). The code mixes what the rewriter converts (Config classes, validators,
.dict() on known models) with what it must leave alone or report (strings, comments, unknown receivers).
Standard library only; the same seed gives the same tree.
"""
import argparse
import pathlib
import random

MODEL_HEADER = '''"""Models of the {package} domain, part {part}."""
from datetime import datetime
from typing import Dict, List, Optional

from pydantic import BaseModel, Extra, Field, root_validator, validator

'''

MODEL = '''
class {name}(BaseModel):
    """A {name}; call .dict() at the edges, see `class Config:` below."""

    id: int
    title: str = Field(..., min_length=1, max_length={length}, regex=r"^[A-Za-z0-9 ]+$")
    tags: List[str] = Field(default_factory=list, max_items={items})
    owner: Optional[str] = None
    created_at: datetime
    score: float = 0.0

    class Config:
        orm_mode = True
        allow_population_by_field_name = True
        extra = Extra.forbid
        schema_extra = {{
            "example": {{"id": 1, "title": "{name} one", "tags": ["a"]}},
        }}

    @validator("title")
    def title_not_blank(cls, value):
        if not value.strip():
            raise ValueError("title must not be blank")
        return value

    @validator("score", pre=True)
    def score_from_text(cls, value, values):
        if isinstance(value, str) and "id" in values:
            return float(value)
        return value

    @root_validator(skip_on_failure=True)
    def owner_for_tags(cls, values):
        if values.get("tags") and values.get("owner") is None:
            raise ValueError("tagged {name} needs an owner")
        return values

    def summary(self) -> Dict[str, object]:
        data = self.dict(exclude={{"created_at"}})
        data["label"] = f"{{self.id}}: {{self.title}}"
        return data
'''

SERVICE_HEADER = '''"""Services of the {package} domain, part {part}."""
import json
import logging
from typing import Dict, List, Optional

from pydantic import BaseModel, ValidationError

log = logging.getLogger(__name__)

'''

SERVICE = '''

class {name}Record(BaseModel):
    id: int
    payload: Dict[str, object] = {{}}


class {name}Service:
    def __init__(self, store) -> None:
        self.store = store
        self.cache: Dict[int, dict] = {{}}

    def load(self, raw: str) -> Optional[{name}Record]:
        # Records arrive as JSON text; `.parse_raw()` validates them.
        try:
            record = {name}Record.parse_raw(raw)
        except ValidationError as error:
            log.warning("bad record: %s", error)
            return None
        self.cache[record.id] = record.dict()
        return record

    def save(self, record: {name}Record) -> str:
        text = record.json()
        self.store.put(record.id, text)
        return text

    def export(self, records: List[{name}Record]) -> List[dict]:
        rows = [record.dict(exclude_none=True) for record in records]
        log.info("exported %d rows with .dict()", len(rows))
        return rows

    def merge(self, record: {name}Record, changes: dict) -> {name}Record:
        updated = record.copy(update=changes)
        snapshot = dict(changes)
        snapshot.update(updated.dict())
        return {name}Record.parse_obj(snapshot)

    def legacy(self, thing) -> dict:
        return thing.dict()

    def decode(self, text: str) -> dict:
        return json.loads(text)
'''

PLAIN = '''

def {name}_checksum(values: List[int]) -> int:
    """Not a model: plain helpers the rewriter must leave alone."""
    total = 0
    for index, value in enumerate(values):
        total = (total * 31 + value + index) % 1000003
    return total


def {name}_copy(mapping: Dict[str, int]) -> Dict[str, int]:
    result = mapping.copy()
    result["{name}"] = len(mapping)
    return result


class {name}Buffer:
    def __init__(self) -> None:
        self.items: List[str] = []

    def push(self, item: str) -> None:
        self.items.append(item)

    def dict(self) -> Dict[str, int]:
        return {{item: len(item) for item in self.items}}
'''

PLAIN_HEADER = '''"""Helpers of the {package} domain, part {part}."""
from typing import Dict, List

'''


def module(kind: str, package: str, part: int, rng: random.Random, target: int) -> str:
    header, body = {
        "models": (MODEL_HEADER, MODEL),
        "services": (SERVICE_HEADER, SERVICE),
        "helpers": (PLAIN_HEADER, PLAIN),
    }[kind]
    text = header.format(package=package, part=part)
    index = 0
    while text.count("\n") < target:
        name = f"{package.title()}{kind.title()}{part}N{index}"
        if kind == "helpers":
            name = name.lower()
        text += body.format(name=name, length=rng.randint(50, 500), items=rng.randint(3, 20))
        index += 1
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    lines = 0
    package_index = 0
    while lines < options.lines:
        package = f"domain{package_index}"
        folder = options.out / package
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").write_text("")
        for part in range(4):
            for kind in ("models", "services", "helpers"):
                text = module(kind, package, part, rng, 250)
                (folder / f"{kind}_{part}.py").write_text(text)
                lines += text.count("\n")
        package_index += 1
    print(f"{lines} lines in {package_index} packages under {options.out}")


if __name__ == "__main__":
    main()
