// A WebSocket echo peer for Meerkat's tests: Node's `ws` package serving ws:// and wss:// on
// 127.0.0.1, each on an ephemeral port. Every text or binary message is sent back as it came, as
// one frame. Prints one line, `ws <port> wss <port>`, once both listen; runs until killed.
//
// usage: node echo-server.js <cert-chain.pem> <key.pem> [maxPayload bytes]
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');
const WebSocketServer = require('ws').Server;

const [certFile, keyFile, maxPayloadArg] = process.argv.slice(2);
if (!certFile || !keyFile) {
  console.error('usage: node echo-server.js <cert-chain.pem> <key.pem> [maxPayload bytes]');
  process.exit(2);
}
// ws's own default is 100 MiB; a smaller one lets a test see this peer refuse with 1009.
const maxPayload = maxPayloadArg ? Number(maxPayloadArg) : 100 * 1024 * 1024;

function echo(server) {
  new WebSocketServer({ server, maxPayload }).on('connection', (socket) => {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
    socket.on('error', (err) => console.error('echo peer: ' + err.message));
  });
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

const plain = http.createServer();
const secure = https.createServer({ cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile) });
echo(plain);
echo(secure);
Promise.all([listen(plain), listen(secure)]).then(([wsPort, wssPort]) => {
  console.log(`ws ${wsPort} wss ${wssPort}`);
});
