// The node peer of the load test: node's `http` module around the TypeScript parser's
// `parseWorkout` (../shared/peers/intervals-icu-workout-parser/), answering its result as JSON.
// Usage: node peer.js PORT PATH_TO_PEER_INDEX_JS
'use strict';
const http = require('http');
const path = require('path');
const [port, peerPath] = process.argv.slice(2);
const P = require(path.resolve(peerPath));
// The zones of the peer's README.
const zones = { loadPreference: ['power', 'hr', 'pace'],
  power: { ftp: 250, boundaries: [55, 75, 90, 105, 120, 150, 999] },
  hr: { lthr: 165, maxHr: 185, boundaries: [152, 161, 170, 179, 184, 189, 201] },
  pace: { threshold: 2.79, unit: 'mins_km', boundaries: [77.5, 87.7, 94.3, 100, 103.4, 111.5, 999] } };

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let status = 200;
    let body;
    try {
      body = JSON.stringify(P.parseWorkout(Buffer.concat(chunks).toString('utf8'), zones));
    } catch (e) {
      status = 400;
      body = JSON.stringify({ error: { message: String(e) } });
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
}).listen(Number(port), '127.0.0.1');
