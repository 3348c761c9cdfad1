// The anonymised copy of a decision for publication (《行政复议法》第七十九条第一款; 《个人信息保护法》第三十四条、第七十三条;
// method of 法释〔2016〕19号 第九条、第十条): real-shaped paragraphs of 行政复议决定书, each with the secrets that must
// not survive and the organisation names that must.
import { describe, expect, it } from "vitest";
import { ANONYMISED_MASK as X, anonymise, findLeaks } from "~/domain/anonymise";

type Vector = {
  title: string;
  text: string;
  /** Party names known from the case record (optional: the text must find the others). */
  names?: string[];
  /** Everything that must be gone: names, numbers, address parts below the county. */
  secrets: string[];
  /** What must still be there: organisation names, the kept part of addresses, the replacements. */
  keep: string[];
};

const vectors: Vector[] = [
  {
    title: "applicant's header: 3-character name, 18-digit ID, full address, mobile",
    text: "申请人：王小明，男，1985年3月7日出生，汉族，公民身份号码150102198503071234，住内蒙古自治区呼和浩特市新城区海拉尔东路12号锦绣小区3号楼2单元501室，联系电话13947112345。",
    secrets: ["王小明", "小明", "150102198503071234", "海拉尔东路", "锦绣小区", "501室", "13947112345"],
    keep: ["申请人：王某，男", "呼和浩特市新城区"],
  },
  {
    title: "compound surname given as a party name, ID ending in X, landline, 苏木/嘎查 address",
    text: "申请人：欧阳明华，女，1990年11月2日出生，公民身份号码15252619901102002X，住锡林郭勒盟正蓝旗上都镇巴彦宝力格苏木乌兰嘎查，电话：0479-4221234。",
    names: ["欧阳明华"],
    secrets: [
      "欧阳明华",
      "明华",
      "15252619901102002X",
      "上都镇",
      "巴彦宝力格苏木",
      "乌兰嘎查",
      "0479-4221234",
      "4221234",
    ],
    keep: ["欧阳某", "锡林郭勒盟正蓝旗"],
  },
  {
    title: "Mongolian name of six characters, old 15-digit ID, mobile written with spaces",
    text: "申请人：额尔敦巴雅尔，男，蒙古族，1968年5月1日出生，身份证号152601680501123，住锡林郭勒盟西乌珠穆沁旗巴拉嘎尔高勒镇哈拉图嘎查，手机 139 4795 1234。",
    secrets: ["额尔敦巴雅尔", "敦巴雅尔", "152601680501123", "巴拉嘎尔高勒镇", "哈拉图嘎查", "13947951234"],
    keep: ["额某", "锡林郭勒盟西乌珠穆沁旗"],
  },
  {
    title: "Mongolian third party and a Han agent from a law firm (the firm stays)",
    text: "第三人：其木格，女，蒙古族，1979年8月9日出生，住通辽市科尔沁区和平路18号。委托代理人：李建华，内蒙古草原律师事务所律师，联系电话15804751234。",
    secrets: ["其木格", "李建华", "建华", "和平路18号", "15804751234"],
    keep: ["其某", "李某", "内蒙古草原律师事务所", "通辽市科尔沁区"],
  },
  {
    title:
      "company applicant: company, its legal representative's name and the credit code; the address below the district goes",
    text: "申请人：包头市鑫源商贸有限公司，统一社会信用代码91150203MA0N8K1234，住所地包头市昆都仑区钢铁大街45号。法定代表人：赵志刚，该公司总经理。",
    secrets: ["赵志刚", "志刚", "钢铁大街45号"],
    keep: ["包头市鑫源商贸有限公司", "91150203MA0N8K1234", "包头市昆都仑区", "法定代表人：赵某"],
  },
  {
    title: "respondent organ and its head: the organ stays, the head's name goes",
    text: "被申请人：鄂尔多斯市市场监督管理局，住所地鄂尔多斯市康巴什区市民中心。法定代表人：高志强，局长。",
    secrets: ["高志强"],
    keep: ["被申请人：鄂尔多斯市市场监督管理局", "法定代表人：高某，局长", "鄂尔多斯市康巴什区"],
  },
  {
    title: "the applicant named in the body only, before 不服 (no punctuation after the name)",
    text: "申请人王淑芬不服被申请人呼和浩特市赛罕区人民政府于2024年3月1日作出的赛政征补字〔2024〕17号房屋征收补偿决定，于2024年4月20日向本机关申请行政复议，本机关依法予以受理。",
    secrets: ["王淑芬", "淑芬"],
    keep: ["申请人王某不服", "呼和浩特市赛罕区人民政府", "赛政征补字〔2024〕17号"],
  },
  {
    title: "traffic penalty: a 2-character name, a plate with its dot, the traffic police detachment stays",
    text: "申请人李强，男，1992年6月15日出生，住赤峰市红山区。2024年2月3日，申请人驾驶蒙D·5K321号小型轿车途经赤峰市红山区昭乌达路时，被赤峰市公安局交通管理支队执勤民警查获。",
    secrets: ["李强", "蒙D·5K321", "5K321"],
    keep: ["李某", "赤峰市公安局交通管理支队", "赤峰市红山区"],
  },
  {
    title: "new energy plate (six characters) and a plate without its dot",
    text: "第三人孙丽，女，1988年1月20日出生。经查，第三人名下蒙AD12345号新能源小型汽车与申请人所有的蒙A88K66号小型汽车发生碰撞。",
    secrets: ["孙丽", "蒙AD12345", "蒙A88K66"],
    keep: ["孙某"],
  },
  {
    title: "state compensation paid to a bank card: the card number goes, the bank stays",
    text: "申请人张晓燕请求被申请人将赔偿款人民币5000元支付至其在中国农业银行股份有限公司呼和浩特分行开立的账户（账号：6228 4800 1234 5678 912）。",
    secrets: ["张晓燕", "晓燕", "6228480012345678912"],
    keep: ["张某", "中国农业银行股份有限公司呼和浩特分行", "5000元"],
  },
  {
    title: "a bank card in one run of 19 digits and an e-mail address",
    text: "申请人刘海洋称，罚款已由其银行卡6217000010001234567转入被申请人账户，其电子邮箱为liuhaiyang1980@163.com。",
    secrets: ["刘海洋", "6217000010001234567", "liuhaiyang1980@163.com", "liuhaiyang1980"],
    keep: ["刘某称"],
  },
  {
    title: "two applicants named together after one label",
    text: "申请人张建军、李秀英不服被申请人包头市青山区人民政府作出的房屋征收决定，向本机关申请行政复议。张建军系李秀英之夫。",
    secrets: ["张建军", "李秀英", "建军", "秀英"],
    keep: ["申请人张某、李某不服", "包头市青山区人民政府"],
  },
  {
    title: "two people with the same surname are told apart: 张某甲, 张某乙",
    text: "申请人张伟，男，1980年1月1日出生。第三人张丽娟，女，1983年2月2日出生。张伟与张丽娟系邻居。",
    secrets: ["张伟", "张丽娟", "丽娟"],
    keep: ["申请人张某甲", "第三人张某乙", "张某甲与张某乙系邻居"],
  },
  {
    title: "a name known only from the case record, in a sentence without any context",
    text: "经审理查明：2023年9月，王丽华在呼和浩特市回民区经营一家超市，被申请人呼和浩特市回民区市场监督管理局执法人员检查发现王丽华销售过期食品。",
    names: ["王丽华"],
    secrets: ["王丽华", "丽华"],
    keep: ["王某在呼和浩特市回民区", "呼和浩特市回民区市场监督管理局"],
  },
  {
    title: "a name found by its stated sex, without a role label",
    text: "另查明，孙志刚（男，1975年4月3日出生，公民身份号码150203197504031217）系涉案房屋的实际承租人。",
    secrets: ["孙志刚", "志刚", "150203197504031217"],
    keep: ["孙某（男"],
  },
  {
    title: "two agents listed after one label, both from a law firm",
    text: "委托代理人：赵六、钱七，均系内蒙古正大律师事务所律师。赵六于庭审中陈述了代理意见。",
    secrets: ["赵六", "钱七"],
    keep: ["委托代理人：赵某、钱某", "内蒙古正大律师事务所"],
  },
  {
    title: "a minor and the father as legal representative, both Mongolian names with the same first character",
    text: "申请人巴图，男，2012年3月5日出生，住兴安盟科尔沁右翼前旗归流河镇。法定代理人巴特尔，男，系申请人之父，联系电话13847211234。",
    secrets: ["巴图", "巴特尔", "归流河镇", "13847211234"],
    keep: ["申请人巴某甲", "法定代理人巴某乙", "兴安盟科尔沁右翼前旗"],
  },
  {
    title: "current residence and registered residence in one header",
    text: "申请人高娃，女，1995年7月7日出生，户籍地：乌兰察布市集宁区桥东街道民建路7号，现住呼和浩特市玉泉区石羊桥东路锦华小区5号楼1单元302室。",
    secrets: ["高娃", "民建路7号", "桥东街道", "石羊桥东路", "锦华小区", "302室"],
    keep: ["高某", "乌兰察布市集宁区", "呼和浩特市玉泉区"],
  },
  {
    title: "an address in running text, without a label",
    text: "申请人吴桂兰在赛罕区大学西街235号经营的餐馆被被申请人责令停业整顿。",
    secrets: ["吴桂兰", "大学西街235号"],
    keep: ["吴某", "赛罕区"],
  },
  {
    title: "operative part: the name given as a party name, in the middle of the sentence",
    text: "根据《中华人民共和国行政复议法》第六十四条第一款的规定，本机关决定如下：撤销被申请人通辽市公安局科尔沁区分局对申请人乌云娜作出的通公科（西）行罚决字〔2024〕321号行政处罚决定。",
    names: ["乌云娜"],
    secrets: ["乌云娜"],
    keep: ["对申请人乌某作出", "通辽市公安局科尔沁区分局", "通公科（西）行罚决字〔2024〕321号"],
  },
  {
    title: "a witness after a colon, with a Mongolian name of six characters",
    text: "证人：阿拉坦其其格，女，1966年12月1日出生，住阿拉善盟阿拉善左旗巴彦浩特镇王府街3号。证人阿拉坦其其格证实，涉案草场由其放牧使用。",
    secrets: ["阿拉坦其其格", "王府街3号", "巴彦浩特镇"],
    keep: ["证人：阿某", "阿拉善盟阿拉善左旗"],
  },
  {
    title: "a sole trader: the shop's name stays, the operator's name goes",
    text: "申请人呼和浩特市新城区鑫鑫烧烤店（个体工商户），经营者：刘建军，男，1978年10月10日出生，联系电话0471-6912345。",
    secrets: ["刘建军", "建军", "0471-6912345", "6912345"],
    keep: ["呼和浩特市新城区鑫鑫烧烤店", "经营者：刘某"],
  },
  {
    title: "landlines with an area code in brackets and a labelled short number",
    text: "申请人马国庆，男，联系电话：（0472）5123456，另留有固定电话为6912346，传真0472-5123457。",
    secrets: ["马国庆", "5123456", "6912346", "5123457"],
    keep: ["马某"],
  },
  {
    title: "mobile number with +86 and dashes",
    text: "第三人郭美玲，女，1991年3月3日出生，联系方式：+86-139-4711-2345。",
    secrets: ["郭美玲", "13947112345"],
    keep: ["郭某"],
  },
  {
    title: "a village address with 社 below a township",
    text: "申请人周海涛，男，1970年2月2日出生，住巴彦淖尔市临河区狼山镇永胜村三社。",
    secrets: ["周海涛", "狼山镇", "永胜村", "三社"],
    keep: ["周某", "巴彦淖尔市临河区"],
  },
  {
    title: "enforcement officers named in the facts",
    text: "2024年1月8日，被申请人执法人员王强、刘洋到申请人经营场所进行检查，并出示了执法证件。经办人：张伟，联系电话：0471-4601234。",
    secrets: ["王强", "刘洋", "张伟", "0471-4601234"],
    keep: ["执法人员王某、刘某", "经办人：张某"],
  },
  {
    title: "service of the decision: the Mongolian name at the end of a clause",
    text: "本决定书于2024年6月3日送达申请人巴雅尔，由其本人签收。巴雅尔如不服本决定，可以自收到本决定书之日起十五日内向人民法院提起行政诉讼。",
    secrets: ["巴雅尔"],
    keep: ["送达申请人巴某，由其本人签收", "巴某如不服本决定"],
  },
  {
    title: "a Mongolian name with 和 as its second character",
    text: "申请人孟和吉日嘎拉，男，蒙古族，1972年9月9日出生，住锡林郭勒盟锡林浩特市宝力根苏木。孟和吉日嘎拉对被申请人锡林郭勒盟生态环境局作出的处罚决定不服。",
    secrets: ["孟和吉日嘎拉", "吉日嘎拉", "宝力根苏木"],
    keep: ["申请人孟某", "锡林郭勒盟生态环境局", "锡林郭勒盟锡林浩特市"],
  },
  {
    title: "a form-like header with 姓名/身份证号/电话 labels and a passport number",
    text: "姓名：张晓东，性别：男，身份证号：150104198812120011，电话：15947123456，护照号码：E12345678，通讯地址：呼和浩特市回民区中山西路1号海亮广场A座1801。",
    secrets: ["张晓东", "晓东", "150104198812120011", "15947123456", "E12345678", "中山西路1号", "海亮广场", "1801"],
    keep: ["姓名：张某", "呼和浩特市回民区"],
  },
  {
    title: "the applicant's wife named by her relation and her stated sex",
    text: "申请人的妻子乌日娜（女，1984年5月5日出生）到场陈述，其家庭住址为包头市东河区南门外大街88号。",
    secrets: ["乌日娜", "南门外大街88号"],
    keep: ["妻子乌某（女", "包头市东河区"],
  },
  {
    title: "a name with the interpunct, given as a party name",
    text: "第三人阿卜杜拉·艾力，男，维吾尔族，住呼和浩特市新城区东风路6号。阿卜杜拉·艾力未提交书面意见。",
    names: ["阿卜杜拉·艾力"],
    secrets: ["阿卜杜拉·艾力", "艾力", "东风路6号"],
    keep: ["第三人阿某", "呼和浩特市新城区"],
  },
  {
    title: "full header of a decision: applicant, agent, respondent, third party",
    text:
      "申请人：杨秀梅，女，1963年4月4日出生，汉族，住呼伦贝尔市海拉尔区胜利街道河东社区12组，公民身份号码150702196304041225。" +
      "委托代理人：杨帆，男，系申请人之子。" +
      "被申请人：呼伦贝尔市海拉尔区人民政府，住所地呼伦贝尔市海拉尔区巴尔虎大街1号。" +
      "第三人：呼伦贝尔市海拉尔区住房和城乡建设局，住所地呼伦贝尔市海拉尔区正阳街18号。",
    secrets: ["杨秀梅", "秀梅", "杨帆", "胜利街道", "河东社区", "150702196304041225", "巴尔虎大街1号", "正阳街18号"],
    keep: ["申请人：杨某甲", "委托代理人：杨某乙", "呼伦贝尔市海拉尔区人民政府", "呼伦贝尔市海拉尔区住房和城乡建设局"],
  },
  {
    title: "a decision paragraph that names several parties again in the reasoning",
    text: "本机关认为，第三人李永刚在申请人王红梅承包的土地上修建房屋，被申请人乌兰察布市察哈尔右翼前旗自然资源局未予查处。王红梅多次向被申请人举报，李永刚亦未停止施工。",
    secrets: ["李永刚", "王红梅", "永刚", "红梅"],
    keep: ["第三人李某", "申请人王某", "乌兰察布市察哈尔右翼前旗自然资源局", "王某多次", "李某亦未"],
  },
  {
    title: "a name before 诉称 and a labelled bank account",
    text: "申请人苏和诉称，其于2023年向被申请人缴纳了罚款，缴款账户为被申请人在内蒙古农村信用社开立的账户，银行账号：15020101234567890。",
    secrets: ["苏和", "15020101234567890"],
    keep: ["申请人苏某诉称", "内蒙古农村信用社"],
  },
  {
    title: "surnames that are also prepositions (于, 向) next to the prepositions themselves",
    text: "申请人于海洋，男，于2024年3月3日向本机关申请行政复议。第三人向东，男，其妻暂住包头市九原区建华南路3号。申请人向被申请人提交了材料。",
    secrets: ["于海洋", "海洋", "向东", "建华南路3号"],
    keep: ["申请人于某，男，于2024年3月3日向本机关", "第三人向某，男", "包头市九原区", "申请人向被申请人提交了材料"],
  },
  {
    title: "a state organ's all-digit credit code stays; its legal representative with a Mongolian name goes",
    text: "第三人：内蒙古自治区林业和草原局，统一社会信用代码：111500000115521452。法定代表人：白音仓，局长。白音仓的手机号码为18647112345。",
    secrets: ["白音仓", "18647112345"],
    keep: ["内蒙古自治区林业和草原局", "111500000115521452", "法定代表人：白某，局长"],
  },
  {
    title: "a 2-character name followed by 对此 and a 3-character name whose last character could be a conjunction",
    text: "申请人李文对此不服，申请人王建和亦不服。李文、王建和的住址均为呼和浩特市武川县可可以力更镇光明村2号。",
    secrets: ["李文", "王建和", "可可以力更镇", "光明村2号"],
    keep: ["申请人李某对此不服", "申请人王某亦不服", "呼和浩特市武川县"],
  },
  {
    title: "a name introduced by （以下简称申请人）, a son named after 之子, an address right after a name",
    text: "路明（以下简称申请人）不服被申请人包头市九原区人民政府的决定。申请人之子路晓东住包头市九原区哈林格尔镇新光村，系本案证人。",
    secrets: ["路明", "路晓东", "晓东", "哈林格尔镇", "新光村"],
    keep: ["路某甲（以下简称申请人）", "申请人之子路某乙", "包头市九原区人民政府", "住包头市九原区"],
  },
];

