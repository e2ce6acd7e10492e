// The live training panel: step counter and metrics, the loss curve and the W / log P / gradient heatmaps, on
// canvases that stay in the page (every other chart is Streamlit's ECharts; this one is ours because it plays
// each tick's points out frame by frame, which is what makes it live).
// Python (makemore/views/live.py) sends, each tick, only the points of the steps trained since the last tick
// (`points`), plus W and the gradient at the tick's last step (`heat`). They are played out over the expected
// time to the next tick; the counter shows the last point drawn and the heatmaps are swapped in when the curve
// reaches their step, so curve, counter and heatmap titles always name steps that were really trained.
// Colours: the curves and scales from Python (`colors`), text, grid and background from Streamlit's theme (the
// --st-* variables it gives a component), so the dark theme works. Each canvas has role="img" and a label that
// says what it shows now; "PNG" saves the panel as a picture; "Show" picks all steps or only the last ones.
// data-step, data-draws, data-wstep, data-wdraws, data-rate on .mm-live: what tests and benchmarks read. Text a
// word list influences is drawn with fillText/textContent, never HTML. A minibatch model's payload: `logy`.

const MAX_POINTS = 4000; // per curve kept in the page; beyond it every other point is dropped (the last kept)
const NAMES = ["total loss", "data NLL (train)", "data NLL (dev)"]; // a payload's `names` may say otherwise
const TAILS = [["all steps", 0], ["last 1,000 steps", 1000], ["last 200 steps", 200]];

// --- drawing ----------------------------------------------------------------------------------------------------

const scale = () => (document.body.classList.contains("mm-present") ? 1.4 : 1); // presenter mode (stage.js)
const font = (px) => `${Math.round(px * scale())}px sans-serif`;
const fmt = (v) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : `${+v.toPrecision(4)}`);
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

function ramp(stops, t) {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1), i = Math.min(stops.length - 2, Math.floor(x));
  const a = hex(stops[i]), b = hex(stops[i + 1]);
  return `rgb(${a.map((v, j) => Math.round(v + (x - i) * (b[j] - v))).join(",")})`;
}

// The theme's colours, read where Streamlit puts them for a component (light or dark); kept for a second, since
// reading them forces a style pass and the curve is drawn every frame.
function theme(s) {
  const now = performance.now();
  if (!s.th || now - s.thAt > 1000) {
    const css = getComputedStyle(s.host), v = (name, dflt) => css.getPropertyValue(name).trim() || dflt;
    s.th = { text: v("--st-text-color", css.color), bg: v("--st-background-color", "#fff"),
      grid: v("--st-border-color-light", "rgba(128,128,128,0.25)"), muted: v("--st-gray-color", "#888") };
    s.thAt = now;
  }
  return s.th;
}

// A canvas sized to width × height CSS pixels, sharp on high-DPI screens; its 2D context, scaled and cleared.
function fit(canvas, width, height) {
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr); canvas.height = Math.round(height * dpr);
    canvas.style.width = `${width}px`; canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

function ticks(lo, hi, count) { // "nice" ticks (1, 2, 5 × 10^k) covering [lo, hi]
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count, mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw), out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}

