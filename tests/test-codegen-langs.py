#!/usr/bin/env python3
# test-codegen-langs.py: the C# and Kotlin that `stormline-cli generate`
# writes are code of their language, and generating again keeps what a
# developer wrote in the marked bodies.
#
#   test-codegen-langs.py SOURCE_ROOT
#
# Kotlin is compiled: kotlinc (Debian's is 1.3) compiles the golden
# outputs of the hotel and the cart, sources and tests together, and the
# output for tests/data/codegen/every-type.stormline, whose example values
# of every field type must become the literals listed here. With the
# hotel's Room aggregate written by hand, its generated tests run (kotlin)
# and pass, while the test of a decider left unwritten fails.
#
# C# is syntax-checked, not compiled: the output uses records and
# file-scoped namespaces (C# 10), which Debian's mcs (C# 7.2) cannot
# compile, and no .NET SDK comes from Debian or the npm registry. So
# tests/check-csharp-syntax.mjs parses every .cs file with tree-sitter's
# C# grammar (web-tree-sitter, from build-aux/node) and fails at any syntax
# error; it catches a generator's slips in the text (a brace, a comma, a
# bad expression), not in names or types. The first check proves it
# fails on a broken file.
#
# Each check says SKIP with the reason when kotlinc or build-aux/node's
# node_modules is missing (a developer who never ran build-aux/dev.sh).
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile

CLI = os.environ['STORMLINE_CLI']
EXAMPLE = os.environ['STORMLINE_EXAMPLE']
ROOT = sys.argv[1]
GOLDEN = os.path.join(ROOT, 'tests', 'data', 'codegen')
NODE_MODULES = os.environ.get('STORMLINE_NODE_MODULES', os.path.join(ROOT, 'build-aux', 'node', 'node_modules'))
CHECK_CSHARP = os.path.join(ROOT, 'tests', 'check-csharp-syntax.mjs')

tests = 0
failed = False


def result(ok, name, detail=''):
    global tests, failed
    tests += 1
    print(f'{"ok" if ok else "not ok"} {tests} - {name}')
    if not ok:
        failed = True
        for line in str(detail).splitlines()[:40]:
            print('# ' + line)
    sys.stdout.flush()


def skip(name, reason):
    global tests
    tests += 1
    print(f'ok {tests} - {name} # SKIP {reason}')
    sys.stdout.flush()


node = shutil.which('node')
csharp_reason = None
if node is None:
    csharp_reason = 'node is not installed'
elif not os.path.isdir(os.path.join(NODE_MODULES, 'web-tree-sitter')) \
        or not os.path.isdir(os.path.join(NODE_MODULES, 'tree-sitter-c-sharp')):
    csharp_reason = 'build-aux/node/node_modules lacks web-tree-sitter (run build-aux/dev.sh test)'
kotlinc = shutil.which('kotlinc')


def check_csharp(*paths):
    return subprocess.run([node, CHECK_CSHARP, NODE_MODULES, *paths],
                          capture_output=True, text=True, timeout=120)


def compile_kotlin(folder, out):
    sources = sorted(os.path.join(top, name)
                     for top, _, names in os.walk(folder) for name in names if name.endswith('.kt'))
    run = subprocess.run([kotlinc, *sources, '-d', out], capture_output=True, text=True, timeout=300)
    errors = [line for line in run.stderr.splitlines() if ': error: ' in line]
    return run.returncode == 0 and not errors and sources, run.stderr


def generate(language, folder):
    return subprocess.run([CLI, 'generate', EXAMPLE, '--lang', language, '-o', folder],
                          capture_output=True, text=True, timeout=120)


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


