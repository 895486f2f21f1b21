// Draws the dashboard's charts from the JSON the page embeds (no outside requests).
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("chart-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var funnelBox = document.getElementById("funnel-chart");
  if (funnelBox && data.scenarios.length) {
    // Left: the funnel of the period's totals; right: each scenario's four counts as
    // horizontal bars, so the scenario names read in full.
    var total = function (values) { return values.reduce(function (a, b) { return a + b; }, 0); };
    var colours = ["#5470c6", "#91cc75", "#fac858", "#ee6666"];  // one per stage, funnel and bars alike
    var stages = [
      { name: "发出", value: total(data.funnel.raised), itemStyle: { color: colours[0] } },
      { name: "已反馈", value: total(data.funnel.answered), itemStyle: { color: colours[1] } },
      { name: "有帮助", value: total(data.funnel.helpful), itemStyle: { color: colours[2] } },
      { name: "执行到位案件", value: total(data.funnel.recovered), itemStyle: { color: colours[3] } }
    ];
    var wide = funnelBox.clientWidth >= 640;
    var rows = data.scenarios.length;
    funnelBox.style.height = (wide ? Math.max(320, 34 * rows + 90) : 300 + 34 * rows + 90) + "px";
    var names = data.scenarios.slice().reverse();
    var backwards = function (values) { return values.slice().reverse(); };
    var funnel = echarts.init(funnelBox);
    funnel.setOption({
      animation: false,
      tooltip: { trigger: "item" },
      legend: { data: ["发出", "已反馈", "有帮助", "执行到位案件"], top: 0 },
      grid: wide ? { left: "38%", right: 16, top: 36, bottom: 8, containLabel: true }
                 : { left: 8, right: 16, top: 330, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: names, axisLabel: { interval: 0 } },
      series: [
        { name: "合计", type: "funnel", sort: "none", gap: 2,
          left: wide ? 8 : "10%", width: wide ? "32%" : "80%", top: 40, height: wide ? 260 : 270,
          label: { show: true, position: "inside", formatter: "{b}\n{c}" }, data: stages },
        { name: "发出", type: "bar", itemStyle: { color: colours[0] }, data: backwards(data.funnel.raised) },
        { name: "已反馈", type: "bar", itemStyle: { color: colours[1] }, data: backwards(data.funnel.answered) },
        { name: "有帮助", type: "bar", itemStyle: { color: colours[2] }, data: backwards(data.funnel.helpful) },
        { name: "执行到位案件", type: "bar", itemStyle: { color: colours[3] }, data: backwards(data.funnel.recovered) }
      ]
    });
    window.addEventListener("resize", function () { funnel.resize(); });
  } else if (funnelBox) {
    funnelBox.remove();
  }
  var trendBox = document.getElementById("trend-chart");
  if (trendBox) {
    var trend = echarts.init(trendBox);
    trend.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { data: ["预警发出", "预警首次反馈", "执行案件结案"] },
      grid: { left: 8, right: 8, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.weeks },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: "预警发出", type: "line", data: data.raised },
        { name: "预警首次反馈", type: "line", data: data.answered },
        { name: "执行案件结案", type: "line", data: data.closed }
      ]
    });
    window.addEventListener("resize", function () { trend.resize(); });
  }
  document.body.dataset.chartsReady = "1";
});
