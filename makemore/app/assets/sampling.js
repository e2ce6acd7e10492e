// The sampling panel: the distribution the next (or last) character is drawn from, as bars with the drawn one in
// red, and the same distribution laid end to end on [0, 1] with the uniform u that picked it. Two canvases that
// stay in the page, so a click on "Next character" redraws them in place.
// Data (makemore/views/sampling.py): labels, probs, row, drew (index or null before a draw), prob, u
// (or null: the torch stream races exponentials, greedy takes the argmax), title.

const RED = "#d62728", PALE = ["#9ecae1", "#c6dbef"];

function drawBars(s, width) {
  const d = s.d, V = d.labels.length, m = { l: 52, r: 8, t: 10, b: 28 }, height = 280;
  const ctx = fit(s.bars, width, height);
  const W = width - m.l - m.r, H = height - m.t - m.b;
  const top = Math.max(...d.probs, 1e-9) * 1.08;
  const Y = (p) => m.t + H * (1 - p / top);
  ctx.font = font(12); ctx.fillStyle = "#555"; ctx.strokeStyle = "#e5e5e5"; ctx.lineWidth = 1;
  ctx.textAlign = "right"; ctx.textBaseline = "middle";
  for (const t of ticks(0, top, 5)) {
    ctx.beginPath(); ctx.moveTo(m.l, Y(t)); ctx.lineTo(m.l + W, Y(t)); ctx.stroke();
    ctx.fillText(fmtNum(t), m.l - 6, Y(t));
  }
  const slot = W / V, bar = Math.max(1, slot * 0.8), every = Math.max(1, Math.ceil(12 / slot));
  ctx.textAlign = "center"; ctx.textBaseline = "top";
  for (let i = 0; i < V; i++) {
    ctx.fillStyle = i === d.drew ? RED : PALE[0];
    const x = m.l + i * slot + (slot - bar) / 2;
    ctx.fillRect(x, Y(d.probs[i]), bar, m.t + H - Y(d.probs[i]));
    if (i % every === 0 || i === d.drew) {
      ctx.fillStyle = i === d.drew ? RED : "#444";
      ctx.fillText(d.labels[i], m.l + i * slot + slot / 2, m.t + H + 5);
    }
  }
  s.barGeom = { m, slot, V };
}

function drawStrip(s, width) {
  const d = s.d, m = { l: 10, r: 10, t: 24, b: 30 }, height = 112;
  const ctx = fit(s.strip, width, height);
  const W = width - m.l - m.r, H = height - m.t - m.b;
  const total = d.probs.reduce((a, b) => a + b, 0) || 1;
  let left = 0;
  ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.font = font(12);
  s.cuts = [];
  for (let i = 0; i < d.probs.length; i++) {
    const w = d.probs[i] / total;
    s.cuts.push([left, left + w]);
    if (w > 0) {
      ctx.fillStyle = i === d.drew ? RED : PALE[i % 2];
      ctx.fillRect(m.l + left * W, m.t, Math.max(0.5, w * W - 0.5), H);
      if (w * W > 14) { ctx.fillStyle = i === d.drew ? "#fff" : "#333"; ctx.fillText(d.labels[i], m.l + (left + w / 2) * W, m.t + H / 2); }
    }
    left += w;
  }
  ctx.fillStyle = "#555"; ctx.textBaseline = "top";
  for (const t of [0, 0.25, 0.5, 0.75, 1]) ctx.fillText(String(t), m.l + t * W, m.t + H + 6);
  if (d.u !== null && d.u !== undefined) {
    const x = m.l + d.u * W;
    ctx.strokeStyle = "#000"; ctx.lineWidth = 2;
    ctx.beginPath(); ctx.moveTo(x, m.t - 4); ctx.lineTo(x, m.t + H + 4); ctx.stroke();
    ctx.font = font(13, "bold"); ctx.textBaseline = "bottom";
    ctx.textAlign = x > width - 80 ? "right" : x < 80 ? "left" : "center";
    ctx.fillStyle = "#000"; ctx.fillText(`u = ${d.u.toFixed(4)}`, x, m.t - 5);
  }
  s.stripGeom = { m, W };
}

function draw(s) {
  const width = s.root.clientWidth;
  if (!width || !s.d.labels) return;
  s.title.textContent = s.d.title || "";
  s.wordLabel.textContent = s.d.word_label || "";
  s.word.textContent = s.d.word || "";
  s.root.dataset.word = s.d.word || "";
  drawBars(s, width);
  drawStrip(s, width);
  s.bars.dataset.drawn = "1"; s.strip.dataset.drawn = "1";
  s.draws += 1;
  s.root.dataset.draws = String(s.draws);
  s.root.dataset.drew = s.d.drew === null ? "" : s.d.labels[s.d.drew];
}

function tip(s, e, text) {
  showTip(s, text, e.offsetX, e.target.offsetTop + e.offsetY + 18, 200);
}

export default function (component) {
  panel(component.parentElement, "mm-sampling", component.data, (s) => {
    s.draws = 0;
    s.wordLabel = el("div", "mm-word-label", s.root);
    s.word = el("div", "mm-word", s.root);
    s.title = el("div", "mm-heat-title", s.root);
    s.bars = el("canvas", "mm-chart", s.root);
    s.strip = el("canvas", "mm-chart", s.root);
    s.tip = el("div", "mm-float-tip", s.root);
    s.bars.addEventListener("mousemove", (e) => {
      const g = s.barGeom, i = g ? Math.floor((e.offsetX - g.m.l) / g.slot) : -1;
      tip(s, e, i >= 0 && i < g.V ? `${s.d.labels[i]}: ${s.d.probs[i].toFixed(4)}` : "");
    });
    s.strip.addEventListener("mousemove", (e) => {
      const g = s.stripGeom, x = g ? (e.offsetX - g.m.l) / g.W : -1;
      const i = s.cuts ? s.cuts.findIndex(([a, b]) => x >= a && x < b && b > a) : -1;
      tip(s, e, i >= 0 ? `'${s.d.labels[i]}': [${s.cuts[i][0].toFixed(4)}, ${s.cuts[i][1].toFixed(4)})` : "");
    });
    for (const c of [s.bars, s.strip]) c.addEventListener("mouseleave", () => showTip(s, "", 0, 0));
  }, draw);
}
