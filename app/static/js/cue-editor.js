// Enhancements of the transcript editor; without JavaScript every cue is a plain form and works as such.
// - Alt+S / Alt+E set the focused cue's start / end to the player's time and save it in place (fetch, CSRF
//   token from the form), Alt+K plays or pauses, Alt+X splits the cue at the caret in its text.
// - A cue's time link seeks the player there instead of only jumping to the cue; in an interview recorded in
//   several parts, the player first loads the cue's own recording.
(function () {
  "use strict";

  var player = document.getElementById("cue-player");
  var live = document.getElementById("cue-live");
  // An interview in several recordings: the player plays one part at a time, each cue says its part.
  var partLinks = document.getElementById("cue-parts");

  function partOf(element) {
    var cue = element && element.closest(".cue");
    return cue ? cue.dataset.part || "1" : "1";
  }

  function play(part, then) {
    // Plays recording `part` (its link in #cue-parts), then calls `then` once it can seek.
    if (!partLinks || player.dataset.part === part) { then(); return; }
    var link = partLinks.querySelector("a[data-part='" + part + "']");
    if (!link) { then(); return; }
    player.dataset.part = part;
    player.dataset.media = link.dataset.media;
    player.addEventListener("loadedmetadata", function ready() {
      player.removeEventListener("loadedmetadata", ready);
      then();
    });
    player.src = link.getAttribute("href");
    player.load();
  }

  function say(form, text) {
    var status = form.querySelector(".cue-status");
    if (status) { status.textContent = text; }
  }

  function send(form, action, extra) {
    var data = new FormData(form);
    data.set("action", action);
    Object.keys(extra).forEach(function (name) { data.set(name, extra[name]); });
    // Not form.action: the buttons named "action" shadow that property.
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    });
  }

  function shown(seconds) {
    return seconds === null || seconds === undefined ? "" : String(Math.round(seconds * 1000) / 1000);
  }

  function setTime(form, which) {
    if (!player) { return; }
    if (partLinks && partOf(form) !== (player.dataset.part || "1")) {
      say(form, partLinks.dataset.wrongPart.replace("{number}", partOf(form)));
      return;
    }
    var time = player.currentTime.toFixed(3);
    send(form, which, { time: time }).then(function (answer) {
      if (!answer.ok) {
        var errors = answer.body.errors || {};
        say(form, Object.keys(errors).map(function (k) { return errors[k]; }).join(" "));
        return;
      }
      form.querySelector("[data-time=start]").value = shown(answer.body.start);
      form.querySelector("[data-time=end]").value = shown(answer.body.end);
      var message = answer.body.message + (answer.body.flags.length ? " ⚠ " + answer.body.flags.join("; ") : "");
      say(form, message);
    }).catch(function () { say(form, form.dataset.failed || ""); });
  }

  function split(form, field) {
    if (!field || field.name !== "text") { field = form.querySelector("textarea[name=text]"); }
    var offset = field.selectionStart;
    var text = field.value;
    field.value = text.slice(0, offset) + "|" + text.slice(offset);
    var button = form.querySelector("button[value=split]");
    if (button) { form.requestSubmit(button); }
  }

  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) { return; }
    var form = event.target.closest && event.target.closest("form.cue-form");
    var key = event.key.toLowerCase();
    if (key === "k" && player) {
      event.preventDefault();
      if (player.paused) { player.play(); } else { player.pause(); }
      return;
    }
    if (!form) { return; }
    if (key === "s" || key === "e") {
      event.preventDefault();
      setTime(form, key === "s" ? "start" : "end");
    } else if (key === "x") {
      event.preventDefault();
      split(form, event.target);
    }
  });

  document.addEventListener("click", function (event) {
    var part = event.target.closest && event.target.closest("#cue-parts a[data-part]");
    if (part && player) {
      event.preventDefault();
      play(part.dataset.part, function () { player.play(); });
      return;
    }
    var link = event.target.closest && event.target.closest("a[data-seek]");
    if (!link || !player) { return; }
    event.preventDefault();
    play(partOf(link), function () {
      player.currentTime = parseFloat(link.dataset.seek);
      player.play();
    });
    var cue = link.closest(".cue");
    var text = cue && cue.querySelector("textarea[name=text]");
    if (text) { text.focus(); }
  });

  if (player) {
    // The cue being heard gets a frame; only a change of cue is announced, not every tick.
    var cues = Array.prototype.slice.call(document.querySelectorAll(".cue[data-start]"));
    var current = null;
    player.addEventListener("timeupdate", function () {
      var now = player.currentTime;
      var found = null;
      var playing = player.dataset.part || "1";
      cues.forEach(function (cue) {
        var start = parseFloat(cue.dataset.start);
        if (!isNaN(start) && start <= now && (cue.dataset.part || "1") === playing) { found = cue; }
      });
      if (found === current) { return; }
      if (current) { current.classList.remove("cue-current"); }
      current = found;
      if (current) {
        current.classList.add("cue-current");
        if (live) { live.textContent = current.querySelector("legend").textContent; }
      }
    });
  }
}());