describe("Art. 79(1) publication copy: zero leaks of personal information in real-shaped decision paragraphs", () => {
  it.each(vectors)("$title", ({ text, names, secrets, keep }) => {
    const out = anonymise(text, { names }).text;
    expect(findLeaks(out, secrets)).toEqual([]);
    for (const k of keep) expect(out).toContain(k);
  });

  it("the suite has at least 30 vectors and, over all of them, 0 leaked secrets", () => {
    const secretCount = vectors.reduce((n, v) => n + v.secrets.length, 0);
    const leaks = vectors.flatMap((v) => findLeaks(anonymise(v.text, { names: v.names }).text, v.secrets));
    expect(vectors.length).toBeGreaterThanOrEqual(30);
    expect(secretCount).toBeGreaterThanOrEqual(130);
    expect(leaks).toEqual([]);
    // every secret was really in its input: a vector whose secret is not there proves nothing
    expect(vectors.flatMap((v) => v.secrets.filter((s) => findLeaks(v.text, [s]).length === 0))).toEqual([]);
  });
});

describe("exact anonymised texts (法释〔2016〕19号 Arts. 9–10 method: surname + 某, removed values masked)", () => {
  it("applicant's header: surname + 某, ID and phone masked, address kept down to the district (张三 → 张某)", () => {
    const { text, replacements } = anonymise(
      "申请人张三，男，1985年3月7日出生，公民身份号码150102198503071234，住内蒙古自治区呼和浩特市新城区海拉尔东路12号锦绣小区3号楼2单元501室，联系电话13947112345。",
    );
    expect(text).toBe(
      `申请人张某，男，1985年3月7日出生，公民身份号码${X}，住内蒙古自治区呼和浩特市新城区${X}，联系电话${X}。`,
    );
    expect(replacements).toEqual([
      { kind: "idNumber", original: "150102198503071234", replacement: X },
      { kind: "phone", original: "13947112345", replacement: X },
      {
        kind: "address",
        original: "海拉尔东路12号锦绣小区3号楼2单元501室",
        replacement: X,
      },
      { kind: "name", original: "张三", replacement: "张某" },
    ]);
  });

  it("compound surname keeps both characters (欧阳明华 → 欧阳某); a township below the banner goes", () => {
    expect(
      anonymise("第三人欧阳明华，女，住鄂尔多斯市东胜区诃额伦街道。", {
        names: ["欧阳明华"],
      }).text,
    ).toBe(`第三人欧阳某，女，住鄂尔多斯市东胜区${X}。`);
  });

  it("Mongolian names keep their first character only (巴特尔 → 巴某, 额尔敦巴雅尔 → 额某, 其木格 → 其某)", () => {
    expect(anonymise("申请人巴特尔，男，蒙古族。委托代理人：其木格。第三人额尔敦巴雅尔对此无异议。").text).toBe(
      "申请人巴某，男，蒙古族。委托代理人：其某。第三人额某对此无异议。",
    );
  });

  it("plates, bank card and e-mail removed; the respondent organ and the document number stay", () => {
    expect(
      anonymise(
        "被申请人赤峰市公安局交通管理支队以申请人驾驶的蒙D·12345号车辆（另有蒙DD54321）违法停车为由作出赤公交罚〔2024〕8号决定，罚款转入6222021234567890123，回执发往a.b@qq.com。",
      ).text,
    ).toBe(
      `被申请人赤峰市公安局交通管理支队以申请人驾驶的${X}号车辆（另有${X}）违法停车为由作出赤公交罚〔2024〕8号决定，罚款转入${X}，回执发往${X}。`,
    );
  });

  it("organisation names, articles, dates, amounts and document numbers are left as they are", () => {
    const text =
      "被申请人呼伦贝尔市住房和城乡建设局于2024年3月1日作出呼住建罚〔2024〕12号行政处罚决定，罚款50000元。包头市第三人民医院出具了诊断证明。" +
      "被申请人逾期不履行的，申请人可以申请人民法院强制执行。依据《中华人民共和国行政复议法》第六十八条，本机关决定维持。送达地址确认书已签收。";
    expect(anonymise(text)).toEqual({ text, replacements: [] });
  });

  it("role labels followed by verbs, prepositions and nouns are not names: the reasoning paragraph is unchanged", () => {
    const text =
      "申请人称，其于2024年1月1日收到决定书。申请人认为，被申请人认定事实不清。申请人于2024年2月2日提出申请。申请人提交了证据材料。" +
      "申请人及其代理人均到场。申请人所述理由不能成立。代理人意见已记录在案。被申请人负责人到庭参加听证。第三人未到庭。申请人的请求不予支持。" +
      "申请人本人到场签字。第三人在法定期限内未提交意见。申请人主张的损失缺乏证据。执法人员现场检查时未出示证件。";
    expect(anonymise(text)).toEqual({ text, replacements: [] });
  });

  it("a role label before a stated sex is not taken for a name (申请人（男，…）)", () => {
    const text = "申请人（男，1980年1月1日出生）不服。第三人（女）未到庭。";
    expect(anonymise(text)).toEqual({ text, replacements: [] });
  });

  it("a text already anonymised by hand (刘某某, 王某) is left as it is", () => {
    const text = "申请人刘某某，男，住呼和浩特市新城区。第三人王某，女。";
    expect(anonymise(text)).toEqual({ text, replacements: [] });
  });

  it("a known name is replaced everywhere, and two known names with one surname become 王某甲, 王某乙", () => {
    expect(anonymise("王芳称王刚曾多次向王芳借款。", { names: ["王刚", "王芳"] }).text).toBe(
      "王某甲称王某乙曾多次向王某甲借款。",
    );
  });
});

