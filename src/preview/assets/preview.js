// The preview page's only script (served from /assets, allowed by the page's CSP as 'self').
// Toggles update the page in place and keep the state in the URL, so a live reload restores it.
const body = document.body;
const frame = document.getElementById('email');
const live = document.getElementById('live');

// Pin the article shown in the URL, so a live reload keeps showing it.
{
  const url = new URL(location.href);
  if (!url.searchParams.has('a')) {
    url.searchParams.set('a', body.dataset.selection);
    history.replaceState(null, '', url);
  }
}

function setParam(key, value, fallback) {
  const url = new URL(location.href);
  if (value === fallback) url.searchParams.delete(key);
  else url.searchParams.set(key, value);
  history.replaceState(null, '', url);
  // Links built by the server carry the old state; keep them in step with the current one.
  for (const a of document.querySelectorAll('a[href^="/?"]')) {
    const link = new URL(a.getAttribute('href'), location.origin);
    if (value === fallback) link.searchParams.delete(key);
    else link.searchParams.set(key, value);
    a.setAttribute('href', link.pathname + link.search);
  }
}

function press(group, value) {
  for (const el of document.querySelectorAll(`[data-${group}]`)) {
    const on = el.dataset[group] === value;
    el.classList.toggle('on', on);
    el.setAttribute(el.getAttribute('role') === 'tab' ? 'aria-selected' : 'aria-pressed', String(on));
  }
}

function setView(view) {
  const stage = document.querySelector('.stage');
  stage?.classList.remove('view-desktop', 'view-mobile');
  stage?.classList.add(`view-${view}`);
  press('view', view);
  setParam('view', view, 'desktop');
}

function setScheme(scheme) {
  const stage = document.querySelector('.stage');
  stage?.classList.remove('scheme-light', 'scheme-dark');
  stage?.classList.add(`scheme-${scheme}`);
  if (frame) {
    const src = new URL(frame.getAttribute('src'), location.origin);
    src.searchParams.set('scheme', scheme);
    frame.setAttribute('src', src.pathname + src.search);
  }
  press('scheme', scheme);
  setParam('scheme', scheme, 'light');
}

function setTab(tab) {
  for (const panel of document.querySelectorAll('[role="tabpanel"]'))
    panel.hidden = panel.id !== `panel-${tab}`;
  press('tab', tab);
  setParam('tab', tab, 'preview');
}

document.addEventListener('click', (event) => {
  const target =
    event.target instanceof Element ? event.target.closest('a[data-view],a[data-scheme],a[data-tab]') : null;
  if (!target || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  if (target.dataset.view) setView(target.dataset.view);
  else if (target.dataset.scheme) setScheme(target.dataset.scheme);
  else if (target.dataset.tab) setTab(target.dataset.tab);
});

// The toggles are links styled as buttons: let Space press them as it presses a button.
document.addEventListener('keydown', (event) => {
  if (event.key !== ' ' || !(event.target instanceof HTMLElement)) return;
  if (event.target.matches('a[role="button"], a[role="tab"]')) {
    event.preventDefault();
    event.target.click();
  }
});

async function refreshChecks() {
  const response = await fetch(`/checks/${encodeURIComponent(body.dataset.selection)}`, {
    cache: 'no-store',
  });
  if (!response.ok) return;
  const checks = document.getElementById('checks');
  // The fragment is built by the server with every value escaped.
  if (checks) checks.innerHTML = await response.text();
}

// Swaps in the parts of a fresh copy of this page and points the iframe at the new email: faster
// than a full reload, and the toolbar, the send form and scroll positions stay as they are.
async function refreshPage() {
  const response = await fetch(location.href, { cache: 'no-store' });
  if (!response.ok) throw new Error(`page answered ${response.status}`);
  const next = new DOMParser().parseFromString(await response.text(), 'text/html');
  // Keep the keyboard where it was: the desk's controls are replaced, their ids stay.
  const focused = document.activeElement?.id;
  for (const part of document.querySelectorAll('[data-live]')) {
    const fresh = next.getElementById(part.id);
    if (!fresh) throw new Error(`the new page has no #${part.id}`);
    part.replaceWith(document.importNode(fresh, true));
  }
  const src = next.getElementById('email')?.getAttribute('src');
  // The same version twice (the desk's own refresh and the server's event) loads the email once.
  if (frame && src && frame.getAttribute('src') !== src) frame.setAttribute('src', src);
  document.title = next.title;
  body.dataset.version = next.body.dataset.version;
  if (focused) document.getElementById(focused)?.focus();
  const said = sessionStorage.getItem('desk-message');
  const message = document.getElementById('desk-message');
  if (said && message) message.textContent = said;
}

let refreshing = null;
let again = false;
function refresh() {
  if (refreshing) {
    again = true;
    return;
  }
  refreshing = refreshPage()
    .catch(() => location.reload())
    .finally(() => {
      refreshing = null;
      if (again) {
        again = false;
        refresh();
      }
    });
}

function connect() {
  const events = new EventSource('/events');
  events.addEventListener('hello', (event) => {
    live?.classList.remove('offline');
    if (live) live.textContent = 'Live';
    // A reload that happened while disconnected still reaches this page.
    if (event.data !== body.dataset.version) refresh();
  });
  events.addEventListener('reload', (event) => {
    if (event.data !== body.dataset.version) refresh();
  });
  events.addEventListener('checks', (event) => {
    if (event.data === body.dataset.selection) refreshChecks();
  });
  events.addEventListener('error', () => {
    live?.classList.add('offline');
    if (live) live.textContent = 'Reconnecting…';
  });
}
connect();

const form = document.getElementById('send-test');
const status = document.getElementById('send-status');
form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = form.querySelector('button');
  if (button) button.disabled = true;
  if (status) status.textContent = 'Sending…';
  try {
    const response = await fetch('/send-test', {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
    });
    const result = await response.json();
    if (status) {
      status.textContent = response.ok
        ? `Sent to ${result.to} (message ${result.messageId})`
        : `Not sent: ${result.error}`;
      status.className = response.ok ? 'ok' : 'error';
    }
  } catch (error) {
    if (status) status.textContent = `Not sent: ${error}`;
  } finally {
    if (button) button.disabled = false;
  }
});

