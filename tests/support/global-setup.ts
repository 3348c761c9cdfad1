// Vitest globalSetup for the unit + integration suite: prepares ONE migrated database template per run, from which
// every test file clones its own fresh database (tests/support/db.ts).
//  - PGlite (default): an in-memory PGlite is migrated once and dumped with dumpDataDir; each file loads the tarball
//    (~0.6 s) instead of running initdb + migrations (~4-5 s). The tarballs are cached under node_modules/.cache keyed
//    by the migrations, db/client.ts and the PGlite version, so a second run skips even that (TEST_TEMPLATE_CACHE=0
//    rebuilds them). Prepared on both engines: PGlite-only tests (the directory lock) use it too.
//  - PostgreSQL (TEST_DATABASE_URL set): a template database imr_tpl_<run> is created and migrated; each file runs
//    CREATE DATABASE … TEMPLATE imr_tpl_<run>. Teardown drops the template and any database of this run left behind.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { migrateDatabase, migrationsFolder, openDatabase, redactUrl } from "../../db/client";
import type { TemplateInfo } from "./db";
import { adminConnection, databaseUrl, dropDatabase, likeEscape, quoteIdent, testDatabasePrefix } from "./postgres-admin";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Measured per clone: "none" (41 MB) loads in ~0.65 s, "gzip" (5 MB) in ~0.85 s: inflating costs more than reading. */
const COMPRESSION: "none" | "gzip" = "none";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The PGlite template is prepared on both engines: the PGlite-only tests (the directory lock) clone it too.
  const pglite = await preparePgliteTemplate();
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const { info, teardown } = await preparePostgresTemplate(url);
    project.provide("imrTemplate", { pglite, postgres: info });
    return teardown;
  }
  project.provide("imrTemplate", { pglite });
  return async () => {};
}

function templateKey(): string {
  const hash = createHash("sha256");
  const files = [
    ...fs
      .readdirSync(migrationsFolder, { recursive: true, encoding: "utf8" })
      .map((name) => path.join(migrationsFolder, name))
      .filter((file) => fs.statSync(file).isFile()),
    path.join(root, "db", "client.ts"),
    path.join(root, "node_modules", "@electric-sql", "pglite", "package.json"),
    fileURLToPath(import.meta.url),
  ].sort();
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

async function preparePgliteTemplate(): Promise<TemplateInfo["pglite"]> {
  const cacheDir = path.join(root, "node_modules", ".cache", "imr-test");
  const key = templateKey();
  const ext = COMPRESSION === "gzip" ? "tar.gz" : "tar";
  const emptyTarball = path.join(cacheDir, `pglite-${key}-empty.${ext}`);
  const migratedTarball = path.join(cacheDir, `pglite-${key}-migrated.${ext}`);
  const useCache = process.env.TEST_TEMPLATE_CACHE !== "0";
  if (!(useCache && fs.existsSync(emptyTarball) && fs.existsSync(migratedTarball))) {
    fs.mkdirSync(cacheDir, { recursive: true });
    const database = await openDatabase({ pgliteDir: "memory://" });
    try {
      const pglite = (database as unknown as { pglite: { dumpDataDir(c: "none" | "gzip"): Promise<Blob> } }).pglite;
      const write = async (file: string) => {
        const blob = await pglite.dumpDataDir(COMPRESSION);
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
        fs.renameSync(tmp, file); // atomic: a concurrent run never reads half a file
      };
      await write(emptyTarball);
      await migrateDatabase(database);
      await write(migratedTarball);
    } finally {
      await database.close();
    }
    for (const name of fs.readdirSync(cacheDir)) {
      if (name.startsWith("pglite-") && !name.includes(key)) fs.rmSync(path.join(cacheDir, name), { force: true });
    }
  }
  return { emptyTarball, migratedTarball };
}

async function preparePostgresTemplate(url: string): Promise<{ info: NonNullable<TemplateInfo["postgres"]>; teardown: () => Promise<void> }> {
  // <start time, base 36>_<pid>_<random>: the time lets a later run drop what a killed run left behind
  const runId = `${Math.floor(Date.now() / 1000).toString(36)}_${process.pid}_${randomBytes(3).toString("hex")}`;
  const template = `imr_tpl_${runId}`;
  const teardown = async () => {
    const admin = await adminConnection(url);
    try {
      const leftovers = await admin<{ datname: string }[]>`
        select datname from pg_database where datname = ${template} or datname like ${`${likeEscape(testDatabasePrefix(runId))}%`}`;
      for (const { datname } of leftovers) await dropDatabase(admin, datname);
    } finally {
      await admin.end({ timeout: 5 });
    }
  };
  try {
    const admin = await adminConnection(url);
    try {
      await dropAbandonedDatabases(admin);
      await admin.unsafe(`CREATE DATABASE ${quoteIdent(template)} TEMPLATE template0`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    const database = await openDatabase({ url: databaseUrl(url, template), max: 1 });
    try {
      await migrateDatabase(database);
    } finally {
      await database.close();
    }
  } catch (error) {
    await teardown();
    throw new Error(`could not prepare the template database on ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return { info: { url, template, runId }, teardown };
}

/** Databases of runs that started over 6 hours ago (killed before their teardown): no run lasts that long. */
async function dropAbandonedDatabases(admin: Awaited<ReturnType<typeof adminConnection>>): Promise<void> {
  const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname ~ '^imr_(tpl|t)_[0-9a-z]+_[0-9]+_'`;
  const cutoff = Date.now() / 1000 - 6 * 3600;
  for (const { datname } of rows) {
    const started = parseInt(/^imr_(?:tpl|t)_([0-9a-z]+)_/.exec(datname)![1], 36);
    if (started < cutoff) await dropDatabase(admin, datname);
  }
}
