// The shared mysql2 pool the mysql2 fixtures import, as client-to-pool writes it.
import mysql from 'mysql2/promise';

export const pool = mysql.createPool({ host: process.env.DB_HOST, user: 'app', database: 'shop' });
