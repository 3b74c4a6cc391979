'use strict';
// Mocha's spec reporter plus the closing line CI reads: "N passed, N failed[, N skipped]".
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class PassedFailedReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || {};
      const skipped = s.pending ? `, ${s.pending} skipped` : '';
      // printed after the spec summary
      process.nextTick(() => console.log(`${s.passes || 0} passed, ${s.failures || 0} failed${skipped}`));
    });
  }
}
module.exports = PassedFailedReporter;
