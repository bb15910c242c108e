// The review page: show the original's page a value came from, move through the
// statistics grid with the arrow keys, mark what was changed, Ctrl+Enter accepts (never
// when the unit already has a report: then a person chooses replace or annex).
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  var pages = document.getElementById("pages");
  if (!form) { return; }

  var again = null;  // the last page or mark asked for, until the reader scrolls the box
  function showPage(n) {
    if (!pages || !n) { return; }
    var target = document.getElementById("page-" + n);
    if (target) {
      again = function () { pages.scrollTop = target.offsetTop - pages.offsetTop; };
      again();
    }
  }
  if (pages) {
    // The page images load lazily and only then take their height, so the page (or the
    // mark) asked for moves as the ones above it arrive: show it again after each image.
    pages.addEventListener("load", function () { if (again) { again(); } }, true);
    ["wheel", "keydown", "pointerdown", "touchstart"].forEach(function (type) {
      pages.addEventListener(type, function () { again = null; }, { passive: true });
    });
  }

  var note = document.getElementById("evidence-note");

  // The value's evidence: its box marked on the page image, and where and how it was read.
  function mark(el) {
    var marks = document.querySelectorAll(".evidence-mark");
    Array.prototype.forEach.call(marks, function (m) { m.hidden = true; });
    if (note) {
      note.textContent = el.getAttribute("data-source") ||
        "Không rõ vị trí của giá trị này trong bản gốc.";
    }
    var box = (el.getAttribute("data-box") || "").split(",").map(Number);
    var figure = document.getElementById("page-" + el.getAttribute("data-page"));
    if (box.length !== 4 || !figure) { return; }
    var m = figure.querySelector(".evidence-mark");
    var img = figure.querySelector("img");
    // the page number heads the figure: the box is measured from the image's own corner
    var w = img.clientWidth, h = img.clientHeight, pad = 3;
    m.style.left = (img.offsetLeft + box[0] * w - pad) + "px";
    m.style.top = (img.offsetTop + box[1] * h - pad) + "px";
    m.style.width = Math.max((box[2] - box[0]) * w, 8) + 2 * pad + "px";
    m.style.height = Math.max((box[3] - box[1]) * h, 8) + 2 * pad + "px";
    m.hidden = false;
    if (pages) {
      var y = figure.offsetTop - pages.offsetTop + img.offsetTop + box[1] * h;
      pages.scrollTop = Math.max(y - pages.clientHeight / 3, 0);
      again = function () { mark(el); };
    }
  }

  form.addEventListener("focusin", function (e) {
    var el = e.target.closest("[data-page]");
    if (el) { showPage(el.getAttribute("data-page")); }
    if (e.target.classList.contains("val")) { mark(e.target); }
  });

  // "#truong=<JSON path>" (a drafted sentence's evidence on the conclusion page links
  // here): the field, or the first one under that path, is focused and its box marked.
  var asked = decodeURIComponent((location.hash.match(/^#truong=(.+)$/) || [])[1] || "");
  if (asked) {
    var vals = form.querySelectorAll(".val");
    var hit = Array.prototype.filter.call(vals, function (el) {
      var n = el.getAttribute("name") || "";
      return n === asked || n.indexOf(asked + ".") === 0 || n.indexOf(asked + "[") === 0;
    })[0];
    if (hit) { hit.focus(); }
  }

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