// The loss chart: series [{name, color, dash, xs, ys}] from step `from` on, reference lines [{y, label, color,
// dash, above}]; y fitted to what is shown. Returns the hover text for x pixel `hoverX` (or "").
function drawLines(canvas, width, height, series, refs, from, th, hoverX, logy) {
  const ctx = fit(canvas, width, height), m = { l: 58, r: 14, t: 30, b: 38 }, f = logy ? Math.log10 : (v) => v;
  const W = width - m.l - m.r, H = height - m.t - m.b;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.xs.length; i++) {
      const y = s.ys[i];
      if (s.xs[i] < from || y === null || !isFinite(f(y))) continue;
      x0 = Math.min(x0, s.xs[i]); x1 = Math.max(x1, s.xs[i]); y0 = Math.min(y0, f(y)); y1 = Math.max(y1, f(y));
    }
  }
  if (!isFinite(x0)) { x0 = 0; x1 = 10; y0 = 0; y1 = 1; }
  if (!from) for (const r of refs) { y0 = Math.min(y0, f(r.y)); y1 = Math.max(y1, f(r.y)); } // the tail: its own range
  if (x1 - x0 < 10) x1 = x0 + 10;
  const pad = (y1 - y0) * 0.06 || 0.5; y0 -= pad; y1 += pad;
  const X = (x) => m.l + ((x - x0) / (x1 - x0)) * W, Y = (y) => m.t + (1 - (f(y) - y0) / (y1 - y0)) * H;
  ctx.font = font(12); ctx.lineWidth = 1; ctx.strokeStyle = th.grid; ctx.fillStyle = th.text;
  ctx.textAlign = "right"; ctx.textBaseline = "middle";
  const logTicks = [1, 1.5, 2, 2.5, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100]; // a log axis: round values in nats
  for (const t of logy ? logTicks.filter((v) => f(v) >= y0 && f(v) <= y1) : ticks(y0, y1, 6)) {
    ctx.beginPath(); ctx.moveTo(m.l, Y(t)); ctx.lineTo(m.l + W, Y(t)); ctx.stroke(); ctx.fillText(fmt(t), m.l - 6, Y(t));
  }
  ctx.textAlign = "center"; ctx.textBaseline = "top";
  for (const t of ticks(x0, x1, Math.max(2, Math.floor(W / 90)))) {
    ctx.beginPath(); ctx.moveTo(X(t), m.t); ctx.lineTo(X(t), m.t + H); ctx.stroke(); ctx.fillText(fmt(t), X(t), m.t + H + 5);
  }
  ctx.fillText("step", m.l + W / 2, m.t + H + 21);
  ctx.save(); ctx.translate(14, m.t + H / 2); ctx.rotate(-Math.PI / 2); ctx.fillText(logy ? "loss (log scale)" : "loss", 0, -6); ctx.restore();
  ctx.save(); ctx.beginPath(); ctx.rect(m.l, m.t, W, H); ctx.clip();
  for (const r of refs) {
    ctx.strokeStyle = r.color; ctx.setLineDash(r.dash === "dot" ? [2, 3] : [6, 4]); ctx.lineWidth = 1.5;
    ctx.beginPath(); ctx.moveTo(m.l, Y(r.y)); ctx.lineTo(m.l + W, Y(r.y)); ctx.stroke();
  }
  for (const s of series) {
    ctx.strokeStyle = s.color; ctx.lineWidth = 2; ctx.setLineDash(s.dash === "dot" ? [2, 3] : []);
    ctx.beginPath();
    let pen = false; // lifted over a missing value
    for (let i = 0; i < s.xs.length; i++) {
      const y = s.ys[i];
      if (s.xs[i] < from || y === null || !isFinite(f(y))) { pen = false; continue; }
      if (pen) ctx.lineTo(X(s.xs[i]), Y(y)); else { ctx.moveTo(X(s.xs[i]), Y(y)); pen = true; }
    }
    ctx.stroke();
  }
  ctx.restore(); ctx.setLineDash([]);
  ctx.textAlign = "right"; ctx.font = font(11);
  for (const r of refs) {
    if (f(r.y) < y0 || f(r.y) > y1) continue;
    ctx.fillStyle = r.color; ctx.textBaseline = r.above ? "bottom" : "top";
    ctx.fillText(r.label, m.l + W - 4, Y(r.y) + (r.above ? -2 : 2));
  }
  ctx.textAlign = "left"; ctx.textBaseline = "middle"; ctx.font = font(12);
  let lx = m.l; // the legend across the top
  for (const s of series) {
    ctx.strokeStyle = s.color; ctx.lineWidth = 2; ctx.setLineDash(s.dash === "dot" ? [2, 3] : []);
    ctx.beginPath(); ctx.moveTo(lx, 12); ctx.lineTo(lx + 22, 12); ctx.stroke(); ctx.setLineDash([]);
    ctx.fillStyle = th.text; ctx.fillText(s.name, lx + 27, 12);
    lx += 40 + ctx.measureText(s.name).width;
  }
  const xs = series[0].xs;
  if (hoverX === null || !xs.length) return "";
  const step = x0 + ((hoverX - m.l) / W) * (x1 - x0);
  let lo = 0, hi = xs.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[mid] < step) lo = mid + 1; else hi = mid; }
  if (lo > 0 && Math.abs(xs[lo - 1] - step) < Math.abs(xs[lo] - step)) lo--;
  ctx.strokeStyle = th.muted; ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(X(xs[lo]), m.t); ctx.lineTo(X(xs[lo]), m.t + H); ctx.stroke();
  const parts = [`step ${xs[lo].toLocaleString("en-US")}`];
  for (const s of series) if (s.ys[lo] !== null && s.ys[lo] !== undefined) parts.push(`${s.name} ${s.ys[lo].toFixed(4)}`);
  return parts.join(" · ");
}

