// The runs page: the runs with their progress, their grids, and their curves, several runs per chart.
// It listens to /api/events (one watcher on the server) and fetches only what changed.
"use strict";
const LOSS_CHARTS = [
  ["Generator loss", "losses", "gen_loss"], ["Discriminator loss", "losses", "disc_loss"],
  ["D(x)", "losses", "d_x"], ["D(G(z))", "losses", "d_g_z"]];
const QUALITY_CHARTS = [
  ["Fréchet distance", "metrics", "frechet_distance"], ["Kernel inception distance", "metrics", "kid"],
  ["Classifier score", "metrics", "classifier_score"],
  ["Precision", "metrics", "precision"], ["Recall", "metrics", "recall"], ["Classes drawn", "metrics", "classes_drawn"]];
const COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
const state = { runs: [], shown: new Set(), data: {}, charts: {} };

function duration(seconds) {
  if (seconds === undefined) return "";
  const h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
}

function settingsText(run) {
  const s = run.settings;
  if (!s) return "";
  const n = s.networks || {}, t = s.training || {};
  return [n.architecture, n.image, `noise ${n.noise_dim}`, n.labels === "none" ? "" : `classes ${n.labels && n.labels.classes}`,
    "loss " + t.loss, `batch ${t.batch_size}`, t.discriminator_learning_rate ? `lr ${t.learning_rate} / ${t.discriminator_learning_rate}` : `lr ${t.learning_rate}`,
    t.ema ? `ema ${t.ema}` : "", t.augment ? `augment ${t.augment}` : "", `seed ${t.seed}`].filter(Boolean).join(" · ");
}

function renderRuns() {
  const body = document.querySelector("#runs tbody");
  body.replaceChildren();
  state.runs.forEach(run => {
    const box = el("input", { type: "checkbox", "data-run": run.name });
    box.checked = state.shown.has(run.name);
    box.addEventListener("change", () => { box.checked ? state.shown.add(run.name) : state.shown.delete(run.name); refreshCharts(); });
    const total = (run.epochs || 0) * (run.steps_per_epoch || 0);
    const done = (run.epoch || 0) * (run.steps_per_epoch || 0) + (run.step_in_epoch || 0);
    const bar = el("progress", { max: String(total || 1), value: String(total ? done : 0) });
    const status = run.training ? el("span", { class: "live", text: " training" }) : run.finished ? " finished" : "";
    body.append(el("tr", {}, el("td", {}, box), el("td", { text: run.name }), el("td", {}, bar, status),
      el("td", { text: run.epochs ? `${run.epoch} / ${run.epochs}` : "" }), el("td", { text: duration(run.eta_seconds) }),
      el("td", { class: "settings", text: settingsText(run) })));
  });
  const select = document.getElementById("grid-run");
  const chosen = select.value;
  select.replaceChildren(...state.runs.filter(r => r.grids.length).map(r => el("option", { value: r.name, text: r.name })));
  if (chosen && state.runs.some(r => r.name === chosen && r.grids.length)) select.value = chosen;
  renderGrid(true);
}

function renderGrid(newest) {
  const run = state.runs.find(r => r.name === document.getElementById("grid-run").value);
  const slider = document.getElementById("grid-slider"), image = document.getElementById("grid");
  if (!run || !run.grids.length) { image.removeAttribute("src"); document.getElementById("grid-epoch").textContent = "no grids yet"; return; }
  const atEnd = Number(slider.value) >= Number(slider.max);
  slider.max = String(run.grids.length - 1);
  if (newest && atEnd) slider.value = slider.max;
  const file = run.grids[Number(slider.value)];
  image.src = "/files/" + file.split("/").map(encodeURIComponent).join("/");
  document.getElementById("grid-epoch").textContent = "epoch " + Number(file.match(/(\d+)\.png$/)[1]);
}

async function loadData(run, kind) {
  const summary = state.runs.find(r => r.name === run);
  if (!summary || !summary[kind]) { state.data[run + "/" + kind] = null; return; }
  state.data[run + "/" + kind] = (await getJson(`/api/${kind}?run=${encodeURIComponent(run)}`)).columns;
}

function chart(container, key, title, kind, column) {
  const runs = [...state.shown].filter(r => state.data[r + "/" + kind] && state.data[r + "/" + kind][column]);
  const x = kind === "losses" ? "step" : "epoch";
  let holder = state.charts[key];
  if (!holder) {
    holder = el("div", { class: "chart", "data-testid": "chart-" + column }, el("h3", { text: title }), el("div"));
    container.append(holder);
    state.charts[key] = holder;
  }
  const area = holder.lastChild;
  if (holder.plot) {
    holder.plot.destroy(); // uPlot keeps every live chart in a global set: an old one must be destroyed, not just removed
    holder.plot = null;
  }
  area.replaceChildren();
  if (!runs.length) { area.append(el("p", { class: "empty", text: "no data for the runs shown" })); return; }
  const tables = runs.map(r => [state.data[r + "/" + kind][x], state.data[r + "/" + kind][column]]);
  const data = uPlot.join(tables);
  const series = [{ label: x }].concat(runs.map((r, i) => ({ label: r, stroke: COLOURS[i % COLOURS.length], spanGaps: true,
    points: { show: kind === "metrics" } })));
  holder.plot = new uPlot({ width: 380, height: 200, series, axes: [{ label: x }, {}], scales: { x: { time: false } } }, data, area);
}

function refreshCharts() {
  const pending = [];
  [...state.shown].forEach(run => ["losses", "metrics"].forEach(kind => {
    if (state.data[run + "/" + kind] === undefined) pending.push(loadData(run, kind));
  }));
  Promise.all(pending).then(() => {
    LOSS_CHARTS.forEach(([title, kind, column]) => chart(document.getElementById("loss-charts"), column, title, kind, column));
    QUALITY_CHARTS.forEach(([title, kind, column]) => chart(document.getElementById("quality-charts"), column, title, kind, column));
  }).catch(e => showError(document.getElementById("error"), e));
}

async function refreshRuns() {
  const first = state.runs.length === 0;
  state.runs = (await getJson("/api/runs")).runs;
  if (first) state.runs.slice(0, 4).forEach(r => state.shown.add(r.name));
  renderRuns();
}

function listen() {
  const events = new EventSource("/api/events");
  events.addEventListener("open", () => { document.getElementById("live").textContent = "live"; });
  events.addEventListener("error", () => {
    document.getElementById("live").textContent = "reconnecting…";
    if (events.readyState === EventSource.CLOSED) setTimeout(listen, 5000); // refused (429): try again, as the browser does not
  });
  events.addEventListener("run", async message => {
    const change = JSON.parse(message.data);
    await refreshRuns();
    const curves = change.changed.filter(k => k === "losses" || k === "metrics");
    curves.forEach(k => { delete state.data[change.run + "/" + k]; });
    if (curves.length && state.shown.has(change.run)) refreshCharts(); // progress alone redraws no chart
  });
}

document.getElementById("grid-slider").addEventListener("input", () => renderGrid(false));
document.getElementById("grid-run").addEventListener("change", () => { document.getElementById("grid-slider").value = 1e9; renderGrid(true); });
refreshRuns().then(refreshCharts).then(listen).catch(e => showError(document.getElementById("error"), e));
