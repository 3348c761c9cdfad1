// Plain node:http for the bench's own requests: one keep-alive connection for timed sequential GETs (the figure is the
// client-observed time on 127.0.0.1: request written → last body byte read), and raw bodies as sent on the wire
// (fetch would decompress gzip and hide the bytes P5 counts).
import http from "node:http";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body exactly as received (still gzip-encoded when the server compressed it). */
  body: Buffer;
  ms: number;
}

export class Client {
  private agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  constructor(readonly base: string) {}

  request(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
    const url = new URL(path, this.base);
    return new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(
        url,
        {
          agent: this.agent,
          method: options.method ?? "GET",
          headers: { ...(options.body !== undefined ? { "content-length": String(Buffer.byteLength(options.body)) } : {}), ...options.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - t0 }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      if (options.body !== undefined) req.write(options.body);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
