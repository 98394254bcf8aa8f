import { benchRefresh, printRefreshResults } from './refresh.bench.js';

// `npm run bench`: benchmarks against the running lab (npm run lab:up). Figures vary with the
// machine, so each is reported as a ratio against a reference measured in the same run.
const quick = process.argv.includes('--quick');
const refresh = await benchRefresh({ runs: quick ? 10 : 50, cliRuns: quick ? 3 : 10 });
printRefreshResults(refresh);
