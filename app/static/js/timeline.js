// The timeline's periods: arrow keys move between the links of one list, Home and End go to its ends.
// The links stay in the tab order, so the page works the same without this script.
"use strict";

(function () {
  const moves = {
    ArrowDown: (i) => i + 1,
    ArrowRight: (i) => i + 1,
    ArrowUp: (i) => i - 1,
    ArrowLeft: (i) => i - 1,
    Home: () => 0,
    End: (_i, n) => n - 1,
  };

  function enhance(list) {
    list.addEventListener("keydown", (event) => {
      const links = Array.from(list.querySelectorAll("a"));
      const current = links.indexOf(document.activeElement);
      const move = moves[event.key];
      if (current < 0 || !move || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      const next = Math.max(0, Math.min(links.length - 1, move(current, links.length)));
      event.preventDefault();
      links[next].focus();
    });
    const keys = document.getElementById(list.getAttribute("aria-describedby"));
    if (keys) {
      keys.hidden = false;
    }
  }

  document.querySelectorAll("[data-periods]").forEach(enhance);
})();
