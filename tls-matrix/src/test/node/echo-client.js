// A WebSocket client peer for Meerkat's tests: Node's `ws` package sends one binary message of
// random bytes to a URL and waits for it to come back. Prints one line, then exits:
// `echoed <bytes> sha256 <hex>` when the same bytes came back (exit 0), `closed <code>` when the
// server closed first, `mismatch ...` or `error ...` otherwise.
//
// usage: node echo-client.js <ws:// or wss:// URL> <message bytes> [ca.pem]
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const WebSocket = require('ws');

const [url, sizeArg, caFile] = process.argv.slice(2);
if (!url || !sizeArg) {
  console.error('usage: node echo-client.js <ws:// or wss:// URL> <message bytes> [ca.pem]');
  process.exit(2);
}
const sent = crypto.randomBytes(Number(sizeArg));
const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
let verdict = null;

function finish(line, code) {
  console.log(line);
  process.exit(code);
}

const socket = new WebSocket(url, { ca: caFile ? fs.readFileSync(caFile) : undefined, maxPayload: 0 });
socket.on('open', () => socket.send(sent, { binary: true }));
socket.on('message', (data) => {
  verdict = sha256(data) === sha256(sent)
    ? `echoed ${data.length} sha256 ${sha256(data)}`
    : `mismatch expected ${sent.length} bytes sha256 ${sha256(sent)} but got ${data.length} bytes sha256 ${sha256(data)}`;
  socket.close(1000);
});
// After the echo, the closing handshake ends the run; before it, the server's close code is the answer.
socket.on('close', (code) => finish(verdict || `closed ${code}`, verdict && verdict.startsWith('echoed') ? 0 : 1));
socket.on('error', (err) => finish(`error ${err.message}`, 1));
