// 认定登记号 (older national format, 14 digits): year(2) + province(2) + city(2) + registration
// point(2) + serial(6). The one place that knows the area part: Jiangxi (36) Ganzhou (07), taken
// from the city's GB/T 2260 code. Client-safe (the schema and the OpenAPI pattern use it too).
import { GANZHOU_CITY_CODE } from "../domain/regions.ts";

export const PROVINCE_CODE = GANZHOU_CITY_CODE.slice(0, 2);
export const CITY_CODE = GANZHOU_CITY_CODE.slice(2, 4);

export const REGISTRATION_NUMBER_RE = new RegExp(`^\\d{2}${PROVINCE_CODE}${CITY_CODE}\\d{8}$`);

/** The first eight digits: year(2) + area(4) + registration point(2). */
export function registrationNumberPrefix(year: number, point: string) {
  return `${String(year % 100).padStart(2, "0")}${PROVINCE_CODE}${CITY_CODE}${point}`;
}

/** The number of serial `serial` (1–999999); the caller refuses an exhausted serial. */
export function registrationNumber(year: number, point: string, serial: number) {
  return `${registrationNumberPrefix(year, point)}${String(serial).padStart(6, "0")}`;
}

export function parseRegistrationNumber(number: string) {
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{6})$/.exec(number);
  if (!m) return null;
  return { year2: Number(m[1]), province: m[2]!, city: m[3]!, point: m[4]!, serial: Number(m[5]) };
}
