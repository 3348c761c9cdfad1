// The portal's HTTP server: Express around the Remix request handler. Owns the one database handle of the process:
// opens it, migrates, seeds, serves, and closes it on SIGTERM/SIGINT. Bundled to build/server.js by db/build-server.mjs.
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { migrateDatabase, openDatabase, setDatabase, defaultPgliteDir } from "../db/client";
import { formatDemoAccounts, seedDatabase } from "../db/seed";
import { readConfig } from "./config.server";
import { logger } from "./logger.server";
import { startJobs } from "./services/jobs.server";
import { isKeyAuthenticatedApiPath } from "./utils/api-paths.server";
import { runInRequestScope } from "./utils/request-scope.server";
import { anonymousCsrfCookieName, isLegacyDataRequest, isSameOrigin, newToken, randomBytesPooled, requestOrigin, securityHeaders } from "./utils/http.server";

const config = readConfig();
const buildDir = path.dirname(fileURLToPath(import.meta.url));
const started = Date.now();

const database = await openDatabase(
  config.databaseUrl ? { url: config.databaseUrl } : { pgliteDir: defaultPgliteDir(config.dataDir) },
);
setDatabase(database);
await migrateDatabase(database);
const { demoAccounts } = await seedDatabase(database.db, { demo: config.seedDemo, log: (msg) => logger.info(msg) });
logger.info({ engine: database.engine, location: database.location, ms: Date.now() - started }, "database ready");
const jobs = config.jobs ? await startJobs(database, { log: (msg, extra) => logger.info(extra ?? {}, msg) }) : null;

const build = (await import(pathToFileURL(path.join(buildDir, "index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
if (config.trustProxy) app.set("trust proxy", true);
app.use(compression());

// Request id, nonce, security headers, access log.
app.use((req, res, next) => {
  const incoming = req.get("x-request-id");
  const requestId = incoming && /^[\w.-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
  const nonce = randomBytesPooled(16).toString("base64");
  res.locals.requestId = requestId;
  res.locals.cspNonce = nonce;
  res.setHeader("X-Request-Id", requestId);
  for (const [name, value] of Object.entries(securityHeaders(nonce, req.secure))) res.setHeader(name, value);
  const t0 = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    logger.info({ requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
  });
  next();
});

// CSRF, first line: a state-changing request must come from our own origin (Origin, else Referer).
app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  // the intake API authenticates by key, never by cookie: a forged cross-site request has no key to send
  if (isKeyAuthenticatedApiPath(req.path)) return next();
  const expected = requestOrigin(req.protocol, req.get("host") ?? "");
  if (isSameOrigin(expected, req.get("origin"), req.get("referer"))) return next();
  logger.warn({ requestId: res.locals.requestId, path: req.path }, "cross-origin request refused");
  res.status(403).type("text/plain; charset=utf-8").send("请求来源无法验证，操作未执行。请从本站页面重新提交。 (Cross-origin request refused.)");
});

// CSRF, second line: a token for visitors without a session (double submit); sessions carry their own token.
app.use((req, res, next) => {
  const name = anonymousCsrfCookieName(config.production);
  const existing = parseCookie(req.get("cookie") ?? "", name);
  const token = existing && /^[\w-]{20,64}$/.test(existing) ? existing : newToken();
  if (token !== existing) {
    res.append("Set-Cookie", `${name}=${token}; Path=/; HttpOnly; SameSite=Lax${config.production ? "; Secure" : ""}`);
  }
  res.locals.anonymousCsrf = token;
  next();
});

// `?_data=` is the data request of Remix before single fetch (remix.config.js v3_singleFetch): the app never sends one,
// and Remix 2 answers it with a 500 for a loader that returns null. It is refused before Remix sees it (issue 8 R1).
app.use((req, res, next) => {
  if (!isLegacyDataRequest(req.originalUrl)) return next();
  res.status(404).type("text/plain; charset=utf-8").send("此地址不存在。 (Not found.)");
});

app.use("/build", express.static(path.join(buildDir, "..", "public", "build"), { immutable: true, maxAge: "1y" }));
// public/ holds files (favicon.svg, docs/…): only a path with a file extension is looked for there, so a page view
// does not pay for a failed stat of public/staff/queue first — nor a client-side navigation for one of
// public/staff/queue.data (single fetch's data requests end in .data; public/ holds no such file)
const publicFiles = express.static(path.join(buildDir, "..", "public"), { maxAge: "1h" });
app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) && !req.path.endsWith(".data") ? publicFiles(req, res, next) : next()));

// every Remix request runs in its own store (app/utils/request-scope.server.ts): loaders of one request share lookups
app.use((_req, _res, next) => runInRequestScope(next));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: config.production ? "production" : "development",
    getLoadContext: (_req, res) => ({
      requestId: res.locals.requestId as string,
      cspNonce: res.locals.cspNonce as string,
      anonymousCsrf: res.locals.anonymousCsrf as string,
      production: config.production,
    }),
  }),
);

const server = app.listen(config.port, config.host, () => {
  logger.info({ port: config.port, engine: database.engine, ms: Date.now() - started }, "listening");
  const lines = [
    "",
    `内蒙古行政复议与调解门户已启动 / Portal running: http://localhost:${config.port}`,
    `数据库 / Database: ${database.engine} (${database.location})`,
  ];
  if (demoAccounts.length) lines.push("", "演示账号 / Demo accounts:", formatDemoAccounts(demoAccounts));
  process.stdout.write(`${lines.join("\n")}\n\n`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => server.closeAllConnections(), 5000);
  force.unref();
  server.close();
  server.closeIdleConnections();
  try {
    await jobs?.stop();
  } catch (error) {
    logger.error({ err: error }, "error stopping the job queue");
  }
  try {
    await database.close();
  } catch (error) {
    logger.error({ err: error }, "error closing the database");
  }
  logger.info("database closed, bye");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

function parseCookie(header: string, name: string): string | undefined {
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}
