import { inflateSync } from 'zlib';

/** A decoded 8-bit truecolour PNG: `pixels` holds `channels` bytes per pixel, row by row. */
export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  /** PNG colour type: 2 is RGB, 6 is RGB with alpha. */
  colourType: number;
  channels: 3 | 4;
  pixels: Uint8Array;
}

/** What Teams asks of each icon in an app package. */
export interface IconRule {
  size: number;
  /** Outline icons must be white on a transparent background. */
  whiteOnTransparent: boolean;
}

/**
 * Teams' icon rules: the colour icon is 192×192 in full colour, the outline icon 32×32,
 * white on a transparent background.
 */
export const ICON_RULES: Readonly<Record<'color' | 'outline', IconRule>> = {
  color: { size: 192, whiteOnTransparent: false },
  outline: { size: 32, whiteOnTransparent: true },
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Decodes an 8-bit, non-interlaced RGB or RGBA PNG — the kinds an app icon should be.
 * Throws on anything else, with what was found.
 *
 * @example
 * const png = readPng(fs.readFileSync('manifest/outline.png'));
 * png.width; // 32
 * png.colourType; // 6
 */
export function readPng(bytes: Uint8Array): DecodedPng {
  const data = Buffer.from(bytes);
  if (data.length < 8 || PNG_SIGNATURE.some((b, i) => data[i] !== b)) throw new Error('not a PNG file');
  let offset = 8;
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset + 8 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header) throw new Error('PNG has no IHDR chunk');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const bitDepth = header[8];
  const colourType = header[9];
  if (bitDepth !== 8 || (colourType !== 2 && colourType !== 6)) {
    throw new Error(`PNG is bit depth ${bitDepth}, colour type ${colourType}; expected 8-bit RGB (2) or RGBA (6)`);
  }
  if (header[12] !== 0) throw new Error('PNG is interlaced; expected non-interlaced');
  const channels = colourType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('PNG image data is truncated');
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[y * stride + i - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels] : 0;
      pixels[y * stride + i] = (line[i] + predictor(filter, left, up, upLeft)) & 0xff;
    }
  }
  return { width, height, bitDepth, colourType, channels, pixels };
}

function predictor(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const pa = Math.abs(p - left);
      const pb = Math.abs(p - up);
      const pc = Math.abs(p - upLeft);
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new Error(`PNG uses unknown filter type ${filter}`);
  }
}

/**
 * What is wrong with an icon under a Teams icon rule; empty when it complies.
 *
 * @example
 * iconProblems('outline.png', fs.readFileSync('manifest/outline.png'), ICON_RULES.outline); // []
 * iconProblems('outline.png', fs.readFileSync('manifest/color.png'), ICON_RULES.outline);
 * // ['outline.png is 192×192; Teams requires 32×32', 'outline.png has no transparency; ...']
 */
export function iconProblems(name: string, bytes: Uint8Array, rule: IconRule): string[] {
  let png: DecodedPng;
  try {
    png = readPng(bytes);
  } catch (e) {
    return [`${name}: ${(e as Error).message}`];
  }
  const problems: string[] = [];
  if (png.width !== rule.size || png.height !== rule.size) {
    problems.push(`${name} is ${png.width}×${png.height}; Teams requires ${rule.size}×${rule.size}`);
  }
  if (rule.whiteOnTransparent) {
    if (png.channels !== 4) {
      problems.push(`${name} has no transparency; Teams requires a white outline on a transparent background`);
    } else {
      const coloured = countPixels(png, (r, g, b, a) => a > 0 && (r !== 255 || g !== 255 || b !== 255));
      if (coloured > 0) {
        problems.push(`${name} has ${coloured} pixels that are neither white nor transparent; Teams requires white on transparent`);
      }
      if (countPixels(png, (_r, _g, _b, a) => a > 0) === 0) problems.push(`${name} is fully transparent`);
    }
  }
  return problems;
}

/**
 * How many pixels of a decoded PNG satisfy a test (alpha is 255 for RGB images).
 *
 * @example
 * countPixels(readPng(bytes), (_r, _g, _b, a) => a === 0); // the transparent pixels
 */
export function countPixels(
  png: DecodedPng,
  test: (r: number, g: number, b: number, a: number) => boolean,
): number {
  let count = 0;
  for (let i = 0; i < png.pixels.length; i += png.channels) {
    const p = png.pixels;
    if (test(p[i], p[i + 1], p[i + 2], png.channels === 4 ? p[i + 3] : 255)) count++;
  }
  return count;
}
