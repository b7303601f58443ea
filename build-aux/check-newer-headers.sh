#!/bin/sh
# check-newer-headers.sh: compiles every C file of src/ against the headers
# of Debian unstable's GLib, GTK, libadwaita and the rest, with the
# project's flags and -Werror, to catch what a newer runtime (GNOME's
# Flatpak runtime) would warn about or refuse: deprecations (which
# GDK/ADW/GLIB_VERSION_MIN_REQUIRED silence), removed or changed API, and
# calls to newer API without their version check.
#
# A developer's check, not run by CI: it downloads about 20 MB of Debian
# packages. It changes nothing on the system: apt works on a private state
# in the cache folder, and the packages are only unpacked there.
#
# Usage: build-aux/check-newer-headers.sh [BUILDDIR]
#   BUILDDIR (default _build) is a configured and built tree of this
#   checkout: its compile_commands.json gives the flags, and it holds the
#   generated headers (config.h, resources, enums).
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=$(cd "${1:-$srcdir/_build}" && pwd)
work=${XDG_CACHE_HOME:-$HOME/.cache}/stormline-newer-headers
root=$work/root
arch=$(dpkg --print-architecture)

# The -dev packages of what the code includes, and those their headers
# include in turn.
packages="libgtk-4-dev libadwaita-1-dev libglib2.0-dev libgio-2.0-dev
  libjson-glib-dev
  libcairo2-dev libpango1.0-dev libgdk-pixbuf-2.0-dev libgraphene-1.0-dev
  libharfbuzz-dev libfreetype-dev libfontconfig-dev libvulkan-dev
  libepoxy-dev libfribidi-dev libpng-dev libpixman-1-dev libx11-dev
  x11proto-dev libxrender-dev libxext-dev libwayland-dev libxkbcommon-dev"

if [ ! -f "$builddir/compile_commands.json" ]; then
  echo "check-newer-headers: $builddir is not a configured build (meson setup it first)" >&2
  exit 1
fi

mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main" \
  > "$work/sources.list"

apt_private() {
  command=$1
  shift
  "$command" -q \
    -o Dir::Etc::SourceList="$work/sources.list" \
    -o Dir::Etc::SourceParts=/nonexistent \
    -o Dir::State::Lists="$work/lists" \
    -o Dir::Cache::Archives="$work/archives" \
    -o Dir::Cache::pkgcache="" -o Dir::Cache::srcpkgcache="" \
    -o Debug::NoLocking=true -o APT::Sandbox::User="$(id -un)" \
    -o APT::Architecture="$arch" -o APT::Architectures="$arch" \
    "$@"
}

echo "check-newer-headers: the package lists of Debian unstable"
apt_private apt-get update >/dev/null

echo "check-newer-headers: downloading the headers"
rm -rf "$work/debs" "$root"
mkdir -p "$work/debs" "$root"
# shellcheck disable=SC2086 # a list of names
(cd "$work/debs" && apt_private apt-get download $packages >/dev/null)
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$root"
done

for package in libgtk-4-dev libadwaita-1-dev libglib2.0-dev; do
  printf '  %s %s\n' "$package" "$(apt_private apt-cache show "$package" 2>/dev/null | sed -n 's/^Version: //p' | head -n 1)"
done

# The unpacked headers come first, as system headers (their own warnings
# are theirs); the host's /usr/include stays for the C library.
sid_includes=$(find "$root/usr/include" "$root/usr/lib" -mindepth 1 -maxdepth 3 -type d \
                 \( -path "$root/usr/include/*" -o -name include \) -prune -print |
               sed 's/^/-isystem /')
sid_includes="-isystem $root/usr/include $sid_includes"

echo "check-newer-headers: compiling src/"
python3 - "$builddir" "$srcdir" "$sid_includes" <<'PY'
import json
import os
import shlex
import subprocess
import sys

builddir, srcdir, sid_includes = sys.argv[1], sys.argv[2], shlex.split(sys.argv[3])
with open(os.path.join(builddir, "compile_commands.json")) as f:
    commands = json.load(f)

failed = 0
checked = 0
for entry in commands:
    path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    if not path.startswith(os.path.join(srcdir, "src") + os.sep):
        continue
    args = shlex.split(entry["command"])
    kept = [args[0]]
    i = 1
    while i < len(args):
        arg = args[i]
        if arg in ("-o", "-MQ", "-MF"):
            i += 2
            continue
        if arg in ("-c", "-MD", "-pipe") or arg.startswith("-fsanitize"):
            i += 1
            continue
        # The host's GLib, GTK and the rest: replaced by the unpacked ones.
        if arg.startswith(("-I/usr/", "-isystem/usr/")):
            i += 1
            continue
        if arg in ("-I", "-isystem") and args[i + 1].startswith("/usr/"):
            i += 2
            continue
        kept.append(arg)
        i += 1
    command = kept + sid_includes + ["-fsyntax-only", "-Werror", "-c", path]
    result = subprocess.run(command, cwd=entry["directory"], capture_output=True, text=True)
    checked += 1
    if result.returncode != 0:
        failed += 1
        sys.stderr.write(result.stderr)

print(f"check-newer-headers: {checked} files, {failed} with warnings or errors")
sys.exit(1 if failed or not checked else 0)
PY
