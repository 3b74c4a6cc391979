#!/usr/bin/env node
'use strict';
// The `gongwen` command: the bundled CLI when built (npm run build), else the TypeScript sources via tsx.
const fs = require('fs');
const path = require('path');
const dist = path.join(__dirname, '..', 'dist', 'cli.js');
let mod;
if (fs.existsSync(dist)) {
  mod = require(dist);
} else {
  require('tsx/cjs');
  mod = require(path.join(__dirname, '..', 'src', 'cli', 'main.ts'));
}
mod.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`gongwen: ${e && e.message ? e.message.split('\n')[0] : String(e)}\n`);
    process.exitCode = 2;
  },
);
