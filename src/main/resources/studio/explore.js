// The explorer: draw from any generator below the studio's root, pick the digit, walk between two
// seeds, truncate the noise, keep an image's noise and nudge it, download PNG or .npy.
"use strict";
const $ = id => document.getElementById(id);
const explorer = { model: null, info: null, digit: null, drawn: null, kept: null };

function params(extra) {
  const p = new URLSearchParams({ model: explorer.model, seed: $("seed").value, count: $("count").value });
  if (Number($("truncation").value) > 0) p.set("truncation", $("truncation").value);
  if (explorer.digit !== null) p.set("digit", explorer.digit);
  Object.entries(extra || {}).forEach(([k, v]) => p.set(k, v));
  return p;
}

function updateLinks() {
  $("download-png").href = "/api/generate?" + params({ format: "png" });
  $("download-npy").href = "/api/generate?" + params({ format: "npy" });
}

function tiles(container, drawn, clickable) {
  container.replaceChildren(...drawn.images.map((src, i) => {
    const image = el("img", { src, alt: drawn.labels ? "class " + drawn.labels[i] : "image " + i, "data-index": String(i) });
    if (clickable) image.addEventListener("click", () => keep(i, image));
    return image;
  }));
}

async function draw() {
  showError($("error"));
  try {
    explorer.drawn = await getJson("/api/generate?" + params({ format: "json" }));
    tiles($("tiles"), explorer.drawn, true);
    updateLinks();
  } catch (e) { showError($("error"), e); }
}

function keep(index, image) {
  document.querySelectorAll("#tiles img.kept").forEach(i => i.classList.remove("kept"));
  image.classList.add("kept");
  explorer.kept = { noise: explorer.drawn.noise[index], label: explorer.drawn.labels ? explorer.drawn.labels[index] : null };
  $("kept-controls").hidden = false;
  $("kept-text").textContent = "kept image " + index + (explorer.kept.label !== null ? " (class " + explorer.kept.label + ")" : "");
  $("kept-npy").href = URL.createObjectURL(npyBlob(explorer.kept.noise));
}

/** Eight variations of the kept noise: each value plus Gaussian noise of the nudge's size. */
async function nudge() {
  const size = Number($("nudge").value);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
  const noise = [explorer.kept.noise].concat(Array.from({ length: 8 }, () => explorer.kept.noise.map(v => v + size * gaussian())));
  const body = { model: explorer.model, noise, format: "json" };
  if (explorer.kept.label !== null) body.digits = noise.map(() => explorer.kept.label).join(",");
  try {
    explorer.drawn = await getJson("/api/generate", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    tiles($("tiles"), explorer.drawn, true);
  } catch (e) { showError($("error"), e); }
}

async function walk() {
  try {
    const p = params({ format: "json", from_seed: $("from").value, to_seed: $("to").value, count: $("steps").value });
    if (explorer.info && explorer.info.conditional && explorer.digit === null) p.set("digit", "0"); // one class along the walk
    tiles($("strip"), await getJson("/api/generate?" + p), false);
  } catch (e) { showError($("error"), e); }
}

/** A float32 vector as a .npy file: version 1.0 header padded to 64 bytes, then the values. */
function npyBlob(values) {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (1, ${values.length}), }`;
  header = header.padEnd(Math.ceil((10 + header.length + 1) / 64) * 64 - 10 - 1, " ") + "\n";
  const bytes = new Uint8Array(10 + header.length + 4 * values.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 255, header.length >> 8]);
  bytes.set(new TextEncoder().encode(header), 10);
  const floats = new DataView(bytes.buffer, 10 + header.length);
  values.forEach((v, i) => floats.setFloat32(4 * i, v, true));
  return new Blob([bytes], { type: "application/octet-stream" });
}

async function chooseModel() {
  explorer.model = $("model").value;
  explorer.digit = null;
  explorer.kept = null; // another model may take another noise size
  $("kept-controls").hidden = true;
  explorer.info = await getJson("/api/model?model=" + encodeURIComponent(explorer.model));
  const info = explorer.info;
  $("model-info").textContent = `${info.image} images from ${info.noise_dim} noise values` + (info.conditional ? `, ${info.classes} classes` : "");
  const buttons = info.conditional ? [el("span", { text: "pick the digit:" })] : [];
  if (info.conditional) {
    const all = el("button", { class: "on", text: "all", "data-digit": "all" });
    all.addEventListener("click", () => pick(null, all));
    buttons.push(all);
    for (let d = 0; d < info.classes; d++) {
      const b = el("button", { text: String(d), "data-digit": String(d) });
      b.addEventListener("click", () => pick(d, b));
      buttons.push(b);
    }
  }
  $("digits").replaceChildren(...buttons);
  await draw();
}

function pick(digit, button) {
  explorer.digit = digit;
  document.querySelectorAll("#digits button").forEach(b => b.classList.remove("on"));
  button.classList.add("on");
  draw();
}

async function start() {
  const models = (await getJson("/api/models")).models;
  if (!models.length) { showError($("error"), "no generator below the studio's folder yet: train one, or pass --runs a folder that holds one"); return; }
  const wanted = new URLSearchParams(location.search).get("model");
  $("model").replaceChildren(...models.map(m => el("option", { value: m, text: m })));
  if (wanted && models.includes(wanted)) $("model").value = wanted;
  await chooseModel();
}

$("model").addEventListener("change", () => chooseModel().catch(e => showError($("error"), e)));
$("draw").addEventListener("click", draw);
$("truncation").addEventListener("input", () => { $("truncation-value").textContent = Number($("truncation").value) > 0 ? $("truncation").value : "off"; });
$("truncation").addEventListener("change", draw);
$("nudge-button").addEventListener("click", nudge);
$("walk").addEventListener("click", walk);
start().catch(e => showError($("error"), e));
