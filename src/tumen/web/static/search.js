// Search on the static copy of the site: the server is absent, so match words in the browser
// against the prebuilt index (every event with its names in English, Russian and Korean).
"use strict";
(function () {
  var q = new URLSearchParams(window.location.search).get("q") || "";
  var input = document.getElementById("q");
  if (input) input.value = q;
  if (!q.trim()) return;
  var main = document.getElementById("main");
  fetch("/api/v1/search-index.json")
    .then(function (r) { return r.json(); })
    .then(function (events) {
      var words = q.toLowerCase().split(/\s+/).filter(Boolean);
      var hits = events.filter(function (e) {
        return words.every(function (w) { return e.text.indexOf(w) >= 0; });
      });
      var p = document.createElement("p");
      p.id = "result-count";
      p.textContent = hits.length + " events match “" + q + "”.";
      var ol = document.createElement("ol");
      ol.id = "results";
      ol.className = "events";
      hits.forEach(function (e) {
        var li = document.createElement("li");
        li.className = "event sig-" + e.significance;
        var time = document.createElement("time");
        time.textContent = e.display;
        var a = document.createElement("a");
        a.href = "/events/" + encodeURIComponent(e.id);
        a.textContent = e.title;
        li.append(time, " ", a);
        ol.appendChild(li);
      });
      main.append(p, ol);
    });
})();
