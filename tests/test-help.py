#!/usr/bin/python3
# test-help.py: the user guide (help/), as yelp shows it.
#
#   test-help.py validate HELP_SOURCE_DIR HELP_BUILD_DIR --languages L,…
#       every page, in C and as built in each language, is valid Mallard
#       (yelp-check validate); skipped (77) without yelp-check
#   test-help.py pages HELP_SOURCE_DIR HELP_BUILD_DIR --pages P,… --media M,… --languages L,…
#       every page of help/C is installed and reachable from the index,
#       every link and figure leads somewhere, and each language's built
#       guide has every page, its page and section titles translated
#
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

MALLARD = "{http://projectmallard.org/1.0/}"

results = []


def check(name, condition, detail=""):
    results.append((name if condition or not detail else f"{name}: {detail}", bool(condition)))


def finish():
    print(f"1..{len(results)}")
    for i, (name, ok) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    sys.exit(0 if results and all(ok for _, ok in results) else 1)


def pages_of(folder):
    return sorted(name for name in os.listdir(folder) if name.endswith(".page"))


def text_of(element):
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def validate(options):
    yelp_check = shutil.which("yelp-check")
    if yelp_check is None:
        print("1..0 # SKIP yelp-check is not installed (yelp-tools)")
        sys.exit(77)
    folders = [("C", os.path.join(options.source, "C"))]
    folders += [(lang, os.path.join(options.build, lang)) for lang in options.languages]
    for lang, folder in folders:
        pages = [os.path.join(folder, name) for name in pages_of(folder)]
        run = subprocess.run([yelp_check, "validate", *pages], capture_output=True, text=True)
        check(f"the {lang} guide is valid Mallard ({len(pages)} pages)", pages and run.returncode == 0 and
              not run.stdout.strip(), (run.stdout + run.stderr).strip().replace("\n", "; "))


def read_pages(folder, names):
    pages = {}
    for name in names:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            pages[name] = ElementTree.parse(path).getroot()
    return pages


def pages(options):
    c_folder = os.path.join(options.source, "C")
    on_disk = pages_of(c_folder)
    check("every page of help/C is installed (in help/meson.build)",
          set(on_disk) <= set(options.pages), ", ".join(sorted(set(on_disk) - set(options.pages))))
    check("every page help/meson.build installs is in help/C",
          set(options.pages) <= set(on_disk), ", ".join(sorted(set(options.pages) - set(on_disk))))

    source = read_pages(c_folder, on_disk)
    ids = {root.get("id"): root for root in source.values()}
    check("every page's id is its file's name",
          all(root.get("id") == name[:-len(".page")] for name, root in source.items()))

    index = ids.get("index")
    sections = {s.get("id") for s in index.iter(f"{MALLARD}section")} if index is not None else set()
    unreached = []
    for name, root in source.items():
        if root.get("id") == "index":
            continue
        guides = [link.get("xref") for link in root.iter(f"{MALLARD}link") if link.get("type") == "guide"]
        if not any(xref.split("#")[0] == "index" and xref.split("#")[1:] in ([], *[[s] for s in sections])
                   for xref in guides):
            unreached.append(name)
    check("the index lists every page, in one of its sections", index is not None and not unreached,
          ", ".join(unreached))

    broken = []
    for name, root in source.items():
        for element in root.iter():
            xref = element.get("xref")
            if xref is None:
                continue
            page, _, section = xref.partition("#")
            target = ids.get(page)
            if target is None or (section and section not in {s.get("id") for s in target.iter(f"{MALLARD}section")}):
                broken.append(f"{name} → {xref}")
    check("every link leads to a page or section of the guide", not broken, ", ".join(broken))

    figures = set()
    for root in source.values():
        for media in root.iter(f"{MALLARD}media"):
            figures.add(media.get("src"))
    check("every figure the pages show is installed (in help/meson.build)",
          figures <= set(options.media), ", ".join(sorted(figures - set(options.media))))
    missing = [m for m in options.media if not os.path.exists(os.path.join(c_folder, m))]
    check("every figure help/meson.build installs is in help/C", not missing, ", ".join(missing))

    titles = {}
    for name, root in source.items():
        titles[name] = [text_of(root.find(f"{MALLARD}title"))]
        titles[name] += [text_of(s.find(f"{MALLARD}title")) for s in root.iter(f"{MALLARD}section")]

    for lang in options.languages:
        built_folder = os.path.join(options.build, lang)
        built = read_pages(built_folder, on_disk)
        check(f"the {lang} guide has every page", set(built) == set(on_disk),
              ", ".join(sorted(set(on_disk) - set(built))))
        untranslated = []
        for name, root in built.items():
            theirs = [text_of(root.find(f"{MALLARD}title"))]
            theirs += [text_of(s.find(f"{MALLARD}title")) for s in root.iter(f"{MALLARD}section")]
            for ours, their in zip(titles[name], theirs):
                if ours == their:
                    untranslated.append(f"{name}: “{ours}”")
        check(f"the {lang} guide's page and section titles are translated", built and not untranslated,
              ", ".join(untranslated))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("validate", "pages"))
    parser.add_argument("source")
    parser.add_argument("build")
    parser.add_argument("--pages", type=lambda s: s.split(","), default=[])
    parser.add_argument("--media", type=lambda s: s.split(","), default=[])
    parser.add_argument("--languages", type=lambda s: s.split(","), default=[])
    options = parser.parse_args()
    if options.mode == "validate":
        validate(options)
    else:
        pages(options)
    finish()


if __name__ == "__main__":
    main()
