// The interview page (templates/interview/): the transcript follows the recording and the recording follows the
// transcript. Without this script every cue's time is a link (`?t=SECONDS#cue-N`) and the search and the
// translation's view are plain GET forms and links; with it they act in place.
(function () {
  "use strict";

  var ANNOUNCE_EVERY = 4000; // ms: a screen reader hears the current passage at most this often
  var USER_SCROLL_PAUSE = 4000; // ms: the transcript does not move while its reader scrolls it
  var TOLERANCE = 0.1; // s: a seek lands a hair before a cue's start, which still counts as that cue
  var STORE = "museum.player.announce";

  function clock(seconds) {
    var whole = Math.max(0, Math.floor(seconds));
    var h = Math.floor(whole / 3600), m = Math.floor((whole % 3600) / 60), s = whole % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  function pageUrl(params, hash) {
    var url = new URL(window.location.href);
    url.hash = hash || "";
    Object.keys(params).forEach(function (name) {
      if (params[name] === null) { url.searchParams.delete(name); } else { url.searchParams.set(name, params[name]); }
    });
    return url;
  }

  function Player(media, list, tools) {
    this.media = media;
    this.list = list;
    this.tools = tools;
    this.cues = list ? Array.prototype.slice.call(list.querySelectorAll("li[data-start]")) : [];
    this.starts = this.cues.map(function (cue) { return parseFloat(cue.dataset.start); });
    this.current = -1;
    this.userScrolledAt = 0;
    this.announcedAt = 0;
    this.pending = null;
    this.announcer = document.getElementById("cue-announcer");
    this.clipStart = media.dataset.start ? parseFloat(media.dataset.start) : null;
    this.clipEnd = media.dataset.end ? parseFloat(media.dataset.end) : null;
  }

  Player.prototype.indexAt = function (seconds) {
    var low = 0, high = this.starts.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (this.starts[middle] <= seconds + TOLERANCE) { found = middle; low = middle + 1; } else { high = middle - 1; }
    }
    return found;
  };

  Player.prototype.setCurrent = function (index, follow) {
    if (index === this.current) { return; }
    if (this.current >= 0) { this.cues[this.current].removeAttribute("aria-current"); }
    this.current = index;
    if (index < 0) { return; }
    this.cues[index].setAttribute("aria-current", "true");
    if (follow) { this.reveal(this.cues[index]); }
    if (!this.media.paused) { this.announce(); }
  };

  // Scrolls the transcript's own box, never the page, and never takes the focus.
  Player.prototype.reveal = function (cue) {
    var list = this.list;
    if (Date.now() - this.userScrolledAt < USER_SCROLL_PAUSE || list.scrollHeight <= list.clientHeight) { return; }
    var top = cue.offsetTop, bottom = top + cue.offsetHeight;
    if (top >= list.scrollTop && bottom <= list.scrollTop + list.clientHeight) { return; }
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    list.scrollTo({ top: Math.max(0, top - list.clientHeight / 3), behavior: still ? "auto" : "smooth" });
  };

  Player.prototype.announce = function () {
    var self = this;
    if (!this.announcer || !this.announcing) { return; }
    var wait = this.announcedAt + ANNOUNCE_EVERY - Date.now();
    if (wait > 0) {
      // Only the latest passage is said once the pause is over: a quick run of short cues is not read out one by one.
      if (!this.pending) { this.pending = window.setTimeout(function () { self.pending = null; self.announce(); }, wait); }
      return;
    }
    var cue = this.cues[this.current];
    if (!cue) { return; }
    var speaker = cue.querySelector(".speaker");
    var text = cue.querySelector(".cue-text");
    this.announcer.textContent = (speaker ? speaker.textContent + ": " : "") + (text ? text.textContent : "");
    this.announcedAt = Date.now();
  };

  Player.prototype.seek = function (seconds) {
    this.media.currentTime = seconds;
    this.setCurrent(this.indexAt(seconds), false);
  };

  Player.prototype.onTime = function () {
    var now = this.media.currentTime;
    if (this.clipEnd !== null && now >= this.clipEnd) {
      this.media.pause();
      this.clipEnd = null; // the clip has been heard: playing on goes past it
    }
    this.setCurrent(this.indexAt(now), true);
  };

  Player.prototype.onPlay = function () {
    var now = this.media.currentTime;
    if (this.clipEnd !== null && this.clipStart !== null && (now < this.clipStart - 0.5 || now >= this.clipEnd)) {
      this.media.currentTime = this.clipStart;
    }
    // Where the listening starts is said at once, whatever was said last.
    this.setCurrent(this.indexAt(this.media.currentTime), true);
    this.announcedAt = 0;
    this.announce();
  };

  Player.prototype.openAtMoment = function () {
    var self = this;
    if (this.clipStart === null) { return; }
    var start = function () { self.media.currentTime = self.clipStart; };
    if (this.media.readyState >= 1) { start(); } else { this.media.addEventListener("loadedmetadata", start, { once: true }); }
    var index = this.indexAt(this.clipStart);
    this.setCurrent(index, false);
    if (index >= 0 && this.list.scrollHeight > this.list.clientHeight) {
      this.list.scrollTop = Math.max(0, this.cues[index].offsetTop - this.list.clientHeight / 3);
    }
  };

  Player.prototype.listen = function () {
    var self = this;
    var media = this.media;
    media.addEventListener("timeupdate", function () { self.onTime(); });
    media.addEventListener("seeked", function () { self.onTime(); });
    media.addEventListener("play", function () { self.onPlay(); });
    if (!this.list) { return; }
    ["wheel", "touchmove", "pointerdown", "keydown"].forEach(function (name) {
      self.list.addEventListener(name, function () { self.userScrolledAt = Date.now(); }, { passive: true });
    });
    this.list.addEventListener("click", function (event) {
      var cue = event.target.closest("li[data-start]");
      if (!cue) { return; }
      var link = event.target.closest("a.cue-time");
      if (!link && String(window.getSelection())) { return; } // the reader is selecting words, not seeking
      if (link) { event.preventDefault(); }
      self.seek(parseFloat(cue.dataset.start));
      window.history.replaceState(null, "", pageUrl({ t: cue.dataset.start }, cue.id));
    });
  };

  Player.prototype.buildTools = function () {
    var self = this;
    var tools = this.tools;
    if (!tools) { return; }
    var share = document.createElement("button");
    var field = document.createElement("input");
    var status = document.createElement("span");
    share.type = "button";
    share.className = "share-moment";
    share.textContent = tools.dataset.shareLabel;
    field.type = "text";
    field.readOnly = true;
    field.hidden = true;
    field.className = "share-link";
    field.setAttribute("aria-label", tools.dataset.shareLabel);
    status.setAttribute("role", "status");
    status.className = "share-status";
    share.addEventListener("click", function () { self.share(field, status); });
    tools.append(share, this.announceSwitch(), field, status);
  };

  Player.prototype.announceSwitch = function () {
    var self = this;
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = window.localStorage.getItem(STORE) !== "off";
    this.announcing = box.checked;
    box.addEventListener("change", function () {
      self.announcing = box.checked;
      window.localStorage.setItem(STORE, box.checked ? "on" : "off");
      if (!box.checked && self.announcer) { self.announcer.textContent = ""; }
    });
    label.append(box, " " + this.tools.dataset.announceLabel);
    return label;
  };

  Player.prototype.share = function (field, status) {
    var seconds = Math.floor(this.media.currentTime * 10) / 10;
    var link = pageUrl({ t: String(seconds), q: null, view: null, lang: null }, "").toString();
    var copied = this.tools.dataset.copiedLabel.replace("{time}", clock(seconds));
    var failed = this.tools.dataset.copyFailedLabel;
    field.value = link;
    field.hidden = false;
    var say = function (text) {
      // Emptied first so that a second share is announced again.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    };
    var fallback = function () { field.focus(); field.select(); say(failed); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link).then(function () { say(copied); }, fallback);
    } else {
      fallback();
    }
  };

  function filterLive(list) {
    var box = document.getElementById("transcript-q");
    var count = document.getElementById("transcript-count");
    if (!box || !list || !count) { return; }
    var cues = Array.prototype.slice.call(list.children);
    var timer = null;
    box.addEventListener("input", function () {
      var terms = box.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      cues.forEach(function (cue) {
        var words = cue.textContent.toLocaleLowerCase();
        cue.hidden = !terms.every(function (term) { return words.indexOf(term) >= 0; });
        shown += cue.hidden ? 0 : 1;
      });
      window.clearTimeout(timer);
      // Said once the typing pauses, not at every key.
      timer = window.setTimeout(function () {
        count.textContent = terms.length ? count.dataset.template.replace("{count}", shown).replace("{total}", cues.length) : "";
      }, 400);
    });
  }

  function switchViews(list) {
    var links = Array.prototype.slice.call(document.querySelectorAll(".transcript-views a[data-view]"));
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        list.className = "transcript view-" + link.dataset.view;
        links.forEach(function (other) {
          if (other === link) { other.setAttribute("aria-current", "true"); } else { other.removeAttribute("aria-current"); }
        });
        window.history.replaceState(null, "", pageUrl({ view: link.dataset.view }, ""));
      });
    });
  }

  function init() {
    var list = document.getElementById("transcript");
    var media = document.getElementById("player");
    if (list) { filterLive(list); switchViews(list); }
    if (!media) { return; }
    var player = new Player(media, list, document.querySelector(".player-tools"));
    player.buildTools();
    player.listen();
    player.openAtMoment();
    media.player = player; // for the page's tests and the curious: the state behind the highlight
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