// The editing desk: each form is one change, posted to /edition; the server saves the edition file and
// the page reloads its parts (and the email) over the event stream.
function deskChange(form) {
  const data = new FormData(form);
  const change = { op: form.dataset.op };
  if (form.dataset.story) change.story = form.dataset.story;
  if (form.dataset.quote) change.quote = Number(form.dataset.quote);
  if (form.dataset.sentence) change.sentence = Number(form.dataset.sentence);
  if (form.dataset.to) change.to = Number(form.dataset.to);
  if (change.op === 'speaker') {
    const typed = String(data.get('typed') ?? '').trim();
    const pick = String(data.get('pick') ?? '');
    change.speaker = typed || (pick === '' || pick === '__typed__' ? null : pick);
  } else if (data.has('text')) {
    change.text = String(data.get('text'));
  }
  return change;
}

async function postChange(change) {
  const desk = document.getElementById('desk');
  const message = document.getElementById('desk-message');
  if (message) message.textContent = 'Saving…';
  const response = await fetch('/edition', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: desk?.dataset.token, change }),
  });
  const result = await response.json();
  const text = response.ok
    ? `Saved: version ${result.version} (${result.status})`
    : `Not saved: ${result.error}`;
  // The desk is replaced on reload; say the outcome again in the new one.
  sessionStorage.setItem('desk-message', text);
  if (message) message.textContent = text;
  if (response.ok) refresh();
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches('.desk-form')) return;
  event.preventDefault();
  postChange(deskChange(form)).catch((error) => {
    const message = document.getElementById('desk-message');
    if (message) message.textContent = `Not saved: ${error}`;
  });
});

// Choosing "another name" moves the keyboard to the name field.
document.addEventListener('change', (event) => {
  const select = event.target;
  if (select instanceof HTMLSelectElement && select.name === 'pick' && select.value === '__typed__')
    select.form?.querySelector('input[name="typed"]')?.focus();
});

let dragged = null;
document.addEventListener('dragstart', (event) => {
  const story = event.target instanceof Element ? event.target.closest('.desk-order-item') : null;
  if (!story) return;
  dragged = story.dataset.story;
  event.dataTransfer?.setData('text/plain', dragged);
});
document.addEventListener('dragover', (event) => {
  if (dragged && event.target instanceof Element && event.target.closest('.desk-order-item'))
    event.preventDefault();
});
document.addEventListener('drop', (event) => {
  const story = event.target instanceof Element ? event.target.closest('.desk-order-item') : null;
  if (!story || !dragged) return;
  event.preventDefault();
  const change = { op: 'move', story: dragged, to: Number(story.dataset.index) };
  dragged = null;
  postChange(change);
});

{
  const said = sessionStorage.getItem('desk-message');
  const message = document.getElementById('desk-message');
  if (said && message) message.textContent = said;
}
