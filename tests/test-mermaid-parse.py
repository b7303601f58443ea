#!/usr/bin/python3
# test-mermaid-parse.py: the Mermaid diagrams stormline-cli writes (the
# hotel as board.mmd, the blocks of its SPEC.md, and a board of hostile
# names) parse with Mermaid's own parser and pass its validator; a broken
# diagram does not, and the failure names its line. Prints TAP; skips
# when the npm tools (build-aux/dev.sh test) are not installed.
#
#   test-mermaid-parse.py STORMLINE_CLI NODE_MODULES CHECKER HOTEL
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI, MODULES, CHECKER, HOTEL = sys.argv[1:5]

if shutil.which("node") is None:
    print("1..0 # SKIP node is not installed")
    sys.exit(0)
if not os.path.isdir(os.path.join(MODULES, "@mermaid-js", "parser")):
    print("1..0 # SKIP @mermaid-js/parser is not installed: run npm ci in build-aux/node")
    sys.exit(0)

results = []


def check(name, condition, detail=""):
    results.append((name + (f" ({detail})" if detail and not condition else ""), bool(condition)))


def export(model, output):
    return subprocess.run([CLI, "export", model, "-o", output], capture_output=True, text=True, timeout=120)


def parse(*files):
    return subprocess.run(["node", CHECKER, MODULES, *files], capture_output=True, text=True, timeout=120)


HOSTILE = ["Say \"hi\"\nnow", "tick`s ```", "%%{init: {\"theme\": \"dark\"}}%%", "title", "}", "{\n}\n",
           "Zimmer büchen für Gäste", "東京", "ui", "1st floor", "--> ->> [[x]]", "<script>alert(1)</script>",
           "a\\\"b", "\r\n%%", "accTitle: x", "data X {", "tf 01 ui A", "//", "/* x", "---"]

with tempfile.TemporaryDirectory(prefix="stormline-mermaid-") as tmp:
    board = os.path.join(tmp, "board.mmd")
    spec = os.path.join(tmp, "SPEC.md")
    result = export(HOTEL, board)
    check("the hotel exports as board.mmd", result.returncode == 0, result.stderr)
    result = export(HOTEL, spec)
    check("the hotel exports as SPEC.md", result.returncode == 0, result.stderr)
    result = parse(board)
    check("board.mmd parses and validates", result.returncode == 0, result.stdout[:2000])
    result = parse(spec)
    check("every Mermaid block of SPEC.md parses and validates", result.returncode == 0, result.stdout[:2000])
    with open(spec, encoding="utf-8") as f:
        blocks = f.read().count("```mermaid\n")
    check("SPEC.md has a block per slice", blocks == 12, str(blocks))

    # The checker can fail, and says where.
    broken = os.path.join(tmp, "broken.mmd")
    with open(board, encoding="utf-8") as f:
        lines = f.read().split("\n")
    target = next(i for i, line in enumerate(lines) if line.startswith("tf 02 "))
    lines[target] = 'tf 02 cmd "Add Room"'
    with open(broken, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    result = parse(broken)
    check("a broken diagram fails", result.returncode == 1, result.stdout)
    check("the failure names the line", f"broken.mmd:{target + 1}:" in result.stdout, result.stdout)
    wrong = os.path.join(tmp, "wrong.mmd")
    with open(wrong, "w", encoding="utf-8") as f:
        f.write("eventmodeling\ntf 01 ui A\ntf 02 evt B ->> 01\n")
    result = parse(wrong)
    check("a relation the grammar forbids fails", result.returncode == 1 and "wrong.mmd:3:" in result.stdout,
          result.stdout)

    # Hostile names everywhere text goes.
    with open(HOTEL, encoding="utf-8") as f:
        model = json.load(f)
    for i, note in enumerate(model["notes"]):
        name = HOSTILE[i % len(HOSTILE)]
        note["text"] = name
        for j, field in enumerate(note.get("fields", [])):
            field["name"] = (HOSTILE[(i + j) % len(HOSTILE)].strip() or "x") + str(j)
            field["example"] = HOSTILE[(i + j + 1) % len(HOSTILE)]
    for i, lane in enumerate(model["lanes"]):
        lane["name"] = HOSTILE[(i * 3) % len(HOSTILE)]
    for i, s in enumerate(model["slices"]):
        s["name"] = HOSTILE[(i * 5) % len(HOSTILE)]
    model["title"] = HOSTILE[0] + HOSTILE[2]
    hostile = os.path.join(tmp, "hostile.stormline")
    with open(hostile, "w", encoding="utf-8") as f:
        json.dump(model, f)
    hostile_board = os.path.join(tmp, "hostile.mmd")
    hostile_spec = os.path.join(tmp, "hostile.md")
    result = export(hostile, hostile_board)
    check("hostile names: exports as .mmd", result.returncode == 0, result.stderr)
    result = export(hostile, hostile_spec)
    check("hostile names: exports as .md", result.returncode == 0, result.stderr)
    result = parse(hostile_board)
    check("hostile names: the diagram parses and validates", result.returncode == 0, result.stdout[:2000])
    result = parse(hostile_spec)
    check("hostile names: the spec's diagrams parse and validate", result.returncode == 0, result.stdout[:2000])
    with open(hostile_board, encoding="utf-8") as f:
        text = f.read()
    check("hostile names: no directive reaches Mermaid", "%%{" not in text)

print(f"1..{len(results)}")
for i, (name, ok) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} {name}")
