// Enhancements of the workspace's item form; without JavaScript every part of it works as plain HTML.
// - Only the fields of the chosen kind are shown (all kinds' fieldsets are in the page).
// - Place, people and subject boxes ask the server for matching names as you type (their datalists).
// - Files can be dropped on the upload box: they go into its plain file input, sent by its form.
(function () {
  "use strict";

  function showKindFields(select) {
    document.querySelectorAll(".kind-fields").forEach(function (fieldset) {
      fieldset.hidden = fieldset.dataset.kind !== select.value;
    });
  }

  function pick(form, input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var request = 0;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var words = input.value.trim();
        var mine = ++request;
        if (words.length < 2 || !list) { return; }
        var url = form.dataset.pickUrl + "?field=" + input.dataset.pick + "&q=" + encodeURIComponent(words);
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { names: [] }; })
          .then(function (found) {
            if (mine !== request) { return; }
            list.textContent = "";
            found.names.forEach(function (name) {
              var option = document.createElement("option");
              option.value = name;
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 200);
    });
  }

  function dropZone(zone) {
    var input = zone.querySelector("input[type=file]");
    if (!input) { return; }
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    input.addEventListener("change", function () {
      var names = Array.prototype.map.call(input.files, function (file) { return file.name; });
      var status = zone.querySelector(".drop-status");
      if (status) { status.textContent = names.join(", "); }
    });
  }

  var form = document.querySelector("form.item-form");
  var kind = document.getElementById("f-kind");
  if (kind) {
    showKindFields(kind);
    kind.addEventListener("change", function () { showKindFields(kind); });
  }
  if (form) {
    form.querySelectorAll("input[data-pick]").forEach(function (input) { pick(form, input); });
  }
  document.querySelectorAll(".drop-zone").forEach(dropZone);
}());
