#include "atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <einspan/tensor/error.hpp>
#include <fmt/format.h>
#include <stdlib.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace einspan::kmeans_app {

void check_writable_path(const std::filesystem::path& path) {
  const std::filesystem::path dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw IOError(fmt::format("cannot write {}: directory {} does not exist", path.string(), dir.string()));
  if (std::filesystem::is_directory(path, ec)) throw IOError(fmt::format("cannot write {}: it is a directory", path.string()));
  if (::access(dir.c_str(), W_OK) != 0)
    throw IOError(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  check_writable_path(path);
  const std::filesystem::path dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  std::string temp = fmt::format("{}/.{}.tmpXXXXXX", dir.string(), path.filename().string());
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw IOError(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
  const auto fail = [&](const char* what) {
    const int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    throw IOError(fmt::format("cannot write {}: {} failed: {}", path.string(), what, std::strerror(err)));
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t w = ::write(fd, content.data() + written, content.size() - written);
    if (w < 0) {
      if (errno == EINTR) continue;
      fail("write");
    }
    written += static_cast<std::size_t>(w);
  }
  // mkstemp creates 0600; give the file the permissions an ordinary new file would have.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) fail("fchmod");
  if (::fsync(fd) != 0) fail("fsync");
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    throw IOError(fmt::format("cannot write {}: close failed: {}", path.string(), std::strerror(err)));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    throw IOError(fmt::format("cannot write {}: rename failed: {}", path.string(), std::strerror(err)));
  }
}

}  // namespace einspan::kmeans_app
