// The summary statistics the SLOs are stated in.
#pragma once

#include <optional>
#include <vector>

namespace apictl::slo {

// The middle value; the mean of the two middle ones for an even count. nullopt for no values.
std::optional<double> median(std::vector<double> values);

// Nearest-rank percentile (0 < p <= 100): the smallest value with at least p% of the values at or below it,
// so it is always one of the values measured. nullopt for no values.
std::optional<double> nearest_rank_percentile(std::vector<double> values, double percent);

}  // namespace apictl::slo
