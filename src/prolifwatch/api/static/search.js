// Batch search: show refusals (413, 422) in place, and download the batch as CSV.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (event.detail.target && event.detail.target.id === "batch-results" && status >= 400 && status < 500) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("#batch-csv") : null;
    if (!button) { return; }
    // a JSON body passes the CSRF check; the server writes the CSV (its cells escaped)
    fetch("/api/v1/search/batch.csv", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": window.prolifwatch.csrfToken() },
      body: button.getAttribute("data-request")
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.blob();
    }).then(function (blob) {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "batch-search.csv";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    }).catch(function (error) { button.textContent = "CSV failed: " + error.message; });
  });
})();
