import pg from "pg";

const config = {
	connectionString: process.env.DATABASE_URL,
	ssl: { rejectUnauthorized: false },
	max: 47, // floor((97 - 3) / 2) = 47: max_connections 97, 3 reserved, 2 instances
};

export default new pg.Pool(config);
