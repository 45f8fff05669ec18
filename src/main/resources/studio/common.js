// What both pages share: fetching JSON, showing errors.
"use strict";
async function getJson(url, options) {
  const response = await fetch(url, options);
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || response.statusText);
  }
  return body;
}
function showError(element, error) {
  element.textContent = error ? String(error.message || error) : "";
}
function el(tag, attributes, ...children) {
  const e = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([k, v]) => { if (k === "text") e.textContent = v; else e.setAttribute(k, v); });
  children.forEach(c => e.append(c));
  return e;
}
