// Passwords of 8+ characters that appear at the top of public leaked-password frequency lists (international lists and
// the Chinese CSDN/Tianya leaks). Rejected at registration and password change. Compared case-insensitively.
const list = `
12345678 123456789 1234567890 0123456789 01234567 87654321 987654321 9876543210 11111111 111111111 1111111111
00000000 000000000 88888888 888888888 66666666 666666666 99999999 55555555 22222222 33333333 44444444 77777777
12341234 11223344 12344321 11112222 12121212 13131313 123123123 123321123 147258369 123456abc 1234567a 12345678a
123456789a 1234qwer qwer1234 qwertyui qwertyuiop qwerty123 qwerty12 asdfghjk asdfghjkl zxcvbnm1 zxcvbnm123 1qaz2wsx
1q2w3e4r 1q2w3e4r5t 1qazxsw2 zaq12wsx q1w2e3r4 a1b2c3d4 abcd1234 abc12345 abcdefgh abcdefg1 aa123456 a12345678
a123456789 password password1 password123 passw0rd p@ssw0rd p@ssword admin123 admin1234 administrator iloveyou
iloveyou1 woaini1314 woaini520 woaini123 wo5201314 5201314520 52013145201314 1314520520 520520520 7758521a
qq123456 qq1234567 qq5201314 caonima123 dearbook sunshine princess football baseball welcome1 welcome123 letmein1
trustno1 superman batman123 dragon12 monkey12 shadow12 master12 michael1 jennifer computer internet whatever
starwars 12qwaszx 1234abcd abcd12345 aaaaaaaa aaaaaaa1 zzzzzzzz xiaoming huang123 zhang123 wang1234 li123456
chen1234 liu12345 baidu123 taobao123 woshishui nihao123 nihaoma1 changeme changeme1 default1 test1234 test12345
testtest guest1234 user1234 root1234 qazwsxedc qazwsx123 asd12345 asdf1234 asdasdasd zxc12345 zxcv1234 1a2b3c4d
a1234567 a11111111 abc123456 abc123456789 pass1234 pass12345 secret12 mima1234 mima123456 shenfenzheng 19491001
20080808 19880808 19900101 12345qwert qwert12345 66668888 168168168 518518518 147852369 159753159 159357159
`;

export const commonPasswords: ReadonlySet<string> = new Set(list.split(/\s+/).filter(Boolean));

export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  if (commonPasswords.has(p)) return true;
  // one character repeated, or a run of consecutive digits
  if (/^(.)\1+$/.test(p)) return true;
  if ("0123456789012345678901234567890".includes(p) || "9876543210987654321098765432109".includes(p)) return true;
  return false;
}
