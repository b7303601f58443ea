#!/usr/bin/python3
# test-data-flatpak.py: the Flatpak manifests against the rules of Flathub's
# flatpak-builder-lint that apply to Stormline, with the standard library
# only, since the linter itself is not packaged for Debian: a supported
# GNOME runtime, the application's id and command, a release built from a
# git tag of this version, and no permission beyond a window and the GPU.
#
# Usage: test-data-flatpak.py RELEASE.json DEVEL.json APP_ID VERSION
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap_results import check  # noqa: E402
from tap_results import report  # noqa: E402

# GNOME 50 is the oldest runtime that Flathub still supports.
MIN_RUNTIME = 50
ALLOWED_FINISH_ARGS = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"}

def modules(manifest):
    for module in manifest.get("modules", []):
        if isinstance(module, dict):
            yield module
            yield from modules(module)


def app_module(manifest):
    found = [m for m in modules(manifest) if m.get("name") == "stormline"]
    return found[0] if found else {}


def check_common(label, path, manifest, app_id):
    check(f"{label}: the file is named after the id",
          os.path.basename(path).startswith(app_id + "."), path)
    check(f"{label}: id is the application id", manifest.get("id") == app_id, manifest.get("id"))
    check(f"{label}: GNOME runtime and SDK",
          manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    check(f"{label}: runtime-version {version} is {MIN_RUNTIME} or newer",
          version.isdigit() and int(version) >= MIN_RUNTIME)
    check(f"{label}: the command is the installed binary, by name", manifest.get("command") == "stormline")
    check(f"{label}: no branch of its own (Flathub sets it)",
          manifest.get("branch") in (None, "stable", "beta")
          and manifest.get("default-branch") in (None, "stable", "beta"))
    check(f"{label}: the debug information is kept", "/lib/debug" not in manifest.get("cleanup", []))

    finish_args = manifest.get("finish-args", [])
    check(f"{label}: finish-args are a window and the GPU only",
          set(finish_args) <= ALLOWED_FINISH_ARGS and len(finish_args) == len(set(finish_args)),
          " ".join(sorted(set(finish_args) - ALLOWED_FINISH_ARGS)))
    check(f"{label}: no file system, home or network access (files come through the portal)",
          not any(a.startswith(("--filesystem", "--share=network", "--persist")) for a in finish_args))
    check(f"{label}: wayland, with X11 only as a fallback and its IPC shared",
          "--socket=wayland" in finish_args and "--socket=fallback-x11" in finish_args
          and "--share=ipc" in finish_args and "--socket=x11" not in finish_args)

    module = app_module(manifest)
    check(f"{label}: Stormline is built with meson", module.get("buildsystem") == "meson")
    # Without a display only the core and data suites can pass: the whole
    # suite (ninja test) would fail in the builder's sandbox.
    check(f"{label}: the tests run are the ones that need no display",
          not module.get("run-tests") or
          (module.get("test-rule") == "" and
           all("--suite" in c and "ui" not in c.split() and "e2e" not in c.split()
               for c in module.get("test-commands", []))))
    return module


def main():
    release_path, devel_path, app_id, version = sys.argv[1:5]
    with open(release_path) as f:
        release = json.load(f)
    with open(devel_path) as f:
        devel = json.load(f)

    module = check_common("release", release_path, release, app_id)
    sources = module.get("sources", [])
    git = [s for s in sources if isinstance(s, dict) and s.get("type") == "git"]
    check("release: the source is one git repository", len(git) == 1 and len(sources) == 1)
    source = git[0] if git else {}
    check("release: the git url is the project's, over https",
          source.get("url") == "https://github.com/stormline/stormline.git", source.get("url"))
    check("release: pinned to a tag, not a branch",
          "tag" in source and "branch" not in source)
    check(f"release: the tag is v{version}, this version", source.get("tag") == f"v{version}",
          source.get("tag"))
    check("release: a commit, where given, is a full hash",
          "commit" not in source or re.fullmatch(r"[0-9a-f]{40}", source["commit"]) is not None,
          source.get("commit"))
    check("release: no dir source (Flathub refuses it)",
          not any(s.get("type") == "dir" for s in sources if isinstance(s, dict)))

    devel_module = check_common("devel", devel_path, devel, app_id)
    devel_sources = devel_module.get("sources", [])
    check("devel: builds the working tree, without its build folders",
          len(devel_sources) == 1 and devel_sources[0].get("type") == "dir" and devel_sources[0].get("path") == ".."
          and {"_build", "build-dir", ".flatpak-builder"} <= set(devel_sources[0].get("skip", [])))
    check("devel: the same manifest as the release but for its source",
          {k: v for k, v in devel.items() if k != "modules"} == {k: v for k, v in release.items() if k != "modules"}
          and {k: v for k, v in devel_module.items() if k != "sources"}
          == {k: v for k, v in module.items() if k != "sources"})
    sys.exit(report())


main()
