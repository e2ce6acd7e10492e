// Side-by-side x-y panels on one canvas each (the k / λ sweeps, P against softmax(W)): lines or markers, an
// optional log x axis and y = x diagonal, hover for the nearest point. No chart library to load.
// Data (makemore/views/xy.py): panels [{title, x_title, y_title, log_x,
// diagonal, series: [{name, color, mode: "lines" | "markers", xs, ys, texts?}]}], height.

function extent(panel) {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const s of panel.series) {
    for (let i = 0; i < s.xs.length; i++) {
      const x = panel.log_x ? Math.log10(s.xs[i]) : s.xs[i], y = s.ys[i];
      if (!isFinite(x) || y === null || !isFinite(y)) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  if (!isFinite(x0)) { x0 = 0; x1 = 1; y0 = 0; y1 = 1; }
  if (panel.diagonal) { x0 = y0 = Math.min(x0, y0); x1 = y1 = Math.max(x1, y1); }
  const px = (x1 - x0) * 0.05 || 0.5, py = (y1 - y0) * 0.08 || 0.5;
  return [x0 - px, x1 + px, y0 - py, y1 + py];
}

function drawPanel(p, canvas, width, height) {
  const ctx = fit(canvas, width, height);
  const m = { l: 56, r: 10, t: 44, b: 44 }, W = width - m.l - m.r, H = height - m.t - m.b;
  const [x0, x1, y0, y1] = extent(p);
  const X = (x) => m.l + (((p.log_x ? Math.log10(x) : x) - x0) / (x1 - x0)) * W;
  const Y = (y) => m.t + (1 - (y - y0) / (y1 - y0)) * H;
  ctx.font = font(12); ctx.strokeStyle = "#e5e5e5"; ctx.fillStyle = "#555"; ctx.lineWidth = 1;
  ctx.textAlign = "right"; ctx.textBaseline = "middle";
  for (const t of ticks(y0, y1, 5)) {
    ctx.beginPath(); ctx.moveTo(m.l, Y(t)); ctx.lineTo(m.l + W, Y(t)); ctx.stroke();
    ctx.fillText(fmtNum(t), m.l - 6, Y(t));
  }
  ctx.textAlign = "center"; ctx.textBaseline = "top";
  // Log axis: a tick at each power of ten in range (rounded first: a sum of 0.2 steps lands near, not on, 0).
  const xt = p.log_x
    ? ticks(Math.ceil(x0), Math.floor(x1), 8).map((e) => Math.round(e * 1e9) / 1e9).filter(Number.isInteger).map((e) => 10 ** e)
    : ticks(x0, x1, 5);
  for (const t of xt) {
    ctx.beginPath(); ctx.moveTo(X(t), m.t); ctx.lineTo(X(t), m.t + H); ctx.stroke();
    ctx.fillText(p.log_x ? `${+t.toPrecision(3)}` : fmtNum(t), X(t), m.t + H + 5);
  }
  ctx.fillText(p.x_title || "", m.l + W / 2, m.t + H + 24);
  ctx.save(); ctx.translate(12, m.t + H / 2); ctx.rotate(-Math.PI / 2); ctx.fillText(p.y_title || "", 0, -4); ctx.restore();
  ctx.fillStyle = "#333"; ctx.font = font(14); ctx.textAlign = "left";
  ctx.fillText(p.title || "", m.l, 4);
  ctx.save(); ctx.beginPath(); ctx.rect(m.l, m.t, W, H); ctx.clip();
  if (p.diagonal) {
    ctx.strokeStyle = "#aaa"; ctx.setLineDash([6, 4]); ctx.beginPath();
    ctx.moveTo(X(p.log_x ? 10 ** x0 : x0), Y(x0)); ctx.lineTo(X(p.log_x ? 10 ** x1 : x1), Y(x1)); ctx.stroke();
    ctx.setLineDash([]);
  }
  for (const s of p.series) {
    ctx.strokeStyle = ctx.fillStyle = s.color; ctx.lineWidth = 2;
    if (s.mode !== "markers") {
      ctx.beginPath();
      let pen = false;  // lifted over a missing (infinite) value
      s.xs.forEach((x, i) => {
        const y = s.ys[i];
        if (y === null || !isFinite(y)) { pen = false; return; }
        if (pen) ctx.lineTo(X(x), Y(y)); else ctx.moveTo(X(x), Y(y));
        pen = true;
      });
      ctx.stroke();
    }
    ctx.globalAlpha = s.mode === "markers" ? 0.55 : 1;
    for (let i = 0; i < s.xs.length; i++) {
      if (s.ys[i] === null || !isFinite(s.ys[i])) continue;
      ctx.beginPath(); ctx.arc(X(s.xs[i]), Y(s.ys[i]), s.mode === "markers" ? 2.5 : 3, 0, 2 * Math.PI); ctx.fill();
    }
    ctx.globalAlpha = 1;
  }
  ctx.restore();
  ctx.font = font(12); ctx.textBaseline = "middle";
  let lx = m.l;
  for (const s of p.series) {
    if (!s.name) continue;
    ctx.fillStyle = s.color; ctx.fillRect(lx, 28, 14, 3);
    ctx.fillStyle = "#333"; ctx.fillText(s.name, lx + 18, 30);
    lx += 30 + ctx.measureText(s.name).width;
  }
  return { X, Y };
}

function draw(s) {
  const d = s.d, width = s.root.clientWidth;
  if (!width || !d.panels) return;
  while (s.canvases.length < d.panels.length) {
    const c = el("canvas", "mm-chart", s.grid);
    const idx = s.canvases.length;
    c.addEventListener("mousemove", (e) => hover(s, idx, e));
    c.addEventListener("mouseleave", () => showTip(s, "", 0, 0));
    s.canvases.push(c);
  }
  s.grid.style.gridTemplateColumns = `repeat(${d.panels.length}, 1fr)`;
  const w = Math.floor((width - 12 * (d.panels.length - 1)) / d.panels.length);
  s.scales = d.panels.map((p, i) => drawPanel(p, s.canvases[i], w, d.height || 380));
  s.canvases.forEach((c) => { c.dataset.drawn = "1"; });
}

function hover(s, idx, e) {
  const p = s.d.panels[idx], sc = s.scales[idx];
  let best = null, bd = 144;  // within 12 px
  for (const ser of p.series) {
    for (let i = 0; i < ser.xs.length; i++) {
      if (ser.ys[i] === null) continue;
      const dx = sc.X(ser.xs[i]) - e.offsetX, dy = sc.Y(ser.ys[i]) - e.offsetY, dd = dx * dx + dy * dy;
      if (dd < bd) { bd = dd; best = [ser, i]; }
    }
  }
  if (!best) { showTip(s, "", 0, 0); return; }
  const [ser, i] = best;
  const label = ser.texts ? `${ser.texts[i]}: ` : ser.name ? `${ser.name}: ` : "";
  const text = `${label}${p.x_title} ${+ser.xs[i].toPrecision(4)} · ${p.y_title} ${ser.ys[i].toFixed(4)}`;
  showTip(s, text, e.target.offsetLeft + e.offsetX, e.offsetY + 20, 280);
}

export default function (component) {
  panel(component.parentElement, "mm-xy", component.data, (s) => {
    s.canvases = [];
    s.scales = [];
    s.grid = el("div", "mm-xy-grid", s.root);
    s.tip = el("div", "mm-float-tip", s.root);
  }, draw);
}
