// The interactive timeline: vis-timeline (from npm) over the events embedded in the page.
// The URL carries the view (filters, visible range, selected event), so a view can be shared.
// All data reaches the DOM through textContent, never as HTML: vis-timeline would parse a
// string `content` as (filtered) HTML, so titles are handed to it as text nodes inside
// elements; its tooltips (`title`) it sets as plain text itself. Links to elsewhere are made
// only from http(s) addresses, whatever the knowledge base holds.
"use strict";

(function () {
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var container = document.getElementById("timeline");
  var form = document.getElementById("filters");
  var list = document.getElementById("event-list");
  var panel = document.getElementById("panel");
  var count = document.getElementById("count");
  var empty = document.getElementById("empty");
  var api = container.dataset.api;
  var suffix = container.dataset.apiSuffix || "";
  var FILTERS = ["era", "theme", "actor", "type", "significance", "from", "to", "q"];
  var byId = {};
  data.events.forEach(function (e) { byId[e.id] = e; });

  function params() { return new URLSearchParams(window.location.search); }

  // Text for vis-timeline's `content`, which would read a string as HTML.
  function textNode(text, cls) {
    var span = document.createElement("span");
    span.textContent = text;
    if (cls) span.className = cls;
    return span;
  }

  function httpUrl(url) { return typeof url === "string" && /^https?:\/\/[^\s\/?#]/i.test(url); }

  function bound(text, upper) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec((text || "").trim());
    if (!m) return null;
    if (!upper) return m[1] + "-" + (m[2] || "01") + "-" + (m[3] || "01");
    if (m[3]) return m[0];
    if (m[2]) return m[1] + "-" + m[2] + "-31";
    return m[1] + "-12-31";
  }

  function matches(e, f) {
    if (f.era && e.era !== f.era) return false;
    if (f.theme && e.themes.indexOf(f.theme) < 0) return false;
    if (f.type && e.type !== f.type) return false;
    if (f.significance && e.significance < Number(f.significance)) return false;
    if (f.actor) {
      var side = ["russia", "korea", "other"].indexOf(f.actor) >= 0;
      var hit = e.actors.some(function (a) {
        return side ? data.sides[a] === f.actor : a === f.actor;
      });
      if (!hit) return false;
    }
    var from = bound(f.from, false), to = bound(f.to, true);
    if (from && (e.upper || e.start) < from) return false;
    if (to && e.start > to) return false;
    if (f.q) {
      var words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
      if (!words.every(function (w) { return e.text.indexOf(w) >= 0; })) return false;
    }
    return true;
  }

  // The span of the selected events, padded a little: [start, end] as Dates, or null.
  function rangeOf(selected) {
    var lo = null, hi = null;
    selected.forEach(function (e) {
      if (!e.start) return;
      var end = e.end || e.start;
      if (lo === null || e.start < lo) lo = e.start;
      if (hi === null || end > hi) hi = end;
    });
    if (lo === null) return null;
    var a = new Date(lo).getTime(), b = new Date(hi).getTime();
    var pad = Math.max((b - a) * 0.05, 1000 * 60 * 60 * 24 * 60);
    return [new Date(a - pad), new Date(b + pad)];
  }

  function currentFilters() {
    var f = {}, p = params();
    FILTERS.forEach(function (k) { f[k] = p.get(k) || ""; });
    return f;
  }

  function syncForm(f) {
    FILTERS.forEach(function (k) {
      var input = form.elements[k];
      if (input) input.value = f[k] || (k === "significance" ? "1" : "");
    });
  }

  function setUrl(changes, push) {
    var p = params();
    Object.keys(changes).forEach(function (k) {
      var v = changes[k];
      if (v === "" || v === null || v === undefined || (k === "significance" && v === "1")) {
        p.delete(k);
      } else {
        p.set(k, v);
      }
    });
    var url = window.location.pathname + (p.toString() ? "?" + p.toString() : "");
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  // --- the timeline ------------------------------------------------------------------------
  var groups = new vis.DataSet(data.themes.map(function (t, i) {
    return { id: t, content: textNode(t), order: i };
  }));
  var items = new vis.DataSet();
  var eras = data.eras.map(function (era, i) {
    return { id: "era:" + era.id, start: era.start, end: era.end, type: "background",
             content: textNode(era.title), className: "era-band era-" + (i % 2) };
  });

  function itemFor(e) {
    var item = { id: e.id, group: e.themes[0] || "diplomacy", start: e.start,
                 content: textNode(e.title), title: e.display + " — " + e.title,
                 className: "sig-" + e.significance };
    // Long spans (wars, occupations) are drawn as ranges; a span of days or weeks reads
    // better as a point at its start.
    var days = e.end ? (new Date(e.end) - new Date(e.start)) / 86400000 : 0;
    if (days > 180) { item.end = e.end; item.type = "range"; }
    else { item.type = "point"; }
    return item;
  }

  // No `cluster` option: in vis-timeline 8.5 clustered items stay drawn at the left edge
  // (upstream issues 457 and 1620), so dense views stack within each theme's lane instead.
  // An explicit initial window stops vis-timeline's own fit on first draw, which could
  // otherwise land after (and undo) the window restored from the URL.
  var initial = params();
  var initialRange = initial.get("start") && initial.get("end")
    ? [initial.get("start"), initial.get("end")]
    : rangeOf(data.events.filter(function (e) { return matches(e, currentFilters()); })) ||
      [data.eras[0].start, data.eras[data.eras.length - 1].end];
  var timeline = new vis.Timeline(container, new vis.DataSet(), groups, {
    start: initialRange[0],
    end: initialRange[1],
    stack: true, zoomMin: 1000 * 60 * 60 * 24 * 30, orientation: "top",
    tooltip: { followMouse: false }, margin: { item: 4 }, height: "520px",
    showCurrentTime: false,
  });
  timeline.setItems(items);

  function renderList(selected) {
    while (list.firstChild) list.removeChild(list.firstChild);
    selected.forEach(function (e) {
      var li = document.createElement("li");
      li.className = "event sig-" + e.significance;
      li.dataset.id = e.id;
      var time = document.createElement("time");
      time.textContent = e.display;
      if (e.start) time.setAttribute("datetime", e.start);
      var a = document.createElement("a");
      a.href = "/events/" + encodeURIComponent(e.id);
      a.textContent = e.title;
      var tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = e.type;
      li.append(time, " ", a, " ", tag);
      list.appendChild(li);
    });
    count.textContent = String(selected.length);
    empty.hidden = selected.length > 0;
  }

  // Clustering: vis-timeline's own `cluster` option leaves clustered items drawn at the left
  // edge (upstream issues 457 and 1620), so dense stretches are clustered here instead: the
  // visible window is cut into buckets, and a lane's bucket holding more than CLUSTER_MAX
  // events becomes one "N events" item; selecting it zooms into its span.
  var CLUSTER_MAX = 3, BUCKETS = 36;
  var current = [];

  function draw() {
    var win = timeline.getWindow();
    var lo = win.start.getTime(), width = (win.end.getTime() - lo) / BUCKETS;
    var lanes = {};
    current.forEach(function (e) {
      if (!e.start) return;
      var t = new Date(e.start).getTime();
      var key = (e.themes[0] || "diplomacy") + "|" + Math.floor((t - lo) / width);
      (lanes[key] = lanes[key] || []).push(e);
    });
    var out = eras.slice();
    Object.keys(lanes).forEach(function (key) {
      var group = lanes[key];
      if (group.length <= CLUSTER_MAX) {
        group.forEach(function (e) { out.push(itemFor(e)); });
        return;
      }
      var starts = group.map(function (e) { return e.start; }).sort();
      var end = new Date(new Date(starts[starts.length - 1]).getTime() + width / 2);
      out.push({ id: "cluster:" + key, group: key.split("|")[0], start: starts[0], end: end,
                 content: textNode(String(group.length)), type: "range", className: "cluster",
                 title: group.length + " events — select to zoom in:\n" + group.map(
                   function (e) { return e.display + " — " + e.title; }).join("\n"),
                 span: [starts[0], starts[starts.length - 1]] });
    });
    items.clear();
    items.add(out);
    container.dataset.clusters = String(out.filter(function (i) {
      return String(i.id).indexOf("cluster:") === 0; }).length);
  }

  function apply(f) {
    current = data.events.filter(function (e) { return matches(e, f); });
    container.dataset.itemCount = String(current.length);
    renderList(current);
    return current;
  }

  // --- the panel ---------------------------------------------------------------------------
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function showPanel(id) {
    var e = byId[id];
    if (!e) return;
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var h = el("h2");
    var link = el("a", e.title);
    link.href = "/events/" + encodeURIComponent(e.id);
    h.appendChild(link);
    panel.append(h, el("p", e.display, "date"));
    panel.dataset.event = e.id;
    fetch(api + "/events/" + encodeURIComponent(e.id) + suffix)
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (d) {
        if (panel.dataset.event !== e.id) return;
        panel.appendChild(el("p", d.summary, "summary"));
        var actors = d.links.actors.map(function (a) { return a.names.en; }).join(", ");
        panel.appendChild(el("p", "Actors: " + actors, "actors"));
        panel.appendChild(el("h3", "Sources"));
        var ol = el("ol", "", "sources");
        d.links.sources.forEach(function (s) {
          var li = el("li");
          if (httpUrl(s.url)) {
            var a = el("a", s.title);
            a.href = s.url;
            a.rel = "noopener noreferrer";
            li.appendChild(a);
          } else {  // cited without a (usable) link: its page here gives the full reference
            var own = el("a", s.title);
            own.href = "/sources/" + encodeURIComponent(s.id);
            li.appendChild(own);
            if (s.url) li.append(" ", el("code", s.url, "url"));  // shown, never followed
          }
          if (s.publisher) li.append(" — " + s.publisher);
          ol.appendChild(li);
        });
        panel.appendChild(ol);
      })
      .catch(function () { panel.appendChild(el("p", "Could not load the details.", "error")); });
  }

  timeline.on("select", function (props) {
    var id = props.items[0];
    if (!id || String(id).indexOf("era:") === 0) return;
    if (String(id).indexOf("cluster:") === 0) {
      var span = items.get(id).span;
      var a = new Date(span[0]).getTime(), b = new Date(span[1]).getTime();
      var pad = Math.max((b - a) * 0.1, 1000 * 60 * 60 * 24 * 30);
      timeline.setSelection([]);
      timeline.setWindow(new Date(a - pad), new Date(b + pad));
      return;
    }
    showPanel(id);
    setUrl({ event: id }, false);
  });

  var rangeTimer = null;
  timeline.on("rangechanged", function (props) {
    draw();
    if (!props.byUser) return;
    clearTimeout(rangeTimer);
    rangeTimer = setTimeout(function () {
      setUrl({ start: props.start.toISOString().slice(0, 10),
               end: props.end.toISOString().slice(0, 10) }, false);
    }, 200);
  });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var changes = {};
    FILTERS.forEach(function (k) {
      var input = form.elements[k];
      changes[k] = input ? input.value.trim() : "";
    });
    changes.start = ""; changes.end = ""; changes.event = "";
    setUrl(changes, true);
    restore();
  });
  Array.prototype.forEach.call(form.querySelectorAll("select"), function (select) {
    select.addEventListener("change", function () { form.requestSubmit(); });
  });

  function fitTo(selected) {
    var range = rangeOf(selected);
    if (range) timeline.setWindow(range[0], range[1], { animation: false });
  }

  function restore() {
    var f = currentFilters(), p = params();
    syncForm(f);
    var selected = apply(f);
    if (p.get("start") && p.get("end")) {
      timeline.setWindow(p.get("start"), p.get("end"), { animation: false });
    } else if (selected.length) {
      fitTo(selected);
    }
    draw();
    var id = p.get("event");
    if (id && byId[id]) {
      timeline.setSelection([id]);
      showPanel(id);
    }
    container.dataset.ready = "true";
    if (window.performance && performance.mark && !performance.getEntriesByName("timeline-drawn").length) {
      performance.mark("timeline-drawn");
    }
  }

  window.addEventListener("popstate", restore);
  restore();
})();
