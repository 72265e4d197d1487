// Highlighting is the only place listing text becomes HTML: every character escaped, matches
// found on the normalised text (NFKC, lower case) but marked on the original characters.
import { expect, test } from "vitest";
import { highlightText, matchRanges, snippet } from "./highlight.ts";
import { normalizeText } from "./normalize.ts";

test("matches are case-insensitive for Latin and marked on the original characters", () => {
  expect(highlightText("NdFeB 永磁体与ndfeb粉末", ["ndfeb"])).toBe("<mark>NdFeB</mark> 永磁体与<mark>ndfeb</mark>粉末");
  expect(highlightText("锂电池 BMS 管理", ["bms"])).toBe("锂电池 <mark>BMS</mark> 管理");
});

test("full-width and compatibility characters match their normal forms", () => {
  // full-width Latin letters and digits (NFKC → ASCII), the ㎏ sign (→ kg)
  expect(highlightText("ＮｄＦｅＢ磁体５Ｇ基站", ["ndfeb", "5g"])).toBe(
    "<mark>ＮｄＦｅＢ</mark>磁体<mark>５Ｇ</mark>基站",
  );
  expect(matchRanges("每批 10㎏ 样品", ["kg"])).toEqual([[5, 6]]);
});

test("Chinese terms of any length, overlapping matches merged", () => {
  expect(highlightText("钨钢即硬质合金，硬质合金刀具", ["硬质合金", "合金刀"])).toBe(
    "钨钢即<mark>硬质合金</mark>，<mark>硬质合金刀</mark>具",
  );
  expect(highlightText("钨", ["钨"])).toBe("<mark>钨</mark>");
  expect(highlightText("稀土", [])).toBe("稀土");
});

test("everything else is escaped, inside and outside the marks", () => {
  expect(highlightText(`<script>alert("x")</script> & 'b<c>'`, ["b<c"])).toBe(
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;<mark>b&lt;c</mark>&gt;&#39;",
  );
});

test("characters outside the BMP keep their offsets", () => {
  expect(highlightText("😀稀土𠀀稀土", ["稀土"])).toBe("😀<mark>稀土</mark>𠀀<mark>稀土</mark>");
});

test("the fast path for ASCII and CJK ideographs normalises every character as normalizeText does", () => {
  // matchRanges skips normalizeText() for ASCII and U+4E00–U+9FFF: check it over the whole BMP
  const mismatched: number[] = [];
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const ch = String.fromCharCode(code);
    const n = normalizeText(ch);
    if (!n) continue;
    const marked = matchRanges(`x${ch}y`, [n]);
    if (!marked.some(([a, b]) => a <= 1 && b >= 2)) mismatched.push(code);
  }
  expect(mismatched).toEqual([]);
});

test("a snippet is a window around the first match, cut with ellipses", () => {
  const body = `${"背景介绍".repeat(40)}本成果采用晶界扩散重稀土提高钕铁硼矫顽力。${"应用前景".repeat(40)}`;
  const s = snippet(body, ["矫顽力"], 60);
  expect(s).toContain("<mark>矫顽力</mark>");
  expect(s.startsWith("…")).toBe(true);
  expect(s.endsWith("…")).toBe(true);
  expect(s.replace(/<\/?mark>/g, "").length).toBeLessThanOrEqual(64);
  expect(snippet("短文本 稀土", ["稀土"])).toBe("短文本 <mark>稀土</mark>");
});

test("text whose offsets survive normalisation and text whose offsets do not mark the same characters", () => {
  // ideographs, full-width punctuation and Latin (one unit each after NFKC): marked in place,
  // touching matches as one
  expect(highlightText("（ＢＭＳ）锂电池，BMS模块：bms", ["bms", "电池,"])).toBe(
    "（<mark>ＢＭＳ</mark>）锂<mark>电池，BMS</mark>模块：<mark>bms</mark>",
  );
  // the same text with one character that normalises to two (㎏ → kg): the offsets are mapped back
  expect(highlightText("（ＢＭＳ）锂电池，BMS模块：bms㎏", ["bms", "电池,", "kg"])).toBe(
    "（<mark>ＢＭＳ</mark>）锂<mark>电池，BMS</mark>模块：<mark>bms㎏</mark>",
  );
  expect(snippet(`${"前言".repeat(80)}（ＢＭＳ）${"后记".repeat(80)}`, ["bms"], 40)).toContain(
    "（<mark>ＢＭＳ</mark>）",
  );
});

test("a snippet marks its window as highlightText marks that window alone", () => {
  // snippet() normalises the whole text once and slices the window's matches from it; the
  // reference below finds the window as snippet() does and highlights it on its own
  const reference = (text: string, terms: string[], length: number) => {
    const clean = text.replace(/\s+/g, " ").trim();
    if (clean.length <= length) return highlightText(clean, terms);
    const first = matchRanges(clean, terms)[0]?.[0] ?? 0;
    let start = Math.max(0, first - Math.floor(length / 4));
    if (start > 0 && /[\uDC00-\uDFFF]/.test(clean[start] ?? "")) start--;
    let end = Math.min(clean.length, start + length);
    if (end < clean.length && /[\uDC00-\uDFFF]/.test(clean[end] ?? "")) end++;
    return (start > 0 ? "…" : "") + highlightText(clean.slice(start, end), terms) + (end < clean.length ? "…" : "");
  };
  const pieces = [
    "稀土",
    "永磁",
    "ＢＭＳ",
    "bms",
    "NdFeB",
    "，",
    "。",
    "😀",
    "𠀀",
    "㎏",
    "ﬁ",
    "\ud800",
    "\udc00",
    " ",
    "<&>",
    "a",
  ];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < 400; i++) {
    let text = "";
    const n = 10 + (next() % 120);
    for (let j = 0; j < n; j++) text += pieces[next() % pieces.length];
    const terms = [["稀土"], ["bms", "永磁"], ["ndfeb", "kg"], ["fi"], []][i % 5]!;
    for (const length of [8, 13, 40]) expect(snippet(text, terms, length)).toBe(reference(text, terms, length));
  }
});
