/** A tiny line chart of recent prices on a canvas, sized for a table cell. */

/** A canvas's size in CSS pixels. */
export interface CssSize {
  width: number;
  height: number;
}

/**
 * Draw `values` as a line filling `canvas`; the colour says whether the last is above the first.
 * `size` is the canvas's CSS size, known beforehand (a ResizeObserver's): reading it here would
 * force a layout in the middle of a frame's writes. Nothing is drawn at size 0 (a hidden column).
 */
export const drawSparkline = (
  canvas: HTMLCanvasElement,
  values: readonly number[],
  colors: { up: string; down: string; flat: string },
  size: CssSize,
): void => {
  const { width, height } = size;
  if (width <= 0 || height <= 0) return;
  const ratio = window.devicePixelRatio || 1;
  const pxW = Math.round(width * ratio);
  const pxH = Math.round(height * ratio);
  if (canvas.width !== pxW) canvas.width = pxW;
  if (canvas.height !== pxH) canvas.height = pxH;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  if (values.length < 2) return;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min || 1;
  const first = values[0]!;
  const last = values[values.length - 1]!;
  ctx.strokeStyle = last > first ? colors.up : last < first ? colors.down : colors.flat;
  ctx.lineWidth = 1.25;
  ctx.beginPath();
  const step = width / (values.length - 1);
  values.forEach((v, i) => {
    const x = i * step;
    const y = height - 2 - ((v - min) / span) * (height - 4);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.stroke();
};
