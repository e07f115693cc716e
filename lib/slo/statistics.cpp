// Median and nearest-rank percentile.
#include "slo/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace apictl::slo {

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::ranges::sort(values);
  std::size_t middle = values.size() / 2;
  if (values.size() % 2 == 1) return values[middle];
  return (values[middle - 1] + values[middle]) / 2;
}

std::optional<double> nearest_rank_percentile(std::vector<double> values, double percent) {
  if (values.empty()) return std::nullopt;
  std::ranges::sort(values);
  auto rank = static_cast<std::size_t>(std::ceil(percent / 100.0 * static_cast<double>(values.size())));
  rank = std::clamp<std::size_t>(rank, 1, values.size());
  return values[rank - 1];
}

}  // namespace apictl::slo
