// Prints Vitest's totals over one or more JSON reports as the plain closing line CI reads:
// "tests: N passed, N failed, N skipped". Exits non-zero if anything failed or nothing ran.
import { readFileSync } from 'node:fs';

const files = process.argv.length > 2 ? process.argv.slice(2) : ['test-results/vitest.json'];
const totals = { passed: 0, failed: 0, skipped: 0, total: 0 };
for (const file of files) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  totals.total += report.numTotalTests;
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.total === 0 ? 1 : 0);
