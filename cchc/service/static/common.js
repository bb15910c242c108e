// Behaviour every page shares, without inline script (the pages' CSP forbids it):
// a <select data-autosubmit> submits its form on change; a [data-back] link goes back;
// a <form data-confirm="question"> is sent only if the user says yes; a message's
// [data-dismiss] button closes it.
"use strict";
// A message after an action stays at the top of the window (style.css, .flashes); its
// height goes to the page's sticky parts and to scrolling, so nothing hides under it.
function flashRoom() {
  const box = document.getElementById("flashes");
  document.documentElement.style.setProperty("--flash-height",
                                             (box ? box.offsetHeight : 0) + "px");
}
flashRoom();
window.addEventListener("resize", flashRoom);
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
  const close = event.target instanceof Element && event.target.closest("[data-dismiss]");
  if (close) {
    const box = close.closest(".flashes");
    close.closest(".flash").remove();
    if (box && !box.querySelector(".flash")) { box.remove(); }
    flashRoom();
    return;
  }
  const link = event.target instanceof Element && event.target.closest("[data-back]");
  if (link && history.length > 1) {
    event.preventDefault();
    history.back();
  }
});
