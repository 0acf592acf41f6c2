// Screening, ingest and lists pages: show a refusal (422, 413, 503 ...) where the result would go.
// htmx leaves error responses unswapped; these forms want the reason on screen, not in the console.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (!xhr || xhr.status < 400 || !source || !source.closest("form.task, .job")) {
      return;
    }
    event.detail.shouldSwap = true;
    event.detail.isError = false;
    var text = xhr.responseText || "";
    if (/<html[\s>]/i.test(text)) {  // the error page: keep its message box only
      var found = new DOMParser().parseFromString(text, "text/html").querySelector(".error");
      text = found ? found.outerHTML : "<p class=\"error\">The server refused the request (" + xhr.status + ").</p>";
      event.detail.serverResponse = text;
    } else {  // a JSON refusal: its message as text, never as markup (it may quote what was typed)
      var message = "";
      try {
        var body = JSON.parse(text);
        message = (body.message || "") + (body.hint ? " (" + body.hint + ")" : "");
      } catch (ignored) {
        message = text;
      }
      var box = document.createElement("p");
      box.className = "error";
      box.textContent = message || "The server refused the request (" + xhr.status + ").";
      event.detail.serverResponse = box.outerHTML;
    }
  });
})();
