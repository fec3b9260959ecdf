// The map page (#map): Leaflet over the configured tiles, the points from /api/v1/map for the current view
// (clusters counted on the server), the view kept in the URL. An item's small map (.item-map): one marker. An
// exhibit's map block (.points-map): its numbered items.
// The maps are hidden from screen readers and out of the keyboard's way (the list on the page has every
// item): nothing in them takes the focus. Without tiles the points still show; without JavaScript, the list.
(function () {
  "use strict";

  function unfocusable(element) {
    element.querySelectorAll("a, button, input, [tabindex]").forEach(function (node) {
      node.setAttribute("tabindex", "-1");
    });
  }

  function baseMap(element, lat, lon, zoom) {
    element.classList.add("map-ready");
    var map = L.map(element, { keyboard: false, maxZoom: Number(element.dataset.maxZoom) || 19, worldCopyJump: false });
    map.setView([lat, lon], zoom);
    var tiles = L.tileLayer(element.dataset.tiles, {
      attribution: element.dataset.attribution,
      maxZoom: Number(element.dataset.maxZoom) || 19,
    });
    tiles.on("tileerror", function () { element.classList.add("map-no-tiles"); tell(element.dataset.textTiles); });
    tiles.addTo(map);
    unfocusable(element);
    return map;
  }

  function tell(text) {
    var status = document.getElementById("map-status");
    if (status && text && status.textContent !== text) {
      status.textContent = text;
      status.hidden = false;
    }
  }

  // Clusters: a round badge with the count, its size by the count's order of magnitude.
  function clusterIcon(count) {
    var size = count < 10 ? 34 : count < 100 ? 40 : count < 1000 ? 48 : 56;
    return L.divIcon({
      className: "map-cluster",
      html: "<span>" + count.toLocaleString(document.documentElement.lang) + "</span>",
      iconSize: [size, size],
    });
  }

  var PIN = null;
  function pinIcon() {
    PIN = PIN || L.divIcon({ className: "map-pin", html: "<span></span>", iconSize: [22, 22], iconAnchor: [11, 22], popupAnchor: [0, -20] });
    return PIN;
  }

  // A popup built from text nodes: titles are visitors' data, never HTML.
  function itemPopup(props) {
    var box = document.createElement("div");
    box.className = "map-popup";
    if (props.thumbnail) {
      var img = document.createElement("img");
      img.src = props.thumbnail;
      img.alt = "";
      box.appendChild(img);
    }
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.title;
    if (props.title_language && props.title_language !== document.documentElement.lang) { link.lang = props.title_language; }
    var title = document.createElement("p");
    title.className = "map-popup-title";
    title.appendChild(link);
    box.appendChild(title);
    var meta = document.createElement("p");
    meta.className = "map-popup-meta";
    meta.textContent = [props.kind_name, props.place, props.date].filter(Boolean).join(" · ");
    box.appendChild(meta);
    return box;
  }

  function stackPopup(element, feature, map) {
    var coords = feature.geometry.coordinates;
    var url = new URL(element.dataset.list, window.location.href);
    new URLSearchParams(element.dataset.filters).forEach(function (value, key) { url.searchParams.set(key, value); });
    url.searchParams.set("lat", coords[1].toFixed(5));
    url.searchParams.set("lon", coords[0].toFixed(5));
    url.searchParams.set("zoom", String(map.getZoom()));
    url.hash = "list";
    var link = document.createElement("a");
    link.href = url.toString();
    link.textContent = element.dataset.textItems.replace("{num}", feature.properties.count.toLocaleString(document.documentElement.lang));
    return link;
  }

  function draw(element, map, layer, answer) {
    layer.clearLayers();
    answer.features.forEach(function (feature) {
      var coords = feature.geometry.coordinates;
      var props = feature.properties;
      var marker;
      if (props.cluster) {
        marker = L.marker([coords[1], coords[0]], { icon: clusterIcon(props.count), keyboard: false });
        marker.on("click", function () {
          var b = feature.bbox;
          if (props.stacked || map.getZoom() >= map.getMaxZoom()) {
            marker.bindPopup(stackPopup(element, feature, map)).openPopup();
          } else {
            map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [40, 40], maxZoom: map.getMaxZoom() });
          }
        });
      } else {
        marker = L.marker([coords[1], coords[0]], { icon: pinIcon(), keyboard: false, title: props.title });
        marker.bindPopup(itemPopup(props));
      }
      marker.addTo(layer);
    });
    element.dataset.total = String(answer.total);
    element.dataset.features = String(answer.features.length);
  }

  // The view in the address bar, so that a link or a reload opens the map where it was.
  function remember(map) {
    var url = new URL(window.location.href);
    Object.entries(viewOf(map)).forEach(function (pair) { url.searchParams.set(pair[0], pair[1]); });
    url.searchParams.delete("page");
    window.history.replaceState(null, "", url.toString());
    keepView(map);
  }

  function viewOf(map) {
    var centre = map.getCenter();
    return { lat: centre.lat.toFixed(5), lon: centre.lng.toFixed(5), zoom: String(map.getZoom()) };
  }

  // The filter form keeps the view too: filtering does not send the visitor back to the default place.
  function keepView(map) {
    var view = viewOf(map);
    document.querySelectorAll("form.map-filters").forEach(function (form) {
      Object.keys(view).forEach(function (name) {
        var input = form.querySelector("input[type=hidden][name=" + name + "]");
        if (!input) {
          input = document.createElement("input");
          input.type = "hidden";
          input.name = name;
          form.appendChild(input);
        }
        input.value = view[name];
      });
    });
  }

  function clamp(value, low, high) { return Math.min(Math.max(value, low), high); }

  function startPage(element) {
    var map = baseMap(element, Number(element.dataset.lat), Number(element.dataset.lon), Number(element.dataset.zoom));
    var layer = L.layerGroup().addTo(map);
    var pending = null;
    function load() {
      var bounds = map.getBounds();
      var box = [
        clamp(bounds.getWest(), -180, 180), clamp(bounds.getSouth(), -90, 90),
        clamp(bounds.getEast(), -180, 180), clamp(bounds.getNorth(), -90, 90),
      ].map(function (n) { return n.toFixed(5); });
      var params = new URLSearchParams(element.dataset.filters);
      params.set("bbox", box.join(","));
      params.set("zoom", String(map.getZoom()));
      if (pending) { pending.abort(); }
      pending = new AbortController();
      element.setAttribute("aria-busy", "true");
      fetch(element.dataset.api + "?" + params.toString(), { signal: pending.signal, headers: { Accept: "application/geo+json" } })
        .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
        .then(function (answer) { draw(element, map, layer, answer); element.removeAttribute("aria-busy"); })
        .catch(function (error) { if (error.name !== "AbortError") { tell(element.dataset.textFailed); } });
    }
    map.on("moveend", function () { load(); remember(map); });
    map.on("popupopen", function (event) { unfocusable(event.popup.getElement()); });
    load();
    keepView(map);
  }

  function startItem(element) {
    var lat = Number(element.dataset.lat), lon = Number(element.dataset.lon);
    var map = baseMap(element, lat, lon, Number(element.dataset.zoom));
    L.marker([lat, lon], { icon: pinIcon(), keyboard: false, interactive: false }).addTo(map);
  }

  // An exhibit's map block (.points-map): its items' numbered points, the view fitted to them; the drawing it
  // replaces on screen stays for print.
  function numberIcon(number) {
    return L.divIcon({ className: "map-cluster map-number", html: String(number), iconSize: [28, 28] });
  }

  function startPoints(element) {
    var points = JSON.parse(element.dataset.points || "[]");
    if (!points.length) { return; }
    var map = baseMap(element, points[0][1], points[0][2], 15);
    points.forEach(function (point) {
      L.marker([point[1], point[2]], { icon: numberIcon(point[0]), keyboard: false, interactive: false }).addTo(map);
    });
    if (points.length > 1) {
      map.fitBounds(points.map(function (point) { return [point[1], point[2]]; }), { padding: [28, 28], maxZoom: 16 });
    }
    element.parentNode.classList.add("map-replaced");
  }

  // "Nearest to me": the position stays in the page; the form sends the nearest commune of the list.
  function locate(form) {
    var button = form.querySelector(".map-locate");
    var select = form.querySelector("select[name=near]");
    if (!button || !select || !navigator.geolocation) { return; }
    button.hidden = false;
    form.querySelector(".map-locate-hint").hidden = false;
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var here = L.latLng(position.coords.latitude, position.coords.longitude);
        var best = null, bestDistance = Infinity;
        Array.prototype.forEach.call(select.options, function (option) {
          var distance = here.distanceTo([Number(option.dataset.lat), Number(option.dataset.lon)]);
          if (distance < bestDistance) { best = option; bestDistance = distance; }
        });
        if (best) { select.value = best.value; form.submit(); }
      });
    });
  }

  function start() {
    if (!window.L) { return; }
    var page = document.getElementById("map");
    if (page) { startPage(page); }
    document.querySelectorAll(".item-map").forEach(startItem);
    document.querySelectorAll(".points-map").forEach(startPoints);
    document.querySelectorAll("form.map-near").forEach(locate);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
