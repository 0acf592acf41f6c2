// ProlifWatch's own script: no inline script anywhere (the Content-Security-Policy forbids it).
// Every htmx and fetch POST from our pages carries the page's CSRF token.
(function () {
  "use strict";
  function token() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  window.prolifwatch = { csrfToken: token };
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = token();
  });
})();
// Bars drawn from data-width (0-100): inline style attributes are not allowed by the policy.
function prolifwatchBars(root) {
  root.querySelectorAll(".bar[data-width]").forEach(function (bar) {
    bar.style.width = (2 * Number(bar.getAttribute("data-width") || 0)) + "px";
  });
}
document.addEventListener("DOMContentLoaded", function () { prolifwatchBars(document); });
document.addEventListener("htmx:afterSwap", function (event) { prolifwatchBars(event.target); });
