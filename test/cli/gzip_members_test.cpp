// gzip members that end on request: decompressed with zlib's inflate, member after member.
#include "gzip_members.hpp"

#include <catch2/catch.hpp>

#include <zlib.h>

#include <string>

using talentray::cli::gzip_file_name;
using talentray::cli::gzip_member_writer;

namespace {

struct inflated {
    std::string data;
    int members = 0;
    bool complete = false;  // the input ended exactly at a member's end
};

// Inflates concatenated gzip members, as `gzip -dc` does.
inflated inflate_members(const std::string& compressed) {
    inflated result;
    z_stream stream{};
    REQUIRE(inflateInit2(&stream, 16 + 15) == Z_OK);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    char chunk[4096];
    while (stream.avail_in > 0) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        const int status = inflate(&stream, Z_NO_FLUSH);
        result.data.append(chunk, sizeof chunk - stream.avail_out);
        if (status == Z_STREAM_END) {
            ++result.members;
            result.complete = true;
            inflateReset(&stream);
            continue;
        }
        result.complete = false;
        if (status != Z_OK) break;
        if (stream.avail_in == 0) break;
    }
    inflateEnd(&stream);
    return result;
}

}  // namespace

TEST_CASE("gzip members: rows added across three members inflate to the rows, in three members") {
    gzip_member_writer writer;
    std::string out;
    std::string expected;
    for (int member = 0; member < 3; ++member) {
        for (int row = 0; row < 500; ++row) {
            const std::string line = "{\"id\":\"cand_" + std::to_string(member * 1000 + row) + "\"}\n";
            writer.add(line, out);
            expected += line;
        }
        CHECK(writer.member_open());
        writer.end_member(out);
        CHECK_FALSE(writer.member_open());
    }
    const inflated back = inflate_members(out);
    CHECK(back.data == expected);
    CHECK(back.members == 3);
    CHECK(back.complete);
}

TEST_CASE("gzip members: output cut at a member's end is a whole gzip file of the rows before it") {
    gzip_member_writer writer;
    std::string out;
    writer.add("first\n", out);
    writer.end_member(out);
    const std::size_t cut = out.size();
    writer.add("second, never committed\n", out);
    writer.end_member(out);
    const inflated kept = inflate_members(out.substr(0, cut));
    CHECK(kept.data == "first\n");
    CHECK(kept.complete);
}

TEST_CASE("gzip members: ending with nothing added writes nothing, unless a member is wanted anyway") {
    gzip_member_writer writer;
    std::string out;
    writer.end_member(out);
    CHECK(out.empty());
    writer.end_member(out, true);
    const inflated back = inflate_members(out);
    CHECK(back.members == 1);
    CHECK(back.data.empty());
}

TEST_CASE("gzip members: the file name gains .gz unless it already ends so") {
    CHECK(gzip_file_name("out.jsonl") == "out.jsonl.gz");
    CHECK(gzip_file_name("out.jsonl.gz") == "out.jsonl.gz");
    CHECK(gzip_file_name("dir/out") == "dir/out.gz");
    CHECK(gzip_file_name("out.gzip") == "out.gzip.gz");
}
