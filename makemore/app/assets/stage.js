// The stage: presenter mode and a presentation clicker's keys, for the whole page. Mounted once per page (no
// visible output). Data: { present: bool, keys: { "PageDown": ["button_key", ...], ... } }.
//
// Presenter mode is a class on <body>: live.css enlarges type, the live panel (live_panel.js) watches the class and
// redraws itself, and the ECharts charts are sent larger type by the page itself (a rerun).
// A key press clicks the first enabled button among those named for it (Streamlit gives a keyed element the
// class st-key-<key>), unless the person is typing in a field. Keys Streamlit's own `shortcut=` already gives a
// button (→, ←) are not listed here, so nothing is clicked twice.
// Presses that arrive while the app is still answering the last one are queued (up to MAX_QUEUE) and clicked one
// at a time as it becomes idle: a click sent mid-run is folded into that run by Streamlit, so fifty quick presses
// of a clicker used to draw about fifteen characters.

const MAX_QUEUE = 50;
const ANSWER_MS = 300; // a click the app has not started answering after this long is taken as lost
const queue = [];
let clickedAt = 0; // when our last click was sent, until the app is seen running it

function busy() {
  const app = document.querySelector("[data-testid='stApp']");
  const running = Boolean(app) && app.getAttribute("data-test-script-state") === "running";
  if (running) clickedAt = 0;
  return running || (clickedAt > 0 && performance.now() - clickedAt < ANSWER_MS);
}

function press(names) {
  for (const name of names) {
    const button = document.querySelector(`.st-key-${CSS.escape(name)} button`);
    if (button && !button.disabled) {
      clickedAt = performance.now();
      button.click();
      return true;
    }
  }
  return false;
}

function drain() {
  if (queue.length && !busy()) press(queue.shift());
  if (queue.length) setTimeout(drain, 30);
}

function onKey(e) {
  if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
  const t = e.target;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  const names = (window.__mmKeys || {})[e.key === " " ? "Space" : e.key];
  if (!names) return;
  e.preventDefault();  // PageDown and Space would scroll the page
  if (queue.length || busy()) {
    if (queue.length < MAX_QUEUE) queue.push(names);
    if (queue.length === 1) setTimeout(drain, 30);
    return;
  }
  press(names);
}

export default function (component) {
  const d = component.data || {};
  const present = Boolean(d.present);
  const body = document.body;
  if (body.classList.contains("mm-present") !== present) body.classList.toggle("mm-present", present);
  window.__mmKeys = d.keys || {};
  if (!window.__mmKeyListener) {
    window.__mmKeyListener = onKey;
    document.addEventListener("keydown", onKey, true);
    // A run that starts and ends between two looks at the queue is still seen starting (the whole page is watched:
    // the app's root element may be drawn anew).
    new MutationObserver(() => busy()).observe(document.body, {
      attributes: true,
      subtree: true,
      attributeFilter: ["data-test-script-state"],
    });
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
