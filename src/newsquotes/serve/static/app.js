// The search page: plain DOM calls over the JSON API. Text from articles is only ever put in
// the page as text (textContent), never as HTML, so a quote cannot inject markup.
"use strict";

const PAGE = 50;
const $ = (id) => document.getElementById(id);
let lastParams = null;
let nextOffset = null;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child == null) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

async function api(path, options) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch (_) { /* not JSON */ }
  if (!response.ok) {
    throw new Error((body && body.error) || `${response.status} ${response.statusText}`);
  }
  return body;
}

function showError(id, error) {
  const node = $(id);
  node.textContent = error ? String(error.message || error) : "";
  node.hidden = !error;
}

function squash(text) { return (text || "").replace(/\s+/g, " ").trim(); }

// -- tabs ------------------------------------------------------------------------------------

function showTab(name) {
  for (const link of document.querySelectorAll("nav a[data-tab]")) {
    link.classList.toggle("active", link.dataset.tab === name);
  }
  for (const tab of document.querySelectorAll(".tab")) tab.hidden = tab.id !== `tab-${name}`;
}

// -- highlighting ----------------------------------------------------------------------------

// Article text with the quotes, cues and speaker mentions marked. Marks may overlap (a speaker
// inside a mixed quote); per character the speaker wins over the cue, the cue over the quote.
// Offsets from the API count code points (Python), so the text is split into code points, not
// UTF-16 units, or every mark after an emoji would be shifted.
function highlighted(text, quotes) {
  const chars = Array.from(text);
  const rank = { quote: 1, cue: 2, speaker: 3 };
  const label = new Uint8Array(chars.length);
  const put = (start, end, kind) => {
    for (let i = Math.max(0, start); i < Math.min(end, chars.length); i++) {
      if (label[i] < rank[kind]) label[i] = rank[kind];
    }
  };
  for (const q of quotes) {
    for (const [start, end] of q.spans) put(start, end, "quote");
    if (q.cue) put(q.cue.start, q.cue.end, "cue");
    if (q.speaker) put(q.speaker.start, q.speaker.end, "speaker");
  }
  const names = ["", "quote", "cue", "speaker"];
  const out = el("div", { class: "article-text" });
  let start = 0;
  for (let i = 1; i <= chars.length; i++) {
    if (i === chars.length || label[i] !== label[start]) {
      const piece = chars.slice(start, i).join("");
      out.append(label[start] ? el("mark", { class: names[label[start]] }, piece) : piece);
      start = i;
    }
  }
  return out;
}

// -- search ----------------------------------------------------------------------------------

function speakerButton(name, idOrName) {
  return el("button", { class: "link", type: "button", onclick: () => showSpeaker(idOrName) }, name);
}

function quoteRow(hit) {
  const who = hit.speaker || hit.speaker_name;
  return el("tr", {},
    el("td", {}, who ? speakerButton(who, hit.speaker_id != null ? hit.speaker_id : who)
                     : el("span", { class: "muted" }, "(unknown)")),
    el("td", {}, squash(hit.text), " ",
      el("button", { class: "link muted", type: "button", title: "Show the article",
                     onclick: () => showArticle(hit.article_id) }, "↗")),
    el("td", {}, hit.outlet || ""),
    el("td", { class: "date" }, (hit.published || "").slice(0, 10)));
}

async function search(append) {
  // "More" pages through the search that is shown, even if the form was edited since.
  let params;
  if (append && lastParams) {
    params = new URLSearchParams(lastParams);
    params.set("offset", nextOffset);
  } else {
    params = new URLSearchParams();
    const form = new FormData($("search-form"));
    for (const [key, value] of form.entries()) if (String(value).trim()) params.set(key, value);
    params.set("limit", PAGE);
  }
  const body = $("results").tBodies[0];
  try {
    const page = await api(`/api/quotes?${params}`);
    showError("search-error", null);
    if (!append) body.replaceChildren();
    for (const hit of page.quotes) body.append(quoteRow(hit));
    nextOffset = page.next_offset;
    $("more").hidden = !page.has_more;
    const shown = body.rows.length;
    $("results-note").textContent = shown ? `${shown} quotes${page.has_more ? " so far" : ""}`
                                          : "No quotes match.";
    if (!append) {
      lastParams = params.toString();
      // The address bar holds the search, so a result list can be shared or reloaded.
      const shared = new URLSearchParams(params);
      shared.delete("limit");
      history.replaceState(null, "", `${location.pathname}?${shared}${location.hash}`);
    }
  } catch (error) {
    showError("search-error", error);
  }
}

// -- speakers --------------------------------------------------------------------------------

