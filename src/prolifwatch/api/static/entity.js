// Entity, case, ledger and decision pages: the small graph, and what the analyst's
// actions say back (htmx posts them; a success reloads the page through HX-Redirect or
// HX-Refresh, a refusal is shown here).
(function () {
  "use strict";

  function status(text, failed) {
    var box = document.getElementById("action-status");
    if (!box) { return; }
    box.textContent = text;
    box.classList.toggle("failed", Boolean(failed));
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.target.closest && event.target.closest("form")) { status("Saving …", false); }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr, message = "refused (HTTP " + xhr.status + ")";
    try {
      var body = JSON.parse(xhr.responseText);
      message = body.message + (body.hint ? " — " + body.hint : "");
      if (body.did_you_mean && body.did_you_mean.length) {
        message += " Did you mean: " + body.did_you_mean.map(function (s) { return s.name || s.id; }).join(", ") + "?";
      }
    } catch (ignored) { /* not JSON: the status line says enough */ }
    status(message, true);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("entity-graph");
    if (!container || !window.prolifwatchGraph || !window.cytoscape) { return; }
    window.prolifwatchGraph.fetchGraph(container.getAttribute("data-graph-url")).then(function (graph) {
      var cy = window.prolifwatchGraph.create(container, graph);
      window.prolifwatchGraph.openOnDoubleTap(cy);
      container.setAttribute("data-nodes", String(graph.nodes.length));
    }).catch(function (error) {
      container.textContent = "The graph could not be drawn: " + error.message;
    });
  });
})();
