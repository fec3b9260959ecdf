// The static copy's search page: Pagefind over HTTP; from file://, where browsers refuse Pagefind's fetch and
// WebAssembly, the plain list in records.js (accents and capitals folded, every word must appear).
(function () {
  "use strict";
  var section = document.getElementById("static-search");
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  if (!section || !query) { return; }
  var field = document.querySelector("main form input[name=q]");
  if (field) { field.value = query; }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function show(results) {
    var list = section.querySelector("ol");
    var count = section.querySelector(".result-count");
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.title;
      item.appendChild(link);
      if (result.excerpt) {
        var excerpt = document.createElement("p");
        excerpt.textContent = result.excerpt;
        item.appendChild(excerpt);
      }
      list.appendChild(item);
    });
    var template = results.length === 0 ? section.dataset.none : results.length === 1 ? section.dataset.one : section.dataset.many;
    count.textContent = template.replace("%(num)s", results.length).replace("%(words)s", query);
    section.hidden = false;
  }

  function offline() {
    var script = document.createElement("script");
    script.src = "records.js";
    script.onload = function () {
      var words = fold(query).split(/\s+/).filter(Boolean);
      var found = window.museumRecords.filter(function (record) {
        var text = fold(record[1] + " " + record[2]);
        return words.every(function (word) { return text.indexOf(word) !== -1; });
      });
      show(found.slice(0, 100).map(function (record) {
        // NFD folding removes the accents' marks only: the folded text has the original's positions, roughly.
        var at = Math.max(0, fold(record[2]).indexOf(words[0]) - 60);
        return { url: "../" + record[0], title: record[1], excerpt: "…" + record[2].slice(at, at + 180) + "…" };
      }));
    };
    document.body.appendChild(script);
  }

  function online() {
    import("../pagefind/pagefind.js").then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 100).map(function (result) { return result.data(); }));
    }).then(function (found) {
      show(found.map(function (data) {
        var excerpt = document.createElement("div");
        excerpt.innerHTML = data.excerpt;
        return { url: data.url.replace(/^\//, "../"), title: data.meta.title, excerpt: excerpt.textContent };
      }));
    }).catch(offline);
  }

  if (window.location.protocol === "file:") { offline(); } else { online(); }
}());
