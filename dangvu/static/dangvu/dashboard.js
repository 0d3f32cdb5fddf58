// Đảng Vụ: the dashboard's charts (Chart.js, served locally). Data from the page's json_script
// "dashboard-data"; numbers printed the Vietnamese way ("1.234", "23,33%"); a click on a bar or a
// slice opens the list behind it (the drill-down URL the server gave for it).
(function () {
  // The to-do count is the slowest number of the page: it is fetched after the page has loaded.
  var todo = document.querySelector("[data-todo-count-url]");
  if (todo && window.fetch) {
    fetch(todo.dataset.todoCountUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (d) { todo.textContent = d.display; todo.href = d.url; todo.removeAttribute("aria-busy"); })
      .catch(function () { todo.textContent = "?"; todo.title = "Không tải được số việc cần làm"; todo.removeAttribute("aria-busy"); });
  }
})();
(function () {
  var el = document.getElementById("dashboard-data");
  if (!el || !window.Chart) return;
  var data = JSON.parse(el.textContent);
  var nf = new Intl.NumberFormat("vi-VN");
  var pf = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var RED = "#b3261e", COLORS = ["#b3261e", "#e0a800", "#2f6f9f", "#3f8f5a", "#8a5a9e", "#c76b29", "#6c757d"];
  Chart.defaults.locale = "vi-VN";
  Chart.defaults.animation = false;

  function tooltip(total) {
    return {
      callbacks: {
        label: function (ctx) {
          var v = ctx.parsed && typeof ctx.parsed === "object" ? (ctx.parsed.x !== undefined && ctx.chart.options.indexAxis === "y" ? ctx.parsed.x : ctx.parsed.y) : ctx.parsed;
          var text = " " + nf.format(v);
          if (total) text += " (" + pf.format(v * 100 / total) + "%)";
          return text;
        }
      }
    };
  }

  function draw(key, rows, opts) {
    var canvas = document.querySelector('canvas[data-chart="' + key + '"]');
    if (!canvas || !rows) return null;
    var labels = rows.map(function (r) { return String(opts.label ? opts.label(r) : r.label); });
    var values = rows.map(function (r) { return r.value; });
    var pie = opts.type === "doughnut";
    var config = {
      type: opts.type || "bar",
      data: { labels: labels, datasets: [{ data: values,
                                            backgroundColor: rows[0] && rows[0].color ? rows.map(function (r) { return r.color; }) : (pie ? COLORS : RED),
                                            borderColor: opts.type === "line" ? RED : undefined, pointRadius: 2, fill: false }] },
      options: {
        responsive: true, maintainAspectRatio: false, indexAxis: opts.horizontal ? "y" : "x",
        plugins: { legend: { display: pie, position: "bottom" }, tooltip: opts.noTooltip ? { enabled: false } : tooltip(opts.total) },
        onClick: function (evt, elements) {
          if (!elements.length) return;
          var url = rows[elements[0].index].url;
          if (url) window.location.href = url;
        },
        onHover: function (evt, elements) {
          evt.native.target.style.cursor = elements.length && rows[elements[0].index].url ? "pointer" : "default";
        }
      }
    };
    if (!pie) {
      var axis = { beginAtZero: true, ticks: { precision: 0, callback: function (v) { return nf.format(v); } } };
      config.options.scales = opts.horizontal ? { x: axis } : { y: axis };
      if (opts.spark) {
        config.options.scales = { x: { display: false }, y: { display: false, beginAtZero: false } };
      }
    }
    canvas.dataset.rendered = "1";
    return new Chart(canvas, config);
  }

  var total = (data.key_figures[0] || {}).value || 0;
  data.key_figures.forEach(function (f, i) {
    draw("spark-" + i, f.trend, { type: "line", spark: true, label: function (r) { return r.year; } });
  });
  draw("admissions", data.admissions, { label: function (r) { return r.year; } });
  draw("age", data.age, { total: total });
  draw("sex", data.sex, { type: "doughnut", total: total });
  draw("ethnicity", data.ethnicity, { type: "doughnut", total: total });
  draw("by_organization", data.by_organization, { horizontal: true, total: total });
  (data.panels || []).forEach(function (panel) {
    if (panel.code === "targets" && panel.total) {
      draw("targets", panel.statuses, { type: "doughnut", total: panel.total });
    }
  });
})();
