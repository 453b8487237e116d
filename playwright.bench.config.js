// Benchmarks: the same server and browser as the end-to-end tests, one worker, no timing
// assertions (figures are printed and recorded in docs/BENCHMARKS.md).
const base = require('./playwright.config.js');
const { defineConfig } = require('@playwright/test');

module.exports = defineConfig({
  ...base,
  testDir: 'tests/bench',
  testMatch: '*.bench.js',
  fullyParallel: false,
  workers: 1,
  timeout: 300_000,
});
