# The compiled server with the built web app inside it, on one port.
#   docker build -t boxoffice .
#   docker run --init -p 3000:3000 -v boxoffice-data:/app/data --env-file .env boxoffice
# (production needs SMTP_URL, MAIL_FROM and PUBLIC_URL, or EMAIL_DELIVERY=off; see docs/email.md)
# Kept simple: the runtime image carries the whole workspace with its node_modules.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its addon when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/* && npm install -g pnpm@10
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY apps/cli/package.json apps/cli/
COPY packages/api/package.json packages/api/
COPY packages/auth/package.json packages/auth/
COPY packages/client/package.json packages/client/
COPY packages/db/package.json packages/db/
COPY packages/time/package.json packages/time/
RUN pnpm install --frozen-lockfile
COPY . .
# apps/server/dist/main.js (esbuild bundle, migrations beside it) and apps/web/dist
# (with .br/.gz copies of every text file).
RUN pnpm --filter @boxoffice/server --filter @boxoffice/web build

FROM node:20-bookworm-slim
WORKDIR /app
# WORKERS defaults to the CPUs Node sees; set it to the container's CPU limit if it has one.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATABASE_URL=file:/app/data/boxoffice.db
COPY --from=build /app /app
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "apps/server/dist/main.js"]
