// A client made in the worker branch of a cluster: no listener is added (a
// dead client ends the worker, and one that only logs would keep it up with
// every query failing); the finding says so.
const { Client } = require('pg')
const cluster = require('cluster')
const express = require('express')

if (cluster.isPrimary) {
  for (let i = 0; i < 4; i += 1) cluster.fork()
} else {
  const app = express()
  const client = new Client({ database: 'app' })
  client.connect()

  app.get('/', (req, res) => {
    client.query('SELECT 1', (err, result) => res.send(result.rows))
  })
  app.listen(3000)
}
