// Shared canvas drawing for the live components: a line chart and a heatmap, no library, served with the app.
// Why not plotly here: a Streamlit chart element is removed and re-created on every fragment rerun (a blank frame
// each tick); these canvases stay in the page and are redrawn in place, in well under a millisecond at 27×27.
// Every text a user can influence (characters of their word list) goes through fillText or textContent: never HTML.

export const BLUES = [[247, 251, 255], [222, 235, 247], [198, 219, 239], [158, 202, 225], [107, 174, 214],
  [66, 146, 198], [33, 113, 181], [8, 81, 156], [8, 48, 107]];  // matplotlib's Blues, the lecture's cmap
export const RDBU = [[5, 48, 97], [33, 102, 172], [67, 147, 195], [146, 197, 222], [209, 229, 240],
  [247, 247, 247], [253, 219, 199], [244, 165, 130], [214, 96, 77], [178, 24, 43], [103, 0, 31]];  // RdBu_r

export function ramp(stops, t) {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i, a = stops[i], b = stops[i + 1];
  return `rgb(${a.map((v, j) => Math.round(v + f * (b[j] - v))).join(",")})`;
}

// A canvas sized to its box in CSS pixels, sharp on high-DPI screens; returns the 2D context scaled to CSS pixels.
export function fit(canvas, width, height) {
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

// "Nice" axis ticks (1, 2, 5 × 10^k) covering [lo, hi].
export function ticks(lo, hi, count = 6) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count, mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}

// --- presenter mode -------------------------------------------------------------------------------------------

// Text on canvases grows with presenter mode (the body's mm-present class, set by stage.js): 1.4× for a room.
export function scale() {
  return document.body.classList.contains("mm-present") ? 1.4 : 1;
}

// A canvas font of `size` CSS pixels at normal scale.
export function font(size, weight = "") {
  return `${weight ? weight + " " : ""}${Math.round(size * scale())}px sans-serif`;
}

// --- panels ---------------------------------------------------------------------------------------------------

export function el(tag, cls, parent) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (parent) parent.appendChild(e);
  return e;
}

// A component's panel, kept on its parent element across reruns (Streamlit calls the component again with new
// data, on the same element): built once by `build(s)`, then `draw(s)` with every new `data` and on resize.
export function panel(parentElement, className, data, build, draw) {
  let s = parentElement.__mm;
  if (!s || !s.root.isConnected) {
    s = parentElement.__mm = { root: el("div", className, parentElement), d: data };
    build(s);
    new ResizeObserver(() => draw(s)).observe(s.root);
    // Every panel on the page, so presenter mode can redraw them all at their new size (components are separate
    // modules: the registry lives on window).
    (window.__mmRedraw = window.__mmRedraw || new Set()).add(() => s.root.isConnected && draw(s));
  }
  s.d = data;
  draw(s);
  return s;
}

// A labelled number (like st.metric) under `parent`; returns the element holding the value.
export function statBox(parent, label) {
  const box = el("div", "mm-stat", parent);
  el("div", "mm-stat-label", box).textContent = label;
  return el("div", "mm-stat-value", box);
}

// The panel's floating tip (s.tip) with `text` at (x, y) in the panel, kept `room` px from its right edge; no
// text hides it.
export function showTip(s, text, x, y, room = 260) {
  s.tip.textContent = text;
  s.tip.style.display = text ? "block" : "none";
  s.tip.style.left = `${Math.min(x + 14, s.root.clientWidth - room)}px`;
  s.tip.style.top = `${y}px`;
}

export const fmtNum = (v) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : `${+v.toPrecision(4)}`);

// --- line chart -----------------------------------------------------------------------------------------------

