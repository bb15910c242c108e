// The units' report form (issue 25): saves as the unit types (with the version it was
// opened at: another tab's save is refused, never overwritten), shows the server's
// checks (the extractor's own validator) beside each field, computes rates and the
// total row for display. No inline script: the page's CSP forbids it.
"use strict";
(() => {
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-print]")) {
      window.print();
    }
  });
  const form = document.getElementById("unit-form");
  if (!form) {
    return;
  }
  const status = document.getElementById("save-status");
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const locked = form.hasAttribute("data-locked");
  const DELAY = 800;
  let timer = null;
  let inFlight = null;
  let dirty = false;
  let stale = false;

  const say = (text, kind) => {
    status.textContent = text;
    status.className = "save-status " + (kind || "");
  };
  const number = (text) => {
    // Vietnamese writing: 1.234 thousands, 85,5 decimals
    const t = String(text || "").trim().replace(/%$/, "").trim();
    if (!t) {
      return null;
    }
    let s = t;
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) {
      s = s.replace(/\./g, "").replace(",", ".");
    } else {
      s = s.replace(",", ".");
    }
    const v = Number(s);
    return Number.isFinite(v) ? v : NaN;
  };
  const shown = (v) => (v === null || v === undefined ? "" :
    String(Math.round(v * 100) / 100).replace(".", ","));

  const fields = () => {
    const out = {};
    for (const el of form.querySelectorAll("input[name], textarea[name]")) {
      if (el.value !== "" && !(el.type === "hidden" && el.value === "data")) {
        out[el.name] = el.value;
      }
    }
    return out;
  };

  const rates = () => {
    for (const row of form.querySelectorAll("tr[data-indicator]")) {
      const id = row.getAttribute("data-indicator");
      const num = number(row.querySelector(`[name="indicators.${id}.numerator"]`).value);
      const den = number(row.querySelector(`[name="indicators.${id}.denominator"]`).value);
      const out = row.querySelector("output");
      out.textContent = num !== null && den && !Number.isNaN(num) && !Number.isNaN(den)
        ? shown(num / den * 100) + "%" : "";
    }
  };
  const totals = () => {
    for (const out of form.querySelectorAll("output[data-total]")) {
      const key = out.getAttribute("data-total");
      let sum = 0;
      for (const el of form.querySelectorAll(`input[name$="].${key}"]`)) {
        const v = number(el.value);
        if (v !== null && !Number.isNaN(v)) {
          sum += v;
        }
      }
      out.textContent = shown(sum);
    }
  };

  const clearChecks = () => {
    for (const el of form.querySelectorAll(".warn, .bad, .doubt")) {
      el.classList.remove("warn", "bad", "doubt");
      el.removeAttribute("title");
    }
    for (const el of document.querySelectorAll("[data-check]")) {
      el.textContent = "";
    }
    for (const id of ["checks-all", "stats-checks"]) {
      document.getElementById(id).textContent = "";
    }
  };
  const place = (field, message, kind) => {
    const slot = field && document.querySelector(`[data-check="${CSS.escape(field)}"]`);
    const input = field && form.querySelector(`[name="${CSS.escape(field)}"]`);
    if (input && kind !== "hint") {
      input.classList.add(kind);
      input.title = message;
    }
    if (slot) {
      const p = document.createElement("span");
      p.textContent = message;
      p.className = kind;
      slot.appendChild(p);
      return;
    }
    const list = document.getElementById(field && /^(stats|total)/.test(field)
      ? "stats-checks" : "checks-all");
    const li = document.createElement("li");
    li.textContent = message;
    li.className = kind;
    list.appendChild(li);
  };
  const showChecks = (checks) => {
    clearChecks();
    for (const w of checks.warnings || []) {
      // a section or indicator not written yet is a reminder, not a contradiction
      place(w.field, w.message, /^outline\./.test(w.code) ? "hint"
        : /^(extract\.uncertain|ocr\.low_confidence)$/.test(w.code) ? "doubt" : "warn");
    }
    const none = document.getElementById("checks-none");
    none.hidden = document.getElementById("checks-all").children.length > 0;
    for (const [key, value] of Object.entries(checks.total || {})) {
      const out = form.querySelector(`output[data-total="${key}"]`);
      if (out) {
        out.textContent = shown(value);
      }
    }
  };

  const save = async (keepalive) => {
    if (locked || stale) {
      return;
    }
    dirty = false;
    const body = JSON.stringify({version: Number(form.dataset.version), fields: fields()});
    say("Đang lưu…", "busy");
    let r;
    try {
      r = await fetch(form.dataset.url, {method: "PUT", body, keepalive: !!keepalive,
        headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf,
                  "If-Match": form.dataset.version}});
    } catch (err) {
      dirty = true;
      say("Chưa lưu được: mất kết nối tới máy chủ. Sẽ thử lại khi bạn nhập tiếp.", "error");
      return;
    }
    const data = await r.json().catch(() => ({}));
    if (r.ok) {
      form.dataset.version = String(data.version);
      say(`Đã lưu lúc ${new Date().toLocaleTimeString("vi-VN")}.`, "ok");
      showChecks(data);
      return;
    }
    const error = data.error || {message: "lỗi không rõ"};
    if (r.status === 412 || r.status === 409) {
      stale = true;
      say(`Không lưu: ${error.message}.`, "error");
      return;
    }
    dirty = true;
    say(`Chưa lưu: ${error.message}.`, "error");
    const name = (error.field || "").replace(/^\$\.fields\./, "");
    if (name) {
      place(name, error.message, "bad");
    }
  };
  const later = () => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(() => {
      inFlight = (inFlight || Promise.resolve()).then(() => save(false));
    }, DELAY);
  };

  form.addEventListener("input", () => {
    rates();
    totals();
    if (!locked) {
      later();
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("pagehide", () => {
    if (dirty && !stale) {
      clearTimeout(timer);
      save(true);
    }
  });

  const body = document.getElementById("uf-rows");
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element && event.target.closest("[data-add-row]");
    if (!button) {
      return;
    }
    const kind = button.getAttribute("data-add-row");
    const i = body.querySelectorAll("tr[data-grid-row]").length;
    const tpl = document.getElementById(kind === "group" ? "tpl-group" : "tpl-data");
    const html = tpl.innerHTML.replace(/__I__/g, String(i)).replace(/__N__/g, String(i + 1));
    body.insertAdjacentHTML("beforeend", html);
    body.lastElementChild.querySelector("input:not([type=hidden])").focus();
    later();
  });

  rates();
})();
