// PouchDB's server for `cargo xtask bench` (register_sync), in a node process of its own:
// express-pouchdb on 127.0.0.1 serving one database, `register`, seeded from an NDJSON file of
// documents (one a line, each with its `_id`) into leveldb, as CouchDB's place in the Community
// Health Toolkit would hold them. Counts the bytes of every HTTP body it receives and sends.
//
// Prints one JSON line once it listens: {"url": ".../register", "docs": N, "seed_ms": T}; serves
// until its standard input closes. `GET /_bench/bytes` answers the bytes counted so far.
//
// usage: node server.js DOCS.ndjson WORKDIR
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const PouchDB = require('pouchdb');
const express = require('express');

const [docsFile, work] = process.argv.slice(2);
if (!docsFile || !work) {
  console.error('usage: node server.js DOCS.ndjson WORKDIR');
  process.exit(2);
}
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
const ServerDB = PouchDB.defaults({ prefix: work + path.sep });

let bytes = 0;
const app = express();
app.get('/_bench/bytes', (req, res) => res.json({ bytes }));
app.use((req, res, next) => {
  bytes += Number(req.headers['content-length'] || 0);
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = (chunk, ...rest) => { if (chunk) bytes += Buffer.byteLength(chunk); return write(chunk, ...rest); };
  res.end = (chunk, ...rest) => { if (chunk && typeof chunk !== 'function') bytes += Buffer.byteLength(chunk); return end(chunk, ...rest); };
  next();
});
app.use('/', require('express-pouchdb')(ServerDB, { mode: 'minimumForPouchDB', inMemoryConfig: true }));

async function seed() {
  const db = new ServerDB('register');
  const lines = readline.createInterface({ input: fs.createReadStream(docsFile), crlfDelay: Infinity });
  let batch = [];
  let docs = 0;
  for await (const line of lines) {
    if (!line) continue;
    batch.push(JSON.parse(line));
    if (batch.length === 5000) {
      docs += batch.length;
      await db.bulkDocs(batch);
      batch = [];
    }
  }
  if (batch.length) {
    docs += batch.length;
    await db.bulkDocs(batch);
  }
  return docs;
}

(async () => {
  const t = process.hrtime.bigint();
  const docs = await seed();
  const seedMs = Number(process.hrtime.bigint() - t) / 1e6;
  const server = app.listen(0, '127.0.0.1', () => {
    const url = `http://127.0.0.1:${server.address().port}/register`;
    console.log(JSON.stringify({ url, docs, seed_ms: seedMs }));
  });
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
