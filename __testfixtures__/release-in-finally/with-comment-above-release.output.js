// A comment saying what a release does moves into the finally with it (excerpt shape of a Next.js route, CRLF, tabs).
import { NextResponse } from "next/server"
import pool from "./db"

export async function GET() {
	const connection = await pool.getConnection()

	try {
		// run the query
		const [rows] = await connection.query("SELECT * FROM `user`")

		console.log("rows", rows.length)
		return NextResponse.json({ data: rows })
	} finally {
		// give the connection back to the pool
		// (before the response is built)
		connection.release()
	}
}

export async function POST() {
	const connection = await pool.getConnection()
	try {
		const [rows] = await connection.query("SELECT 1")

		// this comment is about the release, but a blank line parts them: it stays

		return NextResponse.json({ data: rows })
	} finally {
		connection.release()
	}
}
