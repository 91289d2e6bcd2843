// Report page: click a cell (or a finding) to see where its value came from.
(function () {
  "use strict";
  var cells = JSON.parse(document.getElementById("cell-sources").textContent);
  var panel = document.getElementById("cell-panel");
  var keyInput = document.getElementById("id_key");
  var valueInput = document.getElementById("id_value");

  function text(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = value === null || value === undefined || value === "" ? "—" : value; }
  }

  function show(key) {
    var c = cells[key] || { label: key, value: null };
    document.querySelectorAll("td.gk-selected").forEach(function (td) { td.classList.remove("gk-selected"); });
    var td = document.querySelector('td[data-key="' + key + '"]');
    if (td) { td.classList.add("gk-selected"); }
    panel.hidden = false;
    text("cell-key", key);
    text("cell-label", c.label);
    text("cell-value", c.value);
    text("cell-raw", c.raw);
    text("cell-where", c.where);
    text("cell-context", c.context);
    text("cell-how", c.how);
    text("cell-problems", (c.problems || []).join("\n"));
    if (keyInput) { keyInput.value = key; }
    if (valueInput && c.value !== null) { valueInput.value = c.value; }
  }

  document.querySelectorAll("td[data-key]").forEach(function (td) {
    td.tabIndex = 0;
    td.addEventListener("click", function () { show(td.dataset.key); });
    td.addEventListener("keydown", function (e) { if (e.key === "Enter") { show(td.dataset.key); } });
  });
  document.querySelectorAll("[data-cells]").forEach(function (li) {
    li.addEventListener("click", function () {
      var keys = li.dataset.cells.split(" ").filter(Boolean);
      document.querySelectorAll("td.gk-focus").forEach(function (td) { td.classList.remove("gk-focus"); });
      keys.forEach(function (k) {
        var td = document.querySelector('td[data-key="' + k + '"]');
        if (td) { td.classList.add("gk-focus"); }
      });
      if (keys.length) {
        show(keys[0]);
        var first = document.querySelector('td[data-key="' + keys[0] + '"]');
        if (first) { first.scrollIntoView({ block: "center", behavior: "smooth" }); }
      }
    });
  });
})();
