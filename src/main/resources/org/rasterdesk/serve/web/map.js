// The web map of `rasterdesk serve`: the database's layers over Natural Earth outlines (offline) or
// OpenStreetMap (online). URL options: ?layers=ID,ID (which layers are on; default all with tiles),
// ?base=osm, ?view=ZOOM,LAT,LON.
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var map = L.map('map', {preferCanvas: true, minZoom: 0, maxZoom: 24, worldCopyJump: true});
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.setView([20, 0], 2);

  // Base maps, under the layers: the outlines get a pane below the tile pane (Leaflet draws vectors above tiles).
  map.createPane('outlines').style.zIndex = 150;
  var outlineStyle = function (feature) {
    return feature.properties.kind === 'border'
      ? {color: '#7d7d7d', weight: 0.8, dashArray: '4 3'}
      : {color: '#3f6587', weight: 1.3};
  };
  var outlines = L.layerGroup();
  var outlineLayers = {};
  var outlineLoading = {};
  function outlineScale() { return map.getZoom() <= 2 ? '110m' : '50m'; }
  function showOutlines() {
    var scale = outlineScale();
    if (outlineLayers[scale]) {
      outlines.clearLayers();
      outlines.addLayer(outlineLayers[scale]);
      return;
    }
    if (outlineLoading[scale]) { return; }
    outlineLoading[scale] = true;
    fetch('/basemap/outlines-' + scale + '.geojson').then(function (r) { return r.json(); }).then(function (data) {
      outlineLayers[scale] = L.geoJSON(data, {style: outlineStyle, interactive: false, pane: 'outlines',
        renderer: L.canvas({pane: 'outlines'}),
        attribution: 'Outlines: <a href="https://www.naturalearthdata.com">Natural Earth</a>'});
      showOutlines();
    });
  }
  map.on('zoomend', showOutlines);
  var osm = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'});
  function setBase(name) {
    if (name === 'osm') { map.removeLayer(outlines); osm.addTo(map); } else { map.removeLayer(osm); outlines.addTo(map); showOutlines(); }
    document.querySelectorAll('input[name=base]').forEach(function (input) { input.checked = input.value === name; });
  }
  document.querySelectorAll('input[name=base]').forEach(function (input) {
    input.addEventListener('change', function () { setBase(input.value); });
  });
  setBase(params.get('base') === 'osm' ? 'osm' : 'outlines');

  // Layers.
  var shown = {};
  var layersById = {};
  var selected = null;
  var legendToken = null;
  var wanted = params.has('layers') ? params.get('layers').split(',') : null;

  function latLngBounds(b) { return L.latLngBounds([b[1], b[0]], [b[3], b[2]]); }

  function text(tag, content, className) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (className) { el.className = className; }
    return el;
  }

  function qgisUrl(layer) { return layer.tiles; }

  function addLayer(layer, on) {
    var li = document.createElement('li');
    li.id = 'layer-' + layer.id;
    var checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    checkbox.checked = on;
    checkbox.disabled = !layer.hasTiles;
    var name = text('span', ' ' + layer.name, 'layer-name');
    name.addEventListener('click', function () { select(layer); });
    var zoom = text('button', 'Zoom to', 'zoom');
    zoom.disabled = !layer.bounds;
    zoom.addEventListener('click', function () { map.fitBounds(latLngBounds(layer.bounds)); select(layer); });
    li.appendChild(zoom);
    li.appendChild(checkbox);
    li.appendChild(name);
    li.appendChild(text('div', 'id ' + layer.id + ' · ' + layer.datatype + ' · ' + layer.status
      + (layer.hasTiles ? ' · max zoom ' + layer.maxzoom : ' · no tiles'), 'layer-meta'));
    if (layer.hasTiles) {
      var url = document.createElement('input');
      url.className = 'layer-url';
      url.readOnly = true;
      url.setAttribute('value', qgisUrl(layer));
      url.title = 'XYZ URL for QGIS (Add XYZ Layer), GDAL or any web map';
      url.addEventListener('focus', function () { url.select(); });
      li.appendChild(url);
    }
    document.getElementById('layers').appendChild(li);
    checkbox.addEventListener('change', function () { toggle(layer, checkbox.checked); });
    if (on) { toggle(layer, true); }
  }

  function toggle(layer, on) {
    if (on && !shown[layer.id]) {
      var options = {maxZoom: 24, zIndex: 10 + layer.id};
      if (layer.bounds) { options.bounds = latLngBounds(layer.bounds); }
      shown[layer.id] = L.tileLayer(layer.tiles.replace(/^https?:\/\/[^/]+/, ''), options).addTo(map);
      select(layer);
    } else if (!on && shown[layer.id]) {
      map.removeLayer(shown[layer.id]);
      delete shown[layer.id];
    }
  }

  function select(layer) {
    selected = layer;
    var token = {};
    legendToken = token;
    document.querySelectorAll('#layers li').forEach(function (li) {
      li.classList.toggle('selected', li.id === 'layer-' + layer.id);
    });
    document.getElementById('legend-layer').textContent = '— ' + layer.name;
    var box = document.getElementById('legend');
    box.innerHTML = '';
    if (layer.legend) {
      fetch(layer.legend.replace(/^https?:\/\/[^/]+/, '')).then(function (r) { return r.json(); }).then(function (entries) {
        if (legendToken !== token) { return; } // another layer was selected meanwhile
        if (!entries.length) { showRamp(layer, box); return; }
        entries.forEach(function (e) {
          var row = document.createElement('div');
          var swatch = text('span', '', 'swatch');
          swatch.style.background = e.color;
          row.appendChild(swatch);
          row.appendChild(text('span', e.name + ' (' + e.expression + ')'));
          box.appendChild(row);
        });
      });
    } else {
      showRamp(layer, box);
    }
  }

  function label(v) { return Number(v.toPrecision(5)).toString(); }

  function showRamp(layer, box) {
    var ramp = layer.ramp ? JSON.parse(layer.ramp) : null;
    if (!ramp && layer.datatype !== 'co') {
      box.appendChild(text('p', 'A colour per value (no legend).', 'note'));
      return;
    }
    var from = ramp ? ramp.from : '#000000';
    var to = ramp ? ramp.to : '#ffffff';
    var stops = ramp && ramp.over ? [from, ramp.over, to] : [from, to];
    var range = ramp && ramp.range ? ramp.range : layer.range;
    var bar = text('div', '', 'ramp');
    bar.style.background = 'linear-gradient(to right, ' + stops.join(', ') + ')';
    box.appendChild(bar);
    if (range) {
      var ends = text('div', '', 'ramp-ends');
      ends.appendChild(text("span", label(range[0])));
      ends.appendChild(text("span", label(range[1])));
      box.appendChild(ends);
    }
  }

  fetch('/raster/layers.json').then(function (r) { return r.json(); }).then(function (layers) {
    var list = document.getElementById('layers');
    list.innerHTML = '';
    if (!layers.length) { list.appendChild(text('li', 'No layers in this database.', 'note')); }
    var bounds = null;
    layers.forEach(function (layer) {
      layersById[layer.id] = layer;
      var on = layer.hasTiles && (wanted ? wanted.indexOf(String(layer.id)) >= 0 : true);
      addLayer(layer, on);
      if (on && layer.bounds) {
        bounds = bounds ? bounds.extend(latLngBounds(layer.bounds)) : latLngBounds(layer.bounds);
      }
    });
    if (params.has('view')) {
      var v = params.get('view').split(',').map(Number);
      map.setView([v[1], v[2]], v[0]);
    } else if (bounds) {
      map.fitBounds(bounds);
    }
    document.body.setAttribute('data-layers-loaded', String(layers.length));
  });

  // The values of the layers shown, at a click.
  map.on('click', function (event) {
    var ids = Object.keys(shown);
    if (!ids.length) { return; }
    var p = map.options.crs.project(event.latlng);
    var rows = ids.map(function (id) {
      var url = '/raster/pixel/' + p.x.toFixed(2) + '/' + p.y.toFixed(2) + '?layers=a=' + id + '&formula=a';
      return fetch(url).then(function (r) { return r.json(); }).then(function (json) {
        return layersById[id].name + ': ' + (json.value === null ? 'no data' : json.value);
      });
    });
    Promise.all(rows).then(function (lines) {
      L.popup().setLatLng(event.latlng).setContent(lines.map(function (l) {
        return l.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      }).join('<br>')).openOn(map);
    });
  });
}());
