// The classic z.preprocess, which zod/mini lacks, for the schema modules the browser loads (zod/mini, functional API).
import * as z from "zod/mini";

/**
 * A transform piped into the schema (at run time the classic z.preprocess builds the same pipe). Typed like
 * z.preprocess: a key stays optional in the input type when the schema is optional.
 */
export function preprocess<B extends z.core.$ZodType>(fn: (value: unknown) => unknown, schema: B) {
  type Typed = z.ZodMiniPipe<z.ZodMiniTransform<unknown, unknown>, B> & { _zod: { optin: B["_zod"]["optin"]; optout: B["_zod"]["optout"] } };
  return z.pipe(z.transform(fn), schema) as unknown as Typed;
}