// A heatmap of z (flat row-major, rows × labels), its scale Blues or (diverging) RdBu around 0. Returns its
// geometry, so a hover can find the cell.
function drawHeatmap(canvas, width, z, labels, rows, diverging, colors, th) {
  const V = labels.length, R = rows.length, longest = Math.max(1, ...rows.map((r) => r.length));
  const m = { l: longest > 1 ? Math.round((10 + 7 * longest) * scale()) : 22, t: 20 };
  const cell = Math.max(2, Math.floor((width - m.l - 4) / V));
  const ctx = fit(canvas, width, cell * R + m.t + 4);
  let lo = Infinity, hi = -Infinity;
  for (const v of z) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const span = diverging ? Math.max(Math.abs(lo), Math.abs(hi)) || 1 : hi - lo || 1, gap = cell >= 8 ? 1 : 0;
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < V; j++) {
      const v = z[i * V + j];
      ctx.fillStyle = diverging ? ramp(colors.rdbu, 0.5 + v / (2 * span)) : ramp(colors.blues, (v - lo) / span);
      ctx.fillRect(m.l + j * cell, m.t + i * cell, cell - gap, cell - gap);
    }
  }
  const every = Math.max(1, Math.ceil(11 / cell));
  ctx.fillStyle = th.text; ctx.font = font(Math.min(12, Math.max(8, cell - 2)));
  ctx.textAlign = "center"; ctx.textBaseline = "bottom";
  for (let j = 0; j < V; j += every) ctx.fillText(labels[j], m.l + j * cell + cell / 2, m.t - 3);
  ctx.textAlign = "right"; ctx.textBaseline = "middle";
  for (let i = 0; i < R; i += every) ctx.fillText(rows[i], m.l - 4, m.t + i * cell + cell / 2);
  return { m, cell, V, R };
}

// --- the panel --------------------------------------------------------------------------------------------------

function el(tag, cls, parent, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  parent.appendChild(e);
  return e;
}

function mount(parent) {
  const root = el("div", "mm-live", parent), stats = el("div", "mm-stats", root);
  const stat = (label) => { const box = el("div", "mm-stat", stats); el("div", "mm-stat-label", box, label); return el("div", "mm-stat-value", box); };
  const s = { root, host: parent, gen: null, xs: [], ys: [[], [], []], queue: [], qi: 0, qStart: 0, interval: 300,
    lastArrival: 0, heat: null, heatPending: null, logP: null, labels: [], rows: {}, titles: null, refs: [],
    draws: 0, wdraws: 0, raf: 0, hoverX: null, tail: 0, geoms: {}, d: {}, th: null, thAt: 0, named: 0,
    vStep: stat("step"), vLoss: stat("loss"), vNll: stat("data NLL"), vRate: stat("steps / s") };
  const bar = el("div", "mm-live-bar", root);
  const show = el("select", "", el("label", "", bar, "Show "));
  for (const [name, n] of TAILS) el("option", "", show, name).value = String(n);
  show.addEventListener("change", () => { s.tail = +show.value; drawLoss(s); });
  el("button", "", bar, "Download PNG").addEventListener("click", () => savePng(s));
  s.loss = el("canvas", "mm-chart mm-loss", el("div", "mm-loss-box", root));
  s.loss.setAttribute("role", "img");
  s.tip = el("div", "mm-tip", root, "\u00a0");
  s.loss.addEventListener("mousemove", (e) => { s.hoverX = e.offsetX; drawLoss(s); });
  s.loss.addEventListener("mouseleave", () => { s.hoverX = null; drawLoss(s); });
  s.heats = el("div", "mm-heats", root);
  s.panes = {};
  for (const name of ["W", "logP", "grad"]) {
    const box = el("div", "mm-heat", s.heats), title = el("div", "mm-heat-title", box);
    const canvas = el("canvas", "mm-chart", box), tip = el("div", "mm-heat-tip", box, "\u00a0");
    canvas.setAttribute("role", "img");
    canvas.addEventListener("mousemove", (e) => hoverCell(s, name, e.offsetX, e.offsetY));
    canvas.addEventListener("mouseleave", () => { tip.textContent = "\u00a0"; });
    s.panes[name] = { box, title, canvas, tip };
  }
  const redraw = () => {
    if (!root.isConnected) { ro.disconnect(); mo.disconnect(); return; }
    s.th = null; drawLoss(s); drawHeats(s);
  };
  const ro = new ResizeObserver(redraw), mo = new MutationObserver(redraw); // a new size; presenter mode's type
  ro.observe(root);
  mo.observe(document.body, { attributes: true, attributeFilter: ["class"] });
  return s;
}

