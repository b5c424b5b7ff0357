/**
 * Packages whose checkout-named call (`connect()`, `getConnection()`,
 * `acquire()`) hands out a client of their own: a job queue, a message
 * broker, a document store, a browser, a socket, or a database this tool has
 * no driver facts for. Called on an object imported straight from one of
 * them (`faktory.connect()`, `MongoClient.connect()`), it is that library's
 * business, whatever the project's package.json says about pg: its release
 * is not a pool's, and a finding or a rewrite of it would be wrong. Read
 * from each package's README or API reference, as cited.
 */
export const OTHER_CLIENT_MODULES: readonly string[] = [
  // `await faktory.connect()` returns a Faktory client, closed with `close()` (faktory-worker's README).
  'faktory-worker',
  // `connect(url)` resolves to an AMQP connection model (amqplib's channel API reference, "connect").
  'amqplib',
  'amqplib/callback_api',
  // `amqp.connect(urls)` returns a connection manager that reconnects by itself (amqp-connection-manager's README).
  'amqp-connection-manager',
  // `MongoClient.connect(url)` resolves to a MongoClient, closed with `close()` (the MongoDB Node.js driver's API).
  'mongodb',
  // `mongoose.connect(uri)` opens mongoose's default connection (mongoosejs.com/docs/connections.html).
  'mongoose',
  // `mqtt.connect(url)` returns an MqttClient, ended with `end()` (MQTT.js's README).
  'mqtt',
  // `connect(options)` resolves to a NatsConnection, ended with `close()` or `drain()` (nats.js's README).
  'nats',
  // `puppeteer.connect({ browserWSEndpoint })` attaches to a running browser (pptr.dev, PuppeteerNode.connect).
  'puppeteer',
  'puppeteer-core',
  // `chromium.connect(wsEndpoint)` attaches to a remote browser (playwright.dev, BrowserType.connect).
  'playwright',
  'playwright-core',
  '@playwright/test',
  // `sql.connect(config)` resolves to mssql's global ConnectionPool, which mssql itself manages (node-mssql's README).
  'mssql',
  // `oracledb.getConnection()` opens a standalone Oracle connection, closed with `close()` (node-oracledb's documentation).
  'oracledb',
  // `io.connect(url)` returns a Socket.IO client socket (socket.io-client's API reference).
  'socket.io-client',
  // `net.connect()`, `tls.connect()` and `http2.connect()` return a socket or a session (nodejs.org/api).
  'net',
  'node:net',
  'tls',
  'node:tls',
  'http2',
  'node:http2',
];
