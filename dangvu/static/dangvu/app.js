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
  // The calendar of a form's date field opens in the form's flow (static, app.css), so that it pushes
  // the submit button down instead of covering it. flatpickr closes its calendar on mousedown, which
  // would move the button away between the press and the release and lose the click: such a calendar
  // is closed on the click instead (or when the focus moves elsewhere without a pointer). The compact
  // date boxes of filter bars (form-control-sm) keep the floating calendar, which covers no button.
  var pressing = false;
  document.addEventListener("pointerdown", function () { pressing = true; }, true);
  document.addEventListener("pointerup", function () { pressing = false; }, true);
  function closeOutside(picker, el) {
    function outside(target) { return target !== el && !picker.calendarContainer.contains(target); }
    document.addEventListener("click", function (e) { if (picker.isOpen && outside(e.target)) picker.close(); });
    document.addEventListener("focusin", function (e) { if (!pressing && picker.isOpen && outside(e.target)) picker.close(); });
  }
  function initPickers(root) {
    if (!window.flatpickr) return;
    root.querySelectorAll("input.datepicker:not(.flatpickr-input)").forEach(function (el) {
      var typed = el.value;
      var inFlow = !el.classList.contains("form-control-sm");
      var options = { dateFormat: "d/m/Y", allowInput: true, locale: "vn",
                      parseDate: function (text) { return strictDate(text); } };
      if (inFlow) { options.static = true; options.position = "below"; options.ignoredFocusElements = [document.body]; }
      var picker = window.flatpickr(el, options);
      if (inFlow) closeOutside(picker, el);
      var setDate = picker.setDate;
      picker.setDate = function (date, triggerChange, format) {
        setDate.call(picker, date, triggerChange, format);
        if (typeof date === "string" && date.trim() && picker.selectedDates.length === 0) el.value = date;
      };
      if (typed && !el.value) el.value = typed;  // a refused text sent back by the server stays shown
    });
  }
  // A table wider than its box scrolls inside it (never the whole page sideways), with a visible hint.
  var HINT = document.documentElement.lang === "en" ? "Swipe sideways to see more →" : "Vuốt ngang để xem thêm →";
  function wrapTables(root) {
    root.querySelectorAll("main table.table").forEach(function (table) {
      var box = table.parentElement;
      if (!box.classList.contains("table-responsive")) {
        box = document.createElement("div");
        box.className = "table-responsive";
        table.parentNode.insertBefore(box, table);
        box.appendChild(table);
      }
      if (!box.nextElementSibling || !box.nextElementSibling.classList.contains("table-scroll-hint")) {
        var hint = document.createElement("div");
        hint.className = "table-scroll-hint";
        hint.textContent = HINT;
        box.parentNode.insertBefore(hint, box.nextSibling);
      }
    });
    markScrollable();
  }
  function markScrollable() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      box.classList.toggle("is-scrollable", box.scrollWidth > box.clientWidth + 1);
    });
  }
  window.addEventListener("resize", markScrollable);
  // A print button (data-print), instead of an inline onclick the Content-Security-Policy refuses.
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-print]")) window.print();
  });
  // The Vietnamese file input (templates/dangvu/file_input.html): show the chosen file's name.
  document.addEventListener("change", function (e) {
    var input = e.target;
    if (!input.matches || !input.matches(".dv-file input[type=file]")) return;
    var name = input.closest(".dv-file").querySelector(".dv-file-name");
    var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
    name.textContent = names.length ? names.join(", ") : name.getAttribute("data-empty");
    name.classList.toggle("text-muted", !names.length);
  });
  document.addEventListener("DOMContentLoaded", function () { initPickers(document); wrapTables(document); });
  document.addEventListener("htmx:afterSwap", function () { wrapTables(document); });
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