function trim(s) {
  if (s.xs.length <= MAX_POINTS) return;
  const keep = (a) => a.filter((_, i) => i % 2 === 0 || i === a.length - 1);
  s.xs = keep(s.xs); s.ys = s.ys.map(keep);
}

function push(s, p) { s.xs.push(p[0]); for (let c = 0; c < 3; c++) s.ys[c].push(p[c + 1]); } // [step, loss, nll, dev]

function flush(s) { // the last tick's points and W at once (a late tick, a pause)
  while (s.qi < s.queue.length) push(s, s.queue[s.qi++]);
  if (s.heatPending) { s.heat = s.heatPending; s.heatPending = null; }
}

function receive(s, d) {
  const now = performance.now();
  s.d = d; s.refs = d.refs || [];
  [s.vLoss, s.vNll].forEach((v, i) => { v.previousSibling.textContent = (d.stat_labels || ["loss", "data NLL"])[i]; });
  if (d.labels) { // rows may be other than the columns (a slice of a higher order's W, a unigram's one row)
    s.labels = d.labels;
    const rows = d.row_labels || d.labels;
    s.rows = { W: rows, grad: rows, logP: d.logP_row_labels || rows };
    s.titles = d.titles || null;
  }
  if (d.logP) s.logP = d.logP;
  if (d.full || d.gen !== s.gen) {
    s.gen = d.gen; s.xs = []; s.ys = [[], [], []]; s.queue = []; s.qi = 0; s.heatPending = null;
    for (const p of d.points) push(s, p);
    s.heat = d.heat || null; // none for a net without a V×V picture (the MLP)
  } else {
    flush(s);
    if (s.lastArrival) s.interval = Math.min(1000, Math.max(120, 0.7 * s.interval + 0.3 * (now - s.lastArrival)));
    s.queue = d.points; s.qi = 0; s.qStart = now;
    if (d.heat) s.heatPending = d.heat;
    if (!d.running) flush(s);
  }
  trim(s);
  show(s);
  s.lastArrival = d.running ? now : 0;
  if (s.qi < s.queue.length && !s.raf) s.raf = requestAnimationFrame(() => frame(s));
}

function frame(s) {
  s.raf = 0;
  if (!s.root.isConnected) return; // the page was left: stop animating
  const due = Math.ceil((s.queue.length * (performance.now() - s.qStart)) / s.interval), before = s.qi;
  while (s.qi < Math.min(due, s.queue.length)) push(s, s.queue[s.qi++]);
  if (s.qi > before) {
    if (s.heatPending && s.xs[s.xs.length - 1] >= s.heatPending.step) { s.heat = s.heatPending; s.heatPending = null; }
    trim(s);
    show(s);
  }
  if (s.qi < s.queue.length) s.raf = requestAnimationFrame(() => frame(s));
}

function show(s) {
  const n = s.xs.length, d = s.d, step = n ? s.xs[n - 1] : d.step || 0;
  const last = (c) => (n && s.ys[c][n - 1] !== null ? s.ys[c][n - 1].toFixed(4) : "–");
  s.vStep.textContent = step.toLocaleString("en-US");
  s.vLoss.textContent = last(0);
  s.vNll.textContent = last(1);
  s.vRate.textContent = d.running ? (d.rate === null ? "…" : Math.round(d.rate).toLocaleString("en-US")) : "paused";
  s.root.dataset.step = String(step);
  s.root.dataset.rate = d.running && d.rate !== null ? String(d.rate) : "";
  const now = performance.now();
  if (!d.running || s.qi >= s.queue.length || now - s.named > 500) { // its name: twice a second, and when it rests
    const refs = s.refs.map((r) => r.label).join("; ");
    const nm = s.d.names || NAMES;
    s.loss.setAttribute("aria-label", `Loss curve, step ${step.toLocaleString("en-US")}: ${nm[0]} ${last(0)}, ` +
      `${nm[1]} ${last(1)}${n && s.ys[2][n - 1] !== null ? `, ${nm[2]} ${last(2)}` : ""}${refs ? `; lines: ${refs}` : ""}`);
    s.named = now;
  }
  drawLoss(s);
  s.draws += 1;
  s.root.dataset.draws = String(s.draws);
  if (s.heatDrawn !== s.heat) drawHeats(s);
}

