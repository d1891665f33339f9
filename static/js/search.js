// Search as people type (progressive enhancement): the results below the form follow the words in the box, a
// moment after the last key, from the same page the form would load; without this file the form still submits.
(() => {
  "use strict";

  document.addEventListener("DOMContentLoaded", () => {
    const input = document.querySelector("[data-search-as-you-type]");
    const results = document.querySelector("[data-search-results]");
    if (!input || !results) return;
    let timer = null;
    let controller = null;

    async function update() {
      const query = input.value.trim();
      const url = new URL(window.location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const response = await fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } });
        if (!response.ok) return;
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.querySelector("[data-search-results]");
        if (fresh) results.replaceChildren(...fresh.childNodes);
        window.history.replaceState(null, "", url);
      } catch (error) {
        // A newer query replaced this one, or the network failed: the form still works.
      }
    }

    input.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 300);
    });
  });
})();
