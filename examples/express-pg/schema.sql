-- The tables the example's queries use (psql -f schema.sql, or the end-to-end suite).
DROP TABLE IF EXISTS report_exports, sessions, order_items, orders_archive, orders, users CASCADE;
CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email text, active boolean NOT NULL DEFAULT false, activated_at timestamptz);
CREATE TABLE orders (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id), total numeric NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), touched_at timestamptz);
CREATE TABLE order_items (order_id int NOT NULL REFERENCES orders (id), sku text NOT NULL, qty int NOT NULL);
CREATE TABLE sessions (id serial PRIMARY KEY, expires_at timestamptz NOT NULL);
CREATE TABLE report_exports (day date NOT NULL, order_count int NOT NULL);
CREATE TABLE orders_archive (LIKE orders);
INSERT INTO users (name, email) VALUES ('ada', 'ada@example.com'), ('grace', 'grace@example.com');
