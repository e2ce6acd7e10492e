// The live training panel: step counter and metrics, the loss curve and the W / log P / gradient heatmaps.
//
// Python sends, each tick, only the points of the steps trained since the last tick (`points`), plus W and the
// gradient at the tick's last step (`heat`). The panel plays those points out over the expected time to the next
// tick, one animation frame at a time, so the curve grows smoothly while the server ticks a few times a second;
// the counter shows the last point drawn and the heatmaps are swapped in when the curve reaches their step, so
// curve, counter and heatmap titles always name steps that were really trained.
// Attributes on .mm-live (data-step, data-draws, data-wstep, data-wdraws, data-rate) let tests and the browser
// benchmark read what is on screen.

const MAX_POINTS = 4000;  // per curve kept in the page; beyond this every other point is dropped (the last kept)
const SERIES = [["total loss", "#1f77b4", "solid"], ["data NLL (train)", "#2ca02c", "dot"], ["data NLL (dev)", "#ff7f0e", "solid"]];

function mount(parent) {
  const root = el("div", "mm-live", parent);
  const stats = el("div", "mm-stats", root);
  const stat = (label) => statBox(stats, label);
  const s = {
    root, gen: null, xs: [], ys: [[], [], []], queue: [], qi: 0, qStart: 0, interval: 300, lastArrival: 0,
    heat: null, heatPending: null, logP: null, labels: [], rows: {}, titles: null, refs: [], draws: 0, wdraws: 0,
    raf: 0, hoverX: null,
    geoms: {}, d: {},
    vStep: stat("step"), vLoss: stat("loss"), vNll: stat("data NLL"), vRate: stat("steps / s"),
  };
  const lossBox = el("div", "mm-loss-box", root);
  s.loss = el("canvas", "mm-chart mm-loss", lossBox);
  s.tip = el("div", "mm-tip", lossBox);
  s.loss.addEventListener("mousemove", (e) => { s.hoverX = e.offsetX; drawLoss(s); });
  s.loss.addEventListener("mouseleave", () => { s.hoverX = null; drawLoss(s); });
  s.heats = el("div", "mm-heats", root);
  s.panes = {};
  for (const name of ["W", "logP", "grad"]) {
    const box = el("div", "mm-heat", s.heats);
    const title = el("div", "mm-heat-title", box);
    const canvas = el("canvas", "mm-chart", box);
    const tip = el("div", "mm-heat-tip", box);
    canvas.addEventListener("mousemove", (e) => hoverCell(s, name, e.offsetX, e.offsetY));
    canvas.addEventListener("mouseleave", () => { tip.textContent = "\u00a0"; });
    s.panes[name] = { box, title, canvas, tip };
  }
  new ResizeObserver(() => { drawLoss(s); drawHeats(s); }).observe(root);
  return s;
}

function trim(s) {
  if (s.xs.length <= MAX_POINTS) return;
  const keep = (a) => a.filter((_, i) => i % 2 === 0 || i === a.length - 1);
  s.xs = keep(s.xs);
  s.ys = s.ys.map(keep);
}

function push(s, p) {  // p = [step, loss, nll, dev|null]
  s.xs.push(p[0]);
  for (let c = 0; c < 3; c++) s.ys[c].push(p[c + 1]);
}

function receive(s, d) {
  const now = performance.now();
  s.d = d;
  s.refs = d.refs || [];
  if (d.labels) {
    // Rows may be other than the columns (a slice of a higher order's W, a block of a net's, a unigram's one
    // row): each pane has its own row labels and a title from Python that says what its rows are.
    s.labels = d.labels;
    const rows = d.row_labels || d.labels;
    s.rows = { W: rows, grad: rows, logP: d.logP_row_labels || rows };
    s.titles = d.titles || null;
  }
  if (d.logP) s.logP = d.logP;
  if (d.full || d.gen !== s.gen) {
    s.gen = d.gen; s.xs = []; s.ys = [[], [], []]; s.queue = []; s.qi = 0;
    for (const p of d.points) push(s, p);
    trim(s);
    if (d.heat) { s.heat = d.heat; s.heatPending = null; }
    show(s);
  } else {
    while (s.qi < s.queue.length) push(s, s.queue[s.qi++]);  // late: finish the last tick's points at once
    if (s.heatPending) { s.heat = s.heatPending; s.heatPending = null; }
    if (s.lastArrival) s.interval = Math.min(1000, Math.max(120, 0.7 * s.interval + 0.3 * (now - s.lastArrival)));
    s.queue = d.points; s.qi = 0; s.qStart = now;
    if (d.heat) s.heatPending = d.heat;
    if (!d.running) { while (s.qi < s.queue.length) push(s, s.queue[s.qi++]); if (s.heatPending) { s.heat = s.heatPending; s.heatPending = null; } }
    trim(s);
    show(s);
  }
  s.lastArrival = d.running ? now : 0;
  if (s.qi < s.queue.length && !s.raf) s.raf = requestAnimationFrame(() => frame(s));
}

