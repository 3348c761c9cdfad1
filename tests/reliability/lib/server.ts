// The BUILT server (build/server.js) as production runs it, started and stopped by the harness: NODE_ENV=production,
// the run's PostgreSQL database, a free port, every line of stdout + stderr appended to one log file (R9 scans it).
// Started by its real node PID, never through npx, so that SIGTERM and SIGKILL reach the server itself (STACK.md
// trap 7). Like tests/e2e/global-setup.ts: ready when /healthz answers 200; a graceful stop must exit 0 within 10 s.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ServerOptions {
  root: string;
  databaseUrl: string;
  logFile: string;
  /** pino level; debug by default so that the log scan (R9) reads everything the server can say. */
  logLevel?: string;
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export class ServerProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<Exit> | null = null;
  private exitInfo: Exit | null = null;
  private port = 0;
  /** How many times the server was started (R5 restarts it every round). */
  starts = 0;
  lastStartMs = 0;

  constructor(private readonly options: ServerOptions) {}

  get baseUrl(): string {
    if (!this.port) throw new Error("server not started");
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (this.child && !this.exitInfo) throw new Error("server already running");
    const serverJs = path.join(this.options.root, "build", "server.js");
    if (!fs.existsSync(serverJs)) throw new Error(`${serverJs} not found: run npm run build first (先运行 npm run build)`);
    this.port = await freePort();
    const { DATABASE_URL: _d, DATA_DIR: _dd, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      NODE_ENV: "production",
      DATABASE_URL: this.options.databaseUrl,
      PORT: String(this.port),
      HOST: "127.0.0.1",
      LOG_LEVEL: this.options.logLevel ?? "debug",
    };
    fs.appendFileSync(this.options.logFile, "");
    const fd = fs.openSync(this.options.logFile, "a");
    const t0 = Date.now();
    const child = spawn(process.execPath, [serverJs], { cwd: this.options.root, env, stdio: ["ignore", fd, fd] });
    fs.closeSync(fd);
    this.child = child;
    this.exitInfo = null;
    this.exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    void this.exited.then((info) => (this.exitInfo = info));
    this.starts++;
    try {
      await this.waitForHealth();
    } catch (error) {
      child.kill("SIGKILL");
      await this.exited;
      throw error;
    }
    this.lastStartMs = Date.now() - t0;
  }

  /** kill -9: no shutdown hook runs, open transactions die with their connections (R5). */
  async kill9(): Promise<void> {
    if (!this.child || this.exitInfo) return;
    this.child.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM and a clean exit (code 0 within 10 s), as tests/e2e/global-setup.ts demands. */
  async stop(): Promise<void> {
    if (!this.child) return;
    if (this.exitInfo) {
      const info = this.exitInfo;
      this.child = null;
      if (info.signal === "SIGKILL") return;
      throw new Error(`the server had died (code ${info.code}, signal ${info.signal})\n${this.tail()}`);
    }
    this.child.kill("SIGTERM");
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS).unref());
    const result = await Promise.race([this.exited!, timeout]);
    if (result === "timeout") {
      this.child.kill("SIGKILL");
      await this.exited;
      this.child = null;
      throw new Error(`the server did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM\n${this.tail()}`);
    }
    this.child = null;
    if (result.code !== 0) throw new Error(`the server exited with code ${result.code} after SIGTERM; expected 0\n${this.tail()}`);
  }

  /** Whether the process is still alive (a crash in the middle of a check is itself a failure). */
  get running(): boolean {
    return Boolean(this.child && !this.exitInfo);
  }

  tail(lines = 30): string {
    try {
      const text = fs.readFileSync(this.options.logFile, "utf8").trimEnd().split("\n");
      return `--- last ${Math.min(lines, text.length)} lines of ${this.options.logFile} ---\n${text.slice(-lines).join("\n")}`;
    } catch {
      return `(no log at ${this.options.logFile})`;
    }
  }

  private async waitForHealth(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.exitInfo) throw new Error(`the server exited during start (code ${this.exitInfo.code}, signal ${this.exitInfo.signal})\n${this.tail()}`);
      try {
        const res = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`/healthz did not answer 200 within ${READY_TIMEOUT_MS / 1000} s\n${this.tail()}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
