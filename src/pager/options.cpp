#include <talentray/pager/options.hpp>

#include <talentray/error.hpp>

#include <string>

namespace talentray {

void validate(const pager_options& options) {
    if (options.readahead < 0 || options.readahead > 64)
        throw_error(errc::invalid_argument,
                    "pager_options.readahead must be 0..64, got " + std::to_string(options.readahead));
    if (options.window < 1 || options.window > 64)
        throw_error(errc::invalid_argument, "pager_options.window must be 1..64, got " + std::to_string(options.window));
    if (options.strict && options.overlap_reads)
        throw_error(errc::invalid_argument,
                    "pager_options.overlap_reads cannot be combined with pager_options.strict: a strict walk fails at "
                    "the first change instead of reconciling");
    if (options.max_items && *options.max_items < 0)
        throw_error(errc::invalid_argument,
                    "pager_options.max_items must not be negative, got " + std::to_string(*options.max_items));
}

}  // namespace talentray
