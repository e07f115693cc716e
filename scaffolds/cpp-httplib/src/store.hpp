// An in-memory item store: the example resource's persistence, to be replaced by a database.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "models.hpp"

namespace {{ namespace }} {

// Safe to share between the server's worker threads: every member function takes the lock.
class ItemStore {
 public:
  // Stores a new item under the next id.
  Item add(const ItemCreate& item);

  std::optional<Item> find(std::int64_t id) const;

  // The first `limit` items, in the order they were created.
  std::vector<Item> list(std::size_t limit) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::int64_t, Item> items_;  // ids grow, so id order is creation order
  std::int64_t next_id_ = 1;
};

}  // namespace {{ namespace }}
