// Đảng Vụ: date pickers (dd/mm/yyyy, Vietnamese) and tree toggles. No network access needed.
(function () {
  // A typed date is never changed silently: "31/06/2020" is not a day (JavaScript's Date would roll
  // it over to 01/07/2020) and "abc" is not a date (flatpickr would empty the field). Such text is
  // left as typed; the server refuses it with a message naming the field (core.dates.parse_date).
  function strictDate(text) {
    var m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text) || null;
    var iso = m ? null : /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
    var d, mo, y;
    if (m) { d = +m[1]; mo = +m[2]; y = +m[3]; } else if (iso) { y = +iso[1]; mo = +iso[2]; d = +iso[3]; } else { return undefined; }
    var date = new Date(y, mo - 1, d);
    return date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d ? date : undefined;
  }
  function initPickers(root) {
    if (!window.flatpickr) return;
    root.querySelectorAll("input.datepicker:not(.flatpickr-input)").forEach(function (el) {
      var typed = el.value;
      var picker = window.flatpickr(el, { dateFormat: "d/m/Y", allowInput: true, locale: "vn",
                                          parseDate: function (text) { return strictDate(text); } });
      var setDate = picker.setDate;
      picker.setDate = function (date, triggerChange, format) {
        setDate.call(picker, date, triggerChange, format);
        if (typeof date === "string" && date.trim() && picker.selectedDates.length === 0) el.value = date;
      };
      if (typed && !el.value) el.value = typed;  // a refused text sent back by the server stays shown
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
