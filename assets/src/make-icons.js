// Draws the add-in icons (assets/icon-16/32/64/80.png): a green rounded square with three rising white bars, the
// same shape as the task pane's logo. Plain Node (zlib), 4x4 supersampling. Run: node assets/src/make-icons.js
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function crc32(buf) {
  let c;
  const table = [];
  for (let n = 0; n < 256; n++) {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Shapes in a 32-unit box (as the SVG logo): background rounded rect, three bars.
const inRoundRect = (x, y, x0, y0, w, h, r) => {
  if (x < x0 || y < y0 || x > x0 + w || y > y0 + h) return false;
  const cx = Math.min(Math.max(x, x0 + r), x0 + w - r);
  const cy = Math.min(Math.max(y, y0 + r), y0 + h - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const bars = [
  [7, 17, 4, 8],
  [14, 12, 4, 13],
  [21, 7, 4, 18],
];

function draw(size) {
  const S = 4;
  return png(size, (px, py) => {
    let bg = 0;
    let white = 0;
    for (let i = 0; i < S; i++)
      for (let j = 0; j < S; j++) {
        const x = ((px + (i + 0.5) / S) / size) * 32;
        const y = ((py + (j + 0.5) / S) / size) * 32;
        if (inRoundRect(x, y, 1, 1, 30, 30, 6)) {
          if (bars.some(([bx, by, w, h]) => inRoundRect(x, y, bx, by, w, h, 1))) white++;
          else bg++;
        }
      }
    const n = S * S;
    const a = (bg + white) / n;
    if (a === 0) return [0, 0, 0, 0];
    const wf = white / (bg + white);
    const mix = (g, w) => Math.round(g * (1 - wf) + w * wf);
    return [mix(0x10, 255), mix(0x7c, 255), mix(0x41, 255), Math.round(a * 255)];
  });
}

for (const size of [16, 32, 64, 80]) fs.writeFileSync(path.join(__dirname, '..', `icon-${size}.png`), draw(size));
console.log('icons: assets/icon-{16,32,64,80}.png');
