// UI text of the "guide" area (the channel finder /guide): Chinese first; English in app/locales/areas-en under the same keys.
import { registerArea } from "../catalog";

export const zh = {
  "errors.guideSituationRequired": "请选择最接近您情况的一项",
  "errors.guideSuedRequired": "请选择您是否已经就这件事向人民法院起诉",

  "guide.pageTitle": "找到解决途径",
  "guide.heading": "我的问题该找谁、走什么途径？",
  "guide.lead":
    "回答几个简单的问题，我们告诉您适合的解决途径：行政复议、行政调解、人民调解、信访或者诉讼，以及这样建议的法律依据。不需要登录，您填写的内容不会被保存。",
  "guide.formHeading": "请回答下面的问题",
  "guide.editHeading": "您的回答（可以修改后重新查看建议）",
  "guide.errorSummary": "请按提示修改标出的内容后再继续。",
  "guide.continue": "继续",
  "guide.showResult": "查看建议",
  "guide.restart": "重新开始",
  "guide.toAnswers": "修改我的回答",
  "guide.disclaimer": "本建议根据您的回答自动生成，仅供参考，不是法律意见，也不代表有关机关是否受理。情况复杂的，可以拨打公共法律服务热线 12348 咨询。",

  "guide.q.situation": "您遇到的是哪一类问题？",
  "guide.q.situation.act": "行政机关（或者法律、法规、规章授权的组织）对我作出了决定或者采取了措施，或者我申请它办事，它不办、不答复",
  "guide.q.situation.civil": "我和其他个人或者单位之间有纠纷（例如邻里、家庭、消费、交通事故赔偿、土地承包）",
  "guide.q.situation.organ_mediation": "行政机关调解过我和别人之间的纠纷，我对调解不满意",
  "guide.q.situation.court_case": "这件事已经在法院或者检察院处理，或者我对法院的判决、裁定不服",
  "guide.q.situation.complaint": "我想对政府工作提意见、建议，或者投诉，不属于上面几种",

  "guide.q.actKind": "行政机关做了什么？",
  "guide.q.actKind.hint": "选择最接近的一项；都不像的，选“其他”。",
  "guide.q.actKind.penalty": "行政处罚（例如罚款、警告、没收、吊销证照、责令停产停业、行政拘留）",
  "guide.q.actKind.compulsory_measure": "行政强制措施或者强制执行（例如查封、扣押、冻结、强制拆除）",
  "guide.q.actKind.licensing": "行政许可（例如不批准我的申请，或者申请后不答复）",
  "guide.q.actKind.natural_resources": "确认土地、草原、森林、矿藏、水流等自然资源的所有权或者使用权",
  "guide.q.actKind.expropriation": "征收、征用决定或者补偿决定",
  "guide.q.actKind.compensation_decision": "行政赔偿决定（例如决定不予赔偿）",
  "guide.q.actKind.work_injury": "工伤认定（例如不予受理工伤认定申请，或者对认定结论不服）",
  "guide.q.actKind.business_autonomy": "侵犯经营自主权或者农村土地承包经营权、土地经营权",
  "guide.q.actKind.competition": "滥用行政权力排除或者限制竞争",
  "guide.q.actKind.illegal_levy": "违法集资、摊派费用或者违法要求履行其他义务",
  "guide.q.actKind.failure_to_protect": "我请求保护人身权、财产权、受教育权等，行政机关拒绝、不依法履行或者不答复",
  "guide.q.actKind.benefits_not_paid": "没有依法发放抚恤金、社会保险待遇或者最低生活保障",
  "guide.q.actKind.administrative_agreement": "行政协议（例如征收补偿协议、特许经营协议）不依法订立、不履行或者违法变更、解除",
  "guide.q.actKind.information_disclosure": "政府信息公开（例如申请公开政府信息被拒绝）",
  "guide.q.actKind.other": "其他侵犯我合法权益的行政行为",

  "guide.q.onTheSpot": "这个处罚是执法人员当场作出的吗？",
  "guide.q.onTheSpot.hint": "例如交警、城管当场开具的处罚决定书。依据电子监控记录作出的处罚不算当场作出。",
  "guide.q.onTheSpot.yes": "是，当场作出的",
  "guide.q.onTheSpot.no": "不是",

  "guide.q.failureToAct": "您不满的是行政机关“不办事”吗？",
  "guide.q.failureToAct.hint": "“不办事”指您向行政机关提出了申请或者请求，它拒绝办理、拖着不办或者一直不答复。",
  "guide.q.failureToAct.yes": "是，它不办、拖着不办或者不答复",
  "guide.q.failureToAct.no": "不是，它已经作出了一个决定，我对决定的内容不服",

  "guide.q.sued": "您是否已经就这件事向人民法院提起了行政诉讼？",
  "guide.q.sued.no": "没有",
  "guide.q.sued.pending": "已经起诉，法院还没有立案受理",
  "guide.q.sued.accepted": "已经起诉，法院已经立案受理",

  "guide.q.learnedOn": "您是哪一天知道这个行政行为的？",
  "guide.q.learnedOn.hint": "例如收到决定书、签收文书或者看到公告的日期。行政机关不办事的，填写它应当办理的期限届满的日期。格式：年-月-日，例如 2026-03-02。",
  "guide.q.informed": "行政机关有没有告诉您可以申请行政复议、向哪个机关申请、在多长期限内申请？",
  "guide.q.informed.yes": "告知了（例如决定书上写明了复议机关和期限）",
  "guide.q.informed.no": "没有告知",
  "guide.q.rightLearnedOn": "如果没有告知：您是哪一天知道可以申请行政复议（以及复议机关和申请期限）的？",
  "guide.q.rightLearnedOn.hint": "只有选择“没有告知”时才需要填写。如果是今天才知道，请填写今天的日期。",

  "guide.q.respondent": "是哪个机关作出的？（可以不填）",
  "guide.q.respondent.hint": "输入机关名称中的字词，例如“土默特左旗 市场监督”，点“查找机关”，再从结果中选择。选择后我们可以告诉您由哪个机关办理行政复议。",
  "guide.respondent.search": "机关名称",
  "guide.respondent.searchButton": "查找机关",
  "guide.respondent.results": "查找结果（请选择一个）",
  "guide.respondent.none": "没有找到名称包含“{q}”的行政机关，请换几个字再试，或者先跳过。",
  "guide.respondent.skip": "暂不选择",

  "guide.q.civilCategory": "纠纷属于哪一类？",
  "guide.q.civilCategory.hint": "选择最接近的一项。",
  "guide.q.civilCategory.neighbour_family": "邻里纠纷、家庭纠纷（例如婚姻、赡养、继承、宅基地相邻）",
  "guide.q.civilCategory.consumer_rights": "消费纠纷、产品质量纠纷",
  "guide.q.civilCategory.traffic_accident": "交通事故损害赔偿",
  "guide.q.civilCategory.public_security": "因打架、损坏财物等引起的轻微治安纠纷",
  "guide.q.civilCategory.environmental_pollution": "环境污染损害赔偿（例如噪声、污水、废气）",
  "guide.q.civilCategory.social_security": "劳动、人事和社会保障方面的纠纷",
  "guide.q.civilCategory.house_expropriation": "房屋征收补偿方面的纠纷",
  "guide.q.civilCategory.intellectual_property": "商标、专利等知识产权侵权赔偿",
  "guide.q.civilCategory.rural_land_contracting": "农村土地（草场）承包经营纠纷",
  "guide.q.civilCategory.other": "其他与行政管理有关的民事纠纷",

  "guide.result.heading": "建议您这样办",
  "guide.result.why": "为什么这样建议",
  "guide.result.basis": "法律依据",
  "guide.result.where": "到哪里办",
  "guide.result.warnings": "请注意",
  "guide.result.alternatives": "您也可以选择",
  "guide.result.competentHeading": "由哪个机关办理",
  "guide.result.respondent": "被申请人：{respondent}",
  "guide.result.competentOrgan": "行政复议机关：{organ}",
  "guide.result.externalOrgan": "应当向：{organ} 申请（该机关不在本平台）",
  "guide.result.article": "依据：{article}",
  "guide.result.dueLabel": "申请行政复议的最后一天",
  "guide.result.stillTime": "还来得及：距离最后一天还有 {days} 天。",
  "guide.result.lastDayToday": "今天是申请的最后一天，请尽快提交。",
  "guide.result.passed": "按您填写的日期，申请期限已经过了 {days} 天。",
  "guide.result.openReconsideration": "填写行政复议申请",
  "guide.result.openMediation": "填写调解申请",
  "guide.result.formPrefilled": "申请表会自动带入您在这里的回答，提交前可以修改。填写申请需要登录。",

  "guide.title.reconsideration": "申请行政复议",
  "guide.title.directSuit": "直接向人民法院提起行政诉讼",
  "guide.title.civilSuit": "向人民法院提起民事诉讼",
  "guide.title.peopleMediation": "申请人民调解",
  "guide.title.landMediation": "申请村民委员会或者乡（镇、苏木）人民政府调解，调解不成申请仲裁",
  "guide.title.adminMediation": "申请行政调解",
  "guide.title.petition": "通过信访渠道反映",
  "guide.title.courtCase": "通过诉讼程序和政法机关解决",
  "guide.title.suedAccepted": "在法院的诉讼中继续主张权利",

  "guide.why.reconsideration":
    "您认为行政机关的行政行为侵犯了您的合法权益，这类行为属于行政复议的范围。行政复议由上级机关审查这个行为是否合法、是否适当，不收取任何费用，可以在网上申请。",
  "guide.why.directSuit":
    "这类行为不是必须先申请行政复议的，您也可以不申请复议，直接向人民法院起诉，一般应当在知道行政行为之日起六个月内起诉。但两条路只能选一条：法院已经受理起诉的，不能再申请行政复议；复议机关已经受理复议申请的，复议期间不能起诉。",
  "guide.why.civilSuit": "调解以双方自愿为前提，不影响您打官司的权利。调解不成或者不愿调解的，您可以向人民法院提起民事诉讼。",
  "guide.why.peopleMediation":
    "邻里、家庭之间的民间纠纷，最适合由身边的人民调解委员会调解：就近、及时，不收任何费用；双方自愿达成的调解协议有法律约束力，还可以共同申请法院司法确认。",
  "guide.why.landMediation":
    "农村土地承包经营纠纷，可以先请村民委员会（嘎查村委会）或者乡（镇、苏木）人民政府调解；调解不成或者不愿调解的，可以向农村土地承包仲裁委员会申请仲裁，也可以直接向人民法院起诉。申请仲裁的时效是两年，从知道或者应当知道权利被侵害之日起计算。",
  "guide.why.adminMediation": "这类纠纷与行政机关的管理职责有关，可以申请有关行政机关主持调解。调解以双方自愿为前提，不收取费用；达成的调解协议双方应当履行。",
  "guide.why.category.consumer_rights": "消费纠纷通常由市场监督管理部门主持调解。",
  "guide.why.category.traffic_accident": "交通事故损害赔偿通常由公安机关交通管理部门主持调解。",
  "guide.why.category.public_security": "因民间纠纷引起的轻微治安纠纷，公安机关可以主持调解。",
  "guide.why.category.environmental_pollution": "环境污染损害赔偿纠纷通常由生态环境部门主持调解。",
  "guide.why.category.social_security": "劳动、人事和社会保障方面的纠纷通常由人力资源和社会保障部门协调处理。",
  "guide.why.category.house_expropriation": "房屋征收补偿纠纷可以由房屋征收部门或者当地人民政府协调调解。",
  "guide.why.category.intellectual_property": "商标、专利侵权赔偿纠纷通常由市场监督管理（知识产权）部门主持调解。",
  "guide.why.category.other": "矛盾纠纷多元化解中心会根据纠纷的性质，分给有关行政机关或者人民调解委员会调解。",
  "guide.why.petition": "对机关、单位的工作提出意见、建议或者投诉，可以通过信访渠道反映。收到信访事项的机关应当登记，并在15日内告知您是否受理、由谁处理。",
  "guide.why.organMediation":
    "行政机关对民事纠纷所作的调解，不属于行政复议的范围，不能就调解本身申请行政复议。您和对方之间原来的纠纷仍然可以通过其他途径解决。",
  "guide.why.courtCase":
    "涉及诉讼权利救济的事项（例如对判决、裁定不服，案件的执行），要按照诉讼程序由人民法院、人民检察院等政法机关依法处理，不走普通信访程序。",
  "guide.why.suedAccepted": "您已经向人民法院提起行政诉讼，法院已经立案受理，就不能再对同一行为申请行政复议。请在诉讼中继续主张您的权利。",

  "guide.where.civilSuit": "向被告住所地或者纠纷发生地的基层人民法院起诉。不清楚怎么起诉的，可以到当地公共法律服务中心咨询，或者拨打 12348。",
  "guide.where.peopleMediation":
    "找您所在嘎查村（村）、社区的人民调解委员会，或者所在旗县（市、区）矛盾纠纷多元化解中心的人民调解窗口。当面或者打电话都可以申请，不需要在本平台填表。",
  "guide.where.landMediation":
    "可以直接找村民委员会（嘎查村委会）或者乡（镇、苏木）人民政府，也可以在本平台提交调解申请，由所在旗县（市、区）矛盾纠纷多元化解中心转给有关乡镇。调解不成的，向旗县农村土地承包仲裁委员会申请仲裁。",
  "guide.where.adminMediation": "在本平台提交调解申请。申请先进入您所在旗县（市、区）矛盾纠纷多元化解中心，由中心分给有关主管部门；对方同意后开始调解。",
  "guide.where.petition":
    "可以通过网上信访、来信、来电或者到有权处理的机关、信访部门的接待场所提出。写明您的姓名、住址、请求、事实和理由。这个平台不受理信访事项。",
  "guide.where.courtCase":
    "对判决、裁定不服的，按照上诉、申请再审的程序向人民法院提出；认为审判、执行活动违法的，可以向人民检察院申请法律监督。可以申请法律援助，或者拨打 12348 咨询。",
  "guide.where.suedAccepted": "向受理案件的人民法院了解进展、提交材料。这个平台不处理诉讼事务。",

  "guide.warn.firstOnTheSpot": "对当场作出的行政处罚决定不服的，必须先申请行政复议；对复议决定不服的，才能向人民法院起诉。",
  "guide.warn.firstNaturalResources": "对侵犯您已经依法取得的自然资源所有权或者使用权的决定不服的，必须先申请行政复议；对复议决定不服的，才能向人民法院起诉。",
  "guide.warn.firstFailureToAct": "认为行政机关不履行法定职责的，必须先申请行政复议；对复议决定不服的，才能向人民法院起诉。",
  "guide.warn.firstDisclosure": "申请政府信息公开被拒绝的，必须先申请行政复议；对复议决定不服的，才能向人民法院起诉。",
  "guide.warn.suitPending": "您已经起诉但法院还没有受理。法院一旦受理，就不能再申请行政复议；如果选择复议，请考虑撤回起诉。",
  "guide.warn.deadlinePassed": "按您填写的日期，申请期限已经过了。因不可抗力或者其他正当理由耽误的，期限从障碍消除之日起继续计算：申请时请写明理由。",

  "guide.note.petitionToReconsideration":
    "如果您投诉的是行政机关对您作出的具体决定或者不办事，这类问题可以通过行政复议解决，会被导入行政复议程序：请返回第一题选择第一项。",
  "guide.note.landAct": "如果是行政机关（而不是村集体或者其他人）侵犯了您的土地承包经营权，可以申请行政复议：请返回第一题选择第一项。",
  "guide.note.mayBeAct.expropriation":
    "如果您不服的是政府作出的征收决定、补偿决定，或者政府不履行补偿协议，这是行政行为，可以申请行政复议：请返回第一题选择第一项。",
  "guide.note.mayBeAct.socialSecurity": "如果您不服的是社会保险经办机构或者人社部门不给付待遇，这是行政行为，可以申请行政复议：请返回第一题选择第一项。",
  "guide.note.failureToActPeriod":
    "行政机关不履行职责的，申请期限从法律规定的履行期限届满之日起计算；没有规定期限的，从行政机关收到您的申请满60日起计算。上面的日期按您填写的日期计算。",
  "guide.note.onTheSpotFiling": "对当场作出的处罚，也可以把复议申请交给作出处罚的机关，由它转送行政复议机关。",
  "guide.note.pickRespondent": "在上面的问题中选择作出行为的机关，就能看到由哪个机关办理您的行政复议申请。",
  "guide.note.externalOrgan": "办理这个案件的机关不在本平台，请直接向该机关提交申请。",
} as const;

registerArea("zh-CN", zh);
