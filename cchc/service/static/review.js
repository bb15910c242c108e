// The review page: show the original's page a value came from, move through the
// statistics grid with the arrow keys, mark what was changed, Ctrl+Enter accepts (never
// when the unit already has a report: then a person chooses replace or annex).
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  var pages = document.getElementById("pages");
  if (!form) { return; }

  function showPage(n) {
    if (!pages || !n) { return; }
    var target = document.getElementById("page-" + n);
    if (target) { pages.scrollTop = target.offsetTop - pages.offsetTop; }
  }

  form.addEventListener("focusin", function (e) {
    var el = e.target.closest("[data-page]");
    if (el) { showPage(el.getAttribute("data-page")); }
  });

  form.addEventListener("input", function (e) {
    if (e.target.classList.contains("val")) {
      e.target.classList.toggle("changed", e.target.value !== e.target.defaultValue);
    }
  });

  function move(input, rows) {
    var cell = input.closest("td");
    var row = cell && cell.parentElement;
    if (!row || !row.hasAttribute("data-row")) { return false; }
    var col = Array.prototype.indexOf.call(row.children, cell);
    var next = row;
    do {
      next = rows > 0 ? next.nextElementSibling : next.previousElementSibling;
    } while (next && !next.hasAttribute("data-row"));
    var target = next && next.children[col] && next.children[col].querySelector("input");
    if (target) { target.focus(); target.select(); return true; }
    return false;
  }

  form.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      var accept = document.getElementById("accept-next");
      if (accept) { e.preventDefault(); accept.click(); }
      return;
    }
    if (!e.target.classList.contains("val")) { return; }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (move(e.target, e.key === "ArrowDown" ? 1 : -1)) { e.preventDefault(); }
    }
  });

  var first = form.querySelector("input.val.doubt, input.val.warn");
  if (first && !first.readOnly) { first.focus({ preventScroll: false }); }
}());
