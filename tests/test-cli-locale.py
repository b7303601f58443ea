#!/usr/bin/env python3
# test-cli-locale.py: stormline-cli speaks the user's language.
#
# glibc ignores LANGUAGE under the C locale, so the test runs under a real
# de_DE.UTF-8 locale that the build generates with localedef (LOCPATH), and a
# copy of stormline-cli that reads the catalogues of the build tree.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys

CLI = os.environ['STORMLINE_CLI_UNINSTALLED']
EXAMPLE = os.environ['STORMLINE_EXAMPLE']
LOCPATH = os.environ['STORMLINE_LOCPATH']

tests = 0
failed = False


def result(ok, name, detail=''):
    global tests, failed
    tests += 1
    print(f'{"ok" if ok else "not ok"} {tests} - {name}')
    if not ok:
        failed = True
        for line in detail.splitlines():
            print('# ' + line)
    sys.stdout.flush()


def run(language, *args):
    env = {key: value for key, value in os.environ.items() if not key.startswith('LC_')}
    env.update({'LOCPATH': LOCPATH, 'LANG': language, 'LANGUAGE': language.split('_')[0]})
    return subprocess.run([CLI, *args], env=env, capture_output=True, text=True, timeout=60)


# The same commands in English first: what the German must replace.
english = run('C.UTF-8', 'check', EXAMPLE)
result('0 errors, 0 warnings, 0 hints' in english.stdout, 'the check speaks English under C.UTF-8', english.stdout)

german = run('de_DE.UTF-8', 'check', EXAMPLE)
result(german.returncode == 0 and '0 Fehler, 0 Warnungen, 0 Hinweise' in german.stdout,
       'the check speaks German under de_DE.UTF-8', german.stdout + german.stderr)

unknown = run('de_DE.UTF-8', 'frobnicate')
result(unknown.returncode == 2 and 'Unbekannter Befehl »frobnicate«' in unknown.stderr,
       'an unknown command is refused in German', unknown.stderr)

usage = run('de_DE.UTF-8', '--help')
result('Aufruf:' in usage.stdout and 'Befehle:' in usage.stdout, 'the usage is German', usage.stdout)
# The German placeholders are longer than the English: the summaries still
# stand apart from them, in one column.
rows = [line for line in usage.stdout.splitlines() if line.startswith('  ') and 'stormline-cli' not in line]
# Where each summary starts: after the command, its arguments (words apart
# by single spaces, none for some) and the padding.
starts = {re.match(r'  \S+ +(?:(?:\S+ )*\S+  +)?', line).end() for line in rows}
result(len(rows) >= 6 and 'DATEI.json -o MODELL' in usage.stdout and 'Einen eventmodelers-Export' in usage.stdout
       and len(starts) == 1,
       'the summaries of the usage stand in one column', usage.stdout)

# GOptionContext's own strings come from GLib's catalogue, the options from ours.
options = run('de_DE.UTF-8', 'check', '--help')
result('Nur die Probleme von Schritt N (1 bis 8)' in options.stdout, 'the options of a command are German',
       options.stdout)

unreadable = run('de_DE.UTF-8', 'check', os.path.join(os.path.dirname(EXAMPLE), 'no-such-model.stormline'))
result(unreadable.returncode == 2 and 'Die Datei existiert nicht' in unreadable.stderr,
       'a file that is not there is reported in German', unreadable.stderr)

print(f'1..{tests}')
sys.exit(1 if failed else 0)
