// Benchmarks: the same browser as the end-to-end tests, one worker, no timing assertions
// (figures are printed and recorded in docs/BENCHMARKS.md).
// The same static server under the same sub-path, on its own port and root so that benches and
// the end-to-end tests can run at the same time:
//   BENCH_DIST  the build to serve (default dist/), e.g. BENCH_DIST=/tmp/dist-before to measure
//               a copy of an earlier build while dist/ is being rebuilt
//   BENCH_PORT  the server's port (default 4174; the end-to-end tests use 4173)
const fs = require('fs');
const path = require('path');
const base = require('./playwright.config.js');
const { defineConfig } = require('@playwright/test');

const PORT = Number(process.env.BENCH_PORT || 4174);
const SUB_PATH = 'team/okr-grid';
const dist = path.resolve(__dirname, process.env.BENCH_DIST || 'dist');
const root = path.join(__dirname, 'target', 'bench-root');
const mount = path.join(root, ...SUB_PATH.split('/'));
fs.mkdirSync(path.dirname(mount), { recursive: true });
// Point the mount at this run's build (it may differ from the last run's).
let current = null;
try { current = fs.readlinkSync(mount); } catch { /* not there yet */ }
if (current !== dist) {
  if (current !== null) fs.unlinkSync(mount);
  fs.symlinkSync(dist, mount, 'dir');
}

module.exports = defineConfig({
  ...base,
  testDir: 'tests/bench',
  testMatch: '*.bench.js',
  fullyParallel: false,
  workers: 1,
  timeout: 300_000,
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}/${SUB_PATH}/` },
  webServer: {
    ...base.webServer,
    command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory ${root}`,
    url: `http://127.0.0.1:${PORT}/${SUB_PATH}/index.html`,
  },
});
