// The in-memory item store.
#include "store.hpp"

#include <algorithm>

namespace {{ namespace }} {

Item ItemStore::add(const ItemCreate& item) {
  std::scoped_lock lock(mutex_);
  Item stored{.id = next_id_++, .name = item.name, .price = item.price};
  items_.emplace(stored.id, stored);
  return stored;
}

std::optional<Item> ItemStore::find(std::int64_t id) const {
  std::scoped_lock lock(mutex_);
  if (auto found = items_.find(id); found != items_.end()) return found->second;
  return std::nullopt;
}

std::vector<Item> ItemStore::list(std::size_t limit) const {
  std::scoped_lock lock(mutex_);
  std::vector<Item> items;
  items.reserve(std::min(limit, items_.size()));
  for (const auto& [id, item] : items_) {
    if (items.size() == limit) break;
    items.push_back(item);
  }
  return items;
}

}  // namespace {{ namespace }}
