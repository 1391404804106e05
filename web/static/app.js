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

  // A filed document's digest and size, computed here from the file the official picks; the file
  // itself never leaves the browser (it has no name, so the form does not send it). Without
  // scripts, or without Web Crypto (a page not served over HTTPS), the fields are typed instead.
  function digestPickers() {
    if (!window.crypto || !window.crypto.subtle || typeof FileReader === 'undefined') return;
    var pickers = document.querySelectorAll('[data-digest-picker]');
    Array.prototype.forEach.call(pickers, function (picker) {
      var input = picker.querySelector('input[type=file][data-digest-for]');
      if (!input) return;
      var base = input.getAttribute('data-digest-for');
      var status = picker.querySelector('[data-digest-status]');
      picker.hidden = false;
      input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        if (!file) return;
        if (status) status.textContent = status.getAttribute('data-computing') || '';
        file.arrayBuffer().then(function (bytes) {
          return window.crypto.subtle.digest('SHA-256', bytes);
        }).then(function (digest) {
          var hex = Array.prototype.map.call(new Uint8Array(digest), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
          document.getElementById(base + '.sha256').value = hex;
          document.getElementById(base + '.sizeBytes').value = String(file.size);
          var title = document.getElementById(base + '.title');
          if (title && title.value === '') title.value = file.name.replace(/\.[A-Za-z0-9]+$/, '');
          if (status) status.textContent = status.getAttribute('data-computed') || '';
        });
      });
    });
  }

  function focusFeedback() {
    var target = document.querySelector('.form-errors[tabindex], #notice');
    if (target) target.focus();
  }

  document.addEventListener('DOMContentLoaded', function () {
    positionSlider();
    sectorChart();
    digestPickers();
    focusFeedback();
  });
})();
