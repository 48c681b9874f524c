#pragma once
// What every fuzz target shares: a failed property aborts with a message (libFuzzer saves the
// input as a crash), an exception that is not an einspan::Error is a failure, and the bytes
// after a target's text part are read as a stream of small choices.
#include <einspan/tensor/error.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <typeinfo>
#include <unistd.h>

namespace einspan::fuzz {

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "\n==== einspan fuzz property failed: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

#define EINSPAN_FUZZ_CHECK(condition, message)                                                        \
  do {                                                                                                \
    if (!(condition)) ::einspan::fuzz::fail(std::string(#condition " -- ") + std::string(message)); \
  } while (0)

// Runs f(). Returns true when it returned, false when it threw an einspan::Error (a rejection,
// stored in *error when given); any other exception is a failed property.
template <class F>
bool accepts(F&& f, std::string* error = nullptr, const std::type_info** error_type = nullptr) {
  try {
    f();
    return true;
  } catch (const Error& e) {
    if (error) *error = e.what();
    if (error_type) *error_type = &typeid(e);
    return false;
  } catch (const std::exception& e) {
    fail(std::string("an exception that is not an einspan::Error: ") + typeid(e).name() + ": " + e.what());
  } catch (...) {
    fail("an exception that is not a std::exception");
  }
}

// Choices drawn from the bytes that follow a target's text: each call takes the next byte (0
// once they run out), so a short input means "all the first choices".
class Choices {
 public:
  Choices(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  // A value in [0, n); n >= 1.
  unsigned below(unsigned n) { return byte() % n; }
  std::int64_t int64() {
    std::uint64_t v = 0;
    for (int b = 0; b < 8; ++b) v = (v << 8) | byte();
    return static_cast<std::int64_t>(v);
  }
  bool empty() const { return pos_ >= size_; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

// A directory of this process's own for the files a target writes (in /dev/shm when there is
// one, so that writes cost no disk), removed when the process exits normally.
inline const std::filesystem::path& scratch_directory() {
  static const std::filesystem::path dir = [] {
    std::error_code ec;
    std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec) ? std::filesystem::path("/dev/shm")
                                                                                 : std::filesystem::temp_directory_path();
    std::filesystem::path d = base / ("einspan-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(scratch_directory(), ignored);
    });
    return d;
  }();
  return dir;
}

inline std::filesystem::path write_scratch_file(std::string_view name, const void* data, std::size_t size) {
  const std::filesystem::path path = scratch_directory() / std::string(name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out) fail("cannot write the scratch file " + path.string());
  return path;
}

inline std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) fail("cannot read back " + path.string());
  return text;
}

}  // namespace einspan::fuzz
