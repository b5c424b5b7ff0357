import { Pool } from "pg";

const pool = new Pool();

// Tab-indented, as some projects are: new lines must be indented with tabs too.
export async function deleteEvent(id: string): Promise<void> {
	const client = await pool.connect();
	await client.query(
		`DELETE FROM evento
		 WHERE id_actividad = $1`,
		[id],
	);
	client.release();
}
