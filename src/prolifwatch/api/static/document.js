// The document reader: next / previous search hit (marks carry data-hit, numbered in reading order;
// a hit cut by a mention is several marks with one number).
(function () {
  "use strict";
  function firsts() {
    var seen = {}, out = [];
    document.querySelectorAll("mark.hit[data-hit]").forEach(function (mark) {
      var n = mark.getAttribute("data-hit");
      if (!seen[n]) { seen[n] = true; out.push(mark); }
    });
    return out;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var marks = firsts(), current = -1;
    var position = document.getElementById("hit-position");
    function go(step) {
      if (!marks.length) { return; }
      if (current >= 0) { marks[current].classList.remove("current"); }
      current = (current + step + marks.length) % marks.length;
      marks[current].classList.add("current");
      marks[current].scrollIntoView({ block: "center" });
      if (position) { position.textContent = (current + 1) + " of " + marks.length; }
    }
    var next = document.getElementById("next-hit"), prev = document.getElementById("prev-hit");
    if (next) { next.addEventListener("click", function () { go(1); }); }
    if (prev) { prev.addEventListener("click", function () { go(-1); }); }
    document.addEventListener("keydown", function (event) {
      if (event.target.closest && event.target.closest("input, textarea, select")) { return; }
      if (event.key === "n") { go(1); } else if (event.key === "p") { go(-1); }
    });
    // opened from a search without a paragraph to go to: show the first hit
    if (marks.length && !window.location.hash) { go(1); }
  });
})();
