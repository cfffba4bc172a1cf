/* The browse page, before its own script reads the address: a take-away renamed since a link
   was made (former_ids in the guide's sections.yaml) is filtered by its current id, so old
   links such as ?takeaway=<old id> keep working. The forwards come from the build. */
(function () {
  "use strict";
  var forwards = JSON.parse(document.currentScript.getAttribute("data-forwards"));
  var address = new URLSearchParams(window.location.search);
  var values = address.getAll("takeaway");
  var current = values.map(function (value) {
    return Object.prototype.hasOwnProperty.call(forwards, value) ? forwards[value] : value;
  });
  if (current.join() === values.join()) return;
  address.delete("takeaway");
  current.filter(function (value, index) { return current.indexOf(value) === index; })
    .forEach(function (value) { address.append("takeaway", value); });
  history.replaceState(null, "", "?" + address.toString() + window.location.hash);
})();
