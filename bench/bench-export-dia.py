#!/usr/bin/env python3
# bench-export-dia.py: Stormline's PDF export against Dia's, same board, same run
#
# Usage: bench-export-dia.py [--build DIR] [--notes N] [--runs R]
#
# Generates a board of N notes (10,000 by default) with stormline-generate,
# writes it as a Dia diagram with stormline-to-dia (a box a note with the
# text its card shows, a line a connection, at Stormline's places), and
# times, R times each (3 by default) in turn, with /usr/bin/time:
#
#   one page  dia --export=dia.pdf board.dia   (the diagram fit to one page)
#             stormline-cli export --fit board.stormline -o board.pdf
#   tiled     dia --export=dia.pdf board-tiled.dia   (at scaling 1/3)
#             stormline-cli export --tiled --scale 0.25 board.stormline -o board.pdf
#
# Stormline's --scale is in points a board unit, a board unit is 2.54/96
# cm in the diagram: --scale 0.25 is Dia's scaling 1/3, the same size on
# paper. (--tiled alone prints a 10,000-note board at 0.5, over more pages
# than the export's limit; without --fit, a page of it would be illegible
# and the export tiles it, over the same limit.) Prints the median time,
# CPU time (user and system) and peak memory (the maximum resident set
# size) of each, and how many times Stormline is faster and smaller. Run it
# with nothing else running on the machine, as every benchmark:
#
#   ./bench/bench-export-dia.py
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import statistics
import subprocess
import sys
import tempfile


def measure(command, cwd):
    """Runs command under /usr/bin/time: (seconds, peak KiB, CPU seconds)."""
    result = subprocess.run(['/usr/bin/time', '-f', '%e %M %U %S'] + command, cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit('%s failed:\n%s' % (' '.join(command), result.stderr))
    seconds, kib, user, system = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib), float(user) + float(system)


def pages(path):
    result = subprocess.run(['pdfinfo', path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in result.stdout.splitlines():
        if line.startswith('Pages:'):
            return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser(description='Stormline against Dia, exporting a board to PDF')
    # Run from the build's bench/ (meson copies it there) or the source's.
    here = os.path.dirname(os.path.abspath(__file__))
    in_build = os.path.exists(os.path.join(here, 'stormline-generate'))
    parser.add_argument('--build', default=os.path.join(here, '..') if in_build else os.path.join(here, '..', '_build'))
    parser.add_argument('--notes', type=int, default=10000)
    parser.add_argument('--runs', type=int, default=3)
    args = parser.parse_args()

    build = os.path.abspath(args.build)
    cli = os.path.join(build, 'src', 'cli', 'stormline-cli')
    generate = os.path.join(build, 'bench', 'stormline-generate')
    to_dia = os.path.join(build, 'bench', 'stormline-to-dia')

    with tempfile.TemporaryDirectory(prefix='bench-export-dia-') as tmp:
        subprocess.run([generate, str(args.notes), 'board.stormline'], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([to_dia, 'board.stormline', 'board.dia'], cwd=tmp, check=True)
        subprocess.run([to_dia, 'board.stormline', 'board-tiled.dia', '%.6f' % (0.25 / 0.75)], cwd=tmp, check=True)

        cases = [
            ('one page', 'Dia 0.97', ['dia', '-n', '--export=dia.pdf', 'board.dia'], 'dia.pdf'),
            ('one page', 'Stormline', [cli, 'export', '--fit', 'board.stormline', '-o', 'board.pdf'], 'board.pdf'),
            ('tiled', 'Dia 0.97', ['dia', '-n', '--export=dia-tiled.pdf', 'board-tiled.dia'], 'dia-tiled.pdf'),
            ('tiled', 'Stormline', [cli, 'export', '--tiled', '--scale', '0.25', 'board.stormline',
                                    '-o', 'board-tiled.pdf'], 'board-tiled.pdf'),
        ]
        results = {}
        for run in range(args.runs):
            for case in cases:
                results.setdefault(case[:2], []).append(measure(case[2], tmp))
        n_pages = {case[:2]: pages(os.path.join(tmp, case[3])) for case in cases}

    print('%d notes, median of %d runs' % (args.notes, args.runs))
    print('| Export | Program | Pages | Time | CPU time | Peak memory |')
    print('|---|---|---:|---:|---:|---:|')
    medians = {}
    for key, runs in results.items():
        seconds = statistics.median(r[0] for r in runs)
        mib = statistics.median(r[1] for r in runs) / 1024
        cpu = statistics.median(r[2] for r in runs)
        medians[key] = (seconds, mib, cpu)
        print('| %s | %s | %d | %.2f s | %.2f s | %.0f MiB |' % (key[0], key[1], n_pages[key], seconds, cpu, mib))
    # CPU time (user and system) moves less than the time on a machine
    # others share: both are said.
    for what in ('one page', 'tiled'):
        dia, stormline = medians[(what, 'Dia 0.97')], medians[(what, 'Stormline')]
        print('%s: Stormline %.1f times faster (%.1f in CPU time), %.1f times less memory' %
              (what, dia[0] / stormline[0], dia[2] / stormline[2], dia[1] / stormline[1]))


if __name__ == '__main__':
    main()
