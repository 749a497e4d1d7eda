// Small enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Warn before leaving a report form with unsaved changes. A form the server sent back after a failed
  // save carries data-unsaved="true": what it shows was typed but is not stored, so it starts dirty.
  document.querySelectorAll("form[data-warn-unsaved]").forEach((form) => {
    let dirty = form.dataset.unsaved === "true";
    form.addEventListener("input", () => { dirty = true; });
    form.addEventListener("submit", () => { dirty = false; });
    window.addEventListener("beforeunload", (event) => {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  });

  // After a failed save, take the reader to the summary of what to fix; each of its links moves the
  // focus into the field it names and shows the field's label with it.
  const summary = document.querySelector("[data-error-summary-focus]");
  if (summary) { summary.focus(); }
  document.querySelectorAll(".error-summary a[href^='#']").forEach((link) => {
    link.addEventListener("click", (event) => {
      const field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      const label = document.querySelector(`label[for="${field.id}"]`);
      (label || field).scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
    });
  });
});

// What is typed into a report form is kept in this browser (localStorage) until the portal has it:
// a save refused because the session ended, an upload refused as too large, or a closed tab costs
// nothing. When the form opens with other values than those kept, it offers them back; when it opens
// with the same values (the save went through), the kept copy is dropped.
const DRAFTS = "portal-draft:";
const DRAFT_DAYS = 14;

function draftFields(form) {
  return Array.from(form.elements).filter((el) => el.name && !el.disabled && el.name !== "csrfmiddlewaretoken"
    && !["hidden", "file", "submit", "button", "password"].includes(el.type));
}

function draftValues(form) {
  const values = {};
  draftFields(form).forEach((el) => { values[el.name] = el.type === "checkbox" ? el.checked : el.value; });
  return values;
}

function sameValues(a, b) {
  return Object.keys(a).every((name) => !(name in b) || String(a[name]) === String(b[name]));
}

function forgetDrafts(keys) {
  keys.forEach((key) => { try { localStorage.removeItem(DRAFTS + key); } catch (e) { /* storage off */ } });
}

function pruneDrafts() {
  const oldest = Date.now() - DRAFT_DAYS * 86400000;
  try {
    Object.keys(localStorage).filter((k) => k.startsWith(DRAFTS)).forEach((k) => {
      const kept = JSON.parse(localStorage.getItem(k) || "{}");
      if (!kept.at || kept.at < oldest) { localStorage.removeItem(k); }
    });
  } catch (e) { /* storage off or full */ }
}

function keepDraft(form) {
  const key = DRAFTS + form.dataset.keepDraft;
  let kept = null;
  try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
  if (kept && kept.values && !sameValues(kept.values, draftValues(form))) {
    const offer = document.createElement("div");
    offer.className = "alert alert-warning draft-offer d-flex flex-wrap align-items-center gap-2";
    offer.setAttribute("role", "status");
    offer.dataset.testid = "draft-offer";
    const when = new Date(kept.at).toLocaleString("zh-CN", { hour12: false });
    offer.append(`本浏览器中保存着您在 ${when} 输入、尚未保存到平台的内容。`);
    const restore = document.createElement("button");
    restore.type = "button"; restore.className = "btn btn-sm btn-primary"; restore.textContent = "恢复";
    const drop = document.createElement("button");
    drop.type = "button"; drop.className = "btn btn-sm btn-outline-secondary"; drop.textContent = "放弃";
    restore.addEventListener("click", () => {
      draftFields(form).forEach((el) => {
        if (!(el.name in kept.values)) { return; }
        if (el.type === "checkbox") { el.checked = Boolean(kept.values[el.name]); } else { el.value = kept.values[el.name]; }
      });
      form.dispatchEvent(new Event("input"));
      offer.remove();
    });
    drop.addEventListener("click", () => { forgetDrafts([form.dataset.keepDraft]); offer.remove(); });
    offer.append(restore, drop);
    form.before(offer);
  } else if (kept) {
    forgetDrafts([form.dataset.keepDraft]);
  }
  const save = () => {
    try { localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: draftValues(form) })); } catch (e) { /* full */ }
  };
  form.addEventListener("input", save);
  form.addEventListener("change", save);
}

document.addEventListener("DOMContentLoaded", () => {
  pruneDrafts();
  document.querySelectorAll("[data-keep-draft-clear]").forEach((el) => forgetDrafts(el.dataset.keepDraftClear.split(" ")));
  document.querySelectorAll("form[data-keep-draft]").forEach(keepDraft);
});

// The idle timeout (SESSION_IDLE_MINUTES): a warning a while before the session ends, with a button
// that keeps it alive; once it has ended, the warning says so and how to get the typed text back.
document.addEventListener("DOMContentLoaded", () => {
  const body = document.body;
  const idle = Number(body.dataset.idleSeconds || 0);
  const warning = document.querySelector("[data-testid='idle-warning']");
  if (!idle || !warning) { return; }
  const lead = Math.min(120, idle / 2) * 1000;
  let soon = null;
  let over = null;
  const show = (ended) => {
    warning.hidden = false;
    warning.querySelector("[data-idle-soon]").hidden = ended;
    warning.querySelector("[data-idle-over]").hidden = !ended;
    warning.querySelector("[data-keepalive]").hidden = ended;
    warning.querySelector("[data-idle-login]").hidden = !ended;
  };
  const start = () => {
    clearTimeout(soon); clearTimeout(over);
    warning.hidden = true;
    soon = setTimeout(() => show(false), idle * 1000 - lead);
    over = setTimeout(() => show(true), idle * 1000);
  };
  warning.querySelector("[data-keepalive]").addEventListener("click", () => {
    const token = (document.querySelector("[name=csrfmiddlewaretoken]") || {}).value
      || JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
    fetch(body.dataset.keepaliveUrl, { method: "POST", headers: { "X-CSRFToken": token }, credentials: "same-origin", redirect: "manual" })
      .then((response) => { if (response.ok) { start(); } else { show(true); } })
      .catch(() => show(false));
  });
  start();
});

// A print button (the page prints without it too: the style sheet has a print layout).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) { window.print(); }
});
