// End-to-end tests drive Debian's Chromium (never a downloaded browser) against the release
// build in dist/, served under a sub-path to prove the site uses relative URLs.
const fs = require('fs');
const path = require('path');
const { defineConfig } = require('@playwright/test');

const PORT = 4173;
const SUB_PATH = 'team/okr-grid';
const root = path.join(__dirname, 'target', 'e2e-root');
const mount = path.join(root, ...SUB_PATH.split('/'));
fs.mkdirSync(path.dirname(mount), { recursive: true });
if (!fs.existsSync(mount)) {
  fs.symlinkSync(path.join(__dirname, 'dist'), mount, 'dir');
}

module.exports = defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/${SUB_PATH}/`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory ${root}`,
    url: `http://127.0.0.1:${PORT}/${SUB_PATH}/index.html`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
