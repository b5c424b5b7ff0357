import axios from 'axios';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: 'localhost' });

export async function notifyOwner(id: number) {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query('SELECT owner_email FROM shops WHERE id = ?', [id]);
    await axios.post('https://mail.example.com/send', { to: (rows as any)[0].owner_email });
  } finally {
    conn.release();
  }
}
