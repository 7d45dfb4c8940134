// Looking up the members of one JSON object in the order a schema reads them.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <string_view>

namespace talentray::model_json {

/// Finds members of one object, trying first the member after the last one found. The server
/// writes an object's members in the contract's order, which is the order the schemas read
/// them in, so a lookup is usually one key comparison rather than a scan of the object (which
/// a 100-row page otherwise repeats for every field of every row). Any other order, and
/// missing members, still find exactly what `object::find` finds: a JSON object holds each key
/// once, so a match at the expected position is the only match.
class member_finder {
public:
    explicit member_finder(const boost::json::object& object) noexcept : object_(object) {}

    /// The value of member `key`, or nullptr when the object has none. Never throws.
    const boost::json::value* find(std::string_view key) noexcept {
        if (next_ < object_.size()) {
            const boost::json::key_value_pair& expected = object_.begin()[next_];
            if (expected.key() == key) {
                ++next_;
                return &expected.value();
            }
        }
        const auto found = object_.find(key);
        if (found == object_.end()) return nullptr;
        next_ = static_cast<std::size_t>(found - object_.begin()) + 1;
        return &found->value();
    }

private:
    const boost::json::object& object_;
    std::size_t next_ = 0;
};

}  // namespace talentray::model_json
