/* The tours' service worker (served at /tours/sw.js with the scope /tours, the list and every tour page).
   A saved tour lives in a cache of its own ("tour-<slug>"), filled by the page (static/js/tour.js) from the
   tour's pack (/tours/<slug>/pack.json). Requests go to the network first, so an online visitor always sees the
   current tour; when the network fails, the saved copy answers. Nothing else is stored, and nothing is sent. */
"use strict";

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

function saved(request) {
  // A page may be asked with a query (?lang=de, ?via=qr): its saved copy is the one without.
  return caches.match(request).then(function (found) {
    if (found || request.mode !== "navigate") {
      return found;
    }
    var url = new URL(request.url);
    return caches.match(url.origin + url.pathname);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    fetch(request).catch(function (error) {
      return saved(request).then(function (found) {
        if (found) {
          return found;
        }
        throw error;
      });
    })
  );
});
