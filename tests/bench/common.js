// Shared by the benchmarks: the plan size, the number of runs, the big fixture and the median.
const path = require('path');

const N = Number(process.env.BENCH_KRS || 10000);
const RUNS = Number(process.env.BENCH_RUNS || 7);
const file = path.join(__dirname, '..', '..', 'target', 'bench', `big-${N}.xlsx`);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

module.exports = { N, RUNS, file, median };
