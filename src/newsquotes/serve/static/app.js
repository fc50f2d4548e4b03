// newsquotes web page: search, dashboard, speaker and article views over /api/v1.
// Plain JavaScript, no build step, nothing from other sites. Every string from the corpus is
// put into the page as text (textContent / createTextNode), never parsed as HTML; charts are
// SVG drawn here.
"use strict";

const API = "/api/v1";
const PAGE = 20;
const SPEAKER_COLOURS = 8;
const SVG_NS = "http://www.w3.org/2000/svg";
const QUOTE_TYPES = ["direct", "mixed", "indirect"];
const ACTS = ["speech", "thought", "all"];
const CHART_ROW = 30;
const COLUMN_CHART_HEIGHT = 140;
const MAX_COLUMNS = 400; // most bars one time chart draws
const CHART_LABEL_CHARS = 34; // a label longer than this is cut (the full one is in the tooltip)

// -- building the page safely ---------------------------------------------------------------

const SAFE_ATTRIBUTES = /^(class|id|href|type|name|value|placeholder|for|role|tabindex|title|lang|list|rows|min|max|size|autocomplete|inputmode|data-[a-z-]+|aria-[a-z]+)$/;

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined && !key.startsWith("on")) el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function setAttributes(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (!SAFE_ATTRIBUTES.test(key)) throw new Error("attribute not allowed: " + key);
    if (key === "href" && !/^(\/|#|\?)/.test(String(value))) throw new Error("only local links");
    el.setAttribute(key, value === true ? "" : String(value));
  }
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function fill(el, ...children) {
  // replaceChildren would write a missing child as the text "null"; absent parts are skipped.
  el.replaceChildren();
  append(el, children);
}

function link(href, ...children) {
  const a = h("a", { href }, ...children);
  a.dataset.nav = "";
  return a;
}

function joined(values) {
  // Never "nullnullnull": only values that are there, separated.
  return (values || []).filter((v) => v !== null && v !== undefined && String(v).trim() !== "").join(", ");
}

function tags(values) {
  const present = (values || []).filter((v) => v && String(v).trim());
  if (!present.length) return h("span", { class: "muted" }, "none known");
  return h("ul", { class: "tags" }, present.map((v) => h("li", null, v)));
}

function plural(n, word) {
  return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s");
}

// -- talking to the API ---------------------------------------------------------------------

async function api(path, params, options) {
  const url = new URL(API + path, location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(key, v));
    else if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  const reply = await fetch(url, options);
  let body = null;
  try {
    body = await reply.json();
  } catch (_) {
    body = null;
  }
  if (!reply.ok) throw new Error((body && body.error) || reply.status + " " + reply.statusText);
  return body;
}

// -- routing: every view has its own URL -------------------------------------------------------

const app = document.getElementById("app");
let renderCount = 0;

function go(url) {
  history.pushState(null, "", url);
  route();
}

document.addEventListener("click", (event) => {
  const a = event.target.closest("a[data-nav]");
  if (!a || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  go(a.getAttribute("href"));
});
window.addEventListener("popstate", route);

function markNav(view) {
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

async function route() {
  const ticket = ++renderCount;
  const path = location.pathname;
  const show = (view, title, ...content) => {
    if (ticket !== renderCount) return false; // a newer view was asked for meanwhile
    markNav(view);
    document.title = title + " · newsquotes";
    fill(app, ...content);
    return true;
  };
  let match;
  try {
    if ((match = path.match(/^\/speakers\/([^/]+)$/))) await speakerView(match[1], show);
    else if ((match = path.match(/^\/articles\/([^/]+)$/))) await articleView(match[1], show);
    else if (path === "/dashboard") await dashboardView(show);
    else if (path === "/try") tryView(show);
    else await searchView(show);
  } catch (err) {
    show("", "Error", h("h1", null, "Something went wrong"), h("p", { class: "error", role: "alert" }, err.message));
  }
}

async function loadStats() {
  try {
    const stats = await api("/stats");
    document.getElementById("stats").textContent =
      plural(stats.articles, "article") + " · " + plural(stats.quotes, "quote") + " · " + plural(stats.speakers, "speaker");
    const list = h("datalist", { id: "outlet-names" }, stats.outlet_names.map((name) => h("option", { value: name })));
    document.body.appendChild(list);
  } catch (err) {
    document.getElementById("stats").textContent = err.message;
  }
}

// -- search ---------------------------------------------------------------------------------

const FILTERS = ["q", "speaker", "outlet", "since", "until", "type", "act", "sort"];
const DEFAULTS = { act: "speech", sort: "newest" }; // left out of the address

function field(label, name, value, attrs) {
  return h("label", null, label, h("input", { name, value: value || "", ...attrs }));
}

function choice(label, name, value, options) {
  const select = h("select", { name }, options.map(([v, text]) => h("option", { value: v }, text)));
  select.value = value || options[0][0];
  return h("label", null, label, select);
}

function searchForm(params) {
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Search quotes" },
    h("label", { class: "wide" }, 'Words, "phrases", word*, AND / OR / NOT',
      h("input", { name: "q", type: "search", value: params.get("q") || "", placeholder: 'harbour OR "ferry fares"' })),
    field("Speaker", "speaker", params.get("speaker"), { placeholder: "name or surname" }),
    field("Outlet", "outlet", params.get("outlet"), { list: "outlet-names" }),
    field("Since", "since", params.get("since"), { placeholder: "YYYY-MM-DD", inputmode: "numeric" }),
    field("Until", "until", params.get("until"), { placeholder: "YYYY-MM-DD", inputmode: "numeric" }),
    choice("Type", "type", params.get("type"), [["", "any type"], ...QUOTE_TYPES.map((t) => [t, t])]),
    choice("Act", "act", params.get("act"), ACTS.map((a) => [a, a === "all" ? "speech and thought" : a])),
    choice("Order", "sort", params.get("sort"), [["newest", "newest first"], ["relevance", "best match first"]]),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Search"))
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = form.elements[name].value.trim();
      if (value && DEFAULTS[name] !== value) next.set(name, value);
    }
    go("/" + (next.toString() ? "?" + next : ""));
  });
  return form;
}

function highlighted(text, highlights) {
  const parts = [];
  let at = 0;
  for (const [start, end] of highlights || []) {
    if (start < at) continue;
    parts.push(text.slice(at, start), h("mark", { class: "hl" }, text.slice(start, end)));
    at = end;
  }
  parts.push(text.slice(at));
  return parts;
}

function hitItem(hit) {
  const q = hit.quote;
  const who = hit.speaker
    ? link("/speakers/" + hit.speaker.id, hit.speaker.name)
    : h("span", null, q.speaker_name || "unknown speaker");
  const article = hit.article;
  return h(
    "li",
    { class: "hit" },
    h("blockquote", null, highlighted(q.text, hit.highlights)),
    h(
      "div",
      { class: "meta" },
      h("span", null, "— ", who),
      link("/articles/" + article.id + "#quote-" + encodeURIComponent(q.id), article.title || article.doc_id),
      h("span", null, joined([article.outlet, article.published && article.published.slice(0, 10)])),
      h("span", null, joined([q.type, q.act]))
    )
  );
}

function pager(total, offset, limit, hrefFor) {
  const nav = h("nav", { class: "pager", "aria-label": "Pages" });
  const last = Math.min(offset + limit, total);
  nav.append(h("span", { class: "total" }, total ? `${offset + 1}–${last} of ${plural(total, "quote")}` : "no quotes"));
  if (offset > 0) nav.append(link(hrefFor(Math.max(0, offset - limit)), "‹ Previous"));
  if (last < total) nav.append(link(hrefFor(offset + limit), "Next ›"));
  return nav;
}

async function searchView(show) {
  const params = new URLSearchParams(location.search);
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const form = searchForm(params);
  const results = h("section", { "aria-live": "polite", "aria-label": "Results" }, h("p", { class: "muted" }, "Searching…"));
  show("search", params.get("q") ? "Search: " + params.get("q") : "Search", h("h1", null, "Search quotes"), form, results);
  const query = { limit: PAGE, offset };
  for (const name of FILTERS) if (params.get(name)) query[name] = params.get(name);
  let page;
  try {
    page = await api("/quotes", query);
  } catch (err) {
    // The old results are gone: only the error stays, so nothing stale looks like an answer.
    fill(results, h("p", { class: "error", role: "alert" }, "Cannot search: " + err.message));
    return;
  }
  const hrefFor = (o) => {
    const next = new URLSearchParams(params);
    if (o) next.set("offset", o);
    else next.delete("offset");
    return "/?" + next;
  };
  fill(results, 
    pager(page.total, offset, PAGE, hrefFor),
    h("ol", { class: "hits" }, page.quotes.map(hitItem)),
    page.total > PAGE ? pager(page.total, offset, PAGE, hrefFor) : null
  );
}

// -- charts (SVG, drawn here) -------------------------------------------------------------------

function shortened(label) {
  const text = String(label);
  return text.length > CHART_LABEL_CHARS ? text.slice(0, CHART_LABEL_CHARS - 1) + "…" : text;
}

function barChart(title, rows, hrefOf) {
  // Horizontal bars: label above each bar, count at the right; widths in % so it fits any width.
  if (!rows.length) return h("p", { class: "chart-empty" }, "nothing yet");
  const max = Math.max(...rows.map((r) => r.quotes));
  const total = rows.reduce((sum, r) => sum + r.quotes, 0);
  const svg = s("svg", { class: "chart", height: rows.length * CHART_ROW + 4, role: "img", "aria-label": title });
  svg.append(s("title", null, title));
  rows.forEach((row, i) => {
    const y = i * CHART_ROW;
    const share = Math.round((100 * row.quotes) / total);
    const group = s("g", null,
      s("title", null, `${row.label}: ${plural(row.quotes, "quote")} (${share}%)`),
      s("text", { x: 0, y: y + 12 }, shortened(row.label)),
      s("text", { x: "100%", y: y + 12, "text-anchor": "end", class: "small" }, `${row.quotes} · ${share}%`),
      s("rect", { class: "bar", x: 0, y: y + 16, height: 9, rx: 2, width: Math.max(0.5, (100 * row.quotes) / max) + "%" })
    );
    const href = hrefOf ? hrefOf(row) : null;
    if (href) {
      const a = s("a", { href, "data-nav": "" }, group);
      svg.append(a);
    } else svg.append(group);
  });
  return svg;
}

function withGaps(rows, step) {
  // Every day, week or month between the first and last, zeros included, so time reads true.
  if (rows.length < 2) return rows;
  const counts = new Map(rows.map((r) => [r.label, r.quotes]));
  const monthly = step === "month";
  const toLabel = (d) => d.toISOString().slice(0, monthly ? 7 : 10);
  const date = new Date(rows[0].label + (monthly ? "-01" : "") + "T00:00:00Z");
  const last = rows[rows.length - 1].label;
  const out = [];
  while (out.length < MAX_COLUMNS) {
    const label = toLabel(date);
    out.push({ label, quotes: counts.get(label) || 0 });
    if (label >= last) return out;
    if (monthly) date.setUTCMonth(date.getUTCMonth() + 1);
    else date.setUTCDate(date.getUTCDate() + (step === "week" ? 7 : 1));
  }
  return rows; // too long a span to draw every period: only those with quotes
}

function columnChart(title, rows) {
  // Vertical bars over time (one per day, week or month), with the first and last label and
  // the highest count written out; each bar has its own tooltip.
  if (!rows.length) return h("p", { class: "chart-empty" }, "no dated quotes");
  const max = Math.max(...rows.map((r) => r.quotes));
  const top = 16;
  const base = COLUMN_CHART_HEIGHT - 18;
  const svg = s("svg", { class: "chart", height: COLUMN_CHART_HEIGHT, role: "img", "aria-label": title });
  svg.append(s("title", null, title));
  svg.append(s("text", { x: 0, y: 11, class: "small" }, "max " + max));
  svg.append(s("line", { class: "axis", x1: 0, x2: "100%", y1: base + 0.5, y2: base + 0.5 }));
  const width = 100 / rows.length;
  rows.forEach((row, i) => {
    const height = row.quotes ? Math.max(1, ((base - top) * row.quotes) / max) : 0;
    svg.append(s("rect", {
      class: "bar",
      x: i * width + width * 0.1 + "%",
      width: Math.max(width * 0.8, 0.2) + "%",
      y: base - height,
      height,
    }, s("title", null, `${row.label}: ${plural(row.quotes, "quote")}`)));
  });
  svg.append(s("text", { x: 0, y: COLUMN_CHART_HEIGHT - 3, class: "small" }, rows[0].label));
  if (rows.length > 1) {
    svg.append(s("text", { x: "100%", y: COLUMN_CHART_HEIGHT - 3, "text-anchor": "end", class: "small" }, rows[rows.length - 1].label));
  }
  return svg;
}

function chartCard(title, chart) {
  return h("section", { class: "card" }, h("h2", null, title), chart);
}

// -- dashboard -------------------------------------------------------------------------------

async function dashboardView(show) {
  const params = new URLSearchParams(location.search);
  const act = params.get("act") || "speech";
  const board = await api("/dashboard", { act });
  const acts = h("div", { class: "actions", role: "group", "aria-label": "Which quotes" },
    ACTS.map((a) => link("/dashboard" + (a === "speech" ? "" : "?act=" + a), a === act ? h("strong", null, a) : a)));
  const outletHref = (row) => (row.label === "unknown" ? null : "/?outlet=" + encodeURIComponent(row.label) + (act === "speech" ? "" : "&act=" + act));
  show(
    "dashboard",
    "Dashboard",
    h("h1", null, "Who gets quoted, where and when"),
    h("p", { class: "muted" }, plural(board.quotes, "quote") + " (" + (board.act || "speech and thought") + ") · ", acts),
    h("div", { class: "grid" },
      chartCard("Top speakers", barChart("Top speakers by quotes", board.top_speakers, (row) => "/speakers/" + row.id)),
      chartCard("Quotes per day", columnChart("Quotes per day", withGaps(board.per_day, "day"))),
      chartCard("Share of quotes by outlet", barChart("Quotes by outlet", board.outlets, outletHref)),
      chartCard("Speaker kinds", barChart("Quotes by kind of speaker", board.speaker_kinds)),
      chartCard("Most quoted organisations", barChart("Quotes by organisation", board.organizations))
    )
  );
}

// -- speaker ---------------------------------------------------------------------------------

async function speakerView(id, show) {
  const params = new URLSearchParams(location.search);
  const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  const sp = await api("/speakers/" + encodeURIComponent(id));
  const quotes = await api("/quotes", { speaker_id: sp.id, act: "all", limit: PAGE, offset });
  let period = params.get("by") === "week" ? "week" : "month";
  const chartBox = h("div");
  const toggles = ["month", "week"].map((p) => {
    const b = h("button", { type: "button", class: "plain", "aria-pressed": String(p === period) }, "per " + p);
    b.addEventListener("click", () => {
      period = p;
      toggles.forEach((t) => t.setAttribute("aria-pressed", String(t.textContent === "per " + p)));
      drawTimeline();
    });
    return b;
  });
  const drawTimeline = () => fill(chartBox, 
    columnChart(`Quotes by ${sp.name} per ${period}`, withGaps(period === "week" ? sp.per_week : sp.per_month, period)));
  drawTimeline();
  const hrefFor = (o) => "/speakers/" + sp.id + (o ? "?offset=" + o : "");
  show(
    "",
    sp.name,
    h("h1", null, sp.name),
    h("section", { class: "card" },
      h("dl", { class: "facts" },
        h("dt", null, "kind"), h("dd", null, sp.kind),
        h("dt", null, "quoted"), h("dd", null, plural(sp.quotes, "time") + " in " + plural(sp.articles, "article") +
          (sp.first_published ? ", " + joined([sp.first_published.slice(0, 10), sp.last_published && sp.last_published.slice(0, 10)]).replace(", ", " to ") : "")),
        h("dt", null, "also called"), h("dd", null, tags(sp.aliases)),
        h("dt", null, "roles"), h("dd", null, tags(sp.roles)),
        h("dt", null, "organisations"), h("dd", null, tags(sp.organizations)),
        h("dt", null, "described as"), h("dd", null, tags(sp.descriptions)),
        h("dt", null, "one identity because"), h("dd", null, tags(sp.evidence))
      )
    ),
    h("div", { class: "grid" },
      h("section", { class: "card" }, h("h2", null, "Quotes over time"), h("div", { class: "actions" }, toggles), chartBox),
      chartCard("Outlets that quote " + sp.name, barChart("Quotes by outlet", sp.outlets,
        (row) => (row.label === "unknown" ? null : "/?speaker=" + encodeURIComponent(sp.name) + "&outlet=" + encodeURIComponent(row.label) + "&act=all")))
    ),
    h("h2", null, "Every quote"),
    pager(quotes.total, offset, PAGE, hrefFor),
    h("ol", { class: "hits" }, quotes.quotes.map(hitItem)),
    quotes.total > PAGE ? pager(quotes.total, offset, PAGE, hrefFor) : null,
    identityTools(sp)
  );
}

let rememberedToken = "";

function identityTools(sp) {
  // Merging and splitting change the corpus, so they need the server's token.
  const status = h("p", { role: "status", "aria-live": "polite" });
  const token = h("input", { name: "token", type: "password", autocomplete: "off" });
  token.value = rememberedToken; // kept in this page's memory only, never stored
  const other = h("input", { name: "other", inputmode: "numeric", placeholder: "speaker id" });
  const articles = h("input", { name: "articles", placeholder: "article ids, e.g. 12, 40" });
  const names = h("input", { name: "names", placeholder: "names, e.g. J. Novak; Novak" });
  const send = async (path, params) => {
    rememberedToken = token.value;
    status.className = "";
    status.textContent = "Working…";
    try {
      const result = await api(path, params, { method: "POST", headers: { Authorization: "Bearer " + token.value } });
      status.textContent = "Done: " + JSON.stringify(result);
      setTimeout(() => go("/speakers/" + result.speaker), 600);
    } catch (err) {
      status.className = "error";
      status.textContent = err.message;
    }
  };
  const merge = h("form", { class: "filters" }, h("label", null, "Merge speaker (id) into this one", other),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Merge")));
  merge.addEventListener("submit", (e) => { e.preventDefault(); send(`/speakers/${sp.id}/merge`, { other: other.value.trim() }); });
  const split = h("form", { class: "filters" },
    h("label", null, "Names that are someone else", names),
    h("label", null, "…or articles where it is someone else", articles),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Split")));
  split.addEventListener("submit", (e) => {
    e.preventDefault();
    send(`/speakers/${sp.id}/split`, {
      name: names.value.split(";").map((n) => n.trim()).filter(Boolean),
      article: articles.value.split(/[\s,]+/).filter(Boolean),
    });
  });
  return h("details", { class: "card" }, h("summary", null, "Merge or split this identity (needs the server's token)"),
    h("label", null, "Token", token), merge, split, status);
}

// -- article ---------------------------------------------------------------------------------

function colourClass(index) {
  return index === undefined ? "spx" : "sp" + (index % SPEAKER_COLOURS);
}

function describeQuote(q, article, globalSpeaker) {
  const local = article.speakers.find((sp) => sp.id === q.speaker_id);
  const who = globalSpeaker ? globalSpeaker.name : q.speaker_name || "unknown";
  return [
    ["speaker", who],
    ["resolved by", q.resolved_by || "not recorded"],
    ["description", (local && local.description) || "none"],
    ["type", q.type],
    ["act", q.act],
    ["confidence", Math.round(q.confidence * 100) + "%"],
    ["mention", q.speaker ? q.speaker.text : "none"],
    ["cue", q.cue ? q.cue.text : "none"],
  ];
}

function renderArticle(article, speakerOf) {
  // speakerOf(quote) -> {id?, name, kind} or null. Returns the marked-up text, the legend,
  // the quote list and the info box that hover and focus fill in.
  const text = article.text;
  const colourOf = new Map();
  const keyOf = (q) => {
    const sp = speakerOf(q);
    return sp && sp.id !== undefined ? "g" + sp.id : "l" + (q.speaker_id || q.speaker_name || q.id);
  };
  for (const q of [...article.quotes].sort((a, b) => a.spans[0][0] - b.spans[0][0])) {
    const key = keyOf(q);
    if ((q.speaker_id || q.speaker_name) && !colourOf.has(key)) colourOf.set(key, colourOf.size);
  }
  const marks = [];
  article.regions.forEach((r) => marks.push({ start: r.start, end: r.end, region: r.kind }));
  article.quotes.forEach((q, i) => {
    q.spans.forEach(([start, end], part) => marks.push({ start, end, quote: i, first: part === 0 }));
    if (q.cue) marks.push({ start: q.cue.start, end: q.cue.end, cue: i });
    if (q.speaker) marks.push({ start: q.speaker.start, end: q.speaker.end, mention: i });
  });
  const cuts = new Set([0, text.length]);
  marks.forEach((m) => { cuts.add(Math.max(0, Math.min(text.length, m.start))); cuts.add(Math.max(0, Math.min(text.length, m.end))); });
  const points = [...cuts].sort((a, b) => a - b);
  const info = h("div", { class: "info", role: "status", "aria-live": "polite" }, "Point at or tab to a quote to see who said it and how that was found.");
  const segmentsOf = new Map();
  const showInfo = (i) => {
    const q = article.quotes[i];
    const facts = describeQuote(q, article, speakerOf(q));
    fill(info, h("ul", { class: "inline-facts" }, facts.map(([k, v]) => h("li", null, h("span", { class: "muted" }, k + ": "), v))));
    document.querySelectorAll(".quote.active").forEach((el) => el.classList.remove("active"));
    (segmentsOf.get(i) || []).forEach((el) => el.classList.add("active"));
  };
  const body = h("div", { class: "article-text" });
  const seenQuote = new Set();
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k];
    const end = points[k + 1];
    const covering = marks.filter((m) => m.start <= start && end <= m.end);
    let node = document.createTextNode(text.slice(start, end));
    const mention = covering.find((m) => m.mention !== undefined);
    const cue = covering.find((m) => m.cue !== undefined);
    const quote = covering.find((m) => m.quote !== undefined);
    const region = covering.find((m) => m.region !== undefined);
    if (mention) {
      const q = article.quotes[mention.mention];
      const sp = speakerOf(q);
      const cls = "mention " + colourClass(colourOf.get(keyOf(q)));
      node = sp && sp.id !== undefined
        ? h("a", { class: cls, href: "/speakers/" + sp.id, "data-nav": "", title: "speaker: " + sp.name }, node)
        : h("span", { class: cls, title: "speaker: " + (q.speaker_name || "unknown") }, node);
    }
    if (cue) node = h("span", { class: "cue", title: "cue" }, node);
    if (quote) {
      const q = article.quotes[quote.quote];
      const sp = speakerOf(q);
      const first = !seenQuote.has(quote.quote);
      seenQuote.add(quote.quote);
      node = h("span", {
        class: "quote " + colourClass(colourOf.get(keyOf(q))),
        tabindex: first ? 0 : null,
        id: first ? "quote-" + q.id : null,
        "data-quote": quote.quote,
        title: joined([(sp && sp.name) || q.speaker_name || "unknown speaker", q.type, q.act]),
      }, node);
      if (!segmentsOf.has(quote.quote)) segmentsOf.set(quote.quote, []);
      segmentsOf.get(quote.quote).push(node);
    }
    if (region) node = h("span", { class: "region region-" + region.region, title: region.region }, node);
    body.appendChild(node);
  }
  body.addEventListener("mouseover", (e) => { const el = e.target.closest("[data-quote]"); if (el) showInfo(+el.dataset.quote); });
  body.addEventListener("focusin", (e) => { const el = e.target.closest("[data-quote]"); if (el) showInfo(+el.dataset.quote); });

  const legendEntries = new Map();
  article.quotes.forEach((q) => {
    const key = keyOf(q);
    if (colourOf.has(key) && !legendEntries.has(key)) {
      const sp = speakerOf(q);
      legendEntries.set(key, h("li", null, h("span", { class: "swatch " + colourClass(colourOf.get(key)), "aria-hidden": "true" }),
        sp && sp.id !== undefined ? link("/speakers/" + sp.id, sp.name) : (sp && sp.name) || q.speaker_name));
    }
  });
  const list = h("ol", { class: "quotes-list" }, article.quotes.map((q, i) => {
    const sp = speakerOf(q);
    const jump = h("a", { href: "#quote-" + q.id }, q.text.length > 90 ? q.text.slice(0, 88) + "…" : q.text);
    jump.addEventListener("click", (e) => {
      e.preventDefault();
      const target = document.getElementById("quote-" + q.id);
      if (target) { target.focus(); target.scrollIntoView({ block: "center" }); }
    });
    return h("li", null, h("span", { class: "swatch " + colourClass(colourOf.get(keyOf(q))), "aria-hidden": "true" }), jump,
      h("div", { class: "muted" }, joined([(sp && sp.name) || q.speaker_name || "unknown speaker", q.resolved_by && "resolved by " + q.resolved_by, q.type, q.act, Math.round(q.confidence * 100) + "%"])));
  }));
  const regions = article.regions.length ? h("p", { class: "muted" }, "Greyed: " + [...new Set(article.regions.map((r) => r.kind))].join(", ") + " (not article body).") : null;
  return {
    legend: h("ul", { class: "legend", "aria-label": "Speakers" }, [...legendEntries.values()]),
    body, info, list, regions, showInfo,
    focusQuote: (id) => {
      const target = document.getElementById("quote-" + id);
      if (target) { target.focus(); target.scrollIntoView({ block: "center" }); }
    },
  };
}

async function articleView(id, show) {
  const view = await api("/articles/" + encodeURIComponent(id));
  const article = view.article;
  const speakerOf = (q) => {
    const gid = view.quote_speakers[q.id];
    const sp = view.speakers[q.speaker_id];
    if (sp) return sp;
    if (gid !== undefined) return { id: gid, name: q.speaker_name || "speaker " + gid };
    return q.speaker_name ? { name: q.speaker_name } : null;
  };
  const parts = renderArticle(article, speakerOf);
  const shown = show(
    "",
    article.title || article.id,
    h("h1", null, article.title || article.id),
    h("p", { class: "muted" }, joined([article.outlet, article.published, joined(article.authors), plural(article.quotes.length, "quote")])),
    parts.legend,
    parts.regions,
    parts.info,
    parts.body,
    h("h2", null, "Quotes"),
    parts.list
  );
  const anchor = decodeURIComponent(location.hash.replace(/^#quote-/, ""));
  if (shown && anchor && location.hash.startsWith("#quote-")) {
    parts.focusQuote(anchor);
    const index = article.quotes.findIndex((q) => q.id === anchor);
    if (index >= 0) parts.showInfo(index);
  }
}

// -- try it ----------------------------------------------------------------------------------

function tryView(show) {
  const text = h("textarea", { name: "text", rows: 8, "aria-label": "Article text" });
  text.value = '"We will win," said Jana Novak, the party leader.\n\nTomas Berg, the mayor of Lindholm, said the harbour would reopen in May. "It is a good day for the town," he added.';
  const out = h("section", { "aria-live": "polite" });
  const form = h("form", null, h("label", null, "Paste a news article: its quotes and speakers are marked. Nothing is stored.", text),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Find quotes")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    fill(out, h("p", { class: "muted" }, "Working…"));
    try {
      const article = await api("/extract", null, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: text.value }),
      });
      const bySpeaker = (q) => {
        const sp = article.speakers.find((x) => x.id === q.speaker_id);
        return sp ? { name: sp.name, kind: sp.kind } : q.speaker_name ? { name: q.speaker_name } : null;
      };
      const parts = renderArticle(article, bySpeaker);
      fill(out, h("p", null, plural(article.quotes.length, "quote") + " found"), parts.legend, parts.info, parts.body, parts.list);
    } catch (err) {
      fill(out, h("p", { class: "error", role: "alert" }, err.message));
    }
  });
  show("try", "Try it", h("h1", null, "Try it"), form, out);
}

loadStats();
route();
