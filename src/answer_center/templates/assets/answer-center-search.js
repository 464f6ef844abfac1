// The search box of the answer center: Pagefind's chunked index behind Material's markup.
// A query downloads only the index chunks and the fragments of its results, never an index
// of the whole site. Results are built from text nodes only: nothing a page holds can
// become markup here, whatever the index returns.
(() => {
  "use strict";
  const script = document.currentScript;
  const bundle = new URL(script.dataset.pagefind, document.baseURI).href;
  const config = JSON.parse(document.getElementById("__config").textContent);
  const words = config.translations;
  let pagefind = null;

  function mount() {
    const template = document.getElementById("ac-search");
    const header = document.querySelector(".md-header__inner");
    if (!template || !header) return;
    const parts = template.content.cloneNode(true);
    const source = header.querySelector(".md-header__source");
    header.insertBefore(parts, source);
    const input = header.querySelector(".md-search__input");
    const meta = header.querySelector(".md-search-result__meta");
    const list = header.querySelector(".md-search-result__list");
    const form = header.querySelector(".md-search__form");
    // The theme opens and closes the search dialog with this checkbox; its script leaves
    // our box alone, so the box keeps the checkbox in step with the focus itself.
    const toggle = document.getElementById("__search");
    toggle.addEventListener("change", () => {
      if (toggle.checked) setTimeout(() => input.focus(), 0);
    });
    input.addEventListener("focus", () => {
      toggle.checked = true;
    });
    form.addEventListener("reset", () => {
      list.replaceChildren();
      meta.textContent = words["search.result.placeholder"];
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const first = list.querySelector("a");
      if (first) location.href = first.href;
    });
    // The theme's shortcuts for its own search box: f, s or / opens it.
    document.addEventListener("keydown", (event) => {
      const typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (["f", "s", "/"].includes(event.key)) {
        event.preventDefault();
        input.focus();
      }
    });
    header.querySelector(".md-search").addEventListener("keydown", (event) => {
      const links = [...list.querySelectorAll("a")];
      const at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        toggle.checked = false;
        input.blur();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const next = at + (event.key === "ArrowDown" ? 1 : -1);
        if (next < 0) input.focus();
        else if (links.length) links[Math.min(next, links.length - 1)].focus();
      }
    });
    let latest = 0;
    input.addEventListener("input", async () => {
      const query = input.value.trim();
      const ticket = ++latest;
      if (!query) {
        list.replaceChildren();
        meta.textContent = words["search.result.placeholder"];
        return;
      }
      try {
        pagefind = pagefind || (await import(bundle));
      } catch {
        // The preview (mkdocs serve) builds pages only; the index comes from a full build.
        meta.textContent = script.dataset.unavailable;
        return;
      }
      const search = await pagefind.debouncedSearch(query);
      if (search === null || ticket !== latest) return;
      const results = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      if (ticket !== latest) return;
      show(results, search.results.length);
    });

    function show(results, total) {
      const count = total === 0 ? "search.result.none" : total === 1 ? "search.result.one" : "search.result.other";
      meta.textContent = words[count].replace("#", String(total));
      list.replaceChildren(...results.map(item));
    }
  }

  function item(result) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = result.url;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = (result.meta && result.meta.title) || result.url;
    const excerpt = document.createElement("p");
    excerpt.append(...marked(result.excerpt || ""));
    article.append(title, excerpt);
    link.append(article);
    li.append(link);
    return li;
  }

  // Pagefind wraps the matched words in <mark>: keep those and the text, nothing else.
  function marked(html) {
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body;
    const out = [];
    for (const node of parsed.firstChild ? parsed.firstChild.childNodes : []) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.push(mark);
      } else {
        out.push(document.createTextNode(node.textContent));
      }
    }
    return out;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
