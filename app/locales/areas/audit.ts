// Text of the audit log page (/admin/audit, issue 7 req. 6): the chain's last verifications and a button to run one.
// Chinese first; English in app/locales/areas-en under the same keys.
import { registerArea } from "../catalog";

export const zh = {
  "admin.audit.title": "审计日志核验",
  "admin.audit.heading": "审计日志核验",
  "admin.audit.lead": "每一条操作记录都与上一条以哈希值相连。核验会逐条重新计算哈希值：任何一条被改动或删除，都会在第一条不符的记录处发现。每次核验（本页按钮或 npm run audit:verify 命令）都被记录下来。",
  "admin.audit.last": "最近一次核验",
  "admin.audit.none": "还没有核验过。",
  "admin.audit.ok": "完整：已核验 {rows} 条记录",
  "admin.audit.broken": "已断裂：第 {id} 号记录{reason}（此前 {rows} 条核验无误）",
  "admin.audit.reason.hash": "的内容与其哈希值不符（该记录被改动过）",
  "admin.audit.reason.link": "的前序哈希与上一条记录不符（此前的记录被改动或删除过）",
  "admin.audit.run": "立即核验",
  "admin.audit.runHint": "记录较多时核验需要一些时间。",
  "admin.audit.done": "核验已完成并已记录。",
  "admin.audit.history": "核验记录",
  "admin.audit.col.when": "时间",
  "admin.audit.col.by": "执行者",
  "admin.audit.col.result": "结果",
  "admin.audit.byWeb": "{name}（在本页）",
  "admin.audit.byCli": "命令 {command}",
};

registerArea("zh-CN", zh);
