// The gzip decoder alone, fed byte spans as the transport feeds it: any split of the body, several
// members, damaged trailers, truncation, and the cap on the decoded size.
#include "gzip_samples.hpp"
#include "transport/gzip_decoder.hpp"

#include <catch2/catch.hpp>

using talentray::detail::gzip_decoder;
using talentray::detail::gzip_status;
using namespace talentray::testing;

namespace {

// A JSON page with enough repetition to compress and enough variety to need several blocks.
std::string sample_page() {
    std::string text = R"({"data":[)";
    for (int i = 0; i < 2000; ++i) {
        if (i > 0) text += ',';
        text += R"({"id":"cand_)" + std::to_string(i * 7919 % 10007) + R"(","fullName":"Person )" +
                std::to_string(i) + R"(","status":"Active"})";
    }
    return text + "]}";
}

struct decoded {
    gzip_status status;
    std::string text;
};

decoded decode_split(std::string_view compressed, std::size_t split, std::size_t cap = SIZE_MAX) {
    gzip_decoder decoder{cap};
    decoded out{gzip_status::ok, {}};
    out.status = decoder.feed(compressed.substr(0, split), out.text);
    if (out.status != gzip_status::ok) return out;
    out.status = decoder.feed(compressed.substr(split), out.text);
    if (out.status != gzip_status::ok) return out;
    out.status = decoder.finish();
    return out;
}

}  // namespace

TEST_CASE("gzip: a body split in two at every byte decodes to the original") {
    const std::string text = "{\"data\":[{\"id\":\"cand_1\",\"fullName\":\"Jane Doe\"}]}" + std::string(300, ' ');
    const std::string compressed = gzip(text);
    for (std::size_t split = 0; split <= compressed.size(); ++split) {
        INFO("split at " << split);
        const decoded out = decode_split(compressed, split);
        REQUIRE(out.status == gzip_status::ok);
        REQUIRE(out.text == text);
    }
}

TEST_CASE("gzip: a body fed one byte at a time decodes to the original") {
    const std::string text = sample_page();
    const std::string compressed = gzip(text);
    gzip_decoder decoder{SIZE_MAX};
    std::string out;
    for (char byte : compressed) REQUIRE(decoder.feed({&byte, 1}, out) == gzip_status::ok);
    CHECK(decoder.finish() == gzip_status::ok);
    CHECK(out == text);
    CHECK(decoder.consumed() == compressed.size());
}

TEST_CASE("gzip: several members decode as one body, split anywhere") {
    const std::string first = sample_page();
    const std::string second = "and the second member";
    const std::string compressed = gzip(first) + gzip(second) + gzip("");
    for (std::size_t split : {std::size_t{0}, std::size_t{1}, gzip(first).size() - 1, gzip(first).size(),
                              gzip(first).size() + 1, compressed.size() - 3, compressed.size()}) {
        INFO("split at " << split);
        const decoded out = decode_split(compressed, split);
        REQUIRE(out.status == gzip_status::ok);
        CHECK(out.text == first + second);
    }
}

TEST_CASE("gzip: a trailer whose CRC-32 does not match is corrupt, and says so") {
    gzip_decoder decoder{SIZE_MAX};
    std::string out;
    CHECK(decoder.feed(gzip_with_bad_crc(sample_page()), out) == gzip_status::corrupt);
    CHECK(decoder.failure() == "gzip data is corrupt: incorrect data check");
    CHECK(decoder.finish() == gzip_status::corrupt);  // stays failed
}

TEST_CASE("gzip: bytes that are not gzip are corrupt") {
    gzip_decoder decoder{SIZE_MAX};
    std::string out;
    CHECK(decoder.feed(R"({"data":[]})", out) == gzip_status::corrupt);
    CHECK(decoder.failure() == "gzip data is corrupt: incorrect header check");
}

TEST_CASE("gzip: garbage after a complete member is corrupt") {
    gzip_decoder decoder{SIZE_MAX};
    std::string out;
    CHECK(decoder.feed(gzip("complete") + "trailing junk", out) == gzip_status::corrupt);
}

TEST_CASE("gzip: a body cut anywhere before its end is truncated") {
    const std::string compressed = gzip(sample_page());
    for (std::size_t cut = 1; cut < compressed.size(); ++cut) {
        INFO("cut at " << cut);
        gzip_decoder decoder{SIZE_MAX};
        std::string out;
        REQUIRE(decoder.feed(std::string_view{compressed}.substr(0, cut), out) == gzip_status::ok);
        REQUIRE(decoder.finish() == gzip_status::truncated);
        REQUIRE(decoder.failure() == "gzip data ends before its trailer, after " + std::to_string(cut) +
                                         " compressed bytes");
    }
}

TEST_CASE("gzip: an empty body decodes to nothing") {
    gzip_decoder decoder{SIZE_MAX};
    std::string out;
    CHECK(decoder.feed("", out) == gzip_status::ok);
    CHECK(decoder.finish() == gzip_status::ok);
    CHECK(out.empty());
}

TEST_CASE("gzip: a body that decodes to exactly the cap is accepted, one byte more is too large") {
    const std::string text = sample_page();
    CHECK(decode_split(gzip(text), 5, text.size()).status == gzip_status::ok);
    const decoded over = decode_split(gzip(text), 5, text.size() - 1);
    CHECK(over.status == gzip_status::too_large);
}

TEST_CASE("gzip: a bomb fails as soon as it passes the cap, its output never larger than the cap") {
    constexpr std::size_t cap = 1024 * 1024;
    const std::string bomb = gzip_bomb();  // 10 MiB of zeros
    CHECK(bomb.size() < 20 * 1024);
    gzip_decoder decoder{cap};
    std::string out;
    gzip_status status = gzip_status::ok;
    constexpr std::size_t piece = 512;
    for (std::size_t at = 0; at < bomb.size() && status == gzip_status::ok; at += piece)
        status = decoder.feed(std::string_view{bomb}.substr(at, piece), out);
    CHECK(status == gzip_status::too_large);
    CHECK(decoder.failure() == "gzip body decodes to more than the limit of 1048576 bytes");
    CHECK(out.size() <= cap);
    CHECK(out.capacity() <= cap);
    // It stopped near the cap's worth of input (a tenth of the bomb), not at the end.
    CHECK(decoder.consumed() < bomb.size() / 5);
}
