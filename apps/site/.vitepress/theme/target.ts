// `:target` is not updated when the router changes the hash with pushState: the highlight follows the URL here.

/** Mark the element the URL's hash names (a table cell, a finding) and move the focus to it. */
export function markTarget() {
  for (const el of document.querySelectorAll('.nb-target')) el.classList.remove('nb-target');
  const id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  const el = document.getElementById(id);
  if (!el?.closest('.nb-slot, .vp-doc')) return;
  el.classList.add('nb-target');
  if (el.matches('td, th, li')) {
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.focus({ preventScroll: true });
  }
}
