/* global document, window -- a browser script */
// Draws the dashboard's charts (Chart.js) from the JSON the page carries. An enhancement: each chart's
// table beside it holds the same numbers, for screen readers and browsers without JavaScript.
(function drawDashboardCharts() {
  var source = document.getElementById('dashboard-charts');
  if (!source || typeof window.Chart === 'undefined') return;
  // GOV.UK's colours, in an order that keeps neighbours apart.
  var COLOURS = ['#1d70b8', '#f47738', '#4c2c92', '#00703c', '#d4351c', '#5694ca'];
  var REFERENCE_COLOUR = '#0b0c0c';

  JSON.parse(source.textContent).forEach(function (figure) {
    var canvas = document.getElementById('chart-' + figure.id);
    if (!canvas) return;
    var datasets = figure.datasets.map(function (dataset, index) {
      return {
        type: 'bar',
        label: dataset.label,
        data: dataset.data,
        counts: dataset.counts,
        of: dataset.of,
        backgroundColor: COLOURS[index % COLOURS.length],
      };
    });
    if (figure.reference) {
      datasets.push({
        type: 'line',
        label: figure.reference.label,
        data: figure.labels.map(function () {
          return figure.reference.percent;
        }),
        borderColor: REFERENCE_COLOUR,
        borderDash: [6, 4],
        // With one month there is no line to draw between points: a wide dash marks the rate instead.
        pointStyle: 'line',
        pointRadius: figure.labels.length === 1 ? 60 : 0,
        pointHoverRadius: figure.labels.length === 1 ? 60 : 0,
        reference: true,
      });
    }
    canvas.parentElement.hidden = false;
    new window.Chart(canvas, {
      data: { labels: figure.labels, datasets: datasets },
      options: {
        animation: false,
        aspectRatio: 2.5,
        interaction: { mode: 'nearest', intersect: true },
        scales: { y: { beginAtZero: true, suggestedMax: 100, title: { display: true, text: 'Percentage' } } },
        plugins: {
          tooltip: { callbacks: { label: tooltipLabel } },
        },
      },
    });
  });

  // A rate alone hides how many it is of: the tooltip says both, "Appropriate: 42.9% (3 of 7)".
  function tooltipLabel(context) {
    var dataset = context.dataset;
    if (dataset.reference) return dataset.label;
    if (context.raw === null) return dataset.label + ': none counted';
    return dataset.label + ': ' + context.raw + '% (' + dataset.counts[context.dataIndex] + ' of ' + dataset.of[context.dataIndex] + ')';
  }
})();
