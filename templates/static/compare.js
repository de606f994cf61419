/* Målbild: the side-by-side picker on /jamfor/sida-vid-sida/.
   Reads ?kommun=a&kommun=b, loads jamfor/data/<kommun>.json for each and shows their goals by
   theme in columns. No inline script and no innerHTML: every text goes in through textContent. */
(function () {
  "use strict";
  var form = document.getElementById("sida-vid-sida");
  var out = document.getElementById("sida-vid-sida-resultat");
  var status = document.getElementById("sida-vid-sida-status");
  if (!form || !out || !status || !window.fetch) {
    return;
  }
  var text = out.dataset;
  var dataUrl = form.dataset.data;
  var pagesUrl = form.dataset.pages;
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="kommun"]'));
  var known = boxes.map(function (b) { return b.value; });

  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (content !== undefined && content !== null) {
      node.textContent = content;
    }
    return node;
  }

  function chosen() {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  function item(entry) {
    var li = el("li");
    li.appendChild(el("a", { href: pagesUrl + entry.path }, entry.titel));
    var plan = entry.plan.titel + ", " + (entry.plan.period || text.textPeriodUnknown);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", { "class": "note" }, plan));
    li.appendChild(document.createTextNode(" "));
    var judged = entry.grund === "bedomning";
    li.appendChild(el("span", { "class": "basis " + (judged ? "basis-judgement" : "basis-source") },
      judged ? text.textJudgement : text.textSource));
    return li;
  }

  function list(cell, label, entries) {
    if (!entries || !entries.length) {
      return false;
    }
    cell.appendChild(el("p", { "class": "cell-label" }, label));
    var ul = el("ul", { "class": "compare-list" });
    entries.forEach(function (e) { ul.appendChild(item(e)); });
    cell.appendChild(ul);
    return true;
  }

  function fill(cell, group) {
    var any = list(cell, text.textGoals, group.mal);
    any = list(cell, text.textIndicators, group.indikatorer) || any;
    any = list(cell, text.textAreas, group.omraden) || any;
    if (!any) {
      cell.appendChild(el("span", { "class": "unknown" }, text.textNone));
    }
  }

  function isEmpty(group) {
    return !(group.mal || []).length && !(group.indikatorer || []).length && !(group.omraden || []).length;
  }

  function render(docs) {
    var wrap = el("div", { "class": "matrix-wrap", role: "region", "aria-labelledby": "sida-vid-sida-caption", tabindex: "0" });
    var table = el("table", { "class": "side-by-side" });
    table.appendChild(el("caption", { id: "sida-vid-sida-caption" },
      text.textCaption + ": " + docs.map(function (d) { return d.namn; }).join(", ")));
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, text.textTheme));
    docs.forEach(function (d) {
      var th = el("th", { scope: "col" });
      th.appendChild(el("a", { href: pagesUrl + d.path }, d.namn));
      head.appendChild(th);
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    docs[0].teman.forEach(function (theme, i) {
      var groups = docs.map(function (d) { return d.teman[i]; });
      if (groups.every(isEmpty)) {
        return;
      }
      var tr = el("tr");
      var th = el("th", { scope: "row" });
      th.appendChild(el("a", { href: pagesUrl + theme.path }, theme.namn));
      tr.appendChild(th);
      groups.forEach(function (g) {
        var td = el("td");
        fill(td, g);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    var loose = docs.map(function (d) { return d.utan_tema; });
    if (!loose.every(isEmpty)) {
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "row" }, text.textUnthemed));
      loose.forEach(function (g) { var td = el("td"); fill(td, g); tr.appendChild(td); });
      body.appendChild(tr);
    }
    table.appendChild(body);
    wrap.appendChild(table);
    return wrap;
  }

  function show(ids) {
    boxes.forEach(function (b) { b.checked = ids.indexOf(b.value) >= 0; });
    while (out.firstChild) {
      out.removeChild(out.firstChild);
    }
    if (ids.length < 2 || ids.length > 4) {
      status.textContent = ids.length ? text.textMunicipalityCount : "";
      return;
    }
    status.textContent = text.textLoading;
    Promise.all(ids.map(function (id) {
      return fetch(dataUrl + encodeURIComponent(id) + ".json").then(function (r) {
        if (!r.ok) {
          throw new Error(String(r.status));
        }
        return r.json();
      });
    })).then(function (docs) {
      out.appendChild(render(docs));
      status.textContent = text.textShown + ": " + docs.map(function (d) { return d.namn; }).join(", ");
    }).catch(function () {
      status.textContent = text.textError;
    });
  }

  function fromLocation() {
    var seen = [];
    new URLSearchParams(window.location.search).getAll("kommun").forEach(function (id) {
      if (known.indexOf(id) >= 0 && seen.indexOf(id) < 0) {
        seen.push(id);
      }
    });
    return seen;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var ids = chosen();
    var url = new URL(window.location.href);
    url.search = "";
    ids.forEach(function (id) { url.searchParams.append("kommun", id); });
    window.history.pushState(null, "", url.toString());
    show(ids);
  });
  window.addEventListener("popstate", function () { show(fromLocation()); });
  show(fromLocation());
})();
