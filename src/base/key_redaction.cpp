#include "base/key_redaction.hpp"

#include <algorithm>
#include <vector>

namespace talentray::detail {

namespace {

/// Marks in `covered` every run of `text` of at least min(`min_fragment`, key size) characters
/// that is also a run of `key`.
void mark_fragments(std::string_view text, std::string_view key, std::size_t min_fragment,
                    std::vector<bool>& covered) {
    const std::size_t shortest = std::min(min_fragment, key.size());
    if (key.empty() || text.size() < shortest) return;

    // Longest common substring by rows: run[j + 1] is the length of the match of text and key
    // ending at text[i] and key[j]. Any run reaching `shortest` marks its characters.
    std::vector<std::size_t> previous(key.size() + 1, 0), run(key.size() + 1, 0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t longest = 0;
        for (std::size_t j = 0; j < key.size(); ++j) {
            run[j + 1] = text[i] == key[j] ? previous[j] + 1 : 0;
            longest = std::max(longest, run[j + 1]);
        }
        if (longest >= shortest) std::fill(covered.begin() + static_cast<std::ptrdiff_t>(i + 1 - longest),
                                           covered.begin() + static_cast<std::ptrdiff_t>(i + 1), true);
        std::swap(previous, run);
    }
}

}  // namespace

std::string key_redactor::redact(std::string_view text) const {
    if (empty()) return std::string{text};
    std::vector<bool> covered(text.size(), false);
    mark_fragments(text, key_.reveal(), min_fragment, covered);
    for (const secret& other : more_) mark_fragments(text, other.reveal(), min_fragment, covered);
    if (std::find(covered.begin(), covered.end(), true) == covered.end()) return std::string{text};

    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (!covered[i]) {
            out += text[i++];
            continue;
        }
        out += "[redacted]";
        while (i < text.size() && covered[i]) ++i;
    }
    return out;
}

void key_redactor::redact_in_place(std::string& text) const {
    if (!empty()) text = redact(text);
}

void key_redactor::redact_in_place(diagnostics& diag) const {
    if (empty()) return;
    for (std::string* field : {&diag.api_code, &diag.api_message, &diag.method, &diag.path, &diag.location,
                               &diag.client_message})
        redact_in_place(*field);
    for (auto* list : {&diag.details, &diag.required_scopes, &diag.granted_scopes})
        for (std::string& item : *list) redact_in_place(item);
}

}  // namespace talentray::detail
