// The search page (/sok/): Pagefind results for ?q=…, narrowed by municipality, kind, theme and
// Agenda 2030 goal. No inline script: this module is loaded from the page with <script src>.
// Every visible text comes from the page (data-msg-* attributes, translated in the template).

const form = document.getElementById("sok");
const input = document.getElementById("sok-q");
const status = document.getElementById("sok-status");
const list = document.getElementById("sok-traffar");
const more = document.getElementById("sok-fler");
const filterBox = document.getElementById("sok-avgransa");
const selects = Array.from(form.querySelectorAll("select[data-filter]"));
const msg = form.dataset;

const PAGE_SIZE = 10;
const SECTIONS_SHOWN = 3;
const DEBOUNCE_MS = 250;
// While the reader types, Pagefind fetches the index chunk of the word so far (pagefind.preload),
// so that the search after the last key has it already. Only from this many letters: a shorter
// prefix can stem to a very common word ("förs" → "för") whose chunk alone is ~110 kB.
const PRELOAD_MIN_LETTERS = 5;

let pagefind = null;
let results = [];
let shown = 0;
let generation = 0;
let timer = null;

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));
}

function currentFilters() {
  const filters = {};
  for (const select of selects) {
    if (select.value) filters[select.dataset.filter] = select.value;
  }
  return filters;
}

// The options are written into the page at build time, so no filter index is loaded up front
// (at 290 municipalities Pagefind's filter index is ~0.5 MB); Pagefind loads the part of it that
// a chosen filter needs.
function chooseInitial(params) {
  for (const select of selects) {
    const wanted = params.get(select.name) || "";
    if (Array.from(select.options).some((option) => option.value === wanted)) select.value = wanted;
  }
}

// Pagefind's excerpts are text with <mark> around the hits; keep exactly that and nothing else.
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const out = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      out.append(node.textContent);
    } else if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(node.textContent || "");
    }
  }
  return out;
}

function resultItem(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h3");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  item.append(heading);
  const kind = [data.meta.typ, data.meta.kommun].filter(Boolean).join(" · ");
  if (kind) {
    const meta = document.createElement("p");
    meta.className = "search-kind";
    meta.textContent = kind;
    item.append(meta);
  }
  item.append(excerptParagraph(data.excerpt));
  const sections = indicatorSections(data);
  if (sections) item.append(sections);
  return item;
}

function excerptParagraph(html) {
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  excerpt.append(excerptNodes(html || ""));
  return excerpt;
}

// Indicators are no results of their own: each is a card on its goal's (or goal area's) page with
// a heading id "indikator-…", which Pagefind returns as a section of that page's result. The
// sections with hits are listed under the page, each linking to its card.
function indicatorSections(data) {
  const found = (data.sub_results || []).filter((s) => s.anchor?.id?.startsWith("indikator-"));
  if (found.length === 0) return null;
  const sections = document.createElement("ul");
  sections.className = "search-sections";
  for (const sub of found.slice(0, SECTIONS_SHOWN)) {
    const item = document.createElement("li");
    const kind = document.createElement("span");
    kind.className = "search-section-kind";
    kind.textContent = `${msg.msgIndicator}: `;
    const link = document.createElement("a");
    link.href = sub.url;
    link.textContent = sub.title;
    item.append(kind, link, excerptParagraph(sub.excerpt));
    sections.append(item);
  }
  return sections;
}

function announce(query, filtered) {
  const n = results.length;
  let text;
  if (n === 0) {
    text = query ? format(msg.msgNone, { q: query }) : msg.msgNoneFiltered;
  } else if (query) {
    text = format(n === 1 ? msg.msgOne : msg.msgMany, { n, q: query });
  } else {
    text = format(n === 1 ? msg.msgOneFiltered : msg.msgManyFiltered, { n });
  }
  if (n > shown) text += " " + format(msg.msgShown, { shown, n });
  status.textContent = text;
  status.dataset.state = n === 0 ? "none" : "results";
  status.dataset.filtered = filtered ? "true" : "false";
}

async function showMore(gen, query, filtered) {
  const batch = results.slice(shown, shown + PAGE_SIZE);
  // Fetch the batch's fragments at once, but show each result as soon as it and those before
  // it are in: the first result does not wait for the tenth.
  const pending = batch.map((r) => r.data());
  for (const next of pending) {
    const data = await next;
    if (gen !== generation) return;
    list.append(resultItem(data));
    list.hidden = false;
  }
  shown += batch.length;
  list.hidden = shown === 0;
  more.hidden = shown >= results.length;
  announce(query, filtered);
}

function syncUrl(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [key, value] of Object.entries(filters)) params.set(key, value);
  const search = params.toString();
  const url = `${location.pathname}${search ? "?" + search : ""}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(null, "", url);
}

async function run() {
  const gen = ++generation;
  const query = input.value.trim();
  const filters = currentFilters();
  const filtered = Object.keys(filters).length > 0;
  syncUrl(query, filters);
  if (!query && !filtered) {
    results = [];
    shown = 0;
    list.replaceChildren();
    list.hidden = true;
    more.hidden = true;
    status.textContent = "";
    delete status.dataset.state;
    return;
  }
  status.dataset.state = "searching";
  const search = await pagefind.search(query || null, { filters });
  if (gen !== generation) return;
  results = search.results;
  shown = 0;
  list.replaceChildren();
  await showMore(gen, query, filtered);
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(() => run().catch(fail), DEBOUNCE_MS);
  const term = input.value.trim();
  if (term.replace(/[^\p{L}\p{N}]/gu, "").length >= PRELOAD_MIN_LETTERS) {
    pagefind.preload(term).catch(() => {}); // a failed preload shows when the search runs
  }
}

function fail(error) {
  console.error(error);
  status.textContent = msg.msgError;
  status.dataset.state = "error";
}

async function start() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  chooseInitial(params);
  if (input.value) {
    status.textContent = msg.msgSearching;
    status.dataset.state = "searching";
  }
  pagefind = await import(`${msg.bundle}pagefind.js`);
  await pagefind.options({ baseUrl: msg.baseUrl, excerptLength: 24 });
  await pagefind.init(); // fetch the language's metadata and WebAssembly before the first query
  filterBox.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run().catch(fail);
  });
  input.addEventListener("input", schedule);
  for (const select of selects) select.addEventListener("change", () => run().catch(fail));
  more.addEventListener("click", () => {
    const first = shown;
    showMore(generation, input.value.trim(), Object.keys(currentFilters()).length > 0)
      .then(() => list.children[first]?.querySelector("a")?.focus())
      .catch(fail);
  });
  const first = run(); // a query from the address (?q=) runs at once
  // Ready when the language's metadata and WebAssembly are in, so that a query costs only its own
  // index chunk: a search for nothing returns as soon as they are (and loads no chunk).
  await pagefind.preload("");
  form.dataset.ready = "true";
  await first;
}

start().catch(fail);
