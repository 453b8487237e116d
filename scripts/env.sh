# Sourced by the scripts: puts the pinned tools on PATH and tells the wasm test runner where
# ChromeDriver is.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
