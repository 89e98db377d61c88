import { defineConfig } from 'drizzle-kit';

// PostgreSQL (DATABASE_URL=postgres://…): the same tables and columns as the SQLite schema, in pg types.
// `npm run db:generate` writes both dialects' migrations; test/db/postgres-schema.test.ts checks they agree.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/postgres/schema.ts',
  out: './migrations/postgres',
});
