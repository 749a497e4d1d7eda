// Draws the dashboard's charts with Apache ECharts from the numbers the page carries in a JSON
// script element (the same numbers its tables show). Without JavaScript the tables stand alone.
(function () {
  const colours = { done: "#1f6f43", green: "#2e9d5b", yellow: "#e0a800", red: "#d63939", grey: "#adb5bd" };
  const font = "Noto Sans CJK SC, Microsoft YaHei, sans-serif";
  const source = document.getElementById("dashboard-charts");
  if (!source || !window.echarts) { return; }
  const data = JSON.parse(source.textContent);
  const charts = [];

  function draw(element, option) {
    element.hidden = false;
    const chart = echarts.init(element, null, { renderer: "svg" });
    chart.setOption(Object.assign({ textStyle: { fontFamily: font }, animation: false }, option));
    charts.push(chart);
  }

  const builders = {
    status: (rows) => ({
      tooltip: { trigger: "item", formatter: "{b}：{c} 项（{d}%）" },
      series: [{
        type: "pie", radius: ["45%", "75%"], avoidLabelOverlap: true,
        label: { formatter: "{b}\n{c} 项" },
        data: rows.filter((r) => r.value > 0).map((r) => ({ name: r.name, value: r.value, itemStyle: { color: colours[r.light] } })),
      }],
    }),
    targets: (rows) => ({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v) => `${v}%` },
      legend: { data: ["完成进度", "序时进度"], top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", inverse: true, data: rows.map((r) => r.name),
        axisLabel: { width: 150, overflow: "truncate" } },
      series: [
        // the bars take their status light's colour; the legend's swatch is neutral, not one of them
        { name: "完成进度", type: "bar", barMaxWidth: 14, itemStyle: { color: "#6c757d" },
          data: rows.map((r) => ({ value: r.progress, itemStyle: { color: colours[r.light] } })) },
        { name: "序时进度", type: "scatter", symbol: "rect", symbolSize: [3, 16], itemStyle: { color: "#343a40" },
          data: rows.map((r) => r.expected) },
      ],
    }),
    history: (series) => ({
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 8, right: 56, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: series.periods },
      // room for the goal line even when every figure is far below it
      yAxis: { type: "value", name: series.unit,
        max: (extent) => Math.max(extent.max, ...series.lines.filter((l) => l.goal !== undefined).map((l) => l.goal * 1.05)) },
      series: series.lines.map((line) => ({
        name: line.name, type: "line", connectNulls: false, data: line.values,
        lineStyle: { width: line.total ? 3 : 1.5 },
        markLine: line.goal === undefined ? undefined : { symbol: "none", label: { formatter: "目标 {c}" },
          lineStyle: { type: "dashed", color: "#6c757d" }, data: [{ yAxis: line.goal }] },
      })),
    }),
  };

  document.querySelectorAll("[data-chart]").forEach((element) => {
    const key = element.dataset.chart;
    const kind = element.dataset.chartKind || key;
    const rows = data[key];
    if (!rows || !builders[kind] || (Array.isArray(rows) && rows.length === 0)) { return; }
    draw(element, builders[kind](rows));
  });

  window.addEventListener("resize", () => charts.forEach((chart) => chart.resize()));
  window.addEventListener("beforeprint", () => charts.forEach((chart) => chart.resize()));
})();
