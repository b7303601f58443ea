// check-csharp-syntax.mjs: parses every .cs file under the folders given
// and fails, naming file, line and column, at any syntax error.
//
//   node tests/check-csharp-syntax.mjs NODE_MODULES DIR|FILE...
//
// This is a syntax check, not a compilation: the generated C# uses records
// and file-scoped namespaces (C# 10), which Debian's mcs (C# 7.2) cannot
// compile, and no .NET SDK comes from Debian or the npm registry. The
// tree-sitter C# grammar (run by web-tree-sitter) knows C# 12's syntax, so
// it catches what a generator gets wrong in the text (a missing brace,
// semicolon or comma, a bad expression); it does not check names or types.
// Prints one line per problem and exits 1, or exits 0 when all parse.
//
// SPDX-License-Identifier: GPL-3.0-or-later

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, ...targets] = process.argv.slice(2);
if (!modules || targets.length === 0) {
  console.error('usage: check-csharp-syntax.mjs NODE_MODULES DIR|FILE...');
  process.exit(2);
}

const { Parser, Language } = await import(pathToFileURL(resolve(modules, 'web-tree-sitter', 'tree-sitter.js')).href);
await Parser.init();
const language = await Language.load(join(modules, 'tree-sitter-c-sharp', 'tree-sitter-c_sharp.wasm'));
const parser = new Parser();
parser.setLanguage(language);

function collect(path, files) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort())
      collect(join(path, name), files);
  } else if (path.endsWith('.cs')) {
    files.push(path);
  }
  return files;
}

function problems(node, out) {
  if (node.isError || node.isMissing) {
    out.push(node);
    return out;
  }
  if (!node.hasError)
    return out;
  for (const child of node.children)
    problems(child, out);
  return out;
}

let failed = 0;
let checked = 0;
for (const target of targets) {
  for (const file of collect(target, [])) {
    const tree = parser.parse(readFileSync(file, 'utf8'));
    checked++;
    for (const node of problems(tree.rootNode, [])) {
      const { row, column } = node.startPosition;
      const what = node.isMissing ? `missing ${node.type}` : `syntax error at “${node.text.slice(0, 40).replace(/\s+/g, ' ')}”`;
      console.log(`${file}:${row + 1}:${column + 1}: ${what}`);
      failed++;
    }
    tree.delete();
  }
}
if (checked === 0) {
  console.log('no .cs file found');
  process.exit(1);
}
console.log(`${checked} files, ${failed} syntax errors`);
process.exit(failed ? 1 : 0);
