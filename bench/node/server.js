// The baseline of Parley's benchmark: the ws library's broadcast pattern.
// Every text a client sends goes to every open client, the sender included;
// each new client first gets "welcome" so the load client knows it is open.
// usage: node server.js <port>   (listens on 127.0.0.1 only)
'use strict';
const { WebSocketServer, WebSocket } = require('ws');

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node server.js <port>');
  process.exit(2);
}
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.send('welcome');
  ws.on('message', (data, isBinary) => {
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) {
        client.send(data, { binary: isBinary });
      }
    }
  });
  ws.on('error', () => ws.terminate());
});
wss.on('listening', () => console.log(`listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => process.exit(0));
