import pg from 'pg';

const pool = new pg.Pool();

// The release sits before a return inside the try: a throw after it would
// reach the catch with the client already given back. The rewrite holds it
// until the finally, so that path only gets safer.
export async function createInvoice(customerId, lines) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('INSERT INTO invoices (customer_id) VALUES ($1) RETURNING id', [customerId]);
    for (const line of lines) {
      await client.query('INSERT INTO invoice_lines (invoice_id, amount) VALUES ($1, $2)', [rows[0].id, line.amount]);
    }
    await client.query('COMMIT');
    return rows[0].id;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}
