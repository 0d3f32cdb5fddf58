// Đảng Vụ: an id box as search-as-you-type. The member list's "Thuộc tổ chức" (data-org-search:
// organizations) and a committee seat's member (data-search: the seat's candidates). Type part of a
// name or code (diacritics optional), pick one; its id goes into the form's field. Without this script
// the field is a plain id box and the form works the same.
// No network access beyond the app's own endpoint, no library needed.
(function () {
  "use strict";
  var DELAY_MS = 250;

  function init(idInput) {
    var url = idInput.getAttribute("data-org-search") || idInput.getAttribute("data-search");
    var label = document.querySelector('label[for="' + idInput.id + '"]');
    var wrapper = document.createElement("div");
    wrapper.className = "position-relative org-search";
    var box = document.createElement("input");
    box.type = "text";
    box.id = idInput.id + "_search";
    box.className = idInput.className;
    box.autocomplete = "off";
    box.placeholder = idInput.getAttribute("data-placeholder") || "";
    box.value = idInput.value ? (idInput.getAttribute("data-label") || idInput.value) : "";
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("data-testid", idInput.getAttribute("data-search-testid") || "organization-search");
    var list = document.createElement("ul");
    list.id = idInput.id + "_options";
    list.className = "list-group position-absolute shadow-sm org-search-options";
    list.style.zIndex = "1050";
    list.style.minWidth = "100%";
    list.style.maxHeight = "20rem";
    list.style.overflowY = "auto";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    box.setAttribute("aria-controls", list.id);

    idInput.type = "hidden";
    idInput.parentNode.insertBefore(wrapper, idInput);
    wrapper.appendChild(box);
    wrapper.appendChild(list);
    wrapper.appendChild(idInput);
    if (label) label.htmlFor = box.id;
    var chosen = document.querySelector('[data-org-chosen-for="' + idInput.id + '"]');
    if (chosen) chosen.hidden = true;  // the box itself shows the chosen organization now

    var timer = null, seq = 0, options = [], active = -1;

    function close() {
      list.hidden = true;
      box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(i) {
      var o = options[i];
      if (!o) return;
      idInput.value = String(o.id);
      box.value = o.label;
      close();
    }

    function highlight(i) {
      var items = list.querySelectorAll("[role=option]");
      if (!items.length) return;
      active = (i + items.length) % items.length;
      items.forEach(function (el, j) {
        el.classList.toggle("active", j === active);
        el.setAttribute("aria-selected", j === active ? "true" : "false");
      });
      box.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function render(data) {
      options = data.results || [];
      list.textContent = "";
      if (!options.length) {
        var none = document.createElement("li");
        none.className = "list-group-item small text-muted";
        none.textContent = data.empty || "";
        list.appendChild(none);
      }
      options.forEach(function (o, i) {
        var li = document.createElement("li");
        li.id = list.id + "_" + i;
        li.className = "list-group-item list-group-item-action small";
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-org-id", String(o.id));
        var name = document.createElement("div");
        name.textContent = o.label;
        li.appendChild(name);
        if (o.context) {
          var ctx = document.createElement("div");
          ctx.className = "text-muted";
          ctx.textContent = o.context;
          li.appendChild(ctx);
        }
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      box.setAttribute("aria-expanded", "true");
      active = -1;
    }

    function search() {
      var q = box.value.trim();
      if (!q) { close(); return; }
      var mine = ++seq;
      fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { if (mine === seq) render(data); })
        .catch(function () { /* offline or logged out: the id box still works after a reload */ });
    }

    box.addEventListener("input", function () {
      idInput.value = "";  // the text no longer names the chosen organization
      clearTimeout(timer);
      timer = setTimeout(search, DELAY_MS);
    });
    box.addEventListener("keydown", function (e) {
      if (list.hidden) {
        if (e.key === "ArrowDown" && box.value.trim()) { search(); e.preventDefault(); }
        return;
      }
      if (e.key === "ArrowDown") { highlight(active + 1); e.preventDefault(); }
      else if (e.key === "ArrowUp") { highlight(active - 1); e.preventDefault(); }
      else if (e.key === "Enter") {
        if (active >= 0) { choose(active); e.preventDefault(); }
        else if (options.length === 1) { choose(0); e.preventDefault(); }
        else if (options.length) { highlight(0); e.preventDefault(); }  // not chosen yet: do not submit
        else close();
      } else if (e.key === "Escape") { close(); e.preventDefault(); }
    });
    box.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-org-search], input[data-search]").forEach(init);
  });
})();
