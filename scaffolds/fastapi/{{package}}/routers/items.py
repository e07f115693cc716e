"""The example resource: list, create and read items. Copy it for a new resource."""

from typing import List

from fastapi import APIRouter, Depends, Path, Query, Request

from ..errors import ApiError, Error
from ..models import Item, ItemCreate
from ..store import ItemStore

router = APIRouter(prefix="/items", tags=["items"])

VALIDATION_ERROR = {422: {"model": Error, "description": "The request is not valid."}}


def get_store(request: Request) -> ItemStore:
    return request.app.state.item_store


@router.get(
    "",
    response_model=List[Item],
    operation_id="listItems",
    summary="List items",
    description="Returns the items in the order they were created, at most `limit` of them.",
    response_description="The items.",
    responses=VALIDATION_ERROR,
)
def list_items(
    limit: int = Query(50, ge=1, le=100, description="How many items to return at most"),
    store: ItemStore = Depends(get_store),
) -> List[Item]:
    return store.list(limit)


@router.post(
    "",
    response_model=Item,
    status_code=201,
    operation_id="createItem",
    summary="Create an item",
    description="Stores a new item and returns it with its id.",
    response_description="The item was created.",
    responses=VALIDATION_ERROR,
)
def create_item(new: ItemCreate, store: ItemStore = Depends(get_store)) -> Item:
    return store.add(new)


@router.get(
    "/{item_id}",
    response_model=Item,
    operation_id="getItem",
    summary="Get an item",
    description="Returns one item by its id.",
    response_description="The item.",
    responses={404: {"model": Error, "description": "No item has this id."}, **VALIDATION_ERROR},
)
def get_item(
    item_id: int = Path(..., description="The item's id"),
    store: ItemStore = Depends(get_store),
) -> Item:
    item = store.get(item_id)
    if item is None:
        raise ApiError(404, "not_found", f"item {item_id} does not exist")
    return item