// series: [{name, color, dash, xs, ys}], refs: [{y, label, color, dash}]. hover: index into the first series.
export function drawLines(canvas, width, height, series, refs, hoverX) {
  const ctx = fit(canvas, width, height);
  const m = { l: 58, r: 14, t: 30, b: 38 };
  const W = width - m.l - m.r, H = height - m.t - m.b;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const s of series) {
    if (!s.xs.length) continue;
    x0 = Math.min(x0, s.xs[0]); x1 = Math.max(x1, s.xs[s.xs.length - 1]);
    for (const y of s.ys) if (y !== null && isFinite(y)) { y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
  }
  for (const r of refs) { y0 = Math.min(y0, r.y); y1 = Math.max(y1, r.y); }
  if (!isFinite(x0)) { x0 = 0; x1 = 10; }
  if (x1 - x0 < 10) x1 = x0 + 10;
  if (!isFinite(y0)) { y0 = 0; y1 = 1; }
  const pad = (y1 - y0) * 0.06 || 0.5; y0 -= pad; y1 += pad;
  const X = (x) => m.l + ((x - x0) / (x1 - x0)) * W, Y = (y) => m.t + (1 - (y - y0) / (y1 - y0)) * H;
  ctx.font = font(12); ctx.textBaseline = "middle";
  ctx.strokeStyle = "#e5e5e5"; ctx.fillStyle = "#555"; ctx.lineWidth = 1;
  ctx.textAlign = "right";
  for (const t of ticks(y0, y1, 6)) {
    ctx.beginPath(); ctx.moveTo(m.l, Y(t)); ctx.lineTo(m.l + W, Y(t)); ctx.stroke();
    ctx.fillText(fmtNum(t), m.l - 6, Y(t));
  }
  ctx.textAlign = "center"; ctx.textBaseline = "top";
  for (const t of ticks(x0, x1, Math.max(2, Math.floor(W / 90)))) {
    ctx.beginPath(); ctx.moveTo(X(t), m.t); ctx.lineTo(X(t), m.t + H); ctx.stroke();
    ctx.fillText(fmtNum(t), X(t), m.t + H + 5);
  }
  ctx.fillText("step", m.l + W / 2, m.t + H + 21);
  ctx.save(); ctx.translate(14, m.t + H / 2); ctx.rotate(-Math.PI / 2); ctx.fillText("loss", 0, -6); ctx.restore();
  ctx.save(); ctx.beginPath(); ctx.rect(m.l, m.t, W, H); ctx.clip();
  for (const r of refs) {
    ctx.strokeStyle = r.color; ctx.setLineDash(r.dash === "dot" ? [2, 3] : [6, 4]); ctx.lineWidth = 1.5;
    ctx.beginPath(); ctx.moveTo(m.l, Y(r.y)); ctx.lineTo(m.l + W, Y(r.y)); ctx.stroke();
  }
  for (const s of series) {
    if (!s.xs.length) continue;
    ctx.strokeStyle = s.color; ctx.lineWidth = 2; ctx.setLineDash(s.dash === "dot" ? [2, 3] : []);
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < s.xs.length; i++) {
      const y = s.ys[i];
      if (y === null || !isFinite(y)) { pen = false; continue; }
      if (pen) ctx.lineTo(X(s.xs[i]), Y(y)); else { ctx.moveTo(X(s.xs[i]), Y(y)); pen = true; }
    }
    ctx.stroke();
  }
  ctx.restore(); ctx.setLineDash([]);
  ctx.textAlign = "right"; ctx.font = font(11);
  for (const r of refs) { ctx.fillStyle = r.color; ctx.textBaseline = r.above ? "bottom" : "top"; ctx.fillText(r.label, m.l + W - 4, Y(r.y) + (r.above ? -2 : 2)); }
  // legend across the top
  ctx.textAlign = "left"; ctx.textBaseline = "middle"; ctx.font = font(12);
  let lx = m.l;
  for (const s of series) {
    if (!s.xs.length) continue;
    ctx.strokeStyle = s.color; ctx.lineWidth = 2; ctx.setLineDash(s.dash === "dot" ? [2, 3] : []);
    ctx.beginPath(); ctx.moveTo(lx, 12); ctx.lineTo(lx + 22, 12); ctx.stroke(); ctx.setLineDash([]);
    ctx.fillStyle = "#333"; ctx.fillText(s.name, lx + 27, 12);
    lx += 40 + ctx.measureText(s.name).width;
  }
  if (hoverX !== null && hoverX !== undefined && series[0].xs.length) {
    const step = x0 + ((hoverX - m.l) / W) * (x1 - x0);
    const xs = series[0].xs;
    let lo = 0, hi = xs.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[mid] < step) lo = mid + 1; else hi = mid; }
    if (lo > 0 && Math.abs(xs[lo - 1] - step) < Math.abs(xs[lo] - step)) lo--;
    ctx.strokeStyle = "#888"; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(X(xs[lo]), m.t); ctx.lineTo(X(xs[lo]), m.t + H); ctx.stroke();
    const parts = [`step ${xs[lo].toLocaleString("en-US")}`];
    for (const s of series) if (s.xs.length && s.ys[lo] !== null && s.ys[lo] !== undefined) parts.push(`${s.name} ${s.ys[lo].toFixed(4)}`);
    return parts.join(" · ");
  }
  return "";
}

