#!/bin/sh
# test-data-flatpak-builder.sh: flatpak-builder reads each manifest given
# (--show-manifest parses it without a runtime or the network). Skipped
# (exit status 77) where flatpak-builder is not installed; build-aux/dev.sh,
# and so CI, installs it.
#
# SPDX-License-Identifier: GPL-3.0-or-later

command -v flatpak-builder >/dev/null 2>&1 || { echo "flatpak-builder is not installed"; exit 77; }

status=0
for manifest in "$@"; do
  if out=$(flatpak-builder --show-manifest "$manifest" 2>&1) && printf '%s\n' "$out" | grep -q '"id" : "io.github.stormline.Stormline"'; then
    echo "read: $manifest"
  else
    printf 'flatpak-builder cannot read %s:\n%s\n' "$manifest" "$out"
    status=1
  fi
done
exit $status
