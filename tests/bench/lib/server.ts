// The production server under test (issue 8 req. 2: "against a running production build on PostgreSQL"): the real
// build/server.js started with NODE_ENV=production on a free port of 127.0.0.1, waited for on /healthz, stopped with
// SIGTERM (its own shutdown hook closes the database, STACK.md trap 7). Started by its real node PID, never via npx.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface RunningServer {
  base: string;
  port: number;
  pid: number;
  logFile: string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The files a production build consists of; missing ones mean `npm run build` has not been run. */
export function missingBuild(root: string): string[] {
  return ["build/server.js", "build/index.js", "public/build"].filter((f) => !fs.existsSync(path.join(root, f)));
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

export async function startServer(args: { root: string; databaseUrl: string; label: string; jobs: boolean }): Promise<RunningServer> {
  const port = await freePort();
  // The access log of every request goes to a file (pino writes JSON lines to stdout): the bench reads none of it,
  // and a pipe nobody drains would stall the server.
  const logFile = path.join(os.tmpdir(), `im-bench-server-${args.label}-${port}.log`);
  const fd = fs.openSync(logFile, "w");
  const child: ChildProcess = spawn(process.execPath, [path.join(args.root, "build", "server.js")], {
    cwd: args.root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: args.databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      // The scheduled jobs (pg-boss, every minute) are off unless --jobs: their periodic scans would land at random
      // moments inside the measured windows. JOBS=0 is a documented production setting (README "Configuration").
      JOBS: args.jobs ? "1" : "0",
      TRUST_PROXY: "",
    },
    stdio: ["ignore", fd, fd],
  });
  fs.closeSync(fd);
  let exited: number | string | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = code ?? signal ?? "?";
      resolve();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) throw new Error(`服务器启动失败 (server exited with ${exited}); log ${logFile}:\n${tail(logFile)}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not answer /healthz within 180 s; log ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    port,
    pid: child.pid!,
    logFile,
    stop: async () => {
      if (exited !== null) return;
      child.kill("SIGTERM");
      const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 15_000).unref());
      if ((await Promise.race([exit.then(() => "ok" as const), timer])) === "timeout") {
        child.kill("SIGKILL");
        await exit;
        throw new Error(`server ${args.label} (pid ${child.pid}) did not stop within 15 s of SIGTERM`);
      }
      if (exited !== 0) throw new Error(`server ${args.label} exited with ${exited} after SIGTERM; log ${logFile}:\n${tail(logFile)}`);
    },
  };
}
