// Text messages for the notification dispatcher (issue 6 req. 10), behind an adapter: a real gateway (a provider's
// HTTP API) implements SmsProvider; until one is contracted, the log provider records that a message would have gone
// out — the recipient masked to the last four digits, never the number or the text (which may carry ID numbers).
import { maskPhone } from "~/domain/notify";
import { logger } from "~/logger.server";

export interface OutgoingSms {
  /** Mainland mobile number. */
  to: string;
  text: string;
  /** The delivery's idempotency key: a gateway with client-side deduplication (an "out id") gets it. */
  idempotencyKey: string;
}

export interface SmsProvider {
  name: string;
  /** Resolves once the gateway accepted the message; the gateway's id for it. */
  send(sms: OutgoingSms): Promise<{ id: string }>;
}

type Log = (msg: string, extra?: Record<string, unknown>) => void;

export function logSmsProvider(log: Log = (msg, extra) => logger.info(extra ?? {}, msg)): SmsProvider {
  return {
    name: "log",
    async send(sms) {
      log("sms not sent (log-only provider)", { to: maskPhone(sms.to), delivery: sms.idempotencyKey, chars: sms.text.length });
      return { id: `log:${sms.idempotencyKey}` };
    },
  };
}

/** The provider of this process: only the log provider exists so far (SMS_PROVIDER is reserved for a real gateway). */
export function smsProviderFromEnv(): SmsProvider {
  return logSmsProvider();
}
