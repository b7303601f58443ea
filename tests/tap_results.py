# tap_results.py: the checks of a test script, reported in TAP once all
# are made (the data tests check files, then say what they found).
#
# SPDX-License-Identifier: GPL-3.0-or-later

results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def report():
    """Prints the plan and every check; returns the exit status."""
    print(f"1..{len(results)}")
    failed = 0
    for number, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {number} {name}")
        if not ok:
            failed += 1
            if detail:
                print(f"# {detail}")
    return 1 if failed else 0
