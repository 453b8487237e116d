// Runs a wasm32-wasip1 program in Node with the file system from / (cargo's runner for
// `bash scripts/bench.sh worker`): node scripts/wasi-run.mjs PROGRAM.wasm ARGS…
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const [program, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [program, ...args], preopens: { '/': '/' } });
const module = await WebAssembly.compile(await readFile(program));
wasi.start(await WebAssembly.instantiate(module, wasi.getImportObject()));
