// UI text of the "publication" area (public disclosure of decisions: /public/decisions, /staff/publications,
// /staff/cases/:caseNumber/publication): Chinese first; English in app/locales/areas-en under the same keys.
import { registerArea } from "../catalog";

export const zh = {
  "home.publicDecisions.title": "行政复议决定书公开",
  "home.publicDecisions.body":
    "查阅已经生效并经去标识化处理后公开的行政复议决定书，可按机关、年份筛选，并按关键词检索。",
  "home.publicDecisions.link": "查阅公开的决定书",

  "publication.status.proposed": "已提议公开，待审核",
  "publication.status.approved": "已公开",
  "publication.status.rejected": "未同意公开",
  "publication.status.withdrawn": "已撤回公开",
  "publication.actDisclosure.public":
    "被申请复议的行政行为已依法公开（或依法应当公开）",
  "publication.actDisclosure.not_public": "被申请复议的行政行为未公开",
  "publication.kind.name": "姓名",
  "publication.kind.idNumber": "身份证号码",
  "publication.kind.bankCard": "银行账号",
  "publication.kind.phone": "电话号码",
  "publication.kind.email": "电子邮箱",
  "publication.kind.plate": "车牌号码",
  "publication.kind.address": "详细地址",

  "publication.errors.actDisclosure":
    "请说明被申请复议的行政行为是否已经公开。",
  "publication.errors.actNotPublic":
    "行政复议机关根据被申请复议的行政行为的公开情况公开决定书；该行为未公开的，决定书不予公开（《行政复议法》第七十九条第一款）。",
  "publication.errors.noSecrets":
    "请确认决定书不涉及国家秘密、商业秘密等依法不予公开的内容（《政府信息公开条例》第十四条、第十五条）。",
  "publication.errors.title": "请填写公开标题。",
  "publication.errors.text": "请填写公开文本。",
  "publication.errors.tooLong": "内容过长，请精简后再提交。",
  "publication.errors.rejectReason": "不同意公开的，请写明理由。",
  "publication.errors.withdrawReason": "撤回公开的，请写明理由。",
  "publication.errors.search": "检索词最多50个字。",
  "publication.errors.organ": "请从列表中选择机关。",
  "publication.errors.year": "请从列表中选择年份。",
  "publication.errors.page": "页码不正确。",
  "publication.errors.notFound": "没有找到该公开事项。",
  "publication.errors.conflict":
    "该事项已被他人处理（或已有待审核、已公开的文本），请刷新页面后查看。",
  "publication.errors.noText": "该决定书没有可供公开的正文，不能生成公开文本。",
  "publication.errors.leaks":
    "公开文本中仍有当事人的姓名或者证件号码、电话、地址，不能公开，请删除后再提交。",
  "publication.errors.warnings":
    "去标识化检查发现下列内容可能属于个人信息。请修改，或者确认其不属于个人信息后再同意公开。",

  "publication.case.title": "决定书公开",
  "publication.case.heading": "决定书公开 · 案件 {caseNumber}",
  "publication.case.lead":
    "行政复议机关根据被申请复议的行政行为的公开情况，按照国家有关规定将行政复议决定书向社会公开（{basis}）。公开的是去标识化后的文本：自然人姓名只保留姓氏，身份证号码、电话、详细地址、车牌号码等予以删除，机关和单位名称保留（{privacy}）。经行政复议机构负责人审核同意后才公开。",
  "publication.case.toDecision": "调解与决定页面",
  "publication.case.done": "已提议公开，去标识化文本已生成，等待负责人审核。",
  "publication.case.decisionHeading": "行政复议决定书",
  "publication.case.noDecision": "本案尚未作出行政复议决定书。",
  "publication.case.proposedMeta": "{name}于{time}提议",
  "publication.case.withdrawnMeta": "{time} 撤下公开，理由：{reason}",
  "publication.case.publicLink": "查看公开的决定书",
  "publication.case.waiting":
    "等待行政复议机构负责人审核；审核同意前不对外公开。",
  "publication.case.showCopy": "查看去标识化文本",
  "publication.case.history": "以往的公开提议",
  "publication.propose.heading": "提议公开",
  "publication.propose.lead":
    "提交后系统自动生成去标识化文本，交由另一位行政复议机构负责人审核。",
  "publication.propose.actDisclosure": "被申请复议的行政行为的公开情况",
  "publication.propose.actDisclosureHint":
    "《行政复议法》第七十九条第一款：根据被申请行政复议的行政行为的公开情况公开决定书。",
  "publication.propose.noSecrets":
    "我已核对，决定书不涉及国家秘密、商业秘密等依法不予公开的内容",
  "publication.propose.submit": "提议公开",
  "publication.decisionPage.heading": "决定书公开",
  "publication.decisionPage.none": "本案决定书尚未提议公开。",
  "publication.decisionPage.link": "提议公开或查看公开情况",

  "publication.review.title": "决定书公开审核",
  "publication.review.heading": "决定书公开审核",
  "publication.review.lead":
    "请对照原件核对去标识化文本：自然人姓名只保留姓氏，证件号码、电话、详细地址、车牌号码等应当删除，机关和单位名称保留。可以直接修改公开文本；修改后系统会再次检查。提议人本人不能审核同意（双人复核）。",
  "publication.review.done.approve": "已同意公开，决定书已对外公开。",
  "publication.review.done.reject": "已退回，不予公开。",
  "publication.review.done.withdraw": "已撤回公开。",
  "publication.review.proposedHeading": "待审核（{count}）",
  "publication.review.none": "目前没有待审核的公开提议。",
  "publication.review.publishedHeading": "已公开（{count}）",
  "publication.review.nonePublished": "本机关尚无公开的决定书。",
  "publication.review.caseNumber": "案件 {caseNumber}",
  "publication.review.publishedAt": "{time}公开",
  "publication.review.redactions": "已去除：",
  "publication.review.noRedactions": "无",
  "publication.review.leaks": "下列当事人信息仍在公开文本中，必须删除：",
  "publication.review.warnings": "去标识化检查认为下列内容可能属于个人信息：",
  "publication.review.original": "原件（仅限本机关工作人员查看）",
  "publication.review.copy": "公开文本",
  "publication.review.titleField": "公开标题（不得含有姓名）",
  "publication.review.textField": "去标识化文本",
  "publication.review.textHint": "可以直接修改；提交时将再次检查。",
  "publication.review.reason": "审核意见",
  "publication.review.reasonHint": "不同意公开的，必须写明理由。",
  "publication.review.acknowledge":
    "我已逐项核对，上列内容不属于个人信息（如地名、机关名称），同意公开",
  "publication.review.ownProposal":
    "这是您提议公开的决定书，须由另一位负责人审核同意；您可以退回。",
  "publication.review.approve": "同意公开",
  "publication.review.reject": "不同意公开",
  "publication.withdraw.heading": "撤回公开",
  "publication.withdraw.reason": "撤回理由",
  "publication.withdraw.submit": "撤回公开",

  "publication.public.title": "行政复议决定书公开",
  "publication.public.detailTitle": "公开的行政复议决定书",
  "publication.public.heading": "行政复议决定书公开",
  "publication.public.lead":
    "依照{basis}公开的行政复议决定书。为保护个人信息，公开文本已作去标识化处理：自然人姓名只保留姓氏，身份证号码、电话、详细地址等已删除。",
  "publication.public.searchLabel": "检索公开的决定书",
  "publication.public.q": "关键词",
  "publication.public.qHint": "在标题和正文中检索，例如“行政处罚”“维持”。",
  "publication.public.organ": "作出决定的机关",
  "publication.public.allOrgans": "全部机关",
  "publication.public.year": "决定年份",
  "publication.public.allYears": "全部年份",
  "publication.public.yearOption": "{year}年",
  "publication.public.submit": "检索",
  "publication.public.reset": "清除条件",
  "publication.public.badQuery": "检索条件有误，请按提示修改。",
  "publication.public.count": "共{count}份决定书。",
  "publication.public.countFor": "检索“{q}”，共{count}份决定书。",
  "publication.public.none": "没有符合条件的决定书。",
  "publication.public.decidedOn": "决定日期 {date}",
  "publication.public.pages": "分页",
  "publication.public.prev": "上一页",
  "publication.public.next": "下一页",
  "publication.public.pageOf": "第{page}页，共{count}页",
  "publication.public.back": "返回公开的决定书列表",
  "publication.public.anonymisedNote":
    "本文为去标识化后的公开文本，与原件内容一致，但删除了个人信息。",
  "publication.public.original": "查看原件（本机关工作人员）",
  "publication.party.published":
    "本案行政复议决定书已于{time}经去标识化处理后向社会公开（《行政复议法》第七十九条第一款）；公开文本不含您的姓名全称、证件号码、电话和详细地址。",
  "publication.party.link": "查看公开文本",
};

registerArea("zh-CN", zh);
