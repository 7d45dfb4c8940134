// The randomness behind jitter: a per-thread engine, so concurrent callers never contend.
#pragma once

namespace talentray::detail {

/// A number drawn uniformly from [0, 1). Thread-safe; never throws.
double uniform_jitter() noexcept;

}  // namespace talentray::detail