async function loadSpeakers() {
  const list = $("speakers");
  try {
    const { speakers } = await api("/api/speakers?top=50");
    const outlets = new Set();
    list.replaceChildren(...speakers.map((s) => {
      s.outlets.forEach((o) => outlets.add(o));
      return el("li", {}, speakerButton(s.name, s.id),
        el("span", { class: "muted" }, ` ${s.quotes} quote${s.quotes === 1 ? "" : "s"}`));
    }));
    if (!speakers.length) list.replaceChildren(el("li", { class: "muted" }, "no speakers yet"));
    $("outlets").replaceChildren(...[...outlets].sort().map((o) => el("option", { value: o })));
  } catch (error) {
    list.replaceChildren(el("li", { class: "error" }, error.message));
  }
}

function keyValues(obj) {
  return Object.entries(obj).map(([k, v]) => `${k} (${v})`).join(", ");
}

async function showSpeaker(nameOrId) {
  const panel = $("profile");
  panel.hidden = false;
  panel.replaceChildren(el("p", { class: "muted" }, "loading…"));
  try {
    const p = await api(`/api/speakers/${encodeURIComponent(nameOrId)}`);
    const described = [...new Set(p.descriptions.map((d) => d.description).filter(Boolean))];
    const roles = [...new Set(p.descriptions.flatMap((d) => d.roles.concat(d.organizations)))];
    panel.replaceChildren(
      el("h2", {}, p.name, el("span", { class: "muted" }, ` · ${p.kind} · speaker ${p.id}`)),
      p.aliases.length ? el("p", {}, "Also called: ", p.aliases.join(", ")) : null,
      roles.length ? el("p", {}, "Roles: ", roles.join(", ")) : null,
      described.length ? el("p", {}, "Described as: ", described.join("; ")) : null,
      el("p", {}, `${p.quotes.length} quotes. Outlets: `, keyValues(p.outlets) || "-"),
      el("p", {}, "By month: ", keyValues(p.timeline) || "-"),
      el("table", {},
        el("thead", {}, el("tr", {}, el("th", {}, "Date"), el("th", {}, "Outlet"),
                                     el("th", {}, "Quote"))),
        el("tbody", {}, ...p.quotes.map((q) => el("tr", {},
          el("td", { class: "date" }, (q.published || "").slice(0, 10)),
          el("td", {}, q.outlet || ""),
          el("td", {}, squash(q.text)))))),
      el("p", {}, el("button", { class: "link", type: "button", onclick: () => {
        $("speaker").value = p.name; search(false);
      } }, "Search only this speaker's quotes")));
    panel.scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (error) {
    panel.replaceChildren(el("p", { class: "error" }, error.message));
  }
}

async function showArticle(id) {
  const panel = $("article");
  panel.hidden = false;
  try {
    const a = await api(`/api/articles/${encodeURIComponent(id)}`);
    panel.replaceChildren(
      el("h2", {}, a.title || a.id),
      el("p", { class: "muted" }, [a.outlet, a.published, a.url].filter(Boolean).join(" · ")),
      highlighted(a.text, a.quotes));
    panel.scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (error) {
    panel.replaceChildren(el("p", { class: "error" }, error.message));
  }
}

// -- try it ----------------------------------------------------------------------------------

async function tryIt(event) {
  event.preventDefault();
  const status = $("try-status");
  status.textContent = "finding quotes (the first time loads the language model)…";
  try {
    const article = await api("/api/extract", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: $("try-text").value }),
    });
    showError("try-error", null);
    $("try-text-out").replaceWith(Object.assign(highlighted(article.text, article.quotes),
                                                { id: "try-text-out" }));
    $("try-quotes").tBodies[0].replaceChildren(...article.quotes.map((q) => el("tr", {},
      el("td", {}, q.speaker_name || el("span", { class: "muted" }, "(unknown)")),
      el("td", {}, q.type),
      el("td", {}, squash(q.text)))));
    $("try-result").hidden = false;
    status.textContent = `${article.quotes.length} quote${article.quotes.length === 1 ? "" : "s"}`;
  } catch (error) {
    status.textContent = "";
    showError("try-error", error);
  }
}

// -- start -----------------------------------------------------------------------------------

async function loadStats() {
  try {
    const s = await api("/api/stats");
    $("stats").textContent = `${s.quotes} quotes by ${s.speakers} speakers in ${s.articles} ` +
      `articles from ${s.outlets} outlets`;
  } catch (error) {
    $("stats").textContent = error.message;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const link of document.querySelectorAll("nav a[data-tab]")) {
    link.addEventListener("click", () => showTab(link.dataset.tab));
  }
  showTab(location.hash === "#try" ? "try" : "search");
  // ?q=belarus&speaker=Umarov fills the search form.
  for (const [key, value] of new URLSearchParams(location.search)) {
    const field = $("search-form").elements.namedItem(key);
    if (field) field.value = value;
  }
  $("search-form").addEventListener("submit", (event) => { event.preventDefault(); search(false); });
  $("more").addEventListener("click", () => search(true));
  $("try-form").addEventListener("submit", tryIt);
  loadStats();
  loadSpeakers();
  search(false);
});
