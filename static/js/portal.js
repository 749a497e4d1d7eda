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

// A print button (the page prints without it too: the style sheet has a print layout).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) { window.print(); }
});
