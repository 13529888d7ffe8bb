#include "surveys/statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace shequ::surveys {

namespace {

// The standard normal's 97.5% quantile.
constexpr double kZ = 1.959963984540054;

}  // namespace

double t_quantile_95(int64_t degrees) {
  const boost::math::students_t distribution(static_cast<double>(degrees));
  return boost::math::quantile(distribution, 0.975);
}

MeanEstimate estimate_mean(const RatingSums& sums, double lowest, double highest) {
  MeanEstimate out;
  out.n = sums.n;
  const double n = static_cast<double>(sums.n);
  out.mean = static_cast<double>(sums.sum) / n;
  if (sums.n < 2) return out;
  // Sums of integers are exact, so the variance has no cancellation beyond one subtraction.
  const double squares = static_cast<double>(sums.sum_of_squares) -
                         static_cast<double>(sums.sum) * static_cast<double>(sums.sum) / n;
  out.sd = std::sqrt(std::max(0.0, squares / (n - 1)));
  const double half = t_quantile_95(sums.n - 1) * out.sd / std::sqrt(n);
  out.interval = Interval{std::max(lowest, out.mean - half), std::min(highest, out.mean + half)};
  return out;
}

Interval wilson_interval(int64_t count, int64_t n) {
  const double total = static_cast<double>(n);
  const double p = static_cast<double>(count) / total;
  const double z2 = kZ * kZ;
  const double centre = (p + z2 / (2 * total)) / (1 + z2 / total);
  const double half =
      kZ * std::sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / (1 + z2 / total);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace shequ::surveys
