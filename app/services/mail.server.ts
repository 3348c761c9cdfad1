// E-mail for the notification dispatcher (issue 6 req. 10): SMTP through nodemailer when SMTP_HOST is set; otherwise a
// file mailbox, one RFC 822 file per delivery in DATA_DIR/mailbox/<idempotency key>.eml (nodemailer's stream
// transport builds the message), so a demo or a single office without a mail server still sees every e-mail.
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { mailDomain, messageIdFor } from "~/domain/notify";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The delivery's idempotency key: the Message-ID's local part, the SMTP envelope id (ENVID) and the file name. */
  idempotencyKey: string;
  /** The event's time: a re-send after a crash produces the same message (same Date and Message-ID). */
  date: Date;
}

export interface Mailer {
  kind: "smtp" | "file";
  /** Where mail goes, for the log: the SMTP host or the mailbox directory (no credentials). */
  target: string;
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export type MailConfig =
  | { kind: "smtp"; host: string; port: number; secure: boolean; user?: string; pass?: string; from: string }
  | { kind: "file"; dir: string; from: string };

const DEFAULT_FROM = "内蒙古自治区行政复议与调解服务平台 <noreply@im-portal.invalid>";

/** SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASS, SMTP_FROM; without SMTP_HOST the file mailbox under DATA_DIR. */
export function readMailConfig(env: Record<string, string | undefined> = process.env): MailConfig {
  const from = env.SMTP_FROM?.trim() || DEFAULT_FROM;
  const host = env.SMTP_HOST?.trim();
  if (!host) return { kind: "file", dir: path.resolve(env.DATA_DIR ?? "./data", "mailbox"), from };
  const secure = env.SMTP_SECURE === "1" || env.SMTP_SECURE === "true";
  const port = Number(env.SMTP_PORT) || (secure ? 465 : 587);
  return { kind: "smtp", host, port, secure, user: env.SMTP_USER || undefined, pass: env.SMTP_PASS || undefined, from };
}

/** The message as nodemailer takes it: Message-ID and envelope id from the idempotency key. */
function message(config: MailConfig, mail: OutgoingMail) {
  return {
    from: config.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    date: mail.date,
    messageId: messageIdFor(mail.idempotencyKey, mailDomain(config.from)),
    headers: { "X-Portal-Delivery": mail.idempotencyKey },
    dsn: { id: mail.idempotencyKey, return: "headers", notify: ["failure", "delay"], recipient: mail.to },
  };
}

export function createMailer(config: MailConfig): Mailer {
  if (config.kind === "smtp") {
    const transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: config.user ? { user: config.user, pass: config.pass ?? "" } : undefined,
      // short timeouts: a hanging server must fail the attempt well within the dispatcher's claim lease
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
    return {
      kind: "smtp",
      target: `${config.host}:${config.port}`,
      async send(mail) {
        const info = await transport.sendMail(message(config, mail));
        if (info.rejected?.length) throw new Error(`SMTP server rejected the recipient (${info.response ?? "no response"})`);
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "file",
    target: config.dir,
    async send(mail) {
      const info = await transport.sendMail(message(config, mail));
      await fs.mkdir(config.dir, { recursive: true });
      // write then rename: a reader never sees half a file, and a re-send replaces the file instead of adding one
      const file = path.join(config.dir, `${mail.idempotencyKey}.eml`);
      const temp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temp, info.message as Buffer);
      await fs.rename(temp, file);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

let cached: { key: string; mailer: Mailer } | undefined;

/** The process's mailer from the environment, made once per configuration. */
export function mailerFromEnv(env: Record<string, string | undefined> = process.env): Mailer {
  const config = readMailConfig(env);
  const key = JSON.stringify(config);
  if (cached?.key !== key) {
    cached?.mailer.close();
    cached = { key, mailer: createMailer(config) };
  }
  return cached.mailer;
}
