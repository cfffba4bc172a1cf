/* The offline copy only (opened from a folder, file://): browsers refuse fetch() there, but
   still run scripts. For each JSON file the guide's scripts fetch, the offline build writes a
   script twin (index.json.js) that hands its data to peOfflineJson; this shim answers fetch()
   of the JSON file by loading its twin, so page scripts need no offline branch of their own. */
(function () {
  "use strict";
  if (window.location.protocol !== "file:") return;
  var loaded = {};
  var waiting = {};
  var fetchOnline = window.fetch;

  window.peOfflineJson = function (src, data) {
    loaded[src] = data;
    (waiting[src] || []).forEach(function (done) { done(data); });
    delete waiting[src];
  };

  window.fetch = function (resource, options) {
    var url = new URL(typeof resource === "string" ? resource : resource.url, document.baseURI);
    if (url.protocol !== "file:" || !/\.json$/.test(url.pathname)) return fetchOnline.call(window, resource, options);
    var src = url.href.split(/[?#]/)[0] + ".js";  // as the twin's document.currentScript.src reads it
    return new Promise(function (resolve, reject) {
      function respond(data) {
        resolve(new Response(JSON.stringify(data), {status: 200, headers: {"Content-Type": "application/json"}}));
      }
      if (Object.prototype.hasOwnProperty.call(loaded, src)) return respond(loaded[src]);
      (waiting[src] = waiting[src] || []).push(respond);
      var script = document.createElement("script");
      script.src = src;
      script.onerror = function () { reject(new TypeError("Could not load " + url.pathname)); };
      document.head.appendChild(script);
    });
  };
})();
