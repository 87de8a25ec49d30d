// pubconvert serve: progressive enhancement of the plain form post. Without this script the form
// posts to /convert and the server answers with the result page; with it, the upload shows its
// progress, and the status line (role="status", polite) tells screen readers what is happening.
(() => {
  'use strict';
  const form = document.getElementById('convert-form');
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  const status = document.getElementById('status');
  const progress = document.getElementById('progress');
  const button = document.getElementById('submit');
  const fileInput = document.getElementById('file');
  const drop = document.getElementById('drop');
  const errorBox = document.getElementById('script-error');
  const errorText = document.getElementById('script-error-text');
  const text = (name, values) => form.dataset[name].replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const say = (message) => { status.textContent = message; };

  // After a conversion the result is where focus goes (after the browser's own move to #result).
  const heading = document.getElementById('result-heading');
  if (heading && location.hash === '#result') window.addEventListener('load', () => heading.focus());

  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    if (event.dataTransfer && event.dataTransfer.files.length) fileInput.files = event.dataTransfer.files;
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const request = new XMLHttpRequest();
    let timer = null;
    let announced = -1;
    const finish = () => {
      if (timer) clearInterval(timer);
      button.disabled = false;
      form.removeAttribute('aria-busy');
      progress.hidden = true;
    };
    request.open('POST', '/api/convert');
    request.responseType = 'json';
    request.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.round((100 * e.loaded) / e.total);
      progress.value = percent;
      if (percent >= announced + 25 || percent === 100) { announced = percent; say(text('sending', { percent })); }
    });
    request.upload.addEventListener('load', () => {
      progress.removeAttribute('value');  // indeterminate while the server converts
      say(text('converting', {}));
      const started = Date.now();
      timer = setInterval(() => {
        say(text('stillConverting', { seconds: Math.round((Date.now() - started) / 1000) }));
      }, 5000);
    });
    request.addEventListener('load', () => {
      finish();
      const body = request.response || {};
      if (request.status === 200 && body.page) {
        say(text('done', {}));
        location.assign(body.page + (form.dataset.lang === 'en' ? '?lang=en' : '') + '#result');
        return;
      }
      say(text('failed', {}));
      errorText.textContent = body.error || `HTTP ${request.status}`;
      errorBox.hidden = false;
    });
    request.addEventListener('error', () => { finish(); say(text('failed', {})); });
    errorBox.hidden = true;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    progress.hidden = false;
    progress.value = 0;
    say(text('sending', { percent: 0 }));
    request.send(new FormData(form));
  });
})();
