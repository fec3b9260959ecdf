// Enhancements of the workspace's exhibit editor; without JavaScript every part of it works with its buttons.
// - Blocks and pages are reordered by drag and drop, or with the arrow keys on a handle: the new position is
//   posted to the same move route as the "Move up" and "Move down" buttons, and the page reloads with the result.
// - Item fields suggest catalog items (identifier and title) as you type, from the workspace's suggestion route.
// - The page editor shows the page's preview, loaded again each time the page is (after every change).
(function () {
  "use strict";

  var meta = document.querySelector("meta[name=csrf-token]");
  var token = meta ? meta.content : "";

  function go(url) {
    var here = window.location;
    if (url.split("#")[0] === here.origin + here.pathname + here.search) {
      here.hash = url.split("#")[1] || "";
      here.reload();
    } else {
      here.assign(url);
    }
  }

  function rows(list) {
    return Array.prototype.filter.call(list.children, function (row) { return row.dataset.moveUrl; });
  }

  function move(list, row, to, status) {
    var body = new FormData();
    body.append("csrf_token", token);
    body.append("revision", list.dataset.revision);
    body.append("to", String(to));
    status.textContent = list.dataset.saving;
    fetch(row.dataset.moveUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        go(response.url);
      })
      .catch(function () { status.textContent = list.dataset.failed; });
  }

  function reorderable(list) {
    var status = document.createElement("p");
    var dragged = null;
    status.className = "reorder-status note";
    status.setAttribute("role", "status");
    list.parentNode.insertBefore(status, list.nextSibling);
    var hint = list.parentNode.querySelector(".drag-hint");
    if (hint) { hint.hidden = false; }
    rows(list).forEach(function (row) {
      var handle = document.createElement("button");
      handle.type = "button";
      handle.className = "drag-handle";
      handle.setAttribute("aria-label", list.dataset.handleLabel);
      handle.textContent = "\u2195";
      row.insertBefore(handle, row.firstChild);
      row.draggable = true;
      handle.addEventListener("keydown", function (event) {
        var index = rows(list).indexOf(row);
        var step = { ArrowUp: -1, ArrowDown: 1 }[event.key];
        if (!step || index + step < 0 || index + step >= rows(list).length) { return; }
        event.preventDefault();
        move(list, row, index + step, status);
      });
      row.addEventListener("dragstart", function (event) {
        dragged = row;
        row.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.id);
      });
      row.addEventListener("dragend", function () { row.classList.remove("dragging"); });
      row.addEventListener("dragover", function (event) {
        if (dragged && dragged !== row) { event.preventDefault(); }
      });
      row.addEventListener("drop", function (event) {
        event.preventDefault();
        if (!dragged || dragged === row) { return; }
        move(list, dragged, rows(list).indexOf(row), status);
        dragged = null;
      });
    });
  }

  function itemPicker(form, input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var request = 0;
    var found = [];
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var target = input.dataset.addTo && document.getElementById(input.dataset.addTo);
      if (target && found.indexOf(input.value.trim()) >= 0) {
        target.value = (target.value.trim() ? target.value.trim() + "\n" : "") + input.value.trim();
        input.value = "";
        return;
      }
      timer = window.setTimeout(function () {
        var words = input.value.trim();
        var mine = ++request;
        if (!words || !list) { return; }
        var url = form.dataset.pickUrl + "?field=item&q=" + encodeURIComponent(words);
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { names: [], labels: [] }; })
          .then(function (answer) {
            if (mine !== request) { return; }
            found = answer.names;
            list.textContent = "";
            answer.names.forEach(function (identifier, i) {
              var option = document.createElement("option");
              option.value = identifier;
              option.label = answer.labels[i] || identifier;
              option.textContent = answer.labels[i] || identifier;
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 200);
    });
  }

  function preview(section) {
    var body = document.createElement("div");
    body.className = "exhibit-preview-body";
    section.appendChild(body);
    fetch(section.dataset.preview, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var main = new DOMParser().parseFromString(html, "text/html").querySelector("main");
        if (!main) { return; }
        // The preview is a part of this page: its headings go one level down, its scripts stay inert.
        main.querySelectorAll("script").forEach(function (script) { script.remove(); });
        main.querySelectorAll("h1").forEach(function (heading) {
          var lower = document.createElement("h3");
          lower.textContent = heading.textContent;
          heading.replaceWith(lower);
        });
        Array.prototype.forEach.call(main.childNodes, function (node) {
          body.appendChild(document.importNode(node, true));
        });
      })
      .catch(function () {});
  }

  // A zoom block's region drawn on the chosen image: the four percent fields stay the form's data.
  function regionPicker(form) {
    var picker = form.querySelector("[data-region-picker]");
    var choices = form.querySelectorAll("input[data-region-image]");
    if (!picker || !choices.length) { return; }
    var canvas = picker.querySelector(".region-canvas");
    var image = canvas.querySelector("img");
    var box = canvas.querySelector(".region-box");
    var fields = { x: form.elements.x, y: form.elements.y, w: form.elements.w, h: form.elements.h };
    var start = null;

    function value(name) {
      var number = parseFloat(fields[name].value);
      return isNaN(number) ? 0 : Math.min(Math.max(number, 0), 100);
    }
    function draw() {
      box.style.left = value("x") + "%";
      box.style.top = value("y") + "%";
      box.style.width = Math.min(value("w"), 100 - value("x")) + "%";
      box.style.height = Math.min(value("h"), 100 - value("y")) + "%";
    }
    function show() {
      var chosen = form.querySelector("input[data-region-image]:checked") || choices[0];
      image.src = chosen.dataset.regionImage;
      picker.hidden = false;
      draw();
    }
    function at(event) {
      var area = canvas.getBoundingClientRect();
      return {
        x: Math.min(Math.max((event.clientX - area.left) / area.width * 100, 0), 100),
        y: Math.min(Math.max((event.clientY - area.top) / area.height * 100, 0), 100)
      };
    }
    function set(name, number) { fields[name].value = String(Math.round(number * 10) / 10); }

    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      start = at(event);
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!start) { return; }
      var now = at(event);
      set("x", Math.min(start.x, now.x));
      set("y", Math.min(start.y, now.y));
      set("w", Math.max(Math.abs(now.x - start.x), 1));
      set("h", Math.max(Math.abs(now.y - start.y), 1));
      draw();
    });
    canvas.addEventListener("pointerup", function () { start = null; });
    Object.keys(fields).forEach(function (name) { fields[name].addEventListener("input", draw); });
    choices.forEach(function (choice) { choice.addEventListener("change", show); });
    show();
  }

  document.querySelectorAll("ol[data-reorder]").forEach(reorderable);
  document.querySelectorAll("form.exhibit-block-form").forEach(regionPicker);
  document.querySelectorAll("form[data-pick-url]").forEach(function (form) {
    form.querySelectorAll("input[data-pick=item]").forEach(function (input) { itemPicker(form, input); });
  });
  document.querySelectorAll("section[data-preview]").forEach(preview);
}());
