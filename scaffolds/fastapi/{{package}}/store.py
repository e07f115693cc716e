"""An in-memory item store: the example resource's persistence, to be replaced by a database."""

import threading
from typing import Dict, List, Optional

from .models import Item, ItemCreate


class ItemStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: Dict[int, Item] = {}
        self._next_id = 1

    def add(self, new: ItemCreate) -> Item:
        with self._lock:
            item = Item(id=self._next_id, name=new.name, price=new.price)
            self._items[item.id] = item
            self._next_id += 1
            return item

    def get(self, item_id: int) -> Optional[Item]:
        with self._lock:
            return self._items.get(item_id)

    def list(self, limit: int) -> List[Item]:
        with self._lock:
            return [self._items[key] for key in sorted(self._items)][:limit]
