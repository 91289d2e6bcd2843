// Draws every <div class="chart" data-option="ID"> with the ECharts option in <script id="ID">.
(function () {
  "use strict";
  function draw() {
    if (typeof echarts === "undefined") {
      document.querySelectorAll(".chart").forEach(function (el) {
        el.textContent = "图表库未安装：请运行 scripts/build-frontend";
        el.classList.add("chart-missing");
      });
      return;
    }
    var charts = [];
    document.querySelectorAll(".chart[data-option]").forEach(function (el) {
      var option = JSON.parse(document.getElementById(el.dataset.option).textContent);
      var chart = echarts.init(el, null, { renderer: "canvas", locale: "ZH" });
      chart.setOption(option);
      if (el.dataset.link) {
        var links = JSON.parse(document.getElementById(el.dataset.link).textContent);
        chart.on("click", function (p) {
          var url = links[p.name];
          if (url) { window.location.href = url; }
        });
      }
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
