#include "scheduler/random_jitter.hpp"

#include <chrono>
#include <functional>
#include <random>
#include <thread>

namespace talentray::detail {

double uniform_jitter() noexcept {
    // Jitter only needs to differ between threads and processes, not to be unpredictable, and
    // seeding this way cannot throw (std::random_device can).
    thread_local std::minstd_rand engine{static_cast<std::minstd_rand::result_type>(
        std::hash<std::thread::id>{}(std::this_thread::get_id()) ^
        static_cast<std::size_t>(std::chrono::steady_clock::now().time_since_epoch().count()))};
    return std::uniform_real_distribution<double>{0.0, 1.0}(engine);
}

}  // namespace talentray::detail