function drawLoss(s) {
  const width = s.root.clientWidth;
  if (!width) return;
  const colors = (s.d.colors || {}).curves || ["#1f77b4", "#2ca02c", "#ff7f0e"];
  const series = (s.d.names || NAMES).map((name, c) => ({ name, color: colors[c], dash: c === 1 ? "dot" : "",
    xs: s.xs, ys: s.ys[c] })).filter((x, c) => c < 2 || s.ys[2].some((v) => v !== null));
  const from = s.tail && s.xs.length ? s.xs[s.xs.length - 1] - s.tail : 0;
  const tip = drawLines(s.loss, width, s.d.height || 380, series, s.refs, from, theme(s), s.hoverX, s.d.logy);
  s.tip.textContent = tip || "\u00a0";
  s.loss.dataset.drawn = "1";
}

function drawHeats(s) {
  s.heatDrawn = s.heat;
  const shown = !!(s.heat && s.labels.length);
  s.heats.style.display = shown ? "grid" : "none";
  const width = Math.floor((s.root.clientWidth - 24) / 3);
  if (!shown || width <= 0) return;
  const st = s.heat.step.toLocaleString("en-US"), t = s.titles || {}, at = (x) => x.replaceAll("{step}", st);
  const panes = [["W", s.heat.W, at(t.W || "W at step {step}"), false], ["logP", s.logP, t.logP || "log P", false],
    ["grad", s.heat.grad, s.heat.grad ? at(t.grad || "gradient of step {step}") : "gradient (none yet)", true]];
  const th = theme(s), colors = s.d.colors || { blues: ["#f7fbff", "#08306b"], rdbu: ["#2166ac", "#f7f7f7", "#b2182b"] };
  for (const [name, z, title, diverging] of panes) {
    const p = s.panes[name];
    p.title.textContent = title;
    p.box.dataset.title = title; // for tests and the browser benchmark
    p.canvas.setAttribute("aria-label", `${title}: heatmap, ${(s.rows[name] || []).length}×${s.labels.length}`);
    p.z = z;
    if (z) s.geoms[name] = drawHeatmap(p.canvas, width, z, s.labels, s.rows[name], diverging, colors, th);
    else fit(p.canvas, width, 20);
    p.canvas.dataset.drawn = "1";
  }
  const heads = Object.values(s.panes).map((p) => p.title); // titles of one or two lines: all as tall as the tallest
  for (const h of heads) h.style.minHeight = "";
  const tallest = Math.max(...heads.map((h) => h.offsetHeight));
  for (const h of heads) h.style.minHeight = `${tallest}px`;
  if (s.root.dataset.wstep !== String(s.heat.step)) {
    s.wdraws += 1;
    s.root.dataset.wdraws = String(s.wdraws);
    s.root.dataset.wstep = String(s.heat.step);
  }
}

function hoverCell(s, name, x, y) {
  const p = s.panes[name], g = s.geoms[name], rows = s.rows[name] || s.labels;
  const j = g ? Math.floor((x - g.m.l) / g.cell) : -1, i = g ? Math.floor((y - g.m.t) / g.cell) : -1;
  const inside = p.z && i >= 0 && j >= 0 && i < g.R && j < g.V;
  p.tip.textContent = inside ? `${rows[i]}${s.labels[j]}: ${p.z[i * g.V + j].toFixed(4)}` : "\u00a0";
}

// The panel as one picture (the loss curve above the three heatmaps, titled), on the theme's background.
function savePng(s) {
  const th = theme(s), pad = 12, panes = Object.values(s.panes).filter((p) => p.z);
  const heatH = Math.max(0, ...panes.map((p) => p.canvas.height)), dpr = window.devicePixelRatio || 1;
  const out = document.createElement("canvas");
  out.width = s.loss.width + 2 * pad * dpr;
  out.height = s.loss.height + (heatH ? heatH + 40 * dpr : 0) + 2 * pad * dpr;
  const ctx = out.getContext("2d");
  ctx.fillStyle = th.bg; ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(s.loss, pad * dpr, pad * dpr);
  let x = pad * dpr;
  ctx.fillStyle = th.text; ctx.font = `${13 * dpr}px sans-serif`; ctx.textBaseline = "top";
  for (const p of panes) {
    ctx.fillText(p.title.textContent, x, s.loss.height + 18 * dpr);
    ctx.drawImage(p.canvas, x, s.loss.height + 38 * dpr);
    x += p.canvas.width + 12 * dpr;
  }
  const a = document.createElement("a");
  a.download = `training_step_${s.root.dataset.step || 0}.png`;
  a.href = out.toDataURL("image/png");
  a.click();
}

export default function (component) {
  const { data, parentElement } = component;
  let s = parentElement.__mmLive;
  if (!s || !s.root.isConnected) s = parentElement.__mmLive = mount(parentElement);
  receive(s, data);
}
