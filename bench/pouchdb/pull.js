// PouchDB's laptop for `cargo xtask bench` (register_sync), in a node process of its own: a
// fresh PouchDB on disk (leveldb, as a laptop would keep it) replicates every document of the
// database at URL (served by server.js in another process). Prints one JSON object: the time of
// the replication, this process's CPU seconds during it, the documents written and the bytes the
// server counted on the wire meanwhile.
//
// usage: node pull.js URL WORKDIR
'use strict';
const fs = require('fs');
const path = require('path');
const PouchDB = require('pouchdb');

const [url, work] = process.argv.slice(2);
if (!url || !work) {
  console.error('usage: node pull.js URL WORKDIR');
  process.exit(2);
}

async function serverBytes() {
  const res = await fetch(new URL('/_bench/bytes', url));
  return (await res.json()).bytes;
}

(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const local = new PouchDB(path.join(work, 'laptop'));
  const remote = new PouchDB(url);
  const before = await serverBytes();
  const cpu = process.cpuUsage();
  const t = process.hrtime.bigint();
  const full = await local.replicate.from(remote, { batch_size: 1000, batches_limit: 4 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const used = process.cpuUsage(cpu);
  const bytes = (await serverBytes()) - before;
  console.log(JSON.stringify({
    peer: 'pouchdb',
    full_pull_ms: ms,
    full_pull_cpu_s: (used.user + used.system) / 1e6,
    docs_written: full.docs_written,
    bytes,
  }));
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
