// The scoring page: a verified score that differs from the self-score is highlighted as
// it is typed, and its empty reason marked, before the server (which decides) refuses it.
(function () {
  "use strict";
  var form = document.getElementById("score-form");
  if (!form) { return; }

  function points(input) {
    var text = input ? input.value.trim().replace(",", ".") : "";
    return text === "" ? null : Number(text);
  }

  form.addEventListener("input", function (e) {
    var row = e.target.closest("tr[data-line]");
    if (!row) { return; }
    var id = row.getAttribute("data-line");
    var own = points(form.elements["self." + id]);
    var team = points(form.elements["verified." + id]);
    var differs = own !== null && team !== null && own !== team;
    var reason = form.elements["reason." + id];
    row.classList.toggle("differs", differs);
    if (reason) {
      reason.setAttribute("aria-invalid", differs && !reason.value.trim() ? "true" : "false");
    }
  });
})();
