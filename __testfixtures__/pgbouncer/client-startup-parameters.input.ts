import { Client } from 'pg';

const settings = {
  host: process.env.PGHOST,
  lock_timeout: 2000,
};

export async function migrate(sql: string) {
  const client = new Client({ ...settings, statement_timeout: 60000, application_name: 'migrate' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
