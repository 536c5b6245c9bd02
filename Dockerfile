# brandfill proxy: the Hono app under Node, configured only by environment variables
# (every variable is listed in docs/deploy.md). Build: docker build -t brandfill-proxy .
FROM node:24-slim

WORKDIR /app

# Runtime dependencies only: everything the proxy imports, tsx (it runs its TypeScript), ioredis
# (the shared Redis store), sharp (libvips: it decodes and encodes the pictures it fits and
# palette-locks) and piscina (the lock's worker threads) are in "dependencies"; the test, bench and build tools (vitest, playwright-core,
# esbuild, typescript) stay out.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY tsconfig.json ./
COPY src ./src

# Platforms such as Cloud Run route traffic to $PORT on every interface, so the proxy listens
# beyond loopback here and refuses to start unless BRANDFILL_TOKEN is set.
ENV HOST=0.0.0.0 \
    PORT=8080
EXPOSE 8080
USER node

# SIGTERM (docker stop, Cloud Run scale-down) finishes requests in flight, then exits.
CMD ["node", "--import", "tsx", "src/proxy/start-proxy.ts"]
