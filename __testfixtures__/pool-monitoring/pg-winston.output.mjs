import winston from "winston";
import pg from "pg";

const logger = winston.createLogger({ transports: [new winston.transports.Console()] });

export const pool = new pg.Pool();

pool.on("error", (err) => {
  logger.error("unexpected error on an idle database connection", { error: err });
});
