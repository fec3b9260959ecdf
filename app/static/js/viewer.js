// Deep zoom: adds a "zoom" button to each image; it opens an OpenSeadragon viewer over the image's
// IIIF Image service. Without JavaScript the image links to its large size instead.
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[data-prefix]");
  var prefix = script ? script.dataset.prefix : "";

  // OpenSeadragon adds an inline <style>, which the site's policy refuses, unless one marked like this is
  // there: an empty one stands in (the policy allows the empty text by its hash); its rule is in museum.css.
  function markStyle() {
    if (document.querySelector("style[data-openseadragon-mobile-css]")) { return; }
    var style = document.createElement("style");
    style.setAttribute("data-openseadragon-mobile-css", "true");
    document.head.appendChild(style);
  }

  function open(zoomable, button) {
    var box = document.createElement("div");
    box.className = "zoom-viewer";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", zoomable.dataset.zoomLabel);
    zoomable.appendChild(box);
    zoomable.classList.add("zoomed");
    markStyle();
    zoomable.viewer = window.OpenSeadragon({
      element: box,
      prefixUrl: prefix,
      tileSources: zoomable.dataset.iiif,
      showNavigator: true,
      navigatorPosition: "BOTTOM_RIGHT",
      autoHideControls: false,  // zoom, home and full screen stay in sight, for keyboard and touch users too
      gestureSettingsMouse: { scrollToZoom: true },
    });
    if (zoomable.dataset.region) { showRegion(zoomable.viewer, zoomable.dataset.region); }
    button.textContent = zoomable.dataset.closeLabel;
    button.setAttribute("aria-expanded", "true");
  }

  // An exhibit's zoom block opens on the part of the image its author chose: "x,y,w,h" in percent.
  function showRegion(viewer, region) {
    var pct = region.split(",").map(Number);
    viewer.addOnceHandler("open", function () {
      var image = viewer.world.getItemAt(0);
      var size = image.getContentSize();
      var rect = image.imageToViewportRectangle(
        pct[0] * size.x / 100, pct[1] * size.y / 100, pct[2] * size.x / 100, pct[3] * size.y / 100);
      viewer.viewport.fitBounds(rect, true);
    });
  }

  function close(zoomable, button) {
    zoomable.viewer.destroy();
    zoomable.viewer = null;
    zoomable.querySelector(".zoom-viewer").remove();
    zoomable.classList.remove("zoomed");
    button.textContent = zoomable.dataset.zoomLabel;
    button.setAttribute("aria-expanded", "false");
  }

  function enhance(zoomable) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "zoom-button";
    button.textContent = zoomable.dataset.zoomLabel;
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      if (zoomable.viewer) { close(zoomable, button); } else { open(zoomable, button); }
    });
    zoomable.parentNode.insertBefore(button, zoomable.nextSibling);
  }

  if (window.OpenSeadragon) {
    document.querySelectorAll(".zoomable[data-iiif]").forEach(enhance);
  }
}());
