// The village selection map of the zones tab (ui/select_map.py): villages filled with their
// zone's colour, zone outlines and labels; a click toggles a village, the lasso adds every
// village whose point it encloses, and the selection goes back to the app as
// {selected: [village ids], seq: n, have: the village layer it holds}; the app sends the
// villages' geometry only until the page says it has it. Talks to Streamlit with the components-v1 messages
// (streamlit:componentReady / render / setComponentValue / setFrameHeight); no library but the
// bundled Leaflet, nothing fetched from the network.
(function () {
  "use strict";

  function post(type, data) {
    var message = { isStreamlitMessage: true, type: type };
    for (var key in data || {}) message[key] = data[key];
    window.parent.postMessage(message, "*");
  }

  var map = L.map("map", {
    boxZoom: false,
    zoomSnap: 0.25,
    attributionControl: false,
  });
  L.control.scale({ metric: true, imperial: false, position: "bottomleft" }).addTo(map);

  var state = {
    geoKey: null,
    zonesKey: null,
    zoneOf: {},
    colors: {},
    opacity: 0.75,
    selected: new Set(),
    seq: 0,
    texts: { zone: "", lasso: "", clear: "", count: "" },
    bounds: null,
    fitted: false,
    height: 520,
  };
  var points = {};
  var lassoOn = false;
  var drawing = null;
  var trace = null;

  function style(feature) {
    var on = state.selected.has(feature.id);
    return {
      color: on ? "#000000" : "#ffffff",
      weight: on ? 3 : 0.8,
      dashArray: on ? "5 3" : null,
      fillColor: state.colors[state.zoneOf[feature.id]] || "#999999",
      fillOpacity: on ? 0.95 : state.opacity,
    };
  }

  function tooltip(feature) {
    return function () {
      var el = document.createElement("div");
      el.textContent =
        feature.properties.name + " · " + state.texts.zone + " " + state.zoneOf[feature.id];
      return el;
    };
  }

  var villages = L.geoJSON(null, {
    style: style,
    onEachFeature: function (feature, layer) {
      layer.on("click", function (e) {
        L.DomEvent.stopPropagation(e);
        if (!lassoOn) toggle(feature.id);
      });
      layer.bindTooltip(tooltip(feature), { sticky: true });
    },
  }).addTo(map);
  var outlines = L.geoJSON(null, {
    interactive: false,
    style: { color: "#222222", weight: 2.5, fill: false },
  }).addTo(map);
  var labels = L.layerGroup().addTo(map);

  function restyle() {
    villages.eachLayer(function (layer) {
      layer.setStyle(style(layer.feature));
      if (state.selected.has(layer.feature.id)) layer.bringToFront();
    });
    outlines.bringToFront();
    document.getElementById("count").textContent = state.texts.count.replace(
      "{n}",
      String(state.selected.size)
    );
  }

  function value() {
    post("streamlit:setComponentValue", {
      value: { selected: Array.from(state.selected), seq: state.seq, have: state.geoKey },
      dataType: "json",
    });
  }

  function send() {
    state.seq += 1;
    value();
  }

  function toggle(id) {
    if (state.selected.has(id)) state.selected.delete(id);
    else state.selected.add(id);
    restyle();
    send();
  }

  // --- the lasso: press, draw around villages, release -------------------------------------
  function inside(point, ring) {
    var x = point[1], y = point[0], hit = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i].lng, yi = ring[i].lat, xj = ring[j].lng, yj = ring[j].lat;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
    }
    return hit;
  }

  function setLasso(on) {
    lassoOn = on;
    var button = document.getElementById("lasso");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    document.getElementById("map").classList.toggle("lasso", on);
    if (on) map.dragging.disable();
    else map.dragging.enable();
  }

  map.on("mousedown", function (e) {
    if (!lassoOn) return;
    drawing = [e.latlng];
    trace = L.polyline(drawing, { color: "#000000", weight: 2, dashArray: "4 4" }).addTo(map);
  });
  map.on("mousemove", function (e) {
    if (!drawing) return;
    drawing.push(e.latlng);
    trace.setLatLngs(drawing);
  });
  map.on("mouseup", function () {
    if (!drawing) return;
    var ring = drawing;
    drawing = null;
    map.removeLayer(trace);
    if (ring.length < 3) return;
    var added = 0;
    for (var id in points) {
      if (!state.selected.has(id) && inside(points[id], ring)) {
        state.selected.add(id);
        added += 1;
      }
    }
    if (added) {
      restyle();
      send();
    }
  });

  document.getElementById("lasso").addEventListener("click", function () {
    setLasso(!lassoOn);
  });
  document.getElementById("clear").addEventListener("click", function () {
    if (!state.selected.size) return;
    state.selected.clear();
    restyle();
    send();
  });

  // --- fitting: a map first drawn in a hidden tab has no size; fit when it gets one ----------
  function fit() {
    // the container itself, not map.getSize(): Leaflet keeps the first size it measured, and
    // that is 0 × 0 in a hidden tab
    var box = document.getElementById("map");
    if (!state.bounds || !state.bounds.isValid() || !box.clientWidth || !box.clientHeight) return;
    map.invalidateSize(false);
    map.fitBounds(state.bounds, { padding: [8, 8] });
    state.fitted = true;
  }
  new ResizeObserver(function () {
    map.invalidateSize(false);
    if (!state.fitted) fit();
  }).observe(document.getElementById("map"));

  // --- the app's arguments -------------------------------------------------------------------
  function zoneLabel(item) {
    var el = document.createElement("span");
    el.textContent = item[2];
    return L.marker([item[0], item[1]], {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: "zone-label", html: el, iconSize: null }),
    });
  }

  function render(args) {
    state.texts = args.texts || state.texts;
    state.colors = args.colors || {};
    state.zoneOf = args.zone_of || {};
    state.opacity = args.opacity || state.opacity;
    document.getElementById("lasso").textContent = state.texts.lasso;
    document.getElementById("clear").textContent = state.texts.clear;
    var told = false;
    if (args.geo_key !== state.geoKey) {
      if (args.geo) {
        villages.clearLayers();
        villages.addData(args.geo);
        points = args.points || {};
        state.geoKey = args.geo_key;
        state.bounds = villages.getBounds();
        state.fitted = false;
        fit();
      }
      told = true; // say which villages this page holds (the app sends them until it knows)
    }
    if (args.zones_key !== state.zonesKey) {
      outlines.clearLayers();
      outlines.addData(args.outlines);
      labels.clearLayers();
      (args.labels || []).forEach(function (item) {
        labels.addLayer(zoneLabel(item));
      });
      state.zonesKey = args.zones_key;
    }
    // the app's selection wins unless this map has sent a newer one it has not seen yet
    if ((args.ack || 0) >= state.seq) {
      state.selected = new Set(args.selected || []);
      state.seq = args.ack || 0; // a page loaded again counts on from what the app has taken
    }
    restyle();
    if (args.height !== state.height) state.height = args.height;
    document.body.style.height = state.height + "px";
    post("streamlit:setFrameHeight", { height: state.height });
    if (told) value();
  }

  // for tests and the curious: where a village is drawn, and what is selected
  window.selectMap = {
    map: map,
    point: function (id) {
      var at = points[id];
      return at && map._loaded ? map.latLngToContainerPoint(at) : null;
    },
    selected: function () {
      return Array.from(state.selected);
    },
  };

  var rendered = false;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (data && data.type === "streamlit:render") {
      rendered = true;
      render(data.args || {});
    }
  });
  post("streamlit:componentReady", { apiVersion: 1 });
  // a page reloaded in place (its frame moved in the document) may get no render until the
  // app runs again: say that it holds nothing, which makes the app run and send the villages
  setTimeout(function () {
    if (!rendered) value();
  }, 1500);
})();
