// The OpenAPI 3.1 document of the intake API, generated from the same zod schemas that validate the requests
// (app/domain/intake.ts) with zod 4's z.toJSONSchema: the document cannot drift from what the server accepts.
import { z } from "zod";
import { ApiErrorSchema, ExternalRefSchema, IntakeReceiptSchema, IntakeRequestSchema, IntakeStatusSchema } from "./intake";

/** The documented default rate limit of a client (api_clients.rate_per_minute / burst; the CLI may set others). */
export const DEFAULT_RATE = { perMinute: 60, burst: 30 } as const;

// OpenAPI 3.1 schema objects are JSON Schema 2020-12; the "$schema" keyword is left to the document's dialect.
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, target: "draft-2020-12" }) as Record<string, unknown>;
  return rest;
}

const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } } });

export function intakeOpenApiDocument(serverUrl?: string): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "内蒙古行政复议与调解门户 — 事项转入接口 / Intake API",
      version: "1.0.0",
      description: [
        "其他系统（12345热线、全国平台、信访部门）把纠纷事项转入矛调中心待分流队列。每个客户端系统一个密钥（Authorization: Bearer <key>），",
        `默认每分钟 ${DEFAULT_RATE.perMinute} 次、可突发 ${DEFAULT_RATE.burst} 次（令牌桶）；超过时答复 429 并给出 Retry-After。`,
        "同一客户端以同一 externalRef 重试同样内容，答复同一案件（200）；内容不同答复 409。",
        "",
        "Other systems (the 12345 hotline, the national platform, the petition office) pass dispute items into the dispute center's triage queue.",
        `One key per client system (Authorization: Bearer <key>); by default ${DEFAULT_RATE.perMinute} requests a minute with bursts of ${DEFAULT_RATE.burst}`,
        "(a token bucket); over the limit the answer is 429 with Retry-After. A retry with the same externalRef and the same body returns the same case (200);",
        "the same externalRef with another body answers 409.",
      ].join("\n"),
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearerKey: [] }],
    paths: {
      "/api/v1/intake": {
        post: {
          operationId: "submitIntake",
          summary: "转入一件事项 / Pass on an item",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/IntakeRequest" } } } },
          responses: {
            "201": { description: "已登记 / Registered", content: { "application/json": { schema: { $ref: "#/components/schemas/IntakeReceipt" } } } },
            "200": { description: "同一请求的重试 / A retry of the same request", content: { "application/json": { schema: { $ref: "#/components/schemas/IntakeReceipt" } } } },
            "400": error("请求内容有误，fields 逐字段说明 / The body is invalid; fields says why, per field"),
            "401": error("密钥缺失、无效或已吊销 / The key is missing, invalid or revoked"),
            "409": error("同一 externalRef 的内容不同 / The same externalRef with a different body"),
            "413": error("请求内容过大 / The body is too large"),
            "429": {
              ...error("超过频率限制 / Over the rate limit"),
              headers: { "Retry-After": { description: "秒 / seconds", schema: { type: "integer", minimum: 1 } } },
            },
          },
        },
      },
      "/api/v1/intake/{externalRef}": {
        get: {
          operationId: "getIntakeStatus",
          summary: "查询办理状态 / The status of an item",
          parameters: [{ name: "externalRef", in: "path", required: true, schema: jsonSchema(ExternalRefSchema, "input") }],
          responses: {
            "200": { description: "办理状态 / The status", content: { "application/json": { schema: { $ref: "#/components/schemas/IntakeStatus" } } } },
            "401": error("密钥缺失、无效或已吊销 / The key is missing, invalid or revoked"),
            "404": error("本客户端没有这个编号的事项 / This client sent no item with this reference"),
            "429": {
              ...error("超过频率限制 / Over the rate limit"),
              headers: { "Retry-After": { description: "秒 / seconds", schema: { type: "integer", minimum: 1 } } },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerKey: { type: "http", scheme: "bearer", description: "客户端密钥，由管理员用 npm run api:key 生成 / The client's key, made by an administrator with npm run api:key" },
      },
      schemas: {
        IntakeRequest: jsonSchema(IntakeRequestSchema, "input"),
        IntakeReceipt: jsonSchema(IntakeReceiptSchema, "output"),
        IntakeStatus: jsonSchema(IntakeStatusSchema, "output"),
        ApiError: jsonSchema(ApiErrorSchema, "output"),
      },
    },
  };
}
