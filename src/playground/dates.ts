/** Excel 1900-system serial -> ISO date (serials from 61 on; the playground never shows dates before March 1900). */
export function excelSerialToIso(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}
