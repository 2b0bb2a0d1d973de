// The PouchDB side of `cargo xtask bench` (sync): express-pouchdb serves a database on 127.0.0.1
// holding the same household documents Linli's benchmark syncs (read from an NDJSON file), and a
// fresh PouchDB on disk (leveldb, as a laptop would keep it) replicates them:
//   1. a full pull of every document into an empty database;
//   2. an incremental pull after 1,000 documents changed on the server;
// counting the bytes of every HTTP response body. Prints one JSON object.
//
// usage: node replicate.js DOCS.ndjson WORKDIR
'use strict';
const fs = require('fs');
const path = require('path');
const PouchDB = require('pouchdb');
const express = require('express');

const [docsFile, work] = process.argv.slice(2);
if (!docsFile || !work) {
  console.error('usage: node replicate.js DOCS.ndjson WORKDIR');
  process.exit(2);
}
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(path.join(work, 'server'), { recursive: true });
const ServerDB = PouchDB.defaults({ prefix: path.join(work, 'server') + path.sep });

let bytesOut = 0;
const app = express();
app.use((req, res, next) => {
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = (chunk, ...rest) => { if (chunk) bytesOut += Buffer.byteLength(chunk); return write(chunk, ...rest); };
  res.end = (chunk, ...rest) => { if (chunk && typeof chunk !== 'function') bytesOut += Buffer.byteLength(chunk); return end(chunk, ...rest); };
  next();
});
app.use('/', require('express-pouchdb')(ServerDB, { mode: 'minimumForPouchDB', inMemoryConfig: true }));

const server = app.listen(0, '127.0.0.1', async () => {
  try {
    const url = `http://127.0.0.1:${server.address().port}/households`;
    const lines = fs.readFileSync(docsFile, 'utf8').split('\n').filter(Boolean);
    const docs = lines.map((l) => { const d = JSON.parse(l); d._id = d.id; delete d.id; return d; });
    const seed = new ServerDB('households');
    for (let i = 0; i < docs.length; i += 5000) await seed.bulkDocs(docs.slice(i, i + 5000));

    const local = new PouchDB(path.join(work, 'laptop'));
    const remote = new PouchDB(url);
    bytesOut = 0;
    let t = process.hrtime.bigint();
    const full = await local.replicate.from(remote, { batch_size: 1000, batches_limit: 4 });
    const fullMs = Number(process.hrtime.bigint() - t) / 1e6;
    const fullBytes = bytesOut;

    // 1,000 documents change on the server
    const changed = await seed.allDocs({ include_docs: true, limit: 1000 });
    await seed.bulkDocs(changed.rows.map((r) => ({ ...r.doc, notes: '已走访' })));
    bytesOut = 0;
    t = process.hrtime.bigint();
    const inc = await local.replicate.from(remote, { batch_size: 1000 });
    const incMs = Number(process.hrtime.bigint() - t) / 1e6;
    const incBytes = bytesOut;

    console.log(JSON.stringify({
      peer: 'pouchdb',
      docs: docs.length,
      full_pull_ms: fullMs,
      full_pull_docs: full.docs_written,
      full_pull_docs_per_s: full.docs_written / (fullMs / 1000),
      full_pull_bytes_per_doc: fullBytes / full.docs_written,
      incremental_1000_ms: incMs,
      incremental_docs: inc.docs_written,
      incremental_bytes_per_change: incBytes / Math.max(1, inc.docs_written),
    }));
    server.close();
    process.exit(0);
  } catch (e) {
    console.error(e);
    process.exit(1);
  }
});
