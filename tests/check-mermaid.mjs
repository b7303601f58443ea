// check-mermaid.mjs: checks Mermaid event modeling diagrams with Mermaid's
// own parser (@mermaid-js/parser, the grammar Mermaid 11.15+ draws from):
// its lexer, its parser, the links between frames and data blocks, and its
// validator (which frame may feed which).
//
//   node check-mermaid.mjs NODE_MODULES FILE...
//
// A FILE ending in .md is checked block by block (```mermaid fences);
// any other is one diagram. Prints "FILE:LINE: message" for each problem
// and exits 1 when there is one, 0 otherwise.
//
// SPDX-License-Identifier: GPL-3.0-or-later

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, ...files] = process.argv.slice(2);
const parser = await import(
  pathToFileURL(join(modules, '@mermaid-js', 'parser', 'dist', 'mermaid-parser.core.mjs')).href);
const services = parser.createEventModelingServices();
const workspace = services.shared.workspace;

// The diagrams of FILE, each with the line its text starts on.
function diagrams(file, text) {
  if (!file.endsWith('.md'))
    return [{ first: 1, text }];

  const found = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})mermaid\s*$/.exec(lines[i]);
    if (!open)
      continue;
    let end = i + 1;
    while (end < lines.length && lines[end] !== open[1])
      end++;
    found.push({ first: i + 2, text: lines.slice(i + 1, end).join('\n') + '\n' });
    i = end;
  }
  return found;
}

let n = 0;
let problems = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const blocks = diagrams(file, text);

  if (blocks.length === 0) {
    console.log(`${file}:1: no Mermaid diagram`);
    problems++;
  }
  for (const block of blocks) {
    const uri = { scheme: 'memory', path: `/diagram${n}.mmd`, toString() { return `memory:///diagram${n}.mmd`; } };
    const document = workspace.LangiumDocumentFactory.fromString(block.text, uri);
    n++;
    await workspace.DocumentBuilder.build([document], { validation: true });
    for (const diagnostic of document.diagnostics ?? []) {
      const line = block.first + diagnostic.range.start.line;
      const source = block.text.split('\n')[diagnostic.range.start.line] ?? '';
      console.log(`${file}:${line}: ${diagnostic.message} (in “${source}”)`);
      problems++;
    }
    if (!block.text.startsWith('eventmodeling') && !block.text.startsWith('---')) {
      console.log(`${file}:${block.first}: not an eventmodeling diagram`);
      problems++;
    }
  }
}

process.exit(problems > 0 ? 1 : 0);
