import mysql from 'mysql2/promise';

export async function item(id: number) {
  const conn = await mysql.createConnection({ host: process.env.DB_HOST, user: 'app', database: 'shop' });
  const [rows] = await conn.execute('SELECT * FROM items WHERE id = ?', [id]);
  await conn.end();
  return rows;
}
