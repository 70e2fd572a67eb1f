# sdrs-mcp in team mode: MCP over Streamable HTTP on port 8080 (docs/team-mode.md).
# Build: docker build -t sdrs-mcp .   Run: see deploy/kubernetes/ for the settings it needs.

# Build stage: the whole toolchain, from the lockfile.
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# Final stage: Node and the bundle only (one file and its lazily loaded chunks; no
# node_modules, no source maps, no npm needed at run time).
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/dist/sdrs-mcp.js /src/dist/THIRD-PARTY-LICENSES.txt ./
COPY --from=build /src/dist/chunks/*.js ./chunks/
# The image's unprivileged user "node", by number so Kubernetes can check runAsNonRoot.
USER 1000:1000
EXPOSE 8080
# Off loopback the server refuses to start without SDRS_MCP_OAUTH_ISSUER,
# SDRS_MCP_PUBLIC_URL and SDRS_MCP_STATE_KEY (exit 2, naming what is missing).
ENTRYPOINT ["node", "/app/sdrs-mcp.js"]
CMD ["--http", "0.0.0.0:8080"]
