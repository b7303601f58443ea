#!/usr/bin/env python3
# test-codegen-cli.py: `stormline-cli generate` on the command line.
#
# What it says and its exit status: the count of files written and of
# hand-written bodies kept; an unknown --lang (the three are listed), a
# missing -o, a folder that cannot be written (exit 2, as every command
# with a wrong command line or an unwritable file); a model whose check
# has errors refused with the rule named and nothing written (exit 1),
# written with --force; package.json, tsconfig.json and the .csproj
# written only when they are not there; a file no longer generated that
# holds a hand-written body kept and named. Then the TypeScript of the hotel and of the cart
# compiled with `tsc --strict --noEmit` (tsc from build-aux/node, which
# build-aux/dev.sh installs; skipped without it).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI = os.environ['STORMLINE_CLI']
EXAMPLE = os.environ['STORMLINE_EXAMPLE']
SRCDIR = os.environ['G_TEST_SRCDIR']
TSC = os.path.join(os.environ['STORMLINE_NODE_MODULES'], '.bin', 'tsc')

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


def skip(name, reason):
    global tests
    tests += 1
    print(f'ok {tests} - {name} # SKIP {reason}')


def run(*args):
    env = dict(os.environ, LC_ALL='C.UTF-8')
    env.pop('LANGUAGE', None)
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=env)