describe("place names inside organisation names are not mistaken for a person (decision documented in anonymise.ts)", () => {
  it("a person named 呼和 becomes 呼某, while 呼和浩特市人民政府 stays whole", () => {
    const out = anonymise("第三人呼和，男，蒙古族。被申请人呼和浩特市人民政府认为，呼和的陈述与事实不符。", {
      names: ["呼和"],
    }).text;
    expect(out).toBe("第三人呼某，男，蒙古族。被申请人呼和浩特市人民政府认为，呼某的陈述与事实不符。");
  });

  it("a name that is also in 乌兰察布市: the city stays, the person does not", () => {
    const out = anonymise("申请人乌兰，女，住乌兰察布市集宁区。", {
      names: ["乌兰"],
    }).text;
    expect(out).toBe("申请人乌某，女，住乌兰察布市集宁区。");
  });
});

describe("findLeaks, the helper the tests rely on", () => {
  it("finds a secret verbatim and a number written with spaces, dots or dashes", () => {
    expect(findLeaks("电话 139 4711 2345", ["13947112345"])).toEqual(["13947112345"]);
    expect(findLeaks("车牌蒙A12345", ["蒙A·12345"])).toEqual(["蒙A·12345"]);
    expect(findLeaks("申请人王小明", ["王小明", "李四", ""])).toEqual(["王小明"]);
  });

  it("reports nothing when the secrets are gone", () => {
    expect(findLeaks(`申请人王某，电话${X}`, ["王小明", "13947112345"])).toEqual([]);
  });
});
