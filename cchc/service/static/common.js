// Behaviour every page shares, without inline script (the pages' CSP forbids it):
// a <select data-autosubmit> submits its form on change; a [data-back] link goes back;
// a <form data-confirm="question"> is sent only if the user says yes.
"use strict";
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.hasAttribute("data-confirm")
      && !window.confirm(form.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit") && el.form) {
    el.form.submit();
  }
});
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("[data-back]");
  if (link && history.length > 1) {
    event.preventDefault();
    history.back();
  }
});
