/* Search results: a click is recorded by a beacon and the browser goes straight
   to the document (without JavaScript the link records it and redirects).
   Document pages opened from a result: the reading time is sent when the page
   is left. Nothing is kept beyond the tab (sessionStorage). */
(function () {
  "use strict";
  var STORE = "parvis-lecture";
  var script = document.currentScript;
  var readingUrl = script && script.dataset.lecture;

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href*="/clic/"]');
    if (!link || !navigator.sendBeacon) return;
    var url = new URL(link.href, window.location.href);
    var target = url.searchParams.get("vers") || "";
    if (url.origin !== window.location.origin || target.charAt(0) !== "/" || target.charAt(1) === "/") return;
    var body = new URLSearchParams();
    var id = window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : "";
    if (id) body.set("id", id);
    if (!navigator.sendBeacon(url.pathname, body)) return; // the redirect records it instead
    if (id) sessionStorage.setItem(STORE, JSON.stringify({ clic: id, debut: Date.now(), page: target }));
    link.href = target;
  });

  var pending = null;
  try {
    pending = JSON.parse(sessionStorage.getItem(STORE) || "null");
  } catch (error) {
    pending = null;
  }
  if (!pending || !readingUrl || pending.page !== window.location.pathname) return;
  var sent = false;
  function sendReadingTime() {
    if (sent) return;
    sent = true;
    sessionStorage.removeItem(STORE);
    navigator.sendBeacon(readingUrl, new URLSearchParams({ clic: pending.clic, ms: String(Date.now() - pending.debut) }));
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") sendReadingTime();
  });
  window.addEventListener("pagehide", sendReadingTime);
})();
