// Every English string: the base strings and each area's (app/locales/areas-en/*.ts register themselves). The server
// loads it with everything else (all.server.ts); the browser loads it as one chunk, and only when the page is in
// English (app/entry.client.tsx, before hydration): a Chinese page downloads no English.
import type { areasZh } from "./areas/index";
import { en as admin } from "./areas-en/admin";
import { en as agency } from "./areas-en/agency";
import { en as apply } from "./areas-en/apply";
import { en as audit } from "./areas-en/audit";
import { en as cases } from "./areas-en/cases";
import { en as center } from "./areas-en/center";
import { en as committee } from "./areas-en/committee";
import { en as court } from "./areas-en/court";
import { en as deadlines } from "./areas-en/deadlines";
import { en as decision } from "./areas-en/decision";
import { en as documents } from "./areas-en/documents";
import { en as guide } from "./areas-en/guide";
import { en as intake } from "./areas-en/intake";
import { en as letters } from "./areas-en/letters";
import { en as mediation } from "./areas-en/mediation";
import { en as mediationHandling } from "./areas-en/mediation-handling";
import { en as mediationInvitation } from "./areas-en/mediation-invitation";
import { en as member } from "./areas-en/member";
import { en as notify } from "./areas-en/notify";
import { en as performance } from "./areas-en/performance";
import { en as procedure } from "./areas-en/procedure";
import { en as publication } from "./areas-en/publication";
import { en as queue } from "./areas-en/queue";
import { en as staff } from "./areas-en/staff";
import { en as stats } from "./areas-en/stats";
import { en as team } from "./areas-en/team";
import { en as uploads } from "./areas-en/uploads";
import { registerArea } from "./catalog";
import { baseEn } from "./en";

registerArea("en", baseEn);

export const areasEn: Record<keyof typeof areasZh, string> = { ...admin, ...agency, ...apply, ...audit, ...cases, ...center, ...committee, ...court, ...deadlines, ...decision, ...documents, ...guide, ...intake, ...letters, ...mediation, ...mediationHandling, ...mediationInvitation, ...member, ...notify, ...performance, ...procedure, ...publication, ...queue, ...staff, ...stats, ...team, ...uploads };
