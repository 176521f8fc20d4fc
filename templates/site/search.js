/* Offline search of the archive: titles and leads of every item, diacritics-insensitive.
   The index (search-index.js) is a plain script, loaded on first use, so this works from file://. */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) { return; }
  var input = form.querySelector("input[type=search]");
  var out = document.getElementById("ket-qua");
  var root = form.getAttribute("data-root") || "";
  var items = null, loading = false, failed = false, timer = 0;
  var LIMIT = 50;

  /* Same rule as bulletin.text.fold: đ -> d, strip combining marks, case-fold, single spaces. */
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/\p{M}/gu, "").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  function prepare(raw) {
    items = raw.items.map(function (row, order) {
      var issue = raw.issues[row[0]];
      return { order: order, label: issue[0], page: issue[1], title: row[1], lead: row[2],
               anchor: row[3], ft: fold(row[1]), fl: fold(row[2]) };
    });
  }

  function load(then) {
    if (items) { then(); return; }
    if (loading || failed) { return; }
    loading = true;
    var script = document.createElement("script");
    script.src = form.getAttribute("data-index");
    script.onload = function () { loading = false; prepare(window.BULLETIN_SEARCH); run(); };
    script.onerror = function () { loading = false; failed = true; message("Không tải được chỉ mục tìm kiếm."); };
    document.head.appendChild(script);
  }

  function score(item, phrase, words) {
    var all = item.ft + " " + item.fl;
    for (var i = 0; i < words.length; i++) {
      if (all.indexOf(words[i]) < 0) { return 0; }
    }
    var s = 1;
    if (item.ft.indexOf(phrase) >= 0) { s += 8; } else if (item.fl.indexOf(phrase) >= 0) { s += 4; }
    for (var j = 0; j < words.length; j++) { if (item.ft.indexOf(words[j]) >= 0) { s += 1; } }
    return s;
  }

  function message(text) {
    out.textContent = "";
    var p = document.createElement("p");
    p.className = "results-count";
    p.textContent = text;
    out.appendChild(p);
    out.hidden = false;
  }

  function show(found, query) {
    message(found.length ? "Có " + found.length + " tin khớp với “" + query + "”" +
            (found.length > LIMIT ? " (hiện " + LIMIT + " tin đầu)" : "") + ":"
            : "Không có tin nào khớp với “" + query + "”.");
    if (!found.length) { return; }
    var list = document.createElement("ol");
    found.slice(0, LIMIT).forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + hit.page + "#" + hit.anchor;
      a.textContent = hit.title;
      var meta = document.createElement("span");
      meta.className = "result-issue";
      meta.textContent = "Số " + hit.label;
      var lead = document.createElement("p");
      lead.textContent = hit.lead.length > 220 ? hit.lead.slice(0, 217) + "…" : hit.lead;
      li.appendChild(a); li.appendChild(meta); li.appendChild(lead);
      list.appendChild(li);
    });
    out.appendChild(list);
  }

  function run() {
    if (!items) { return; }
    var query = input.value.trim();
    var phrase = fold(query);
    if (!phrase) { out.hidden = true; out.textContent = ""; return; }
    var words = phrase.split(" ");
    var found = [];
    items.forEach(function (item) {
      var s = score(item, phrase, words);
      if (s) { found.push({ s: s, item: item }); }
    });
    found.sort(function (a, b) { return b.s - a.s || a.item.order - b.item.order; });
    show(found.map(function (f) { return f.item; }), query);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { load(run); }, 120);
  });
  input.addEventListener("focus", function () { load(function () {}); });
  form.addEventListener("submit", function (event) { event.preventDefault(); load(run); });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; load(run); }
})();
