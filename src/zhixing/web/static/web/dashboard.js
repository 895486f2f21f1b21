// Draws the dashboard's charts from the JSON the page embeds (no outside requests).
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("chart-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var funnelBox = document.getElementById("funnel-chart");
  if (funnelBox && data.scenarios.length) {
    var funnel = echarts.init(funnelBox);
    funnel.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { data: ["发出", "已反馈", "有帮助", "执行到位案件"] },
      grid: { left: 8, right: 8, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: data.scenarios, axisLabel: { interval: 0, width: 90, overflow: "truncate" } },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: "发出", type: "bar", data: data.funnel.raised },
        { name: "已反馈", type: "bar", data: data.funnel.answered },
        { name: "有帮助", type: "bar", data: data.funnel.helpful },
        { name: "执行到位案件", type: "bar", data: data.funnel.recovered }
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
