/* "Copy link" buttons beside each take-away (section pages) and under each example's title.
   The link copied is the page's published address, never the file:// address of the offline
   copy, with the take-away's anchor; a live region says it was copied. Also fills in the date
   in each printed page's "Cite this page" line. */
(function () {
  "use strict";

  var address = document.currentScript.getAttribute("data-address");
  var status = document.createElement("p");
  status.className = "pe-visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function announce(message) {
    // Cleared first, so the same message twice is read twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function writeText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "pe-visually-hidden";
      document.body.appendChild(area);
      area.select();
      var copied = document.execCommand("copy");
      area.remove();
      if (copied) resolve(); else reject(new Error("copy refused"));
    });
  }

  /* Copies link, shows it on the button for a few seconds and announces it; on failure shows the link to copy by hand. */
  function copyLink(link, button) {
    var label = button.querySelector(".pe-copy__label");
    return writeText(link).then(function () {
      label.textContent = "Link copied";
      announce("Link copied: " + link);
    }, function () {
      label.textContent = "Copy this link: " + link;
      announce("The link could not be copied. It is " + link);
    }).then(function () {
      window.setTimeout(function () { label.textContent = "Copy link"; }, 4000);
    });
  }
  function copyButton(what) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pe-copy";
    var label = document.createElement("span");
    label.className = "pe-copy__label";
    label.textContent = "Copy link";
    var context = document.createElement("span");
    context.className = "pe-visually-hidden";
    context.textContent = " to " + what;
    button.append(label, context);
    return button;
  }

  window.peCopy = {button: copyButton, link: copyLink};  // for the handout page's own link

  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (element) {
    var anchor = element.getAttribute("data-copy");
    var isTakeaway = element.classList.contains("pe-takeaway");
    var button = copyButton(isTakeaway ? "this take-away" : "this example");
    var link = address + (anchor ? "#" + anchor : "");
    button.addEventListener("click", function () { copyLink(link, button); });
    var place = element.tagName === "P" ? element : element.querySelector(":scope > p") || element;
    place.appendChild(document.createTextNode(" "));
    place.appendChild(button);
    element.hidden = false;
  });

  // Written out by hand: the first toLocaleDateString on a page loads Intl's data, about 30 ms of a phone's start.
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"];
  var now = new Date();
  var today = now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
  Array.prototype.forEach.call(document.querySelectorAll("[data-pe-accessed]"), function (span) {
    span.textContent = " (accessed " + today + ")";
  });
})();
