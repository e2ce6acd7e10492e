// A V×V heatmap drawn on one canvas that stays in the page: moving k or switching the view redraws it in place
// (a few milliseconds) instead of re-creating a chart. The lecture's look: each cell labelled with its bigram and
// value, Blues. Data (from makemore/views/heatmaps.py): labels, z (colour values, flat row-major),
// cells (per cell [bigram, value] strings, or null for large V), N and P (flat, for the hover), title,
// highlight_row, diverging, max_cell.

// Rows may be other than the columns (a slice of an n-gram table: its rows are contexts, `row_labels`; a unigram
// has one row): R rows × V columns.
function layout(d, width) {
  const V = d.labels.length, rows = d.row_labels || d.labels;
  const longest = Math.max(1, ...rows.map((r) => r.length));
  const m = { l: Math.round((26 + 8 * longest) * scale()), t: Math.round(46 * scale()), r: 6, b: 6 };
  // Presenter mode lets the cells (and their labels) grow to fill the screen.
  const most = (d.max_cell || 44) * (scale() > 1 ? 1.6 : 1);
  const cell = Math.max(3, Math.min(most, Math.floor((width - m.l - m.r) / V)));
  return { V, R: rows.length, rows, m, cell };
}

function draw(s) {
  const d = s.d, width = s.root.clientWidth;
  if (!width || !d.labels) return;
  const { V, R, rows, m, cell } = layout(d, width);
  const size = cell * V;
  const ctx = fit(s.canvas, m.l + size + m.r, m.t + cell * R + m.b);
  let lo = Infinity, hi = -Infinity;
  for (const v of d.z) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const span = d.diverging ? Math.max(Math.abs(lo), Math.abs(hi)) || 1 : hi - lo || 1;
  const gap = cell >= 8 ? 1 : 0;
  const big = d.cells && cell >= 22;
  const labelPx = Math.max(7, Math.min(11 * scale(), Math.floor(cell / (scale() > 1 ? 2.8 : 3.3))));
  ctx.textAlign = "center"; ctx.textBaseline = "middle";
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < V; j++) {
      const c = i * V + j, t = d.diverging ? 0.5 + d.z[c] / (2 * span) : (d.z[c] - lo) / span;
      ctx.fillStyle = ramp(d.diverging ? RDBU : BLUES, t);
      const x = m.l + j * cell, y = m.t + i * cell;
      ctx.fillRect(x, y, cell - gap, cell - gap);
      if (big) {
        ctx.fillStyle = !d.diverging && t > 0.55 ? "#f0f0f0" : "#555";
        ctx.font = `${labelPx}px sans-serif`;
        ctx.fillText(d.cells[c][0], x + cell / 2, y + cell * 0.32);
        ctx.fillText(d.cells[c][1], x + cell / 2, y + cell * 0.7);
      }
    }
  }
  const every = Math.max(1, Math.ceil(11 / cell));
  ctx.fillStyle = "#333"; ctx.font = font(12);
  ctx.textBaseline = "bottom";
  for (let j = 0; j < V; j += every) ctx.fillText(d.labels[j], m.l + j * cell + cell / 2, m.t - 3);
  ctx.textAlign = "right"; ctx.textBaseline = "middle";
  for (let i = 0; i < R; i += every) ctx.fillText(rows[i], m.l - 5, m.t + i * cell + cell / 2);
  ctx.fillStyle = "#666"; ctx.textAlign = "left"; ctx.textBaseline = "top";
  ctx.fillText(d.col_title || "", m.l, 2);
  if (d.highlight_row !== null && d.highlight_row !== undefined) {
    ctx.strokeStyle = "#d62728"; ctx.lineWidth = 3;
    ctx.strokeRect(m.l - 1.5, m.t + d.highlight_row * cell - 1.5, size + 2, cell + 2);
  }
  s.stats.replaceChildren();
  for (const [label, value] of d.stats || []) statBox(s.stats, label).textContent = value;
  s.notes.replaceChildren();
  for (const text of d.notes || []) el("div", "", s.notes).textContent = text;
  s.geom = { m, cell, V, R };
  Object.assign(s.canvas.dataset, { cell, font: big ? labelPx : 0, left: m.l, top: m.t, labels: d.labels.join("\u0001") });  // for tests
  s.title.textContent = d.title || "";
  s.canvas.dataset.drawn = "1";
  s.draws += 1;
  s.root.dataset.draws = String(s.draws);
  s.root.dataset.title = d.title || "";
}

function hover(s, e) {
  const d = s.d, hit = cellAt(s.geom, e.offsetX, e.offsetY);
  if (!hit) { showTip(s, "", 0, 0); return; }
  const [i, j] = hit, rows = d.row_labels || d.labels;
  const c = i * d.labels.length + j, parts = [`${rows[i]}${d.labels[j]}`];
  if (d.N) parts.push(`count ${d.N[c].toLocaleString("en-US")}`);
  if (d.P) parts.push(`P ${d.P[c].toFixed(4)}`, `log P ${d.P[c] > 0 ? Math.log(d.P[c]).toFixed(4) : "−∞"}`);
  if (!d.N && !d.P) parts.push(d.z[c].toFixed(4));
  showTip(s, parts.join(" · "), e.offsetX, e.offsetY + 30);
}

export default function (component) {
  panel(component.parentElement, "mm-heatmap", component.data, (s) => {
    s.draws = 0;
    s.stats = el("div", "mm-stats", s.root);
    s.notes = el("div", "mm-notes", s.root);
    s.title = el("div", "mm-heat-title", s.root);
    s.canvas = el("canvas", "mm-chart", s.root);
    s.tip = el("div", "mm-float-tip", s.root);
    s.canvas.addEventListener("mousemove", (e) => hover(s, e));
    s.canvas.addEventListener("mouseleave", () => showTip(s, "", 0, 0));
  }, draw);
}
