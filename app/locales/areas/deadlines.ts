// UI text of the "deadlines" area: the list of a case's running periods on the staff pages
// (app/components/deadline-list.tsx). Chinese first; English in app/locales/areas-en under the same keys.
import { registerArea } from "../catalog";

export const zh = {
  "deadlines.none": "目前没有正在计算的期限。",
  // the period's start day is not counted (《民事诉讼法》第八十五条), so the count begins the day after
  "deadlines.start": "自 {date} 的次日起算",
  "deadlines.paused": "已暂停计算",
};

registerArea("zh-CN", zh);
