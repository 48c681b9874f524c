# Shared set-up for scripts/demo and scripts/test (sourced, not run): installs the Debian packages
# einspan builds with, then configures and builds a tree. All messages go to stderr so that the
# demo's stdout carries only the program's own output.

EINSPAN_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
EINSPAN_PACKAGES=(cmake ninja-build g++ libboost-dev libfmt-dev libeigen3-dev libopenblas-dev libgtest-dev libbenchmark-dev
                  libcli11-dev nlohmann-json3-dev libhwy-dev libopenmpi-dev openmpi-bin libzip-dev)
# The sanitizer build of scripts/test uses clang: its sanitizer runtimes, libFuzzer and OpenMP.
EINSPAN_TEST_PACKAGES=(clang libclang-rt-14-dev libomp-14-dev)

log() { printf '[einspan] %s\n' "$*" >&2; }

# ensure_packages [extra packages...]: installs what is missing of EINSPAN_PACKAGES and the extras.
ensure_packages() {
  local missing=()
  for package in "${EINSPAN_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages; install them with:"
    log "  sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${missing[@]}" >&2
}

# configure_tree DIR [cmake options...]: configure DIR once; later runs reuse it.
configure_tree() {
  local dir=$1
  shift
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    log "configuring $dir"
    cmake -S "$EINSPAN_ROOT" -B "$dir" -G Ninja "$@" >&2
  fi
}

# build_tree DIR [targets...]: incremental build of DIR (everything when no target is named).
build_tree() {
  local dir=$1
  shift
  local targets=()
  for target in "$@"; do targets+=(--target "$target"); done
  log "building $dir ${*:-(all targets)}"
  cmake --build "$dir" --parallel "$(nproc)" "${targets[@]}" >&2
}

# The Release tree shared by scripts/demo and scripts/test.
EINSPAN_RELEASE_DIR="$EINSPAN_ROOT/build/release"
configure_release() { configure_tree "$EINSPAN_RELEASE_DIR" -DCMAKE_BUILD_TYPE=Release; }
