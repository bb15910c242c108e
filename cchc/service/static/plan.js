// The schedule table: add a row (a copy of the last, emptied) or remove one.
(function () {
  "use strict";
  var table = document.getElementById("schedule");
  var add = document.getElementById("add-row");
  if (!table || !add) { return; }
  var body = table.tBodies[0];

  function renumber() {
    Array.prototype.forEach.call(body.rows, function (row, i) {
      row.querySelectorAll("[name]").forEach(function (el) {
        el.name = el.name.replace(/_\d+$/, "_" + i);
        var label = el.getAttribute("aria-label");
        if (label) { el.setAttribute("aria-label", label.replace(/\d+$/, String(i + 1))); }
      });
      var btn = row.querySelector(".remove-row");
      if (btn) { btn.setAttribute("aria-label", "Xoá dòng " + (i + 1)); }
    });
  }

  add.addEventListener("click", function () {
    var last = body.rows[body.rows.length - 1];
    var row = last.cloneNode(true);
    row.querySelectorAll("input").forEach(function (el) { el.value = ""; });
    body.appendChild(row);
    renumber();
    row.querySelector("select").value = last.querySelector("select").value;
    row.querySelector("input[name^=group_]").value = last.querySelector("input[name^=group_]").value;
    row.querySelector("input[name^=name_]").focus();
  });

  body.addEventListener("click", function (e) {
    var btn = e.target.closest(".remove-row");
    if (!btn) { return; }
    var row = btn.closest("tr");
    if (body.rows.length > 1) {
      var next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber();
      next.querySelector("input[name^=name_]").focus();
    } else {
      row.querySelectorAll("input").forEach(function (el) { el.value = ""; });
    }
  });
}());