with tempfile.TemporaryDirectory(prefix='stormline-codegen-langs-') as tmp:
    # The check fails on a file that is not C#, naming where.
    name = 'the C# syntax check names the file, line and column of an error'
    if csharp_reason:
        skip(name, csharp_reason)
    else:
        broken = os.path.join(tmp, 'Broken.cs')
        lines = read(os.path.join(GOLDEN, 'hotel', 'csharp', 'src', 'Booking.cs')).splitlines(keepends=True)
        # "public sealed record BookRoom(" loses its parenthesis.
        line = next(i for i, text in enumerate(lines) if 'record BookRoom(' in text)
        lines[line] = lines[line].replace('BookRoom(', 'BookRoom ')
        write(broken, ''.join(lines))
        run = check_csharp(broken)
        named = [text for text in run.stdout.splitlines() if text.startswith(broken + ':')]
        numbers = [int(text.split(':')[1]) for text in named]
        result(run.returncode == 1 and numbers and line + 1 <= min(numbers) <= line + 3
               and all(len(text.split(':')) >= 4 for text in named),
               name, run.stdout + run.stderr)

    for model in ('hotel', 'cart'):
        name = f'the {model}\'s C# parses'
        folder = os.path.join(GOLDEN, model, 'csharp')
        if csharp_reason:
            skip(name, csharp_reason)
        else:
            run = check_csharp(folder)
            result(run.returncode == 0 and ' 0 syntax errors' in run.stdout, name, run.stdout + run.stderr)

        name = f'the {model}\'s Kotlin compiles, tests included'
        if kotlinc is None:
            skip(name, 'kotlinc is not installed (Debian: kotlin)')
        else:
            ok, log = compile_kotlin(os.path.join(GOLDEN, model, 'kotlin'), os.path.join(tmp, model + '-classes'))
            result(ok, name, log)

    # Every field type, lists, optional fields, keywords and examples that
    # need escaping or do not fit their type (tests/data/codegen/
    # every-type.stormline; its check has errors, so --force): the values
    # become literals of their type, and the result compiles and parses,
    # though a view has its aggregate's name.
    every_type = os.path.join(GOLDEN, 'every-type.stormline')
    literals = {
        'kotlin': ('src/test/kotlin/everytype/LedgerAggregateTest.kt', [
            'text = "He said \\"hi\\" for \\$5 \\\\ a\\tb"',
            'flag = true', 'count = Int.MIN_VALUE', 'total = 9000000000L', 'ratio = 2.0',
            'amount = BigDecimal("-12.50")', 'day = LocalDate.parse("2026-02-28")',
            'at = OffsetDateTime.parse("2026-02-28T10:00:00+01:00")',
            'entryId = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e")',
            'grade = Custom.fromExample("gold")', 'tags = listOf("a", "b", "c")', 'counts = listOf(1, -2)',
            'remark = null', 'in_ = "x"', 'flag = invalidExample("flag", "maybe")',
            'count = invalidExample("count", "12abc")', 'total = Long.MIN_VALUE', 'ratio = 1000.0',
            'amount = invalidExample("amount", "1,50")', 'tags = emptyList()',
        ]),
        'csharp': ('tests/LedgerAggregateTests.cs', [
            'Text: "He said \\"hi\\" for $5 \\\\ a\\tb"',
            'Flag: true', 'Count: int.MinValue', 'Total: 9000000000L', 'Ratio: 2.0', 'Amount: -12.50m',
            'Day: DateOnly.Parse("2026-02-28", CultureInfo.InvariantCulture)',
            'At: DateTimeOffset.Parse("2026-02-28T10:00:00+01:00", CultureInfo.InvariantCulture)',
            'EntryId: Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")',
            'Grade: Custom.FromExample("gold")', 'Tags: new string[] { "a", "b", "c" }',
            'Counts: new int[] { 1, -2 }', 'Remark: null', 'In: "x"',
            'Flag: Example.Invalid<bool>("flag", "maybe")', 'Count: Example.Invalid<int>("count", "12abc")',
            'Total: long.MinValue', 'Ratio: 1000.0', 'Amount: Example.Invalid<decimal>("amount", "1,50")',
            'Tags: Array.Empty<string>()',
        ]),
    }
    for language, (path, expected) in literals.items():
        folder = os.path.join(tmp, 'every-type-' + language)
        run = subprocess.run([CLI, 'generate', every_type, '--lang', language, '-o', folder, '--force'],
                             capture_output=True, text=True, timeout=120)
        text = read(os.path.join(folder, path)) if run.returncode == 0 else ''
        # An argument a line, maybe followed by "," or the closing ")".
        lines = [line.strip().rstrip(',') for line in text.splitlines()]
        absent = [literal for literal in expected
                  if not any(line.startswith(literal) and not line[len(literal):].strip(')') for line in lines)]
        result(run.returncode == 0 and not absent,
               f'every example value of every type becomes a {language} literal',
               run.stderr + '\n'.join('not found: ' + literal for literal in absent))

    name = 'the Kotlin of every type compiles'
    if kotlinc is None:
        skip(name, 'kotlinc is not installed (Debian: kotlin)')
    else:
        ok, log = compile_kotlin(os.path.join(tmp, 'every-type-kotlin'), os.path.join(tmp, 'every-type-classes'))
        result(ok, name, log)
    name = 'the C# of every type parses'
    if csharp_reason:
        skip(name, csharp_reason)
    else:
        run = check_csharp(os.path.join(tmp, 'every-type-csharp'))
        result(run.returncode == 0, name, run.stdout + run.stderr)

    # A developer's body survives generating again, and the rest is as
    # generated; the Kotlin compiles with it. In the Kotlin, the Room
    # aggregate is written too, and its generated tests run: they pass,
    # while a test of a decider still unwritten fails.
    bodies = {
        'kotlin': ('src/main/kotlin/hotel/Booking.kt',
                   'TODO("decide BookRoom: emits RoomBooked")',
                   'listOf(RoomBooked(UUID.randomUUID(), command.guestId, command.roomNumber, command.checkIn, command.checkOut))'),
        'csharp': ('src/Booking.cs',
                   'throw new NotImplementedException("decide BookRoom: emits RoomBooked");',
                   'return new IBookingEvent[] { new RoomBooked(Guid.NewGuid(), bookRoom.GuestId, bookRoom.RoomNumber, '
                   'bookRoom.CheckIn, bookRoom.CheckOut) };'),
    }
    room_bodies = {
        'state': 'class RoomState(val rooms: Set<String> = emptySet())',
        'decide AddRoom': 'if (command.roomNumber in state.rooms)\n'
                          '    throw IllegalStateException("Room ${command.roomNumber} already exists")\n'
                          'listOf(RoomAdded(command.roomNumber, command.roomType, command.pricePerNight, command.amenities))',
        'evolve RoomAdded': 'RoomState(state.rooms + event.roomNumber)',
    }
    runner = """package hotel

fun report(name: String, test: () -> Unit) {
    try {
        test()
        println("$name: passed")
    } catch (failure: Throwable) {
        println("$name: failed: ${failure.message}")
    }
}

fun main() {
    report("aManagerAddsARoom") { RoomTest().aManagerAddsARoom() }
    report("aRoomNumberCanBeAddedOnlyOnce") { RoomTest().aRoomNumberCanBeAddedOnlyOnce() }
    report("aGuestRegisters") { GuestTest().aGuestRegisters() }
}
"""

    def set_body(text, key, body):
        begin = text.index(f'// stormline:begin {key}\n')
        indent = text[text.rindex('\n', 0, begin) + 1:begin]
        start = begin + len(f'// stormline:begin {key}\n')
        end = text.rindex('\n', 0, text.index(f'// stormline:end {key}\n', start)) + 1
        return text[:start] + ''.join(indent + line + '\n' for line in body.splitlines()) + text[end:]

    for language, (path, default, written) in bodies.items():
        folder = os.path.join(tmp, 'kept-' + language)
        first = generate(language, folder)
        name = f'generating {language} again keeps a hand-written body'
        if first.returncode != 0:
            result(False, name, first.stdout + first.stderr)
            continue
        generated = read(os.path.join(folder, path))
        write(os.path.join(folder, path), generated.replace(default, written))
        if language == 'kotlin':
            room = os.path.join(folder, 'src/main/kotlin/hotel/Room.kt')
            text = read(room)
            for key, body in room_bodies.items():
                text = set_body(text, key, body)
            write(room, text)
            write(os.path.join(folder, 'src/test/kotlin/hotel/Main.kt'), runner)
        again = generate(language, folder)
        kept = read(os.path.join(folder, path))
        result(again.returncode == 0 and default in generated and written in kept
               and kept.replace(written, default) == generated,
               name, again.stdout + again.stderr + kept)

        if language == 'kotlin':
            name = 'the Kotlin compiles with the hand-written bodies'
            classes = os.path.join(tmp, 'kept-classes')
            kotlin = shutil.which('kotlin')
            if kotlinc is None or kotlin is None:
                skip(name, 'kotlinc is not installed (Debian: kotlin)')
                skip('the generated Kotlin tests pass once the bodies are written', 'kotlinc is not installed (Debian: kotlin)')
                continue
            ok, log = compile_kotlin(folder, classes)
            result(ok and all(body.splitlines()[0] in read(room) for body in room_bodies.values()), name, log)
            run = subprocess.run([kotlin, '-cp', classes, 'hotel.MainKt'], capture_output=True, text=True, timeout=120)
            result(run.stdout.splitlines() == [
                'aManagerAddsARoom: passed',
                'aRoomNumberCanBeAddedOnlyOnce: passed',
                'aGuestRegisters: failed: An operation is not implemented: decide RegisterGuest: emits GuestRegistered',
            ], 'the generated Kotlin tests pass once the bodies are written', run.stdout + run.stderr)
        else:
            name = 'the C# parses with the hand-written body'
            if csharp_reason:
                skip(name, csharp_reason)
            else:
                run = check_csharp(folder)
                result(run.returncode == 0, name, run.stdout + run.stderr)

print(f'1..{tests}')
sys.exit(1 if failed else 0)
