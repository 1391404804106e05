// The web app's progressive layer: every page works without it. It adds the position slider,
// draws the sector chart from the data table, and moves focus to a form's errors or a notice.
(function () {
  'use strict';

  // Soles as the server writes them: es groups with a space and uses a decimal comma.
  function soles(value, locale) {
    var fixed = Number(value).toFixed(2).split('.');
    var es = locale.indexOf('es') === 0;
    var units = fixed[0].replace(/\B(?=(\d{3})+(?!\d))/g, es ? ' ' : ',');
    return 'S/ ' + units + (es ? ',' : '.') + fixed[1];
  }

  function positionSlider() {
    var slider = document.querySelector('[data-position-slider]');
    var number = document.getElementById('tt-position');
    if (!slider || !number) return;
    slider.hidden = false;
    slider.addEventListener('input', function () {
      // At the far end the page shows the present: leave the field empty so the URL stays clean.
      number.value = slider.value === slider.max ? '' : slider.value;
    });
    number.addEventListener('input', function () {
      if (number.value !== '') slider.value = number.value;
    });
  }

  function sectorChart() {
    var canvas = document.querySelector('canvas[data-chart-for]');
    if (!canvas || typeof window.Chart !== 'function') return;
    var table = document.getElementById(canvas.getAttribute('data-chart-for'));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
    var locale = canvas.getAttribute('data-locale') || 'es-PE';
    var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    canvas.closest('[data-chart-box]').hidden = false;
    new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map(function (r) { return r.querySelector('th').textContent.trim(); }),
        datasets: [
          { label: canvas.getAttribute('data-label-committed'), data: rows.map(function (r) { return Number(r.getAttribute('data-committed')); }), backgroundColor: '#8c1c13' },
          { label: canvas.getAttribute('data-label-allocated'), data: rows.map(function (r) { return Number(r.getAttribute('data-allocated')); }), backgroundColor: '#0a4f8a' },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reduceMotion ? false : undefined,
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + soles(c.parsed.y, locale); } } } },
        scales: { y: { ticks: { color: '#1b1f24', callback: function (v) { return soles(v, locale).replace(/[,.]00$/, ''); } } }, x: { ticks: { color: '#1b1f24' } } },
      },
    });
  }

  function focusFeedback() {
    var target = document.querySelector('.form-errors[tabindex], #notice');
    if (target) target.focus();
  }

  document.addEventListener('DOMContentLoaded', function () {
    positionSlider();
    sectorChart();
    focusFeedback();
  });
})();
