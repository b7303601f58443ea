#!/usr/bin/env python3
# test-codegen-golden.py LANGUAGE: generated code, byte for byte.
#
# `stormline-cli generate --lang LANGUAGE` for the hotel example and for
# the cart of tests/data/eventmodelers (imported with `stormline-cli
# import` first), each into a temporary folder, compared with
# tests/data/codegen/MODEL/LANGUAGE file by file: the same files, the same
# bytes; the first difference is named with its file and line. The cart's
# check has errors (its export leaves a read model out), so it is
# generated with --force, and the test checks that without it the cart is
# refused.
#
# To refresh the goldens after a deliberate change of the generator:
#   STORMLINE_UPDATE_GOLDEN=1 meson test -C _build test-codegen-golden-LANGUAGE
# then review the change with git diff tests/data/codegen.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import filecmp
import os
import shutil
import subprocess
import sys
import tempfile

CLI = os.environ['STORMLINE_CLI']
EXAMPLE = os.environ['STORMLINE_EXAMPLE']
SRCDIR = os.environ['G_TEST_SRCDIR']
LANGUAGE = sys.argv[1] if len(sys.argv) > 1 else 'typescript'
UPDATE = os.environ.get('STORMLINE_UPDATE_GOLDEN') == '1'

tests = 0
failed = False


def result(ok, name, detail=''):
    global tests, failed
    tests += 1
    print(f'{"ok" if ok else "not ok"} {tests} - {name}')
    if not ok:
        failed = True
        for line in str(detail).splitlines():
            print('# ' + line)
    sys.stdout.flush()


def run(*args):
    env = dict(os.environ, LC_ALL='C.UTF-8')
    env.pop('LANGUAGE', None)
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=env)


def files_under(top):
    found = []
    for root, _dirs, names in os.walk(top):
        for name in names:
            found.append(os.path.relpath(os.path.join(root, name), top))
    return sorted(found)


def first_difference(expected_path, actual_path):
    with open(expected_path, 'rb') as f:
        expected = f.read().split(b'\n')
    with open(actual_path, 'rb') as f:
        actual = f.read().split(b'\n')
    for number, (a, b) in enumerate(zip(expected, actual), start=1):
        if a != b:
            return f'line {number}:\n- {a.decode(errors="replace")}\n+ {b.decode(errors="replace")}'
    return f'line {min(len(expected), len(actual)) + 1}: one ends before the other'


def compare(model_name, actual_dir):
    golden = os.path.join(SRCDIR, 'data', 'codegen', model_name, LANGUAGE)
    if UPDATE:
        shutil.rmtree(golden, ignore_errors=True)
        shutil.copytree(actual_dir, golden)
        result(True, f'{model_name}: golden {LANGUAGE} output refreshed')
        return
    if not os.path.isdir(golden):
        result(False, f'{model_name}: {golden} is missing',
               'make it with STORMLINE_UPDATE_GOLDEN=1 (see the head of this file)')
        return
    expected_files = files_under(golden)
    actual_files = files_under(actual_dir)
    if expected_files != actual_files:
        result(False, f'{model_name}: the same files as the golden output',
               'missing: ' + ', '.join(sorted(set(expected_files) - set(actual_files))) +
               '\nnot expected: ' + ', '.join(sorted(set(actual_files) - set(expected_files))))
        return
    for name in expected_files:
        expected_path = os.path.join(golden, name)
        actual_path = os.path.join(actual_dir, name)
        if not filecmp.cmp(expected_path, actual_path, shallow=False):
            result(False, f'{model_name}: {LANGUAGE} output equals the golden one',
                   f'{name} differs from {expected_path} at ' + first_difference(expected_path, actual_path))
            return
    result(True, f'{model_name}: {LANGUAGE} output equals the golden one ({len(expected_files)} files)')


top = tempfile.mkdtemp(prefix='stormline-codegen-')
try:
    # The hotel: its check passes.
    out = os.path.join(top, 'hotel')
    hotel = os.path.join(top, 'hotel.stormline')
    shutil.copyfile(EXAMPLE, hotel)
    done = run('generate', hotel, '--lang', LANGUAGE, '-o', out)
    result(done.returncode == 0, f'hotel: generate --lang {LANGUAGE}', done.stderr)
    if done.returncode == 0:
        compare('hotel', out)

    # The cart, imported from the eventmodelers export.
    cart = os.path.join(top, 'cart.stormline')
    source = os.path.join(SRCDIR, 'data', 'eventmodelers', 'understanding-eventsourcing-cart.json')
    done = run('import', source, '-o', cart)
    result(done.returncode == 0, 'cart: imported', done.stderr)
    out = os.path.join(top, 'cart')
    refused = run('generate', cart, '--lang', LANGUAGE, '-o', out)
    result(refused.returncode == 1 and 'use --force' in refused.stderr and not os.path.exists(out),
           'cart: its check has errors, refused without --force', refused.stderr)
    done = run('generate', cart, '--lang', LANGUAGE, '-o', out, '--force')
    result(done.returncode == 0, f'cart: generate --lang {LANGUAGE} --force', done.stderr)
    if done.returncode == 0:
        compare('cart', out)
finally:
    shutil.rmtree(top)

print(f'1..{tests}')
sys.exit(1 if failed else 0)
