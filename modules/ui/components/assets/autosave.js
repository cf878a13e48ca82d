// Medled autosave text area (Streamlit components v2, no iframe).
// Sends the text to Python after ~2 s without typing, when the field is left, and when the
// page is hidden or unloaded (tab closed, phone locked, reload). Text over the limit is never
// sent and never cut: the participant sees the limit and keeps every character.
// Until Python confirms a text (data.value), a copy waits in localStorage, so a draft that
// could not be sent before the page went away is restored and sent on the next visit.
const PAUSE_MS = 2000;

export default function (component) {
  const { data, setStateValue, parentElement } = component;
  const root = parentElement.querySelector(".ma");
  const box = root.querySelector("textarea");
  const label = root.querySelector("label");
  const status = root.querySelector(".ma-status");
  const count = root.querySelector(".ma-count");
  const limit = root.querySelector(".ma-limit");
  const help = root.querySelector(".ma-help");
  const t = data.labels;
  const storeKey = "medled-draft:" + data.store;
  let timer = null;
  let sent = data.value;

  if (!box.id) {
    box.id = "ma-" + Math.random().toString(36).slice(2);
    label.htmlFor = box.id;
  }
  label.textContent = data.label;
  help.textContent = data.help || "";
  help.hidden = !data.help;
  box.setAttribute("aria-describedby", [help.id, limit.id, status.id].join(" "));
  box.style.minHeight = data.height + "px";
  box.rows = data.single ? 1 : 4;
  box.setAttribute("aria-multiline", data.single ? "false" : "true");
  if (box.dataset.ready !== "1") {  // first mount: the saved text, or a newer copy never confirmed
    box.value = data.value;
    const kept = readKept();
    if (kept && kept.base === data.value && kept.text !== data.value) box.value = kept.text;
    box.dataset.ready = "1";
  }
  if (box.value === data.value) forget();

  function readKept() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { return null; }
  }
  function keep() {
    try { localStorage.setItem(storeKey, JSON.stringify({ text: box.value, base: data.value })); } catch (e) { /* private mode */ }
  }
  function forget() {
    try { localStorage.removeItem(storeKey); } catch (e) { /* private mode */ }
  }
  function tooLong() { return box.value.length > data.max; }

  function show() {
    const n = box.value.length;
    count.textContent = t.count.replace("{n}", n).replace("{max}", data.max);
    const over = tooLong();
    limit.hidden = !over;
    limit.textContent = over ? t.too_long : "";
    box.setAttribute("aria-invalid", over ? "true" : "false");
    root.classList.toggle("ma-over", over);
    if (over) status.textContent = t.not_saved;
    else if (box.value === data.value) status.textContent = box.value ? t.saved : "";
    else status.textContent = t.saving;
  }

  function flush() {
    clearTimeout(timer);
    timer = null;
    if (tooLong() || box.value === sent) return;
    sent = box.value;
    setStateValue("value", box.value);
  }

  function onInput() {
    keep();
    show();
    clearTimeout(timer);
    timer = setTimeout(flush, PAUSE_MS);
  }
  function onHidden() { if (document.visibilityState === "hidden") flush(); }
  function onKey(e) { if (data.single && e.key === "Enter") { e.preventDefault(); flush(); } }

  box.addEventListener("input", onInput);
  box.addEventListener("blur", flush);
  box.addEventListener("keydown", onKey);
  document.addEventListener("visibilitychange", onHidden);
  window.addEventListener("pagehide", flush);
  show();
  if (box.value !== data.value && !tooLong()) flush();  // a restored copy goes to the server now

  return () => {
    // Re-rendered with new data: hand over, but first send anything not yet sent.
    if (timer) flush();
    box.removeEventListener("input", onInput);
    box.removeEventListener("blur", flush);
    box.removeEventListener("keydown", onKey);
    document.removeEventListener("visibilitychange", onHidden);
    window.removeEventListener("pagehide", flush);
  };
}