// --- heatmap --------------------------------------------------------------------------------------------------

// z: flat row-major R×V numbers; labels: the V columns' strings; rowLabels: the R rows' (default: the columns',
// a V×V matrix). diverging: a scale symmetric around 0. Returns the geometry so a hover can find its cell.
export function drawHeatmap(canvas, width, z, labels, diverging, highlightRow, rowLabels) {
  const V = labels.length, rows = rowLabels || labels, R = rows.length;
  const longest = Math.max(1, ...rows.map((r) => r.length));  // a context of several characters needs room
  const m = { l: longest > 1 ? Math.round((10 + 7 * longest) * scale()) : 22, t: 20, r: 4, b: 4 };
  const cell = Math.max(2, Math.floor((width - m.l - m.r) / V));
  const size = cell * V, height = cell * R + m.t + m.b;
  const ctx = fit(canvas, width, height);
  let lo = Infinity, hi = -Infinity;
  for (const v of z) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const span = diverging ? Math.max(Math.abs(lo), Math.abs(hi)) || 1 : hi - lo || 1;
  const gap = cell >= 8 ? 1 : 0;
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < V; j++) {
      const v = z[i * V + j];
      ctx.fillStyle = diverging ? ramp(RDBU, 0.5 + v / (2 * span)) : ramp(BLUES, (v - lo) / span);
      ctx.fillRect(m.l + j * cell, m.t + i * cell, cell - gap, cell - gap);
    }
  }
  const every = Math.max(1, Math.ceil(11 / cell));
  ctx.fillStyle = "#444"; ctx.font = font(Math.min(12, Math.max(8, cell - 2)));
  ctx.textAlign = "center"; ctx.textBaseline = "bottom";
  for (let j = 0; j < V; j += every) ctx.fillText(labels[j], m.l + j * cell + cell / 2, m.t - 3);
  ctx.textAlign = "right"; ctx.textBaseline = "middle";
  for (let i = 0; i < R; i += every) ctx.fillText(rows[i], m.l - 4, m.t + i * cell + cell / 2);
  if (highlightRow !== null && highlightRow !== undefined) {
    ctx.strokeStyle = "#d62728"; ctx.lineWidth = 2;
    ctx.strokeRect(m.l - 1, m.t + highlightRow * cell - 1, size + 1, cell + 1);
  }
  return { m, cell, V, R, lo, hi };
}

// The cell under a mouse position, or null.
export function cellAt(geom, x, y) {
  if (!geom) return null;
  const j = Math.floor((x - geom.m.l) / geom.cell), i = Math.floor((y - geom.m.t) / geom.cell);
  return i >= 0 && j >= 0 && i < (geom.R || geom.V) && j < geom.V ? [i, j] : null;
}
