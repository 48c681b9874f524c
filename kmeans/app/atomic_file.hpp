#pragma once
// Writing a whole file so that readers see either nothing or the complete new content.
#include <filesystem>
#include <string_view>

namespace einspan::kmeans_app {

// Writes `content` to a temporary file in path's directory, then renames it over `path`. On
// failure the temporary file is removed and nothing appears at `path`. Throws IOError.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Throws IOError unless `path` could be created: its directory exists and it is not a directory.
void check_writable_path(const std::filesystem::path& path);

}  // namespace einspan::kmeans_app
