// Đảng Vụ: date pickers (dd/mm/yyyy, Vietnamese) and tree toggles. No network access needed.
(function () {
  function initPickers(root) {
    if (!window.flatpickr) return;
    root.querySelectorAll("input.datepicker:not(.flatpickr-input)").forEach(function (el) {
      window.flatpickr(el, { dateFormat: "d/m/Y", allowInput: true, locale: "vn" });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { initPickers(document); });
  document.addEventListener("htmx:afterSwap", function (e) { initPickers(e.target); });
  document.addEventListener("click", function (e) {
    var btn = e.target.closest(".tree-toggle[data-loaded]");
    if (!btn) return;
    var target = document.getElementById(btn.getAttribute("aria-controls"));
    var open = btn.getAttribute("aria-expanded") === "true";
    btn.setAttribute("aria-expanded", open ? "false" : "true");
    if (target) target.hidden = open;
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var btn = e.detail.elt;
    if (btn && btn.classList && btn.classList.contains("tree-toggle")) {
      btn.setAttribute("data-loaded", "1");
      btn.setAttribute("aria-expanded", "true");
      btn.removeAttribute("hx-get");
    }
  });
})();
