// Every environment variable the portal reads, in one place (the README's Configuration table mirrors this).
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  production: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (needed for HSTS and secure cookies behind TLS termination). */
  trustProxy: boolean;
  /** Seed demo accounts; never in production. */
  seedDemo: boolean;
  /** Run the scheduled jobs (pg-boss) in this process. */
  jobs: boolean;
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const production = env.NODE_ENV === "production";
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "0.0.0.0",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? "./data",
    production,
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
    seedDemo: !production && env.SEED_DEMO !== "0",
    jobs: env.JOBS !== "0",
  };
}

/**
 * Read at run time. The Remix compiler replaces the literal `process.env.NODE_ENV` in app code with "production" at
 * build time, so app code asks here instead (readConfig reads its argument, which the compiler leaves alone).
 */
export function isProduction(): boolean {
  return readConfig().production;
}
