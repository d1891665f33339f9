/* Convene admin: accessible names and roles for the controls Django's admin widgets (and modeltranslation's tabs)
   leave without them (WCAG 2.2 AA: 1.3.1, 4.1.2). Runs once the page and its widgets are built, and again for each
   inline row added. See docs/ACCESSIBILITY.md. */
(function () {
  "use strict";
  const script = document.currentScript;
  const text = (element) => (element ? element.textContent.replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim() : "");

  function hasName(control) {
    return (
      (control.labels && control.labels.length > 0) ||
      control.getAttribute("aria-label") ||
      control.getAttribute("aria-labelledby") ||
      control.getAttribute("title")
    );
  }

  // The header of the table column a cell is in (tabular inlines, editable change lists).
  function columnHeader(cell) {
    const table = cell.closest("table");
    const row = cell.parentElement;
    if (!table || !table.tHead) return "";
    let column = 0;
    for (const sibling of row.cells) {
      if (sibling === cell) break;
      column += sibling.colSpan;
    }
    let index = 0;
    for (const th of table.tHead.rows[0].cells) {
      if (column < index + th.colSpan) return text(th);
      index += th.colSpan;
    }
    return "";
  }

  function nameControls(root) {
    const controls = root.querySelectorAll("input:not([type=hidden]), select, textarea");
    for (const control of controls) {
      if (hasName(control) || control.closest(".empty-form")) continue;
      let name = "";
      const cell = control.closest("td");
      const split = control.closest("p.datetime");
      if (split) {
        // A date and a time field of one value: "Starts at Date", "Starts at Time" (the admin's own words).
        const row = split.closest(".form-row, .fieldBox, td") || split.parentElement;
        const label = row.querySelector("label");
        let part = control.previousSibling;
        while (part && part.nodeType !== Node.TEXT_NODE) part = part.previousSibling;
        name = [text(label), part ? part.textContent.replace(/:\s*$/, "").trim() : ""].filter(Boolean).join(" ");
      } else if (cell) {
        name = columnHeader(cell);
        const row = cell.parentElement;
        const position = [...row.parentElement.rows].filter((r) => !r.classList.contains("empty-form")).indexOf(row);
        if (name && position >= 0) name += ", " + script.dataset.row.replace("{n}", position + 1);
      }
      if (name) control.setAttribute("aria-label", name);
    }
    // Autocomplete selects (select2): the combobox and its text take the name of the select's label.
    for (const select of root.querySelectorAll("select.admin-autocomplete")) {
      const label = select.id && document.querySelector(`label[for="${select.id}"]`);
      const name = label ? text(label) : select.getAttribute("aria-label");
      const container = select.nextElementSibling;
      if (!name || !container) continue;
      const parts = select.multiple
        ? ".select2-selection, .select2-search__field"
        : ".select2-selection, .select2-selection__rendered";
      for (const element of container.querySelectorAll(parts)) {
        if (element.getAttribute("aria-label") !== name) element.setAttribute("aria-label", name);
      }
    }
    // select2 puts its "remove all" cross inside the list of choices: a list holds only its items, so move it out.
    // (select2 empties the list and adds a new cross on each change: the one moved before goes.)
    for (const list of root.querySelectorAll("ul.select2-selection__rendered")) {
      const inside = list.querySelector(":scope > .select2-selection__clear");
      const chosen = list.querySelector(":scope > .select2-selection__choice");
      if (!inside && chosen) continue;
      for (const old of list.parentElement.querySelectorAll(":scope > .select2-selection__clear")) old.remove();
      if (inside) list.before(inside);
    }
    // The search icons of the two-list selects (filter_horizontal) carry a label: give them the role it needs.
    for (const icon of root.querySelectorAll(".help-tooltip[aria-label]:not([role])")) icon.setAttribute("role", "img");
  }

  function fixTabs(root) {
    const languageSwitch = document.getElementById("modeltranslation-main-switch");
    if (languageSwitch && !hasName(languageSwitch)) {
      languageSwitch.setAttribute("aria-label", script.dataset.languageSwitch);
    }
    // jQuery UI puts role=tab on each <li> and keeps a focusable link inside it: the link becomes a plain label
    // (the tab itself takes the focus and the keys), so that a tab holds nothing interactive.
    // jQuery UI tells a local panel from a remote one by the link's address: without one, the panel is local.
    const tabs = window.django && django.jQuery && django.jQuery.ui && django.jQuery.ui.tabs;
    if (!tabs) return;
    if (!tabs.prototype._conveneLocal) {
      const isLocal = tabs.prototype._isLocal;
      tabs.prototype._isLocal = function (anchor) {
        return !anchor.getAttribute("href") || isLocal.call(this, anchor);
      };
      tabs.prototype._conveneLocal = true;
    }
    for (const link of root.querySelectorAll(".ui-tabs-nav [role=tab] > a[href]")) {
      link.removeAttribute("href");
      link.removeAttribute("tabindex");
      link.setAttribute("role", "presentation");
    }
  }

  function run(root) {
    fixTabs(root);
    nameControls(root);
  }

  // The widgets are built by scripts of their own (on DOMContentLoaded, on load, on a row added, on a choice made):
  // name what they built as soon as they built it.
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      run(document);
      observer.takeRecords();
    });
  });
  document.addEventListener("DOMContentLoaded", () => {
    run(document);
    observer.observe(document.body, { childList: true, subtree: true });
  });
  window.addEventListener("load", () => run(document));
})();
