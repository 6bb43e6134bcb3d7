#!/usr/bin/env node
'use strict';
// Draws Heard's two Teams icons and writes them beside this script:
//   color.png   192×192, full colour: a white speech bubble on the accent colour
//   outline.png  32×32,  the same bubble as a white outline on transparency
// Teams rejects an outline icon with any colour other than white, so the outline is
// drawn with white pixels only and anti-aliased through alpha alone. The PNGs are
// encoded by hand with zlib so the icons can be regenerated without an image library.
// Run: node manifest/make-icons.js
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { Buffer } = require('buffer');

/** Must match `accentColor` in manifest.template.json, so the icon and Teams' tile agree. */
const ACCENT = [0x1f, 0x6f, 0x78];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 8; // per axis, per pixel: 64 samples give smooth edges

// ---- PNG encoding -------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * @param {number} size width and height in pixels
 * @param {number} channels 3 (colour type 2, RGB) or 4 (colour type 6, RGBA)
 * @param {(x: number, y: number) => number[]} pixel the channel values of one pixel
 */
function encodePng(size, channels, pixel) {
  const rowLength = 1 + size * channels;
  const raw = Buffer.alloc(rowLength * size);
  for (let y = 0; y < size; y++) {
    raw[y * rowLength] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const values = pixel(x, y);
      for (let c = 0; c < channels; c++) raw[y * rowLength + 1 + x * channels + c] = values[c];
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = channels === 4 ? 6 : 2; // colour type
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- The glyph, as signed distances in a unit square (negative = inside) -------------

function roundedBox(x, y, cx, cy, halfW, halfH, radius) {
  const qx = Math.abs(x - cx) - halfW + radius;
  const qy = Math.abs(y - cy) - halfH + radius;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

function triangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const edges = [
    [ax, ay, bx, by],
    [bx, by, cx, cy],
    [cx, cy, ax, ay],
  ];
  let distance = Infinity;
  let inside = true;
  const orientation = Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  for (const [px, py, qx, qy] of edges) {
    const ex = qx - px;
    const ey = qy - py;
    const t = Math.max(0, Math.min(1, ((x - px) * ex + (y - py) * ey) / (ex * ex + ey * ey)));
    distance = Math.min(distance, Math.hypot(x - px - ex * t, y - py - ey * t));
    if (Math.sign(ex * (y - py) - ey * (x - px)) === -orientation) inside = false;
  }
  return inside ? -distance : distance;
}

/** The speech bubble: a rounded box with a tail at its lower left. */
function bubble(x, y) {
  const body = roundedBox(x, y, 0.5, 0.44, 0.32, 0.23, 0.13);
  const tail = triangle(x, y, [0.27, 0.6], [0.47, 0.6], [0.22, 0.84]);
  return Math.min(body, tail);
}

/** Three dots in the bubble: someone is speaking. */
function dots(x, y, radius) {
  return Math.min(...[0.33, 0.5, 0.67].map((cx) => Math.hypot(x - cx, y - 0.44) - radius));
}

/** Averages `sample` over a grid of points inside pixel (x, y) of a size×size image. */
function supersample(size, x, y, sample) {
  const sum = [0, 0, 0, 0];
  for (let i = 0; i < SAMPLES; i++) {
    for (let j = 0; j < SAMPLES; j++) {
      const values = sample((x + (i + 0.5) / SAMPLES) / size, (y + (j + 0.5) / SAMPLES) / size);
      values.forEach((v, c) => (sum[c] += v));
    }
  }
  return sum.map((v) => Math.round(v / (SAMPLES * SAMPLES)));
}

function colorIcon() {
  const size = 192;
  return encodePng(size, 3, (x, y) =>
    supersample(size, x, y, (u, v) => {
      if (dots(u, v, 0.055) <= 0) return ACCENT;
      return bubble(u, v) <= 0 ? WHITE : ACCENT;
    }),
  );
}

function outlineIcon() {
  const size = 32;
  const stroke = 2 / size; // a 2 px line survives Teams' scaling of the 32 px icon
  return encodePng(size, 4, (x, y) => {
    const [alpha] = supersample(size, x, y, (u, v) =>
      Math.abs(bubble(u, v) + stroke / 2) <= stroke / 2 || dots(u, v, 0.055) <= 0 ? [255] : [0],
    );
    return [...WHITE, alpha];
  });
}

if (require.main === module) {
  for (const [name, png] of [
    ['color.png', colorIcon()],
    ['outline.png', outlineIcon()],
  ]) {
    const file = path.join(__dirname, name);
    fs.writeFileSync(file, png);
    console.log(`wrote ${path.relative(process.cwd(), file)} (${png.length} bytes)`);
  }
}

module.exports = { encodePng, colorIcon, outlineIcon };
