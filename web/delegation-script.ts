/**
 * The delegation form's one script, served at /assets/delegation.js: when a field outside the check changes, the
 * form is checked again in the background and the check's section and the plan item list are replaced by the
 * server's; without it the "Check" button does the same with a page load. Justifications being typed are kept. A
 * change of direction (outbound, inbound) also replaces the parts worded for it: the criteria, dates, countries and people.
 */
export const delegationScript = `(() => {
  const form = document.getElementById('delegation-form');
  if (!form || !window.fetch || !window.DOMParser) return;
  let timer;
  let sent = 0;
  let redirected = false;
  const swap = (doc, id) => {
    const fresh = doc.getElementById(id);
    const old = document.getElementById(id);
    if (!fresh || !old) return;
    const typed = new Map([...old.querySelectorAll('textarea[name]')].map((el) => [el.name, el.value]));
    const focused = old.contains(document.activeElement) ? document.activeElement.name : undefined;
    for (const el of fresh.querySelectorAll('textarea[name]')) if (typed.has(el.name)) el.value = typed.get(el.name);
    old.replaceWith(fresh);
    if (focused) fresh.querySelector('[name="' + CSS.escape(focused) + '"]')?.focus();
  };
  const check = async () => {
    const body = new URLSearchParams(new FormData(form));
    body.set('action', 'check');
    body.set('live', '1');
    const mine = ++sent;
    const parts = redirected ? ['inbound-criteria', 'organiser', 'dates', 'countries', 'travellers'] : [];
    // form.action would be the buttons named "action": read the attribute.
    const response = await fetch(form.getAttribute('action'), { method: 'POST', body, credentials: 'same-origin' });
    const html = await response.text();
    if (mine !== sent) return;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    for (const id of parts) swap(doc, id);
    if (parts.length > 0) redirected = false;
    swap(doc, 'plan-item');
    swap(doc, 'check');
    form.dataset.checked = String(mine);
  };
  const later = (event, wait) => {
    if (event.target.closest('#check')) return;
    if (event.target.name === 'direction') redirected = true;
    clearTimeout(timer);
    timer = setTimeout(() => check().catch(() => undefined), wait);
  };
  form.addEventListener('change', (event) => later(event, 200));
  form.addEventListener('input', (event) => later(event, 800));
})();
`;
