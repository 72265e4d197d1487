// A small list of passwords that are long enough (10+) but are among the first tried by any
// attacker: keyboard walks, "password"/"admin" variants, Chinese pinyin favourites, years and
// the site's own name. Compared case-insensitively. Shared by the signup form (client) and the
// server, so it stays small.
const COMMON = [
  "password123", "password1234", "password12345", "password123456", "passw0rd123", "p@ssw0rd123", "p@ssword123",
  "password!", "password1!", "password@123", "passwordpassword", "mypassword", "mypassword1", "newpassword",
  "changeme123", "letmein123", "welcome123", "welcome1234", "welcome@123", "iloveyou123", "iloveyou1314",
  "administrator", "admin12345", "admin123456", "admin@12345", "admin@123456", "adminadmin", "root123456",
  "qwertyuiop", "qwertyuiop123", "qwerty12345", "qwerty123456", "qwerty1234567", "1qaz2wsx3edc", "1qaz@wsx3edc",
  "1qaz2wsx", "qazwsxedc", "qazwsxedcrfv", "qazwsx123456", "zaq12wsxcde3", "asdfghjkl", "asdfghjkl123",
  "asdf123456", "zxcvbnm123", "zxcvbnm123456", "zxcvbnmasd", "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4t5",
  "q1w2e3r4t5y6", "abc1234567", "abc12345678", "abcd123456", "abcd1234567", "abcdefghij", "abcdefg123",
  "a123456789", "a1234567890", "aa123456789", "abc123456789", "a1b2c3d4e5", "aaaaaaaaaa", "abcabcabc123",
  "1234567890a", "123456789a", "123456789abc", "123456789q", "123456abc", "123456qwerty", "123qweasdzxc",
  "qweasdzxc123", "woaini1314", "woaini520", "woaini123456", "woaini1314520", "5201314woaini", "iloveyou520",
  "zhangwei123", "wangwei123", "liuyang123", "wangjing123", "zhangjie123", "lixiaolong1", "huangxiaoming",
  "ganzhou123", "ganzhou123456", "ganzhou2026", "gz123456789", "kejiju123456", "keji123456", "jiangxi123456",
  "football123", "baseball123", "dragon1234", "monkey123456", "sunshine123", "princess123", "superman123",
  "batman12345", "starwars123", "trustno1234", "whatever123", "computer123", "internet123", "michael123",
  "shadow12345", "master12345", "killer12345", "hello12345", "hello123456", "helloworld", "helloworld1",
  "test123456", "test1234567", "testtest123", "guest12345", "user123456", "login12345", "secret12345",
  "china123456", "beijing123", "shanghai123", "shenzhen123", "guangzhou123", "nanchang123",
];

const COMMON_SET = new Set(COMMON.map((p) => p.toLowerCase()));

/** true for a password on the list, or one character repeated, or a run like abcdefghij / 0987654321. */
export function isCommonPassword(password: string) {
  const p = password.toLowerCase();
  if (COMMON_SET.has(p)) return true;
  if (new Set(p).size <= 2) return true;
  const codes = [...p].map((c) => c.codePointAt(0)!);
  const steps = new Set(codes.slice(1).map((c, i) => c - codes[i]!));
  return steps.size === 1 && [...steps].every((s) => Math.abs(s) === 1);
}
