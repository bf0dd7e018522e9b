// Small enhancements only: every page works without this file.
// 1. The status line of a running import or invite refreshes itself until the outcome shows.
// 2. Escape closes an open dialog by following its close link.
(function () {
  "use strict";

  function refreshStatus() {
    var line = document.getElementById("status-line");
    if (!line) return;
    var url = line.getAttribute("data-status-url");
    if (!url) return;
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#status-line");
        if (fresh) {
          // Update the live region in place: screen readers announce changes to a region, not a new one.
          var next = fresh.getAttribute("data-status-url");
          line.className = fresh.className;
          if (next) line.setAttribute("data-status-url", next);
          else line.removeAttribute("data-status-url");
          line.innerHTML = fresh.innerHTML;
          if (next) window.setTimeout(refreshStatus, 700);
        }
      })
      .catch(function () { window.setTimeout(refreshStatus, 2000); });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var close = document.querySelector("dialog[open] .dialog-close");
    if (close) {
      event.preventDefault();
      window.location.assign(close.getAttribute("href"));
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (document.getElementById("status-line")) window.setTimeout(refreshStatus, 500);
  });
})();
