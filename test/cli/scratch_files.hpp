// Files for the CLI tests: a scratch directory of one's own, and whole-file reads and writes.
#pragma once

#include <filesystem>
#include <string>

namespace cli_test {

/// A unique empty directory, removed with everything in it when the object goes away.
class scratch_directory {
public:
    scratch_directory();
    ~scratch_directory();
    scratch_directory(const scratch_directory&) = delete;
    scratch_directory& operator=(const scratch_directory&) = delete;
    const std::filesystem::path& path() const noexcept { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

/// The whole content of a file ("" when it does not exist).
std::string read_text(const std::filesystem::path& path);
void write_text(const std::filesystem::path& path, const std::string& text);

}  // namespace cli_test
