// Masking personal information in what committee members read (《行政复议法》第三十六条第二款: personal privacy kept
// confidential), on texts shaped like real applications, replies and questions.
import { describe, expect, it } from "vitest";
import { MASKS, maskPersonalData } from "~/domain/personal-data";

describe("Art. 36(2): personal information masked for committee members, names kept", () => {
  it("an applicant's particulars: ID number, address below the district and mobile masked; name and birth date kept", () => {
    const text =
      "申请人张三，男，1985年3月7日出生，公民身份号码150102198503071234，住内蒙古自治区呼和浩特市新城区海拉尔东路12号锦绣小区3号楼2单元501室，联系电话13947112345。";
    expect(maskPersonalData(text)).toBe(
      `申请人张三，男，1985年3月7日出生，公民身份号码${MASKS.idNumber}，住内蒙古自治区呼和浩特市新城区${MASKS.address}，联系电话${MASKS.phone}。`,
    );
  });

  it("ID numbers ending in X and the old 15-digit numbers, with or without a label", () => {
    expect(maskPersonalData("第三人王五，身份证号：15012219700101002X。")).toBe(`第三人王五，身份证号：${MASKS.idNumber}。`);
    expect(maskPersonalData("旧证号150102700101001。")).toBe(`旧证号${MASKS.idNumber}。`);
    expect(maskPersonalData("护照号码：E12345678")).toBe(`护照号码：${MASKS.idNumber}`);
  });

  it("phones in their usual spellings: mobile with spaces or +86, landline with area code, a labelled short number", () => {
    expect(maskPersonalData("手机 139 4711 2345，或+86-139-4711-2345")).toBe(`手机 ${MASKS.phone}，或${MASKS.phone}`);
    expect(maskPersonalData("电话：0471-6912345；传真（0471）6912346")).toBe(`电话：${MASKS.phone}；传真${MASKS.phone}`);
    expect(maskPersonalData("联系电话为6912345。")).toBe(`联系电话为${MASKS.phone}。`);
    expect(maskPersonalData("邮箱lisi@163.com")).toBe(`邮箱${MASKS.email}`);
  });

  it("addresses in running text and after a label: the region, city and district/county/banner/township stay", () => {
    expect(maskPersonalData("申请人李四家住赛罕区大学西街235号。")).toBe(`申请人李四家住赛罕区${MASKS.address}。`);
    expect(maskPersonalData("第三人王五，住址：托克托县双河镇河口村三组。")).toBe(`第三人王五，住址：托克托县双河镇${MASKS.address}。`);
    expect(maskPersonalData("住所地为呼和浩特市回民区中山西路1号海亮广场A座1801。")).toBe(`住所地为呼和浩特市回民区${MASKS.address}。`);
    expect(maskPersonalData("户籍地：锡林郭勒盟锡林浩特市宝力根街道某某嘎查5组")).toBe(`户籍地：锡林郭勒盟锡林浩特市宝力根街道${MASKS.address}`);
    expect(maskPersonalData("其店铺位于金桥开发区创业路5号")).toBe(`其店铺位于金桥开发区${MASKS.address}`);
  });

  it("leaves what is not personal: organs, document numbers, articles, dates, amounts, a street without a number", () => {
    const text =
      "被申请人呼和浩特市市场监督管理局于2026年3月1日作出呼市监罚〔2026〕123号行政处罚决定，罚款5000000元，依据《中华人民共和国道路交通安全法》第九十条。申请人的店铺位于新华大街。已签收送达地址确认书。";
    expect(maskPersonalData(text)).toBe(text);
  });

  it("a question to the committee keeps its names and loses the applicant's phone", () => {
    expect(maskPersonalData("乌云娜（电话13812345678）的陈述能否采信？")).toBe(`乌云娜（电话${MASKS.phone}）的陈述能否采信？`);
  });
});
