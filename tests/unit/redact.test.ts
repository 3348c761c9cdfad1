import { describe, expect, it } from "vitest";
import { redactText, redactValue } from "~/utils/redact";
import { maskIdNumber, maskIdentifier } from "~/utils/mask";

describe("log redaction: never an ID number, phone, password or token in a log line", () => {
  it("masks resident ID numbers (GB 11643, 18 characters)", () => {
    expect(redactText("申请人 15010219900307123X 提交")).toBe("申请人 [身份证号已隐藏] 提交");
    expect(redactText("id=150102199003071234;")).not.toContain("150102199003071234");
  });
  it("masks mobile numbers in every usual spelling", () => {
    for (const phone of ["13912345678", "139 1234 5678", "+86 13912345678", "139-1234-5678"]) {
      expect(redactText(`call ${phone} now`)).toBe("call [手机号已隐藏] now");
    }
  });
  it("masks e-mail addresses", () => expect(redactText("login li@example.com")).toBe("login [邮箱已隐藏]"));
  it("leaves ordinary numbers alone", () => {
    expect(redactText("status 200 in 12.5 ms, organ 150100")).toBe("status 200 in 12.5 ms, organ 150100");
  });
  it("drops secret-named keys at any depth", () => {
    const out = redactValue({ user: { password: "Nmg-Demo-2026!", name: "张三" }, headers: { cookie: "imr_session=abc", authorization: "x" }, csrf: "t", otp: "123456" });
    const text = JSON.stringify(out);
    for (const secret of ["Nmg-Demo-2026!", "imr_session=abc", '"t"', "123456"]) expect(text).not.toContain(secret);
    expect(text).toContain("张三");
  });
  it("masks inside error messages and stacks", () => {
    const out = redactValue(new Error("duplicate phone 13912345678")) as { message: string };
    expect(out.message).not.toContain("13912345678");
  });
});

describe("masking for display", () => {
  it("ID number keeps the region and the last four", () => expect(maskIdNumber("15010219900307123X")).toBe("150102********123X"));
  it("phone keeps 3 + 4", () => expect(maskIdentifier("13912345678")).toBe("139****5678"));
  it("e-mail keeps the first letter", () => expect(maskIdentifier("li@example.com")).toBe("l***@example.com"));
});
