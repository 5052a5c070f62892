// Draws every <canvas data-chart="id"> of the page with the bundled Chart.js, from the JSON
// that json_script wrote into <script id="id" type="application/json"> (no inline script).
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Chart === "undefined") {
    return;
  }
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) {
      return;
    }
    const spec = JSON.parse(source.textContent);
    const horizontal = spec.options && spec.options.indexAxis === "y";
    const valueAxis = { beginAtZero: true, ticks: { precision: 0 } };
    new Chart(canvas, {
      type: spec.kind,
      data: {
        labels: spec.labels,
        datasets: spec.series.map((series) => ({
          label: series.label,
          data: series.data,
          backgroundColor: series.color,
          borderColor: series.color,
          borderWidth: 1,
        })),
      },
      options: {
        ...(spec.options || {}),
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: spec.series.length > 1, position: "bottom" },
        },
        scales: horizontal ? { x: valueAxis } : { y: valueAxis },
      },
    });
  });
});