function frame(s) {
  s.raf = 0;
  if (!s.root.isConnected) return;  // the page was left: stop animating
  const due = Math.ceil((s.queue.length * (performance.now() - s.qStart)) / s.interval);
  const before = s.qi;
  while (s.qi < Math.min(due, s.queue.length)) push(s, s.queue[s.qi++]);
  if (s.qi > before) {
    if (s.heatPending && s.xs[s.xs.length - 1] >= s.heatPending.step) { s.heat = s.heatPending; s.heatPending = null; }
    trim(s);
    show(s);
  }
  if (s.qi < s.queue.length) s.raf = requestAnimationFrame(() => frame(s));
}

function show(s) {
  const n = s.xs.length, d = s.d;
  const step = n ? s.xs[n - 1] : d.step || 0;
  s.vStep.textContent = step.toLocaleString("en-US");
  s.vLoss.textContent = n ? s.ys[0][n - 1].toFixed(4) : "–";
  s.vNll.textContent = n ? s.ys[1][n - 1].toFixed(4) : "–";
  s.vRate.textContent = d.running ? (d.rate === null ? "…" : Math.round(d.rate).toLocaleString("en-US")) : "paused";
  s.root.dataset.step = String(step);
  s.root.dataset.rate = d.running && d.rate !== null ? String(d.rate) : "";
  drawLoss(s);
  s.draws += 1;
  s.root.dataset.draws = String(s.draws);
  if (s.heatDrawn !== s.heat) drawHeats(s);
}

function drawLoss(s) {
  const width = s.root.clientWidth;
  if (!width) return;
  const series = SERIES.map(([name, color, dash], c) => ({ name, color, dash, xs: c === 2 && !s.ys[2].some((v) => v !== null) ? [] : s.xs, ys: s.ys[c] }));
  const text = drawLines(s.loss, width, s.d.height || 380, series, s.refs, s.hoverX);
  s.tip.textContent = text || "\u00a0";
  s.loss.dataset.drawn = "1";
}

function drawHeats(s) {
  s.heatDrawn = s.heat;
  const shown = !!(s.heat && s.labels.length);
  s.heats.style.display = shown ? "grid" : "none";
  if (!shown) return;
  const width = Math.floor((s.root.clientWidth - 24) / 3);
  if (width <= 0) return;
  const st = s.heat.step.toLocaleString("en-US"), t = s.titles;
  const at = (title) => title.replaceAll("{step}", st);
  const panes = [["W", s.heat.W, at(t ? t.W : "W at step {step} (the net's log-counts)"), false],
    ["logP", s.logP, t ? t.logP : "log P of the counts model", false],
    ["grad", s.heat.grad, s.heat.grad ? at(t ? t.grad : "gradient of step {step}") : "gradient (none yet)", true]];
  for (const [name, z, title, div] of panes) {
    const p = s.panes[name];
    p.title.textContent = title;
    p.box.dataset.title = title;  // for tests and the browser benchmark
    if (z) { s.geoms[name] = drawHeatmap(p.canvas, width, z, s.labels, div, null, s.rows[name]); p.canvas.dataset.drawn = "1"; p.z = z; }
    else { fit(p.canvas, width, 20); p.z = null; p.canvas.dataset.drawn = "1"; }
  }
  // Titles of one or two lines (a slice's say what its rows are): each as tall as the tallest, so the three
  // pictures stay side by side at the same height.
  const heads = Object.values(s.panes).map((p) => p.title);
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
  const p = s.panes[name], hit = cellAt(s.geoms[name], x, y), rows = s.rows[name] || s.labels;
  p.tip.textContent = hit && p.z ? `${rows[hit[0]]}${s.labels[hit[1]]}: ${p.z[hit[0] * s.labels.length + hit[1]].toFixed(4)}` : "\u00a0";
}

export default function (component) {
  const { data, parentElement } = component;
  let s = parentElement.__mmLive;
  if (!s || !s.root.isConnected) s = parentElement.__mmLive = mount(parentElement);
  receive(s, data);
}
