// Preload for a child process: `require('nodejieba')` fails as it does where the native module is
// not installed or did not build. Used by test/mining/mine.test.ts.
const Module = require('module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'nodejieba') {
    const e = new Error("Cannot find module 'nodejieba'");
    e.code = 'MODULE_NOT_FOUND';
    throw e;
  }
  return load.call(this, request, ...rest);
};
