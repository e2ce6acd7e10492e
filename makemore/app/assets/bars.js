// A bar chart on one canvas (word lengths, character frequencies): light enough that the home page draws at
// once, with no chart library to load. Data (makemore/views/bars.py): labels, values, title,
// x_title, y_title, height.

function draw(s) {
  const d = s.d, width = s.root.clientWidth;
  if (!width || !d.labels) return;
  const n = d.labels.length, m = { l: 58, r: 8, t: 8, b: 44 }, height = d.height || 300;
  const ctx = fit(s.canvas, width, height);
  const W = width - m.l - m.r, H = height - m.t - m.b;
  const top = Math.max(...d.values, 1) * 1.05, Y = (v) => m.t + H * (1 - v / top);
  ctx.font = font(12); ctx.fillStyle = "#555"; ctx.strokeStyle = "#e5e5e5"; ctx.lineWidth = 1;
  ctx.textAlign = "right"; ctx.textBaseline = "middle";
  for (const t of ticks(0, top, 5)) {
    ctx.beginPath(); ctx.moveTo(m.l, Y(t)); ctx.lineTo(m.l + W, Y(t)); ctx.stroke();
    ctx.fillText(fmtNum(t), m.l - 6, Y(t));
  }
  const slot = W / Math.max(n, 1), bar = Math.max(1, slot * 0.8), every = Math.max(1, Math.ceil(14 / slot));
  ctx.textAlign = "center"; ctx.textBaseline = "top";
  for (let i = 0; i < n; i++) {
    ctx.fillStyle = "#4292c6";
    ctx.fillRect(m.l + i * slot + (slot - bar) / 2, Y(d.values[i]), bar, m.t + H - Y(d.values[i]));
    if (i % every === 0) { ctx.fillStyle = "#444"; ctx.fillText(d.labels[i], m.l + i * slot + slot / 2, m.t + H + 4); }
  }
  ctx.fillStyle = "#555";
  ctx.fillText(d.x_title || "", m.l + W / 2, m.t + H + 24);
  ctx.save(); ctx.translate(12, m.t + H / 2); ctx.rotate(-Math.PI / 2); ctx.fillText(d.y_title || "", 0, -6); ctx.restore();
  s.geom = { m, slot, n };
  s.title.textContent = d.title || "";
  s.canvas.dataset.drawn = "1";
}

export default function (component) {
  panel(component.parentElement, "mm-bars", component.data, (s) => {
    s.title = el("div", "mm-heat-title", s.root);
    s.canvas = el("canvas", "mm-chart", s.root);
    s.tip = el("div", "mm-float-tip", s.root);
    s.canvas.addEventListener("mousemove", (e) => {
      const g = s.geom, i = g ? Math.floor((e.offsetX - g.m.l) / g.slot) : -1;
      const text = g && i >= 0 && i < g.n ? `${s.d.labels[i]}: ${s.d.values[i].toLocaleString("en-US")}` : "";
      showTip(s, text, e.offsetX, e.offsetY + 30, 160);
    });
    s.canvas.addEventListener("mouseleave", () => showTip(s, "", 0, 0));
  }, draw);
}
