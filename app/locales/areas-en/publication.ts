// English UI text of the "publication" area, under the keys of app/locales/areas/publication.ts (the Chinese). Loaded in the browser
// only when the page is in English (app/locales/english.ts).
import { registerArea } from "../catalog";
import type { zh } from "../areas/publication";

export const en: Record<keyof typeof zh, string> = {
  "home.publicDecisions.title": "Published reconsideration decisions",
  "home.publicDecisions.body":
    "Read reconsideration decisions in force, published with personal information removed; filter by organ and year and search by keyword.",
  "home.publicDecisions.link": "Read published decisions",

  "publication.status.proposed": "Proposed for publication, awaiting review",
  "publication.status.approved": "Published",
  "publication.status.rejected": "Publication refused",
  "publication.status.withdrawn": "Publication withdrawn",
  "publication.actDisclosure.public":
    "The act challenged was made public (or must be by law)",
  "publication.actDisclosure.not_public":
    "The act challenged was not made public",
  "publication.kind.name": "Name",
  "publication.kind.idNumber": "ID number",
  "publication.kind.bankCard": "Bank account",
  "publication.kind.phone": "Phone number",
  "publication.kind.email": "E-mail",
  "publication.kind.plate": "Licence plate",
  "publication.kind.address": "Street address",

  "publication.errors.actDisclosure":
    "Say whether the act challenged was made public.",
  "publication.errors.actNotPublic":
    "Decisions are published according to whether the act challenged was public; this one was not, so the decision is not published (Art. 79(1)).",
  "publication.errors.noSecrets":
    "Confirm that the decision contains no state or business secrets or other matter exempt from disclosure (OGI Regulations Arts. 14–15).",
  "publication.errors.title": "Enter the public title.",
  "publication.errors.text": "Enter the public text.",
  "publication.errors.tooLong": "Too long; please shorten it.",
  "publication.errors.rejectReason":
    "Give the reason for refusing publication.",
  "publication.errors.withdrawReason":
    "Give the reason for withdrawing the publication.",
  "publication.errors.search": "At most 50 characters.",
  "publication.errors.organ": "Choose an organ from the list.",
  "publication.errors.year": "Choose a year from the list.",
  "publication.errors.page": "Invalid page number.",
  "publication.errors.notFound": "Publication not found.",
  "publication.errors.conflict":
    "Someone else has already handled this (or a copy is awaiting review or published); refresh the page.",
  "publication.errors.noText":
    "This decision has no text that can be published.",
  "publication.errors.leaks":
    "The public text still contains a party's name, ID number, phone or address; remove it and submit again.",
  "publication.errors.warnings":
    "The check found items that may be personal information. Change them, or confirm they are not personal information.",

  "publication.case.title": "Publication of the decision",
  "publication.case.heading": "Publication of the decision · case {caseNumber}",
  "publication.case.lead":
    "The organ publishes decisions according to whether the act challenged was public and under national rules ({basis}). What is published is the anonymised copy: people keep only their surname; ID numbers, phones, street addresses and plates are removed; organisations keep their names ({privacy}). Nothing is public until an office head approves it.",
  "publication.case.toDecision": "Mediation and decision page",
  "publication.case.done":
    "Proposed. The anonymised copy was generated and awaits an office head's review.",
  "publication.case.decisionHeading": "Reconsideration decision",
  "publication.case.noDecision": "No decision has been issued in this case.",
  "publication.case.proposedMeta": "proposed by {name} at {time}",
  "publication.case.withdrawnMeta": "taken down at {time}; reason: {reason}",
  "publication.case.publicLink": "Open the published copy",
  "publication.case.waiting":
    "Awaiting the office head's review; not public until approved.",
  "publication.case.showCopy": "Show the anonymised copy",
  "publication.case.history": "Earlier proposals",
  "publication.propose.heading": "Propose for publication",
  "publication.propose.lead":
    "The anonymised copy is generated on submission and goes to another office head for review.",
  "publication.propose.actDisclosure": "Disclosure of the act challenged",
  "publication.propose.actDisclosureHint":
    "Art. 79(1): decisions are published according to whether the act challenged was public.",
  "publication.propose.noSecrets":
    "I have checked that the decision contains no state or business secrets or other matter exempt from disclosure",
  "publication.propose.submit": "Propose for publication",
  "publication.decisionPage.heading": "Publication",
  "publication.decisionPage.none":
    "The decision has not been proposed for publication.",
  "publication.decisionPage.link": "Propose, or see the publication",

  "publication.review.title": "Review of publications",
  "publication.review.heading": "Review of publications",
  "publication.review.lead":
    "Check the anonymised copy against the original: people keep only their surname; ID numbers, phones, street addresses and plates are removed; organisations keep their names. You may correct the copy; it is checked again on submission. The proposer cannot approve (four eyes).",
  "publication.review.done.approve": "Approved; the decision is now public.",
  "publication.review.done.reject": "Refused; not published.",
  "publication.review.done.withdraw": "Publication withdrawn.",
  "publication.review.proposedHeading": "Awaiting review ({count})",
  "publication.review.none": "Nothing awaits review.",
  "publication.review.publishedHeading": "Published ({count})",
  "publication.review.nonePublished": "No published decisions of your organs.",
  "publication.review.caseNumber": "case {caseNumber}",
  "publication.review.publishedAt": "published {time}",
  "publication.review.redactions": "Removed:",
  "publication.review.noRedactions": "nothing",
  "publication.review.leaks":
    "These party details are still in the public text and must be removed:",
  "publication.review.warnings":
    "The check thinks these may be personal information:",
  "publication.review.original": "Original (staff of this organ only)",
  "publication.review.copy": "Public copy",
  "publication.review.titleField": "Public title (no names)",
  "publication.review.textField": "Anonymised text",
  "publication.review.textHint":
    "You may edit it; it is checked again on submission.",
  "publication.review.reason": "Review note",
  "publication.review.reasonHint": "Required when refusing publication.",
  "publication.review.acknowledge":
    "I have checked each item above; none is personal information (e.g. a place or organ name), publish",
  "publication.review.ownProposal":
    "You proposed this publication; another office head must approve it. You may refuse it.",
  "publication.review.approve": "Approve publication",
  "publication.review.reject": "Refuse publication",
  "publication.withdraw.heading": "Withdraw publication",
  "publication.withdraw.reason": "Reason for withdrawal",
  "publication.withdraw.submit": "Withdraw publication",

  "publication.public.title": "Published reconsideration decisions",
  "publication.public.detailTitle": "Published reconsideration decision",
  "publication.public.heading": "Published reconsideration decisions",
  "publication.public.lead":
    "Reconsideration decisions published under {basis}. To protect personal information the copies are anonymised: people keep only their surname; ID numbers, phones and street addresses are removed.",
  "publication.public.searchLabel": "Search published decisions",
  "publication.public.q": "Keywords",
  "publication.public.qHint": "Searches titles and text, e.g. 行政处罚, 维持.",
  "publication.public.organ": "Deciding organ",
  "publication.public.allOrgans": "All organs",
  "publication.public.year": "Year of decision",
  "publication.public.allYears": "All years",
  "publication.public.yearOption": "{year}",
  "publication.public.submit": "Search",
  "publication.public.reset": "Clear",
  "publication.public.badQuery": "The search has errors; please correct them.",
  "publication.public.count": "{count} decisions.",
  "publication.public.countFor": "{count} decisions for “{q}”.",
  "publication.public.none": "No decisions match.",
  "publication.public.decidedOn": "decided {date}",
  "publication.public.pages": "Pages",
  "publication.public.prev": "Previous page",
  "publication.public.next": "Next page",
  "publication.public.pageOf": "Page {page} of {count}",
  "publication.public.back": "Back to the published decisions",
  "publication.public.anonymisedNote":
    "This is the anonymised public copy: the same as the original, with personal information removed.",
  "publication.public.original": "Open the original (staff of this organ)",
  "publication.party.published":
    "The decision in this case was published in anonymised form on {time} (Art. 79(1)); the public copy does not contain your full name, ID number, phone or address.",
  "publication.party.link": "Open the public copy",
};

registerArea("en", en);
