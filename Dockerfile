# syntax=docker/dockerfile:1
# Build stage: compile TypeScript and build better-sqlite3's native module against this image's Node.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts skips `prepare` (the build), which needs the sources copied below; native modules are then
# built explicitly.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: only the compiled app, production dependencies and the migrations.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/reverse-mentor.sqlite \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml ./
COPY bin ./bin
COPY migrations ./migrations
# The `reverse-mentor` command on PATH, for operators: `docker exec reverse-mentor reverse-mentor backup --out
# /data/backup.sqlite` (and tick, export, migrate). It runs bin/reverse-mentor.js, which only imports dist/.
# This image has no TypeScript, so its package.json loses what would rebuild the app: no `prepare`, and no
# `bin` (with one, `npx reverse-mentor` reinstalls /app as a package, which runs `prepare`: exit 127 without
# tsc; without it, npx finds the command on PATH), and `build` does nothing, so `npm start`, `npm run tick`
# and `npm run db:migrate` run the compiled app as in a checkout.
RUN ln -s /app/bin/reverse-mentor.js /usr/local/bin/reverse-mentor \
 && npm pkg delete bin scripts.prepare \
 && npm pkg set scripts.build=true \
 && mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "dist/cli.js", "start"]
