#!/usr/bin/env python3
# test-git.py: models in a git repository, end to end.
#
# In a temporary repository: `stormline-cli git-setup` (twice: it changes
# nothing the second time; outside a repository it says so), then commits
# of the hotel example edited: `git diff` (the diff command) and
# `git log -p` (textconv) speak of notes and fields, not of JSON lines,
# and a commit of a file that is not a model does not stop them.
# Then two branches merged through the merge driver: cleanly when they
# touched different things, and with a conflict (git reports it, the
# driver exits 1) when both renamed one note; the result is a canonical
# model either way (`stormline-cli fmt --check`). Skipped without git.
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
MODEL = 'hotel.stormline'

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


if shutil.which('git') is None:
    print('1..0 # SKIP git is not installed')
    sys.exit(0)

top = tempfile.mkdtemp(prefix='stormline-git-')
repo = os.path.join(top, 'repo')
os.mkdir(repo)
env = {key: value for key, value in os.environ.items() if not key.startswith('GIT_')}
env.update({
    'LC_ALL': 'C.UTF-8',
    'HOME': top,
    'GIT_CONFIG_NOSYSTEM': '1',
    'GIT_CEILING_DIRECTORIES': top,
    'GIT_AUTHOR_NAME': 'Stormline Test', 'GIT_AUTHOR_EMAIL': 'test@example.org',
    'GIT_COMMITTER_NAME': 'Stormline Test', 'GIT_COMMITTER_EMAIL': 'test@example.org',
})
env.pop('LANGUAGE', None)


def run(*args, cwd=repo):
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def git(*args):
    return run('git', '-c', 'commit.gpgsign=false', '-c', 'core.pager=cat', *args)


def edit(change):
    path = os.path.join(repo, MODEL)
    with open(path, encoding='utf-8') as f:
        model = json.load(f)
    change(model)
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(model, f, ensure_ascii=False, indent=2)
        f.write('\n')


def note(model, note_id):
    return next(n for n in model['notes'] if n['id'] == note_id)


def lane(model, lane_id):
    return next(n for n in model['lanes'] if n['id'] == lane_id)


def commit(message):
    git('add', '-A')
    return git('commit', '-q', '-m', message)


try:
    git('init', '-q', '-b', 'main')

    # Outside a repository
    outside = run(CLI, 'git-setup', cwd=top)
    result(outside.returncode == 2 and 'not in a git repository' in outside.stderr
           and outside.stderr.count('\n') == 1,
           'git-setup outside a repository says so and exits 2', outside.stderr)

    setup = run(CLI, 'git-setup')
    with open(os.path.join(repo, '.gitattributes'), encoding='utf-8') as f:
        attributes = f.read()
    config = git('config', '--local', '--list').stdout
    result(setup.returncode == 0 and attributes == '*.stormline diff=stormline merge=stormline\n',
           'git-setup writes the attributes', setup.stdout + setup.stderr + attributes)
    result('diff.stormline.textconv=' in config and 'diff.stormline.command=' in config
           and 'merge.stormline.driver=' in config and ' merge %O %A %B -o %A --name %P' in config,
           'git-setup configures the diff and merge drivers', config)

    again = run(CLI, 'git-setup')
    with open(os.path.join(repo, '.gitattributes'), encoding='utf-8') as f:
        attributes_again = f.read()
    result(again.returncode == 0 and attributes_again == attributes
           and git('config', '--local', '--list').stdout == config,
           'git-setup a second time changes nothing', again.stdout + again.stderr + attributes_again)

    shutil.copy(EXAMPLE, os.path.join(repo, MODEL))
    commit('The hotel')

    edit(lambda m: note(m, 'evt-room-booked').update(text='Room Reserved'))
    diff = git('diff')
    result(diff.returncode == 0
           and '~ Event “Room Booked” renamed to “Room Reserved”' in diff.stdout
           and '"text"' not in diff.stdout,
           'git diff shows the change in model terms', diff.stdout + diff.stderr)
    commit('Reserved, not booked')

    def add_field(model):
        note(model, 'cmd-book-room')['fields'].append({'name': 'nights', 'type': 'Int'})

    edit(add_field)
    commit('Nights')

    log = git('log', '-p')
    result(log.returncode == 0
           and '-Event “Room Booked” in lane “Booking”, slice “Book Room”, pivotal' in log.stdout
           and '+Event “Room Reserved” in lane “Booking”, slice “Book Room”, pivotal' in log.stdout
           and '+  Field “nights”: Int' in log.stdout
           and '+Title: Hotel' in log.stdout,
           'git log -p shows every commit in model terms', log.stdout + log.stderr)

    # A commit of something that is not a model does not stop git.
    with open(os.path.join(repo, 'broken.stormline'), 'w', encoding='utf-8') as f:
        f.write('{\n  "stormline": 1,\n  <<<<<<< ours\n')
    commit('Broken')
    broken = git('log', '-p', '-1')
    result(broken.returncode == 0 and '+  <<<<<<< ours' in broken.stdout
           and 'broken.stormline' in broken.stderr,
           'git log -p shows a file that is not a model line by line', broken.stdout + broken.stderr)
    git('rm', '-q', 'broken.stormline')
    commit('Not broken')

    # Two branches that touch different things merge cleanly.
    git('checkout', '-q', '-b', 'fields')

    def add_event_field(model):
        note(model, 'evt-room-booked')['fields'].append({'name': 'bookedAt', 'type': 'DateTime'})

    edit(add_event_field)
    commit('Booked at')
    git('checkout', '-q', 'main')
    edit(lambda m: lane(m, 'lane-manager').update(name='Owner'))
    commit('The owner')

    merge = git('merge', '--no-edit', 'fields')
    check = run(CLI, 'fmt', '--check', MODEL)
    show = run(CLI, 'diff', '--textconv', MODEL)
    result(merge.returncode == 0 and check.returncode == 0
           and 'Lane “Owner” (Actor)' in show.stdout and 'Field “bookedAt”: DateTime' in show.stdout,
           'a merge of independent changes goes through the driver cleanly',
           merge.stdout + merge.stderr + check.stdout + show.stdout)

    # Both rename the same note: a conflict git reports, a valid model.
    git('checkout', '-q', '-b', 'theirs')
    edit(lambda m: note(m, 'evt-room-added').update(text='Room Created'))
    commit('Created')
    git('checkout', '-q', 'main')
    edit(lambda m: note(m, 'evt-room-added').update(text='Room Opened'))
    commit('Opened')

    merge = git('merge', '--no-edit', 'theirs')
    check = run(CLI, 'fmt', '--check', MODEL)
    listing = run(CLI, 'diff', '--textconv', MODEL)
    status = git('status', '--porcelain')
    result(merge.returncode == 1 and 'CONFLICT' in merge.stdout + merge.stderr
           and 'UU ' + MODEL in status.stdout,
           'a conflicting merge stops, git reporting the conflict', merge.stdout + merge.stderr + status.stdout)
    result(check.returncode == 0 and listing.returncode == 0 and 'Hotspot “' in listing.stdout
           and '<<<<<<<' not in open(os.path.join(repo, MODEL), encoding='utf-8').read(),
           'the conflicted model is valid and canonical, the conflict a hotspot',
           check.stdout + check.stderr + listing.stdout + listing.stderr)
finally:
    shutil.rmtree(top, ignore_errors=True)

print(f'1..{tests}')
sys.exit(1 if failed else 0)
