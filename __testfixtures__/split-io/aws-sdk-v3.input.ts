import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Pool } from 'pg';

const pool = new Pool();
const s3 = new S3Client({});

export async function archiveInvoice(id: number) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT pdf FROM invoices WHERE id = $1', [id]);
    await s3.send(new PutObjectCommand({ Bucket: 'invoices', Key: String(id), Body: rows[0].pdf }));
    await client.query('UPDATE invoices SET archived = true WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}
