import { defineConfig } from 'drizzle-kit';

// SQLite (the default backend): `npm run db:generate` writes a new migration here for each schema change.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations/sqlite',
});
