"""Pydantic models of the API, one per schema in openapi.yaml's components.

They use only features that Pydantic 1.10 and 2 render to the same JSON Schema: required fields without
defaults (a default would split a model into -Input and -Output schemas under Pydantic 2) and no Optional.
"""

from pydantic import BaseModel, Field

from .errors import Error  # noqa: F401 - re-exported, so every schema of the contract is models.NAME


class Health(BaseModel):
    """What /healthz answers while the service is up."""

    status: str = Field(..., description="Always ok while the service answers")
    version: str = Field(..., description="The running version of the service")


class ItemCreate(BaseModel):
    """What a client sends to create an item."""

    name: str = Field(..., min_length=1, max_length=100, description="The item's name")
    price: float = Field(..., ge=0, description="The price in the shop's currency")


class Item(BaseModel):
    """An item as stored, with its id."""

    id: int = Field(..., description="Assigned by the service")
    name: str = Field(..., min_length=1, max_length=100, description="The item's name")
    price: float = Field(..., ge=0, description="The price in the shop's currency")


# apictl:models - apictl add endpoint adds the models of new schemas above this line.
