import pg from "pg";

export const pool = new pg.Pool({ host: process.env.PGHOST, database: "shop" });