top = tempfile.mkdtemp(prefix='stormline-codegen-cli-')
try:
    hotel = os.path.join(top, 'hotel.stormline')
    shutil.copyfile(EXAMPLE, hotel)
    out = os.path.join(top, 'hotel-ts')

    done = run('generate', hotel, '--lang', 'typescript', '-o', out)
    # The manifest of the generated files is not one of them.
    n_files = sum(len([n for n in names if n != '.stormline-generated'])
                  for _root, _dirs, names in os.walk(out)) if os.path.isdir(out) else 0
    result(done.returncode == 0 and done.stdout == f'Wrote {n_files} of {n_files} files to {out}\n',
           'generate says how many files it wrote', done.stdout + done.stderr)

    decider = os.path.join(out, 'src', 'booking', 'decider.ts')
    with open(decider) as f:
        text = f.read()
    with open(decider, 'w') as f:
        f.write(text.replace('// stormline:begin decide BookRoom\n      throw new Error("not implemented");',
                             '// stormline:begin decide BookRoom\n      throw new Error("by hand");', 1))
    done = run('generate', hotel, '--lang', 'typescript', '-o', out)
    result(done.returncode == 0 and
           done.stdout == f'Wrote 0 of {n_files} files to {out} (kept 1 hand-written body)\n',
           'generating again writes nothing and keeps the hand-written body', done.stdout + done.stderr)

    # package.json and tsconfig.json are the developer's once written: a
    # dependency added to one stays; one deleted comes back.
    package = os.path.join(out, 'package.json')
    with open(package) as f:
        manifest = json.load(f)
    manifest.setdefault('dependencies', {})['zod'] = '^3.23.8'
    with open(package, 'w') as f:
        json.dump(manifest, f, indent=2)
    with open(package) as f:
        edited = f.read()
    os.remove(os.path.join(out, 'tsconfig.json'))
    done = run('generate', hotel, '--lang', 'typescript', '-o', out)
    with open(package) as f:
        kept = f.read()
    result(done.returncode == 0 and kept == edited and os.path.exists(os.path.join(out, 'tsconfig.json')) and
           done.stdout == f'Wrote 1 of {n_files} files to {out} (kept 1 hand-written body)\n',
           'generating again keeps an edited package.json, writes a missing tsconfig.json',
           done.stdout + done.stderr)

    # An aggregate renamed (in a copy of the folder): its old decider
    # goes, but one holding a body no new file has a place for stays, and
    # generate says so.
    moved = os.path.join(top, 'hotel-ts-renamed')
    shutil.copytree(out, moved)
    with open(os.path.join(moved, 'src', 'booking', 'decider.ts'), 'a') as f:
        f.write('// stormline:begin helper\nexport const helper = 1;\n// stormline:end helper\n')
    with open(hotel) as f:
        model = json.load(f)
    for aggregate in model['aggregates']:
        if aggregate['name'] == 'Booking':
            aggregate['name'] = 'Reservation'
    renamed = os.path.join(top, 'renamed.stormline')
    with open(renamed, 'w') as f:
        json.dump(model, f)
    done = run('generate', renamed, '--lang', 'typescript', '-o', moved)
    old_decider = os.path.join(moved, 'src', 'booking', 'decider.ts')
    result(done.returncode == 0 and os.path.exists(old_decider) and
           not os.path.exists(os.path.join(moved, 'src', 'booking', 'types.ts')) and
           done.stderr == f'stormline-cli: {old_decider}: warning: no longer generated, kept: '
                          'it holds a hand-written body no generated file has a place for\n',
           'a file no longer generated that holds a hand-written body is kept and named', done.stdout + done.stderr)

    cs_out = os.path.join(top, 'hotel-cs')
    run('generate', hotel, '--lang', 'csharp', '-o', cs_out)
    projects = [name for name in os.listdir(cs_out) if name.endswith('.csproj')]
    with open(os.path.join(cs_out, projects[0]), 'a') as f:
        f.write('<!-- mine -->\n')
    done = run('generate', hotel, '--lang', 'csharp', '-o', cs_out)
    with open(os.path.join(cs_out, projects[0])) as f:
        csproj = f.read()
    result(done.returncode == 0 and csproj.endswith('<!-- mine -->\n'),
           'generating again keeps an edited .csproj', done.stdout + done.stderr)

    done = run('generate', hotel, '--lang', 'cobol', '-o', out)
    result(done.returncode == 2 and '“cobol”' in done.stderr and 'typescript, csharp or kotlin' in done.stderr,
           'an unknown language is named, the three listed', done.stderr)

    done = run('generate', hotel, '--lang', 'typescript')
    result(done.returncode == 2 and '-o DIR' in done.stderr, 'no -o: what is missing', done.stderr)

    done = run('generate', os.path.join(top, 'nowhere.stormline'), '--lang', 'typescript', '-o', out)
    result(done.returncode == 2 and 'nowhere.stormline' in done.stderr, 'a model that does not load', done.stderr)

    # A folder where a file is, and a folder that cannot be written.
    a_file = os.path.join(top, 'a-file')
    with open(a_file, 'w') as f:
        f.write('not a folder\n')
    done = run('generate', hotel, '--lang', 'typescript', '-o', a_file)
    result(done.returncode == 2 and 'a-file' in done.stderr, 'a file where the folder should be', done.stderr)

    if os.geteuid() == 0:
        # Root writes everywhere but where no file can be made.
        done = run('generate', hotel, '--lang', 'typescript', '-o', '/proc/stormline-codegen-test')
        result(done.returncode == 2 and 'stormline-codegen-test' in done.stderr,
               'a folder that cannot be made is named', done.stderr)
    else:
        locked = os.path.join(top, 'locked')
        os.mkdir(locked, 0o555)
        done = run('generate', hotel, '--lang', 'typescript', '-o', os.path.join(locked, 'out'))
        result(done.returncode == 2 and 'locked' in done.stderr and os.listdir(locked) == [],
               'an unwritable folder is named, nothing written', done.stderr)
        os.chmod(locked, 0o755)

    # The check gate: a field renamed in an event leaves the views
    # downstream without an origin for it.
    with open(EXAMPLE) as f:
        model = json.load(f)
    for note in model['notes']:
        if note['text'] == 'Room Added':
            for field in note['fields']:
                if field['name'] == 'roomType':
                    field['name'] = 'category'
    broken = os.path.join(top, 'broken.stormline')
    with open(broken, 'w') as f:
        json.dump(model, f, indent=2)
    gated = os.path.join(top, 'gated')
    done = run('generate', broken, '--lang', 'typescript', '-o', gated)
    result(done.returncode == 1 and 'field-no-origin' in done.stderr and 'roomType' in done.stderr and
           'use --force to generate anyway' in done.stderr and not os.path.exists(gated),
           'a model with check errors is refused, the errors named, nothing written', done.stderr)
    done = run('generate', broken, '--lang', 'typescript', '-o', gated, '--force')
    result(done.returncode == 0 and os.path.isdir(gated) and 'generated past' in done.stderr,
           '--force writes, with a warning', done.stdout + done.stderr)

    # The TypeScript compiles.
    cart = os.path.join(top, 'cart.stormline')
    run('import', os.path.join(SRCDIR, 'data', 'eventmodelers', 'understanding-eventsourcing-cart.json'), '-o', cart)
    cart_out = os.path.join(top, 'cart-ts')
    done = run('generate', cart, '--lang', 'typescript', '-o', cart_out, '--force')
    result(done.returncode == 0, 'the cart generated with --force (its check has errors)', done.stderr)
    if not os.access(TSC, os.X_OK) or shutil.which('node') is None:
        skip('tsc --strict over the hotel and the cart', 'no tsc: run build-aux/dev.sh test (npm ci in build-aux/node)')
    else:
        # The hand-written body above is TypeScript too.
        for name, folder in (('hotel', out), ('cart', cart_out)):
            done = subprocess.run([TSC, '--strict', '--noEmit', '-p', folder], capture_output=True, text=True)
            result(done.returncode == 0, f'tsc --strict --noEmit over the {name}', done.stdout + done.stderr)
finally:
    shutil.rmtree(top)

print(f'1..{tests}')
sys.exit(1 if failed else 0)
