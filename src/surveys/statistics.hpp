// The figures a survey's results show, with how far they can be trusted: a rating's mean with its
// 95% confidence interval (Student's t, so that 12 answers give a wide interval and 1,200 a
// narrow one), and an option's share with its 95% Wilson interval (sound near 0% and 100% and for
// few answers, where the normal approximation is not).
//
// Thread-safe: pure functions.
#pragma once

#include <cstdint>
#include <optional>

namespace shequ::surveys {

struct Interval {
  double low = 0;
  double high = 0;
};

// Sums over the ratings given: their number, sum and sum of squares.
struct RatingSums {
  int64_t n = 0;
  int64_t sum = 0;
  int64_t sum_of_squares = 0;
};

struct MeanEstimate {
  int64_t n = 0;
  double mean = 0;
  double sd = 0;                     // sample standard deviation (n - 1); 0 for n < 2
  std::optional<Interval> interval;  // none for n < 2
};

// The interval is clipped to the scale [lowest, highest]: a mean of ratings cannot leave it.
// Precondition: sums.n > 0.
MeanEstimate estimate_mean(const RatingSums& sums, double lowest, double highest);

// The 95% Wilson score interval of `count` out of `n`. Precondition: 0 <= count <= n, n > 0.
Interval wilson_interval(int64_t count, int64_t n);

// The two-sided 95% quantile of Student's t with `degrees` degrees of freedom (>= 1).
double t_quantile_95(int64_t degrees);

}  // namespace shequ::surveys
