/**
 * The app's icon, drawn from one vector description (a bowstring arch bridge: "Brückenschlag") and rendered
 * deterministically into the two PNGs a Teams app package needs:
 * - `color.png`, 192×192: the white bridge on the brand colour, which fills the whole square;
 * - `outline.png`, 32×32: the same bridge in white on a transparent background.
 *
 * No binary of unknown origin is committed: `npm run manifest` renders both files from {@link bridgeDrawing}.
 * Edges are anti-aliased by supersampling each pixel on a regular grid.
 */
import { PNG } from 'pngjs';

/** A filled shape in the unit square (x to the right, y downwards, both 0…1). */
export type Shape =
  | { kind: 'rect'; x0: number; y0: number; x1: number; y1: number }
  /** The upper half of a ring (an arch) around (cx, cy). */
  | { kind: 'arch'; cx: number; cy: number; outer: number; inner: number }
  | { kind: 'circle'; cx: number; cy: number; r: number };

/**
 * The one source drawing. Stroke widths are chosen so that the thinnest part (the hangers) is still more than a
 * pixel wide in the 32×32 outline icon.
 */
export const bridgeDrawing: readonly Shape[] = [
  // The arch spanning the river, and the deck it carries. Coordinates are multiples of 1/32, so that the
  // straight edges fall on pixel borders in the 32×32 outline icon.
  { kind: 'arch', cx: 0.5, cy: 0.59375, outer: 0.40625, inner: 0.3125 },
  { kind: 'rect', x0: 0.03125, y0: 0.5625, x1: 0.96875, y1: 0.65625 },
  // Hangers between arch and deck, two pixels wide at 32×32.
  { kind: 'rect', x0: 0.3125, y0: 0.3125, x1: 0.375, y1: 0.5625 },
  { kind: 'rect', x0: 0.46875, y0: 0.25, x1: 0.53125, y1: 0.5625 },
  { kind: 'rect', x0: 0.625, y0: 0.3125, x1: 0.6875, y1: 0.5625 },
  // The two abutments: Südwestfalen on one bank, Dortmund on the other.
  { kind: 'rect', x0: 0.0625, y0: 0.65625, x1: 0.1875, y1: 0.8125 },
  { kind: 'rect', x0: 0.8125, y0: 0.65625, x1: 0.9375, y1: 0.8125 },
];

/** Brand colour: background of the colour icon and the manifest's `accentColor` (Teams wants them equal). */
export const ICON_BACKGROUND = '#1B5E8C';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

function covers(shape: Shape, x: number, y: number): boolean {
  switch (shape.kind) {
    case 'rect':
      return x >= shape.x0 && x < shape.x1 && y >= shape.y0 && y < shape.y1;
    case 'circle':
      return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
    case 'arch': {
      if (y > shape.cy) return false;
      const d2 = (x - shape.cx) ** 2 + (y - shape.cy) ** 2;
      return d2 <= shape.outer ** 2 && d2 >= shape.inner ** 2;
    }
  }
}

/**
 * How much of each pixel the drawing covers (0…1), for a `size`×`size` image whose drawing sits in the square
 * `inset`…`size - inset` pixels.
 */
export function coverage(drawing: readonly Shape[], size: number, inset: number, samplesPerAxis = 8): Float64Array {
  const result = new Float64Array(size * size);
  const span = size - 2 * inset;
  const total = samplesPerAxis * samplesPerAxis;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samplesPerAxis; sy++) {
        for (let sx = 0; sx < samplesPerAxis; sx++) {
          const x = (px + (sx + 0.5) / samplesPerAxis - inset) / span;
          const y = (py + (sy + 0.5) / samplesPerAxis - inset) / span;
          if (drawing.some((shape) => covers(shape, x, y))) hits++;
        }
      }
      result[py * size + px] = hits / total;
    }
  }
  return result;
}

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/** The 192×192 colour icon: white drawing on the brand colour, drawing inside the middle ~60 %. */
export function renderColorIcon(drawing: readonly Shape[] = bridgeDrawing, size = COLOR_ICON_SIZE): Buffer {
  const png = new PNG({ width: size, height: size });
  const [r, g, b] = hexToRgb(ICON_BACKGROUND);
  const cover = coverage(drawing, size, Math.round(size * 0.2), 4);
  for (let i = 0; i < size * size; i++) {
    const c = cover[i]!;
    png.data[i * 4] = Math.round(r + (255 - r) * c);
    png.data[i * 4 + 1] = Math.round(g + (255 - g) * c);
    png.data[i * 4 + 2] = Math.round(b + (255 - b) * c);
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** The 32×32 outline icon: white drawing, transparency everywhere else, filling the square. */
export function renderOutlineIcon(drawing: readonly Shape[] = bridgeDrawing, size = OUTLINE_ICON_SIZE): Buffer {
  const png = new PNG({ width: size, height: size });
  const cover = coverage(drawing, size, 0, 8);
  for (let i = 0; i < size * size; i++) {
    png.data[i * 4] = 255;
    png.data[i * 4 + 1] = 255;
    png.data[i * 4 + 2] = 255;
    png.data[i * 4 + 3] = Math.round(255 * cover[i]!);
  }
  return PNG.sync.write(png);
}
