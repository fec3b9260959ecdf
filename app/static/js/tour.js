/* Tour pages: save the tour on the phone for offline use, and show the distance to the next stop.
   The page works without this script; it only reveals what the browser can do. The visitor's position is
   read here and used here: it is never sent anywhere. */
"use strict";

(function () {
  var EARTH_M = 6371008.8;

  function formatSize(bytes, lang) {
    var number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    if (bytes < 1024 * 1024) {
      return number.format(Math.max(1, Math.round(bytes / 1024))) + " KB";
    }
    return number.format(bytes / 1024 / 1024) + " MB";
  }

  function formatDistance(metres, lang) {
    if (metres < 995) {
      return Math.round(metres / 10) * 10 + " m";
    }
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(metres / 1000) + " km";
  }

  function distance(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var h = Math.pow(Math.sin(((lat2 - lat1) * rad) / 2), 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin(((lon2 - lon1) * rad) / 2), 2);
    return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function storedSize(cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.map(function (request) {
        return cache.match(request).then(function (response) {
          return response ? response.clone().blob().then(function (blob) { return blob.size; }) : 0;
        });
      }));
    }).then(function (sizes) {
      return sizes.reduce(function (a, b) { return a + b; }, 0);
    });
  }

  function setUpOffline(section, lang) {
    if (!section || !("serviceWorker" in navigator) || !("caches" in window)) {
      return;
    }
    var state = section.querySelector(".tour-offline-state");
    var save = section.querySelector("[data-save]");
    var remove = section.querySelector("[data-remove]");
    var name = section.dataset.cache;

    function showSaved() {
      return caches.open(name).then(storedSize).then(function (bytes) {
        state.textContent = section.dataset.saved.replace("{size}", formatSize(bytes, lang));
        remove.hidden = false;
        section.dataset.state = "saved";
      });
    }

    function fill() {
      return fetch(section.dataset.pack, { cache: "no-store" }).then(function (answer) {
        if (!answer.ok) {
          throw new Error(answer.status);
        }
        return answer.json();
      }).then(function (pack) {
        return caches.delete(name).then(function () { return caches.open(name); }).then(function (cache) {
          return cache.addAll(pack.files.map(function (file) { return file.url; }));
        });
      });
    }

    save.addEventListener("click", function () {
      save.disabled = true;
      state.textContent = section.dataset.saving;
      navigator.serviceWorker.register(section.dataset.worker, { scope: section.dataset.scope })
        .then(function () { return navigator.serviceWorker.ready; })
        .then(fill)
        .then(showSaved)
        .catch(function () {
          state.textContent = section.dataset.failed;
          section.dataset.state = "failed";
        })
        .then(function () { save.disabled = false; });
    });

    remove.addEventListener("click", function () {
      caches.delete(name).then(function () {
        state.textContent = section.dataset.removed;
        remove.hidden = true;
        section.dataset.state = "removed";
      });
    });

    section.hidden = false;
    caches.has(name).then(function (found) {
      if (found) {
        showSaved();
      }
    });
  }

  function setUpNext(section, lang) {
    if (!section || !("geolocation" in navigator)) {
      return;
    }
    var output = section.querySelector(".tour-next-distance");
    var button = section.querySelector("[data-locate]");
    var latitude = parseFloat(section.dataset.latitude);
    var longitude = parseFloat(section.dataset.longitude);
    var watching = null;

    button.addEventListener("click", function () {
      if (watching !== null) {
        return;
      }
      output.textContent = section.dataset.waiting;
      watching = navigator.geolocation.watchPosition(function (position) {
        var metres = distance(position.coords.latitude, position.coords.longitude, latitude, longitude);
        output.textContent = section.dataset.found.replace("{distance}", formatDistance(metres, lang));
        section.dataset.metres = String(Math.round(metres));
      }, function () {
        output.textContent = section.dataset.denied;
        navigator.geolocation.clearWatch(watching);
        watching = null;
      }, { enableHighAccuracy: true, maximumAge: 10000 });
    });
    section.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var lang = document.documentElement.lang || "fr";
    setUpOffline(document.getElementById("tour-offline"), lang);
    setUpNext(document.getElementById("tour-next"), lang);
  });
}());
