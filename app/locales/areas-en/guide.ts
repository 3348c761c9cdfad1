// English UI text of the "guide" area, under the keys of app/locales/areas/guide.ts (the Chinese). Loaded in the browser
// only when the page is in English (app/locales/english.ts).
import { registerArea } from "../catalog";
import type { zh } from "../areas/guide";

export const en: Record<keyof typeof zh, string> = {
  "errors.guideSituationRequired": "Choose the option closest to your situation",
  "errors.guideSuedRequired": "Choose whether you have already sued in court over this",

  "guide.pageTitle": "Find the right channel",
  "guide.heading": "Where should I take my problem?",
  "guide.lead":
    "Answer a few short questions and we tell you which channel fits — reconsideration, administrative mediation, people's mediation, petition or litigation — and the law behind the advice. No login needed; nothing you enter is stored.",
  "guide.formHeading": "Answer the questions below",
  "guide.editHeading": "Your answers (change them to see new advice)",
  "guide.errorSummary": "Correct the marked answers to continue.",
  "guide.continue": "Continue",
  "guide.showResult": "Show the advice",
  "guide.restart": "Start again",
  "guide.toAnswers": "Change my answers",
  "guide.disclaimer":
    "This advice is generated from your answers for reference only; it is not legal advice and does not say whether an organ will accept your case. For complex cases call the public legal service hotline 12348.",

  "guide.q.situation": "What kind of problem is it?",
  "guide.q.situation.act":
    "An administrative organ (or an organisation authorised by law) made a decision or took a measure against me, or did not act on my request",
  "guide.q.situation.civil":
    "A dispute between me and another person or organisation (e.g. neighbours, family, consumer, traffic-accident compensation, land contracting)",
  "guide.q.situation.organ_mediation": "An administrative organ mediated my dispute with someone and I am not satisfied with the mediation",
  "guide.q.situation.court_case": "The matter is before a court or procuratorate, or I disagree with a court judgment or ruling",
  "guide.q.situation.complaint": "I want to make a suggestion or complaint about government work that fits none of the above",

  "guide.q.actKind": "What did the organ do?",
  "guide.q.actKind.hint": 'Pick the closest; if none fits, pick "other".',
  "guide.q.actKind.penalty": "An administrative penalty (e.g. fine, warning, confiscation, licence revoked, business suspended, detention)",
  "guide.q.actKind.compulsory_measure": "A compulsory measure or enforcement (e.g. sealing, seizure, freezing, forced demolition)",
  "guide.q.actKind.licensing": "A licence (e.g. my application was refused or never answered)",
  "guide.q.actKind.natural_resources": "Confirmation of ownership or use rights to land, grassland, forest, minerals, water or other natural resources",
  "guide.q.actKind.expropriation": "An expropriation or requisition decision, or a compensation decision",
  "guide.q.actKind.compensation_decision": "A state-compensation decision (e.g. refusing compensation)",
  "guide.q.actKind.work_injury": "A work-injury determination (e.g. the application was not accepted, or I disagree with the finding)",
  "guide.q.actKind.business_autonomy": "Infringement of business autonomy or of rural land contracting or management rights",
  "guide.q.actKind.competition": "Abuse of administrative power to exclude or restrict competition",
  "guide.q.actKind.illegal_levy": "Illegal fund-raising, levies or other illegal demands",
  "guide.q.actKind.failure_to_protect":
    "I asked for protection of my personal, property or education rights and the organ refused, did not act properly or did not answer",
  "guide.q.actKind.benefits_not_paid": "A pension, social-insurance benefit or subsistence allowance was not paid as the law requires",
  "guide.q.actKind.administrative_agreement":
    "An administrative agreement (e.g. expropriation compensation, franchise) not concluded, not performed, or changed or ended unlawfully",
  "guide.q.actKind.information_disclosure": "Government information disclosure (e.g. my request was refused)",
  "guide.q.actKind.other": "Another administrative act that infringes my lawful rights",

  "guide.q.onTheSpot": "Was the penalty imposed on the spot by the officer?",
  "guide.q.onTheSpot.hint":
    "E.g. a ticket written on the spot by traffic police or city inspectors. Penalties based on camera records are not on-the-spot penalties.",
  "guide.q.onTheSpot.yes": "Yes, on the spot",
  "guide.q.onTheSpot.no": "No",

  "guide.q.failureToAct": "Is your complaint that the organ did not act?",
  "guide.q.failureToAct.hint": '"Did not act" means you made an application or request and the organ refused, kept delaying or never answered.',
  "guide.q.failureToAct.yes": "Yes, it refused, delayed or did not answer",
  "guide.q.failureToAct.no": "No, it made a decision and I disagree with its content",

  "guide.q.sued": "Have you already filed an administrative lawsuit in court about this?",
  "guide.q.sued.no": "No",
  "guide.q.sued.pending": "Yes, but the court has not accepted the case yet",
  "guide.q.sued.accepted": "Yes, and the court has accepted the case",

  "guide.q.learnedOn": "On what day did you learn of the act?",
  "guide.q.learnedOn.hint":
    "E.g. the day you received or signed for the decision or saw the public notice. If the organ did not act, the day its time limit to act ended. Format: year-month-day, e.g. 2026-03-02.",
  "guide.q.informed": "Did the organ tell you that you may apply for reconsideration, to which organ, and within what period?",
  "guide.q.informed.yes": "Yes (e.g. the decision names the reconsideration organ and the period)",
  "guide.q.informed.no": "No",
  "guide.q.rightLearnedOn": "If not: on what day did you learn that you may apply (and to which organ, within what period)?",
  "guide.q.rightLearnedOn.hint": 'Only needed if you chose "No". If you learned of it today, enter today\'s date.',

  "guide.q.respondent": "Which organ did it? (optional)",
  "guide.q.respondent.hint":
    'Type words from the organ\'s name, e.g. "土默特左旗 市场监督", press "Find organ", then choose from the results. We can then tell you which organ hears the reconsideration.',
  "guide.respondent.search": "Organ name",
  "guide.respondent.searchButton": "Find organ",
  "guide.respondent.results": "Results (choose one)",
  "guide.respondent.none": 'No administrative organ\'s name contains "{q}". Try other words, or skip this for now.',
  "guide.respondent.skip": "Not now",

  "guide.q.civilCategory": "What kind of dispute is it?",
  "guide.q.civilCategory.hint": "Pick the closest.",
  "guide.q.civilCategory.neighbour_family": "Neighbour or family dispute (e.g. marriage, support of parents, inheritance, homestead boundaries)",
  "guide.q.civilCategory.consumer_rights": "Consumer or product-quality dispute",
  "guide.q.civilCategory.traffic_accident": "Traffic-accident compensation",
  "guide.q.civilCategory.public_security": "Minor public-order dispute from a fight or damaged property",
  "guide.q.civilCategory.environmental_pollution": "Environmental pollution compensation (e.g. noise, waste water, fumes)",
  "guide.q.civilCategory.social_security": "Labour, personnel or social-security dispute",
  "guide.q.civilCategory.house_expropriation": "House expropriation compensation dispute",
  "guide.q.civilCategory.intellectual_property": "Trademark, patent or other IP infringement compensation",
  "guide.q.civilCategory.rural_land_contracting": "Rural land (grassland) contracting dispute",
  "guide.q.civilCategory.other": "Another civil dispute related to administrative management",

  "guide.result.heading": "Our advice",
  "guide.result.why": "Why",
  "guide.result.basis": "Legal basis",
  "guide.result.where": "Where to go",
  "guide.result.warnings": "Please note",
  "guide.result.alternatives": "You may also choose",
  "guide.result.competentHeading": "Which organ handles it",
  "guide.result.respondent": "Respondent: {respondent}",
  "guide.result.competentOrgan": "Reconsideration organ: {organ}",
  "guide.result.externalOrgan": "Apply to: {organ} (not on this portal)",
  "guide.result.article": "Basis: {article}",
  "guide.result.dueLabel": "Last day to apply for reconsideration",
  "guide.result.stillTime": "There is still time: {days} days until the last day.",
  "guide.result.lastDayToday": "Today is the last day to apply: file as soon as you can.",
  "guide.result.passed": "By the dates you gave, the period ended {days} days ago.",
  "guide.result.openReconsideration": "Fill in the reconsideration application",
  "guide.result.openMediation": "Fill in the mediation request",
  "guide.result.formPrefilled": "The form starts with your answers here; you can change them before filing. Filing needs a login.",

  "guide.title.reconsideration": "Apply for administrative reconsideration",
  "guide.title.directSuit": "Sue directly in court (administrative litigation)",
  "guide.title.civilSuit": "File a civil lawsuit in court",
  "guide.title.peopleMediation": "Ask for people's mediation",
  "guide.title.landMediation": "Ask the village committee or township government to mediate; if that fails, arbitration",
  "guide.title.adminMediation": "Apply for administrative mediation",
  "guide.title.petition": "Raise it through the petition (letters and visits) channel",
  "guide.title.courtCase": "Use the court procedures and the political-legal organs",
  "guide.title.suedAccepted": "Pursue your claim in the court case",

  "guide.why.reconsideration":
    "You believe an administrative act infringes your lawful rights, and this kind of act is within the scope of reconsideration. A higher organ reviews whether the act is lawful and appropriate; it is free of charge and you can apply online.",
  "guide.why.directSuit":
    "Reconsideration is not compulsory here: you may instead sue directly in court, normally within six months of learning of the act. But you must choose one: once a court has accepted your suit you cannot apply for reconsideration, and while an accepted reconsideration is pending you cannot sue.",
  "guide.why.civilSuit":
    "Mediation is voluntary and does not take away your right to go to court. If mediation fails or you do not want it, you may file a civil lawsuit.",
  "guide.why.peopleMediation":
    "Disputes between neighbours or within a family are best mediated by the people's mediation committee nearby: close, quick and free of charge. An agreement reached voluntarily is legally binding, and both sides may ask a court to confirm it.",
  "guide.why.landMediation":
    "For rural land contracting disputes, first ask the village committee or the township government to mediate. If that fails or you do not want it, apply to the rural land contracting arbitration committee, or sue in court. Arbitration must be sought within two years of learning of the infringement.",
  "guide.why.adminMediation":
    "This dispute is related to an administrative organ's duties, so you may ask the organ to mediate. Mediation is voluntary and free; both sides must perform an agreement they reach.",
  "guide.why.category.consumer_rights": "Consumer disputes are usually mediated by the market regulation department.",
  "guide.why.category.traffic_accident": "Traffic-accident compensation is usually mediated by the traffic police.",
  "guide.why.category.public_security": "The police may mediate minor public-order cases arising from civil disputes.",
  "guide.why.category.environmental_pollution": "Pollution compensation disputes are usually mediated by the ecology and environment department.",
  "guide.why.category.social_security":
    "Labour, personnel and social-security disputes are usually handled by the human resources and social security department.",
  "guide.why.category.house_expropriation":
    "House expropriation compensation disputes may be mediated by the expropriation department or the local government.",
  "guide.why.category.intellectual_property": "Trademark and patent infringement compensation is usually mediated by the market regulation (IP) department.",
  "guide.why.category.other":
    "The dispute resolution centre passes the request to the competent organ or a people's mediation committee, as the dispute requires.",
  "guide.why.petition":
    "Suggestions, opinions and complaints about the work of organs may be raised through the petition channel. The organ that receives it must register it and tell you within 15 days whether it is accepted and who handles it.",
  "guide.why.organMediation":
    "An administrative organ's mediation of a civil dispute is outside reconsideration: you cannot apply for reconsideration of the mediation itself. The original dispute between you and the other side can still be resolved by other channels.",
  "guide.why.courtCase":
    "Matters about remedies in litigation (e.g. disagreeing with a judgment or ruling, enforcement of a case) are handled by the courts, procuratorates and other political-legal organs under the litigation procedures, not as ordinary petitions.",
  "guide.why.suedAccepted":
    "You have sued and the court has accepted the case, so you can no longer apply for reconsideration of the same act. Pursue your claim in the court case.",

  "guide.where.civilSuit":
    "Sue in the basic people's court where the defendant lives or where the dispute arose. If you are unsure how, ask the local public legal service centre or call 12348.",
  "guide.where.peopleMediation":
    "Go to the people's mediation committee of your village (gacha) or community, or the people's mediation desk of your banner/county dispute resolution centre. You can ask in person or by phone; no form on this portal is needed.",
  "guide.where.landMediation":
    "Go to the village committee or the township (sumu) government directly, or file a mediation request on this portal: the banner/county dispute resolution centre passes it to the township. If mediation fails, apply to the banner/county rural land contracting arbitration committee.",
  "guide.where.adminMediation":
    "File a mediation request on this portal. It goes to the dispute resolution centre of your banner or county, which passes it to the competent department; mediation starts once the other side agrees.",
  "guide.where.petition":
    "Online, by letter, by phone, or in person at the reception of the competent organ or the petition department. Give your name, address, request, facts and reasons. This portal does not handle petitions.",
  "guide.where.courtCase":
    "To challenge a judgment or ruling, appeal or apply for retrial with the court; if you think a trial or enforcement was unlawful, ask the procuratorate for legal supervision. You may apply for legal aid or call 12348.",
  "guide.where.suedAccepted":
    "Ask the court that accepted your case about its progress and file your materials there. This portal does not handle court cases.",

  "guide.warn.firstOnTheSpot":
    "For a penalty imposed on the spot you must apply for reconsideration first; only if you disagree with the reconsideration decision may you sue in court.",
  "guide.warn.firstNaturalResources":
    "For a decision infringing natural-resource ownership or use rights you already lawfully hold, you must apply for reconsideration first; only then may you sue in court.",
  "guide.warn.firstFailureToAct":
    "If you claim the organ failed to perform its statutory duty, you must apply for reconsideration first; only then may you sue in court.",
  "guide.warn.firstDisclosure":
    "If your request for government information was refused, you must apply for reconsideration first; only then may you sue in court.",
  "guide.warn.suitPending":
    "You have sued but the court has not accepted the case yet. Once it does, you can no longer apply for reconsideration; if you choose reconsideration, consider withdrawing the suit.",
  "guide.warn.deadlinePassed":
    "By the dates you gave, the period has ended. If force majeure or another just cause kept you from applying, the period runs on from when the obstacle ended: give the reason in your application.",

  "guide.note.petitionToReconsideration":
    "If your complaint is about a decision an organ made about you, or its failure to act, that can be resolved by reconsideration and will be routed there: go back to the first question and pick the first option.",
  "guide.note.landAct":
    "If an administrative organ (not the village collective or another person) infringed your land contracting rights, you may apply for reconsideration: go back to the first question and pick the first option.",
  "guide.note.mayBeAct.expropriation":
    "If you disagree with the government's expropriation or compensation decision, or it does not perform a compensation agreement, that is an administrative act you can challenge by reconsideration: go back to the first question and pick the first option.",
  "guide.note.mayBeAct.socialSecurity":
    "If the social insurance agency or the human resources department does not pay a benefit, that is an administrative act you can challenge by reconsideration: go back to the first question and pick the first option.",
  "guide.note.failureToActPeriod":
    "When an organ fails to act, the period runs from the end of its statutory time limit to act; where there is none, from 60 days after it received your request. The date above is computed from the date you entered.",
  "guide.note.onTheSpotFiling":
    "For an on-the-spot penalty you may also hand the application to the organ that imposed it, which forwards it to the reconsideration organ.",
  "guide.note.pickRespondent": "Choose the organ that acted in the questions above to see which organ hears your application.",
  "guide.note.externalOrgan": "The organ that hears this case is not on this portal: apply to it directly.",
};

registerArea("en", en);
