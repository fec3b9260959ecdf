// Adds a "copy" button after each read-only field that has a data-copy-label (permalink, citation).
// Without JavaScript the fields stay selectable; with it, one click copies and a status is announced.
(function () {
  "use strict";

  function copyText(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function enhance(field) {
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = field.dataset.copyLabel;
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      copyText(field).then(function () {
        // Emptied first so that a second copy is announced again.
        status.textContent = "";
        window.setTimeout(function () { status.textContent = field.dataset.copiedLabel; }, 50);
      }, function () {
        field.focus();
        field.select();
      });
    });
    field.insertAdjacentElement("afterend", status);
    field.insertAdjacentElement("afterend", button);
  }

  function init() {
    document.querySelectorAll("[data-copy-label]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
