// Client keys of the intake API (issue 7 req. 5):  npm run api:key -- <command>
//   create "<name>" --center <organ code of a dispute center> [--rate <per minute>] [--burst <requests>]
//        prints the key ONCE (only its SHA-256 is stored); e.g. create "12345热线" --center 150100-center
//   revoke <key prefix>     the key answers 401 from its next request on
//   list                    every client: prefix, name, center, rate, created, last used, revoked
// Opens the database as audit:verify does (DATABASE_URL, else the PGlite under DATA_DIR; stop the server first for PGlite).
// Exit status: 0 done, 1 refused (bad arguments, unknown center or prefix), 2 could not open the database.
import { parseArgs } from "node:util";
import { createApiClient, listApiClients, revokeApiClient } from "../app/services/api-clients.server";
import { DatabaseLockedError, type Database } from "./client";
import { openCliDatabase } from "./cli-database";

const usage = [
  "用法 / Usage:",
  '  npm run api:key -- create "<名称 name>" --center <矛调中心机构代码 center organ code> [--rate 60] [--burst 30]',
  "  npm run api:key -- revoke <密钥前缀 key prefix>",
  "  npm run api:key -- list",
].join("\n");

async function run(database: Database, argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { center: { type: "string" }, rate: { type: "string" }, burst: { type: "string" } },
  });
  const [command, arg] = positionals;
  if (command === "create" && arg) {
    if (!values.center) {
      console.error(`请用 --center 指定接收事项的矛调中心机构代码。 (Name the receiving dispute center with --center.)\n${usage}`);
      return 1;
    }
    const result = await createApiClient({
      name: arg,
      centerCode: values.center,
      ratePerMinute: values.rate === undefined ? undefined : Number(values.rate),
      burst: values.burst === undefined ? undefined : Number(values.burst),
      q: database.db,
    });
    if (!result.ok) {
      const why = {
        center: `找不到机构代码为 ${values.center} 的矛调中心。 (No dispute center has the code ${values.center}.)`,
        name: "名称不能为空，最多 100 字。 (The name must be 1–100 characters.)",
        rate: "--rate 和 --burst 须为 1 到 100000 之间的整数。 (--rate and --burst must be integers from 1 to 100000.)",
      }[result.reason];
      console.error(why);
      return 1;
    }
    const c = result.client;
    console.log(
      [
        `已为“${c.name}”生成接口密钥（前缀 ${c.keyPrefix}，事项进入 ${c.centerName}，每分钟 ${c.ratePerMinute} 次、可突发 ${c.burst} 次）。`,
        `API key created for "${c.name}" (prefix ${c.keyPrefix}; items go to ${c.centerName}; ${c.ratePerMinute}/min, bursts of ${c.burst}).`,
        "",
        result.key,
        "",
        "密钥只显示这一次，本平台只保存其哈希值：请立即交给对方系统妥善保存。",
        "The key is shown only this once and only its hash is stored: hand it to the client system now.",
      ].join("\n"),
    );
    return 0;
  }
  if (command === "revoke" && arg) {
    if (await revokeApiClient({ keyPrefix: arg, q: database.db })) {
      console.log(`已吊销密钥 ${arg}。 (Key ${arg} revoked.)`);
      return 0;
    }
    console.error(`没有前缀为 ${arg} 的有效密钥。 (No live key has the prefix ${arg}.)`);
    return 1;
  }
  if (command === "list") {
    const rows = await listApiClients(database.db);
    if (rows.length === 0) console.log("还没有客户端密钥。 (No client keys yet.)");
    for (const c of rows) {
      const state = c.revokedAt ? `已吊销 revoked ${c.revokedAt.toISOString()}` : "有效 live";
      console.log(`${c.keyPrefix}  ${c.name}  → ${c.centerName}  ${c.ratePerMinute}/min burst ${c.burst}  created ${c.createdAt.toISOString()}  last used ${c.lastUsedAt?.toISOString() ?? "-"}  ${state}`);
    }
    return 0;
  }
  console.error(usage);
  return 1;
}

async function main(): Promise<number> {
  let database: Database;
  try {
    database = await openCliDatabase(process.env);
  } catch (error) {
    console.error(error instanceof DatabaseLockedError ? `${error.message}\n请先停止服务器。 (Stop the server first.)` : (error as Error).message);
    return 2;
  }
  try {
    return await run(database, process.argv.slice(2));
  } catch (error) {
    const e = error as Error & { cause?: Error; code?: string };
    console.error(e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? `${e.message}\n${usage}` : `失败：${e.cause?.message ?? e.message} (Failed.)`);
    return e.code?.startsWith("ERR_PARSE_ARGS") ? 1 : 2;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
