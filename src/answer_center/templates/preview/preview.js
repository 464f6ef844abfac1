// Preview only (answer-center serve): when the last edit left content invalid, the preview
// keeps the last good pages and this bar says so, with a link to the list of problems.
// The build never publishes this file.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var root = new URL("../", script.src);
  fetch(new URL("_preview/status.json", root), { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (status) {
      if (!status || !status.errors) return;
      var bar = document.createElement("div");
      bar.id = "answer-center-preview-errors";
      bar.setAttribute("role", "alert");
      bar.style.cssText =
        "position:fixed;top:0;left:0;right:0;z-index:10000;padding:.6em 1em;" +
        "background:#b71c1c;color:#fff;font:600 .8rem/1.4 system-ui,sans-serif";
      bar.textContent = status.banner + " ";
      var link = document.createElement("a");
      link.href = new URL("_preview/", root).href;
      link.textContent = status.link;
      link.style.cssText = "color:#fff;text-decoration:underline";
      bar.appendChild(link);
      document.body.appendChild(bar);
    })
    .catch(function () { /* no status: the content is valid */ });
})();
