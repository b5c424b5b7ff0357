import winston from "winston";
import pg from "pg";

const logger = winston.createLogger({ transports: [new winston.transports.Console()] });

export const pool = new pg.Pool();
