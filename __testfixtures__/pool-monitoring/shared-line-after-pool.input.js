// The pool's statement shares its line with the export, in a file without
// semicolons: the listener written on that line ends with its own `;`, or
// the export would continue it.
const { Pool } = require('pg')
const pool = new Pool({ max: 5 }); module.exports = pool
