#!/usr/bin/env python3
# check-po.py: the translations are complete, well-formed and cover every
# file with translatable strings.
#
#   check-po.py complete     every catalogue in po/LINGUAS translates every
#                            message of a freshly extracted template, with
#                            nothing fuzzy
#   check-po.py format       msgfmt -c --check-format accepts every catalogue
#   check-po.py potfiles     po/POTFILES.in lists every file of src/ and data/
#                            with translatable strings, and only files that exist
#
# The catalogues in the source tree are only read: the template and the merged
# copies go to a temporary folder.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import tempfile

SOURCE_ROOT = os.environ.get('STORMLINE_SOURCE_ROOT',
                             os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PO_DIR = os.path.join(SOURCE_ROOT, 'po')

# The keywords and flags of meson's i18n.gettext(preset: 'glib'), which makes
# the real template (po/meson.build).
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]

# What marks a translatable string in code and in GtkBuilder files.
MARKERS = re.compile(r'_\("|N_\("|C_\(|ngettext|translatable="yes"')
# Files that xgettext translates whole, through its ITS rules.
ITS_FILES = re.compile(r'\.(desktop\.in|metainfo\.xml\.in|gschema\.xml)$')


def languages():
    with open(os.path.join(PO_DIR, 'LINGUAS'), encoding='utf-8') as f:
        return [word for line in f for word in line.split('#')[0].split()]


def potfiles():
    with open(os.path.join(PO_DIR, 'POTFILES.in'), encoding='utf-8') as f:
        return [line.strip() for line in f if line.strip() and not line.startswith('#')]


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def messages(po):
    """The msgids of a catalogue written with --no-wrap, one line each; the
    only empty msgid is the header's."""
    return [line for line in po.splitlines() if line.startswith('msgid ') and line != 'msgid ""']


def check_complete(tap):
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'stormline.pot')
        made = run(['xgettext', *XGETTEXT_ARGS, '--package-name=stormline',
                    '--directory=' + SOURCE_ROOT, '--files-from=' + os.path.join(PO_DIR, 'POTFILES.in'),
                    '--output=' + pot])
        if made.returncode != 0:
            tap.result(False, 'the template is extracted', made.stderr)
            return
        for lang in languages():
            merged = os.path.join(tmp, lang + '.po')
            # --no-fuzzy-matching off: a changed English string must show
            # up as fuzzy, which is what a translator has to look at.
            done = run(['msgmerge', '--quiet', '--output-file=' + merged,
                        os.path.join(PO_DIR, lang + '.po'), pot])
            if done.returncode != 0:
                tap.result(False, f'{lang}.po merges with the template', done.stderr)
                continue
            for what, flag in (('untranslated', '--untranslated'), ('fuzzy', '--only-fuzzy')):
                left = run(['msgattrib', flag, '--no-obsolete', '--no-wrap', merged]).stdout
                found = messages(left)
                tap.result(not found, f'{lang}.po has no {what} message',
                           '\n'.join(found[:40]) + (f'\n… and {len(found) - 40} more' if len(found) > 40 else ''))


def check_format(tap):
    for lang in languages():
        done = run(['msgfmt', '--check', '--check-format', '--output-file=/dev/null',
                    os.path.join(PO_DIR, lang + '.po')])
        tap.result(done.returncode == 0, f'msgfmt -c --check-format accepts {lang}.po', done.stderr)


def check_potfiles(tap):
    listed = potfiles()
    missing = [path for path in listed if not os.path.isfile(os.path.join(SOURCE_ROOT, path))]
    tap.result(not missing, 'every file of POTFILES.in exists', '\n'.join(missing))

    needed = []
    for top in ('src', 'data'):
        for folder, _, names in os.walk(os.path.join(SOURCE_ROOT, top)):
            for name in names:
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, SOURCE_ROOT)
                if ITS_FILES.search(name):
                    needed.append(relative)
                    continue
                try:
                    with open(path, encoding='utf-8') as f:
                        if MARKERS.search(f.read()):
                            needed.append(relative)
                except UnicodeDecodeError:
                    pass
    unlisted = sorted(set(needed) - set(listed))
    tap.result(not unlisted, 'POTFILES.in lists every file with translatable strings', '\n'.join(unlisted))


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = False

    def result(self, ok, name, detail=''):
        self.n += 1
        print(f'{"ok" if ok else "not ok"} {self.n} - {name}')
        if not ok:
            self.failed = True
            for line in detail.strip().splitlines():
                print('# ' + line)
        sys.stdout.flush()


def main():
    checks = {'complete': check_complete, 'format': check_format, 'potfiles': check_potfiles}
    if len(sys.argv) != 2 or sys.argv[1] not in checks:
        sys.exit('usage: check-po.py complete|format|potfiles')
    tap = Tap()
    checks[sys.argv[1]](tap)
    print(f'1..{tap.n}')
    sys.exit(1 if tap.failed else 0)


if __name__ == '__main__':
    main()
