// The dateline page: events, articles with their provenance, a dyad timeline, the actor network
// and a map. Everything from the store is put into the page as text (textContent, d3's .text()),
// never as markup, so an article holding <script> shows those characters and runs nothing.
"use strict";

const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const QUADS = [["verbal_coop", "q1", "verbal cooperation"], ["material_coop", "q2", "material cooperation"],
  ["verbal_conflict", "q3", "verbal conflict"], ["material_conflict", "q4", "material conflict"]];
const PAGE = 50;
const $ = (sel) => document.querySelector(sel);

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function status(message, isError) {
  const s = $("#status");
  s.textContent = message || "";
  s.classList.toggle("error", !!isError);
}

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== "" && v !== null && v !== undefined && v !== false) url.searchParams.set(k, v);
  }
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
  return body;
}

function formParams(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) out[k] = v === "on" ? "true" : v.trim();
  return out;
}

function showTab(name) {
  document.querySelectorAll(".tab").forEach((t) => t.classList.toggle("active", t.id === name));
  document.querySelectorAll("#tabs button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
  if (name === "map" && !state.mapDrawn) drawMap();
}

const state = { offset: 0, rows: [], sortKey: null, sortDir: 1, mapDrawn: false, record: null };

// -- tables ------------------------------------------------------------------------------------
function fillTable(table, columns, rows, onClick) {
  const thead = table.querySelector("thead"), tbody = table.querySelector("tbody");
  thead.replaceChildren();
  tbody.replaceChildren();
  const tr = el("tr");
  for (const [key, label] of columns) {
    const th = el("th", label);
    th.dataset.key = key;
    if (table.id === "events-table" && state.sortKey === key) th.classList.add(state.sortDir > 0 ? "sorted-asc" : "sorted-desc");
    if (table.id === "events-table") th.addEventListener("click", () => sortEvents(key));
    tr.append(th);
  }
  thead.append(tr);
  if (!rows.length) {
    const td = el("td", "nothing matches", "hint");
    td.colSpan = columns.length;
    tbody.append(el("tr")).append(td);
  }
  for (const row of rows) {
    const r = el("tr");
    for (const [key] of columns) r.append(el("td", row[key] ?? ""));
    if (onClick) r.addEventListener("click", () => onClick(row));
    tbody.append(r);
  }
}

// -- events ------------------------------------------------------------------------------------
const MENTION_COLUMNS = [["date", "date"], ["type", "type"], ["source", "source"], ["source_text", "source words"],
  ["target", "target"], ["target_text", "target words"], ["trigger", "trigger"], ["status", "status"],
  ["goldstein", "Goldstein"], ["confidence", "conf."], ["place", "place"], ["outlet", "outlet"]];
const OCCURRENCE_COLUMNS = [["date", "date"], ["type", "type"], ["source", "source"], ["target", "target"],
  ["status", "status"], ["num_mentions", "mentions"], ["num_articles", "articles"], ["num_sources", "sources"],
  ["goldstein", "Goldstein"], ["place", "place"], ["first_seen", "first seen"]];

function eventFilters() {
  return formParams($("#event-filters"));
}

async function loadEvents() {
  const params = { ...eventFilters(), limit: PAGE, offset: state.offset };
  const csv = new URL("/api/events.csv", window.location.origin);
  for (const [k, v] of Object.entries({ ...eventFilters(), limit: 1000 })) if (v) csv.searchParams.set(k, v);
  $("#events-csv").href = csv.pathname + csv.search;
  try {
    const page = await api("/api/events", params);
    state.rows = page.items;
    renderEvents();
    $("#page").textContent = `rows ${state.offset + 1}–${state.offset + page.items.length}`;
    $("#prev").disabled = state.offset === 0;
    $("#next").disabled = page.items.length < PAGE;
    status(`${page.items.length} events`);
  } catch (err) {
    status(err.message, true);
  }
}

function renderEvents() {
  const occurrences = !!eventFilters().occurrences;
  const rows = [...state.rows];
  if (state.sortKey) {
    const k = state.sortKey;
    rows.sort((a, b) => (a[k] ?? "") > (b[k] ?? "") ? state.sortDir : (a[k] ?? "") < (b[k] ?? "") ? -state.sortDir : 0);
  }
  fillTable($("#events-table"), occurrences ? OCCURRENCE_COLUMNS : MENTION_COLUMNS, rows,
    occurrences ? openOccurrence : (row) => openArticle(row.article_id, row.event_id));
}

function sortEvents(key) {
  state.sortDir = state.sortKey === key ? -state.sortDir : 1;
  state.sortKey = key;
  renderEvents();
}

async function openOccurrence(row) {
  try {
    const occ = await api(`/api/occurrences/${row.id}`);
    const first = occ.mentions.find((m) => !m.duplicate_of) || occ.mentions[0];
    if (first) openArticle(first.article_id, first.event_id);
  } catch (err) {
    status(err.message, true);
  }
}

// -- articles ----------------------------------------------------------------------------------
async function searchArticles(ev) {
  if (ev) ev.preventDefault();
  try {
    const page = await api("/api/articles", { ...formParams($("#article-search")), limit: 100 });
    fillTable($("#articles-table"), [["date", "date"], ["title", "title"], ["outlet", "outlet"],
      ["language", "lang."], ["chars", "chars"], ["duplicate_of", "copy of"]], page.items, (r) => openArticle(r.id));
    status(`${page.items.length} articles`);
  } catch (err) {
    status(err.message, true);
  }
}

// The reader: the text cut at every span boundary, each piece marked with what covers it.
function marks(rec) {
  const out = [];
  const add = (start, end, cls, ref) => { if (end > start) out.push({ start, end, cls, ref }); };
  for (const g of rec.segments || []) if (!["headline", "dateline", "body"].includes(g.kind)) add(g.start, g.end, "m-furniture");
  for (const t of rec.timexes) add(t.start, t.end, "m-time");
  for (const p of rec.places) add(p.start, p.end, "m-place", "place:" + p.id);
  for (const q of rec.quotes) add(q.start, q.end, "m-quote");
  for (const a of rec.actors) for (const m of a.mentions) add(m.start, m.end, "m-actor");
  for (const e of rec.events) add(e.trigger.start, e.trigger.end, "m-event", "event:" + e.id);
  return out;
}

function renderText(rec) {
  const text = rec.article.text, ms = marks(rec);
  const cuts = new Set([0, text.length]);
  for (const m of ms) { cuts.add(m.start); cuts.add(m.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const span = el("span", text.slice(s, e));
    span.dataset.start = s;
    span.dataset.end = e;
    for (const m of ms) {
      if (m.start <= s && e <= m.end) {
        span.classList.add(m.cls);
        if (m.ref && m.ref.startsWith("event:")) span.dataset.event = m.ref.slice(6);
      }
    }
    frag.append(span);
  }
  return frag;
}

async function openArticle(id, eventId) {
  try {
    const rec = await api(`/api/articles/${encodeURIComponent(id)}`);
    state.record = rec;
    const view = $("#article-view");
    view.replaceChildren();
    const meta = [rec.article.date, rec.article.source, rec.article.language].filter(Boolean).join(" · ");
    view.append(el("h2", rec.article.title || rec.article.id), el("p", meta, "hint"), renderText(rec));
    view.querySelectorAll("[data-event]").forEach((s) => s.addEventListener("click", () => selectEvent(s.dataset.event)));
    const list = $("#article-events");
    list.replaceChildren();
    for (const e of rec.events) {
      const li = el("li", `${e.type} · ${e.source ? e.source.text : "?"} → ${e.target ? e.target.text : "?"} · “${e.trigger.text}”`);
      li.dataset.event = e.id;
      li.addEventListener("click", () => selectEvent(e.id));
      list.append(li);
    }
    showTab("reader");
    selectEvent(eventId || (rec.events[0] && rec.events[0].id));
    status(`article ${rec.article.id}`);
  } catch (err) {
    status(err.message, true);
  }
}

function highlight(start, end) {
  if (start === null || start === undefined) return;
  document.querySelectorAll("#article-view span[data-start]").forEach((s) => {
    if (+s.dataset.start >= start && +s.dataset.end <= end) s.classList.add("prov");
  });
}

function selectEvent(id) {
  const rec = state.record;
  document.querySelectorAll(".prov").forEach((s) => s.classList.remove("prov"));
  document.querySelectorAll("#article-events li").forEach((li) => li.classList.toggle("selected", li.dataset.event === id));
  const e = rec && rec.events.find((x) => x.id === id);
  const dl = $("#event-detail");
  dl.replaceChildren();
  if (!e) return;
  const place = e.location ? rec.places.find((p) => p.id === e.location) : null;
  const side = (r) => r ? `${r.text} (${[r.country, r.sector].filter(Boolean).join(" ") || "uncoded"}` +
    `${r.country_from ? ", from " + r.country_from : ""})` : "—";
  const rows = [["type", `${e.type}${e.mode ? " / " + e.mode : ""}`], ["trigger", `“${e.trigger.text}”`],
    ["source", side(e.source)], ["target", side(e.target)],
    ["date", `${e.date.value || "—"} (from ${e.date.from})`], ["place", place ? `${place.name}, ${place.country || ""}` : "—"],
    ["status", e.status], ["CAMEO", `${e.cameo || "—"} · QuadClass ${e.quad_class ?? "—"} · Goldstein ${e.goldstein ?? "—"}`],
    ["confidence", e.confidence]];
  for (const [k, v] of rows) dl.append(el("dt", k), el("dd", v));
  highlight(e.trigger.start, e.trigger.end);
  for (const r of [e.source, e.target]) if (r) highlight(r.start, r.end);
  if (e.date.start !== null) highlight(e.date.start, e.date.end);
  if (place) highlight(place.start, place.end);
}

// -- charts ------------------------------------------------------------------------------------
function emptyChart(box, message) {
  box.replaceChildren(el("p", message, "empty"));
}

// Every period between the first and the last, empty ones as zero, so gaps show as gaps.
function fillPeriods(data, by) {
  const step = { day: d3.utcDay, week: d3.utcMonday, month: d3.utcMonth }[by];
  const have = new Map(data.map((d) => [d.period, d]));
  const first = new Date(data[0].period + "T00:00:00Z"), last = new Date(data[data.length - 1].period + "T00:00:00Z");
  const zero = { events: 0, goldstein_sum: 0, verbal_coop: 0, material_coop: 0, verbal_conflict: 0, material_conflict: 0 };
  return step.range(first, step.offset(last, 1)).map((t) => {
    const key = t.toISOString().slice(0, 10);
    return have.get(key) || { period: key, ...zero };
  });
}

async function drawDyad(ev) {
  if (ev) ev.preventDefault();
  const f = formParams($("#dyad-form")), box = $("#dyad-chart");
  let data;
  try {
    data = await api(`/api/dyads/${encodeURIComponent(f.source)}/${encodeURIComponent(f.target)}`, { by: f.by });
  } catch (err) {
    return status(err.message, true);
  }
  if (!data.length) return emptyChart(box, `no events from ${f.source} to ${f.target}`);
  data = fillPeriods(data, f.by);
  const W = 900, H = 400, M = { top: 56, right: 20, bottom: 40, left: 45 };
  const x = d3.scaleBand().domain(data.map((d) => d.period)).range([M.left, W - M.right]).padding(0.15);
  const y = d3.scaleLinear().domain([0, d3.max(data, (d) => d.events)]).nice().range([H - M.bottom, M.top]);
  const svg = d3.create("svg").attr("viewBox", `0 0 ${W} ${H}`).attr("role", "img");
  svg.append("text").attr("x", M.left).attr("y", 18).text(`${f.source} → ${f.target}: events per ${f.by}`);
  const stack = d3.stack().keys(QUADS.map((q) => q[0]))(data);
  svg.append("g").selectAll("g").data(stack).join("g").attr("class", (s, i) => QUADS[i][1])
    .selectAll("rect").data((s) => s).join("rect")
    .attr("x", (d) => x(d.data.period)).attr("width", x.bandwidth())
    .attr("y", (d) => y(d[1])).attr("height", (d) => y(d[0]) - y(d[1]))
    .append("title").text((d) => `${d.data.period}: ${d.data.events} events, Goldstein ${d.data.goldstein_sum}`);
  const ticks = x.domain().filter((d, i, all) => all.length <= 12 || i % Math.ceil(all.length / 12) === 0);
  svg.append("g").attr("transform", `translate(0,${H - M.bottom})`).call(d3.axisBottom(x).tickValues(ticks));
  const most = d3.max(data, (d) => d.events);
  svg.append("g").attr("transform", `translate(${M.left},0)`)
    .call(d3.axisLeft(y).ticks(Math.min(5, most)).tickFormat(d3.format("d")));
  svg.append("text").attr("class", "axis-label").attr("x", 4).attr("y", M.top - 8).text("events");
  const legend = svg.append("g").attr("class", "legend-row").attr("transform", `translate(${M.left + 60},28)`);
  QUADS.forEach(([, cls, label], i) => {
    legend.append("rect").attr("class", cls).attr("x", i * 170).attr("width", 12).attr("height", 12);
    legend.append("text").attr("x", i * 170 + 16).attr("y", 10).text(label);
  });
  box.replaceChildren(svg.node());
  status(`${data.length} periods`);
}

async function drawNetwork(ev) {
  if (ev) ev.preventDefault();
  const box = $("#network-chart");
  let edges;
  try {
    edges = await api("/api/network", formParams($("#network-form")));
  } catch (err) {
    return status(err.message, true);
  }
  if (!edges.length) return emptyChart(box, "no country-to-country events");
  const W = 900, H = 520;
  const nodes = [...new Set(edges.flatMap((e) => [e.source, e.target]))].map((id) => ({ id }));
  const links = edges.map((e) => ({ ...e }));
  const width = d3.scaleLinear().domain([1, d3.max(edges, (e) => e.weight)]).range([1, 8]);
  const svg = d3.create("svg").attr("viewBox", `0 0 ${W} ${H}`).attr("role", "img");
  svg.append("text").attr("x", 10).attr("y", 18).text("Country-to-country events (line width: count)");
  const link = svg.append("g").selectAll("line").data(links).join("line").attr("class", "link")
    .attr("stroke-width", (d) => width(d.weight));
  link.append("title").text((d) => `${d.source} → ${d.target}: ${d.weight}`);
  const node = svg.append("g").selectAll("g").data(nodes).join("g").attr("class", "node");
  node.append("circle").attr("r", 7);
  node.append("text").attr("x", 9).attr("y", 4).text((d) => d.id);
  const sim = d3.forceSimulation(nodes).force("link", d3.forceLink(links).id((d) => d.id).distance(90))
    .force("charge", d3.forceManyBody().strength(-250)).force("center", d3.forceCenter(W / 2, H / 2))
    .force("x", d3.forceX(W / 2).strength(0.08)).force("y", d3.forceY(H / 2).strength(0.12)).stop();
  for (let i = 0; i < 300; i++) sim.tick();  // laid out at once: the picture does not move under the reader
  for (const n of nodes) {  // separate groups of countries stay inside the frame
    n.x = Math.max(20, Math.min(W - 50, n.x));
    n.y = Math.max(36, Math.min(H - 16, n.y));
  }
  link.attr("x1", (d) => d.source.x).attr("y1", (d) => d.source.y).attr("x2", (d) => d.target.x).attr("y2", (d) => d.target.y);
  node.attr("transform", (d) => `translate(${d.x},${d.y})`);
  box.replaceChildren(svg.node());
  status(`${nodes.length} countries, ${edges.length} edges`);
}

async function drawMap() {
  const box = $("#map-chart");
  try {
    const [world, places] = await Promise.all([fetch("/static/vendor/countries-110m.json").then((r) => r.json()),
      api("/api/places", { limit: 1000 })]);
    const W = 960, H = 500;
    const projection = d3.geoNaturalEarth1().fitSize([W, H], { type: "Sphere" });
    const path = d3.geoPath(projection);
    const svg = d3.create("svg").attr("viewBox", `0 0 ${W} ${H}`).attr("role", "img");
    svg.append("g").selectAll("path").data(topojson.feature(world, world.objects.countries).features)
      .join("path").attr("class", "land").attr("d", path);
    const r = d3.scaleSqrt().domain([1, d3.max(places, (p) => p.events) || 1]).range([3, 14]);
    svg.append("g").selectAll("circle").data(places).join("circle").attr("class", "dot")
      .attr("cx", (p) => projection([p.lon, p.lat])[0]).attr("cy", (p) => projection([p.lon, p.lat])[1])
      .attr("r", (p) => r(p.events)).append("title").text((p) => `${p.name}: ${p.events} events`);
    box.replaceChildren(svg.node());
    state.mapDrawn = true;
    status(`${places.length} places`);
  } catch (err) {
    status(err.message, true);
  }
}

// -- wiring ------------------------------------------------------------------------------------
document.addEventListener("DOMContentLoaded", () => {
  const types = $("#event-filters select[name=type]");
  for (const t of PLOVER) types.append(el("option", t));
  document.querySelectorAll("#tabs button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));
  $("#event-filters").addEventListener("submit", (ev) => { ev.preventDefault(); state.offset = 0; loadEvents(); });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadEvents(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; loadEvents(); });
  $("#article-search").addEventListener("submit", searchArticles);
  $("#dyad-form").addEventListener("submit", drawDyad);
  $("#network-form").addEventListener("submit", drawNetwork);
  loadEvents();
  searchArticles();
});
