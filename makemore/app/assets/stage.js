// The stage: presenter mode and a presentation clicker's keys, for the whole page. Mounted once per page (no
// visible output). Data: { present: bool, keys: { "PageDown": ["button_key", ...], ... } }.
//
// Presenter mode is a class on <body> (live.css enlarges type; canvases read it through canvas.js `scale()`),
// and every panel on the page is redrawn at its new size when it changes.
// A key press clicks the first enabled button among those named for it (Streamlit gives a keyed element the
// class st-key-<key>), unless the person is typing in a field. Keys Streamlit's own `shortcut=` already gives a
// button (→, ←) are not listed here, so nothing is clicked twice.

function onKey(e) {
  if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
  const t = e.target;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  const names = (window.__mmKeys || {})[e.key === " " ? "Space" : e.key];
  if (!names) return;
  for (const name of names) {
    const button = document.querySelector(`.st-key-${CSS.escape(name)} button`);
    if (button && !button.disabled) {
      e.preventDefault();  // PageDown and Space would scroll the page
      button.click();
      return;
    }
  }
}

export default function (component) {
  const d = component.data || {};
  const present = Boolean(d.present);
  const body = document.body;
  if (body.classList.contains("mm-present") !== present) {
    body.classList.toggle("mm-present", present);
    for (const redraw of window.__mmRedraw || []) redraw();
  }
  window.__mmKeys = d.keys || {};
  if (!window.__mmKeyListener) {
    window.__mmKeyListener = onKey;
    document.addEventListener("keydown", onKey, true);
  }
  const parent = component.parentElement;
  let mark = parent.querySelector(".mm-stage");
  if (!mark) {
    mark = document.createElement("div");
    mark.className = "mm-stage";
    parent.appendChild(mark);
  }
  mark.dataset.present = present ? "1" : "0";  // for tests
  mark.dataset.keys = Object.keys(window.__mmKeys).join(" ");
}
