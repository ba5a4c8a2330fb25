// The suggestions of an officer field (<input data-officer-names="URL" list="ID">): fetched the
// first time such a field is used, so the thousand officers' names of a province are not sent in
// every page. Without scripts the field still works: the server finds the officer from the text.
(function () {
  "use strict";

  function fill(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || list.dataset.state) {
      return;
    }
    list.dataset.state = "loading";
    fetch(input.dataset.officerNames, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (labels) {
        var options = document.createDocumentFragment();
        labels.forEach(function (label) {
          var option = document.createElement("option");
          option.value = label;
          options.appendChild(option);
        });
        list.appendChild(options);
        list.dataset.state = "filled";
      })
      .catch(function () {
        delete list.dataset.state; // asked again when the field is next used
      });
  }

  document.addEventListener("focusin", function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.dataset.officerNames) {
      fill(input);
    }
  });
})();
