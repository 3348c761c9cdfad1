// Feature areas of the UI text, Chinese. Each area file exports `zh` (Simplified Chinese, the default); its English is
// app/locales/areas-en/<area>.ts, typed against `zh` (a missing English string fails the type check and
// tests/unit/i18n.test.ts). Only the server and tests import this index: the browser loads areas one by one.
import * as admin from "./admin";
import * as agency from "./agency";
import * as apply from "./apply";
import * as audit from "./audit";
import * as cases from "./cases";
import * as center from "./center";
import * as committee from "./committee";
import * as court from "./court";
import * as deadlines from "./deadlines";
import * as decision from "./decision";
import * as documents from "./documents";
import * as guide from "./guide";
import * as intake from "./intake";
import * as letters from "./letters";
import * as mediation from "./mediation";
import * as mediationHandling from "./mediation-handling";
import * as mediationInvitation from "./mediation-invitation";
import * as member from "./member";
import * as notify from "./notify";
import * as performance from "./performance";
import * as procedure from "./procedure";
import * as publication from "./publication";
import * as queue from "./queue";
import * as staff from "./staff";
import * as stats from "./stats";
import * as team from "./team";
import * as uploads from "./uploads";

export const areasZh = { ...documents.zh, ...agency.zh, ...guide.zh, ...apply.zh, ...mediation.zh, ...mediationInvitation.zh, ...cases.zh, ...staff.zh, ...uploads.zh, ...queue.zh, ...decision.zh, ...team.zh, ...procedure.zh, ...center.zh, ...deadlines.zh, ...member.zh, ...performance.zh, ...letters.zh, ...notify.zh, ...committee.zh, ...intake.zh, ...audit.zh, ...stats.zh, ...publication.zh, ...court.zh, ...mediationHandling.zh, ...admin.zh };
