import { w5Verify } from './workloads/reads.ts';

/** Runs W5 alone on an existing ledger file, for `node --cpu-prof` (see bench/profileTop.ts). */
console.log(await w5Verify(process.argv[2]!));
