// Text of the intake API (issue 7 req. 5: POST /api/v1/intake, GET /api/v1/intake/:externalRef): every error answers in
// Chinese and English. Chinese first; English in app/locales/areas-en under the same keys.
import { registerArea } from "../catalog";

export const zh = {
  "intake.errors.missingKey": "缺少接口密钥：请在请求头中提供 Authorization: Bearer <密钥>",
  "intake.errors.invalidKey": "接口密钥无效",
  "intake.errors.revokedKey": "接口密钥已被吊销，请联系平台管理员换发新密钥",
  "intake.errors.rateLimited": "请求过于频繁，请在 {seconds} 秒后重试",
  "intake.errors.tooLarge": "请求内容过大（不超过 {kb} KB）",
  "intake.errors.invalidJson": "请求内容不是有效的 JSON（Content-Type: application/json）",
  "intake.errors.invalidBody": "请求内容有误，请按 fields 中的说明逐项改正",
  "intake.errors.conflict": "该编号（externalRef）已用于内容不同的另一件事项；重试请发送完全相同的内容，新事项请使用新编号",
  "intake.errors.notFound": "本客户端没有送来这个编号的事项",
  "intake.errors.methodNotAllowed": "此地址只接受 POST 请求",
  "intake.errors.unavailable": "暂时无法登记，请稍后重试；如持续出现请联系平台管理员",
  "intake.errors.refused": "登记被拒绝：{reason}",
  "intake.errors.externalRef": "请填写来件编号：1–64 位字母、数字或 . _ : -，以字母或数字开头",
  "intake.errors.channel": "请填写来源：hotline_12345、national_platform 或 petition_office",
  "intake.errors.parties": "请填写当事人：申请人（applicant）和对方当事人（otherParty）",
  "intake.errors.unknownField": "不认识的字段，请删去",
  "intake.errors.required": "必须填写",
  "intake.errors.invalid": "格式不对",
};

registerArea("zh-CN", zh);
