#!/usr/bin/env bash
# Stormline's developer entry point, for a fresh Debian 12 machine or any
# machine that has built Stormline before.
#
#   build-aux/dev.sh run [FILE]   install what is missing, build, and start
#                                 Stormline with FILE (the example model)
#   build-aux/dev.sh test         install what is missing, build twice (plain,
#                                 and with AddressSanitizer + UBSan) and run
#                                 every test in both builds, the core
#                                 tests under valgrind, then each fuzz
#                                 harness for FUZZ_SECONDS (20); the last
#                                 line says "N passed, N failed, N skipped"
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

packages=(
  build-essential pkg-config meson ninja-build gettext
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libglib2.0-dev-bin
  desktop-file-utils appstream shared-mime-info libglib2.0-bin  # the data tests
  itstool yelp-tools  # the user guide
  flatpak-builder  # reads the Flatpak manifests (--show-manifest, offline)
  xvfb xauth xdotool dbus at-spi2-core
  libgl1-mesa-dri fonts-dejavu-core poppler-utils libxml2-utils
  clang libclang-rt-14-dev  # libclang-rt-14-dev holds libFuzzer (libclang_rt.fuzzer)
  python3 python3-pyatspi valgrind time  # time: the hostile-input corpus measures memory
  locales  # localedef: the de_DE and fr_FR locales the po tests and screenshots use
  nodejs kotlin  # the generated code's tests: node runs tsc (build-aux/node), kotlinc compiles
)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  echo "Installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The tests' tools from the npm registry (the TypeScript compiler and the
# parsers that check generated code and diagrams), at the versions that
# build-aux/node/package-lock.json pins, into build-aux/node/node_modules.
# Debian's nodejs leaves npm to a package of its own; other builds of
# nodejs bring it along.
install_node_tools() {
  local dir=build-aux/node
  if ! command -v npm > /dev/null; then
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends npm
  fi
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.stormline-lock"; then
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
    cp "$dir/package-lock.json" "$dir/node_modules/.stormline-lock"
  fi
}

# Warnings are errors here and in CI, not in meson.build's defaults, so that a
# packager's build with another compiler or newer libraries is not stopped by
# a warning we have not seen yet.
build() {
  local dir=$1; shift
  [ -f "$dir/build.ninja" ] || meson setup "$dir" -Dwerror=true "$@"
  ninja -C "$dir"
}

# Runs the suite of one build under a private session bus and X server;
# the server does not reset when its last client goes (the kill test
# leaves it without one between two runs of the app). The runtime folder
# is private too: the accessibility bus puts its socket there, and another
# session ending would take a shared one away.
run_suite() {
  local dir=$1; shift
  local runtime
  runtime=$(mktemp -d)
  env XDG_RUNTIME_DIR="$runtime" "$@" dbus-run-session -- \
    xvfb-run -a -s "-screen 0 1920x1200x24 -nolisten tcp -noreset" \
    meson test -C "$dir" --print-errorlogs --num-processes 2 || true
  # The document portal, which GTK's file chooser starts where
  # xdg-desktop-portal is installed, mounts a FUSE folder in the runtime
  # folder and can still hold it for a moment after the bus has gone.
  if mountpoint -q "$runtime/doc" 2>/dev/null; then
    fusermount3 -u -z "$runtime/doc" 2>/dev/null || fusermount -u -z "$runtime/doc" 2>/dev/null || true
  fi
  rm -rf "$runtime" 2>/dev/null || echo "note: could not remove $runtime" >&2
}

# Runs each libFuzzer harness of tests/fuzz for a bounded time, from its
# seed corpus (left as it is: what is found goes to a scratch folder) with
# its dictionary; writes "harness exit-status executions" a line to $1.
fuzz() {
  local results=$1 harness dict work status execs
  local harnesses=(fuzz-json fuzz-format fuzz-eventmodelers fuzz-paste)

  [ -f _build-fuzz/build.ninja ] ||
    CC=clang meson setup _build-fuzz -Dwerror=true -Dfuzzing=true \
      -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
  ninja -C _build-fuzz "${harnesses[@]/#/tests/fuzz/}"

  : > "$results"
  for harness in "${harnesses[@]}"; do
    case $harness in
      fuzz-json) dict=json ;;
      fuzz-eventmodelers) dict=eventmodelers ;;
      *) dict=format ;;
    esac
    work=$(mktemp -d)
    status=0
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "_build-fuzz/tests/fuzz/$harness" "$work" "tests/fuzz/corpus/$harness" \
      -dict="tests/fuzz/$dict.dict" -max_total_time="${FUZZ_SECONDS:-20}" \
      -print_final_stats=1 -artifact_prefix="_build-fuzz/$harness-" \
      > "_build-fuzz/$harness.log" 2>&1 || status=$?
    rm -rf "$work"
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "_build-fuzz/$harness.log")
    echo "$harness $status ${execs:-0}" >> "$results"
    if [ "$status" -eq 0 ]; then
      echo "$harness: ${execs:-0} runs, no finding"
    else
      echo "$harness: FINDING (exit $status), see _build-fuzz/$harness.log"
      tail -n 30 "_build-fuzz/$harness.log"
    fi
  done
}

# Counts the test cases of the TAP logs of the builds given, and each fuzz
# harness of the results file $FUZZ_RESULTS as one test.
summarize() {
  python3 - "$@" <<'PY'
import json, os, re, sys
passed = failed = skipped = 0
fuzz_results = os.environ.get("FUZZ_RESULTS")
if fuzz_results:
    with open(fuzz_results) as f:
        for line in f:
            name, status, execs = line.split()
            if status == "0":
                passed += 1
            else:
                failed += 1
for log in sys.argv[1:]:
    with open(log) as f:
        for line in f:
            test = json.loads(line)
            result = test["result"]
            out = test.get("stdout") or ""
            ok = len(re.findall(r"^ok \d+(?!\d)(?! .*# SKIP)", out, re.M))
            skip = len(re.findall(r"^(?:ok \d+.*# SKIP|1\.\.0 # SKIP)", out, re.M))
            bad = len(re.findall(r"^not ok \d+", out, re.M))
            if result in ("OK", "EXPECTEDFAIL"):
                if ok + skip + bad == 0:
                    ok = 1
            elif result == "SKIP":
                skip = max(skip, 1)
            elif bad == 0:
                # A crash or a timeout: the program itself failed.
                bad = 1
            passed += ok
            skipped += skip
            failed += bad
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
}

case "${1:-}" in
  run)
    shift
    install_missing
    build _build
    file=${1:-data/examples/hotel.stormline}
    export GSETTINGS_SCHEMA_DIR="$top/_build/data"
    exec ./_build/src/ui/stormline "$file"
    ;;

  test)
    install_missing
    install_node_tools
    build _build
    build _build-asan -Db_sanitize=address,undefined -Db_lundef=false
    run_suite _build
    run_suite _build-asan \
      ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
      UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    # About a minute on two cores (HACKING.md, Valgrind).
    meson test -C _build --setup valgrind --suite core --print-errorlogs --num-processes 2 || true
    fuzz _build-fuzz/results.txt
    FUZZ_RESULTS=_build-fuzz/results.txt \
      summarize _build/meson-logs/testlog.json _build-asan/meson-logs/testlog.json \
        _build/meson-logs/testlog-valgrind.json
    ;;

  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
