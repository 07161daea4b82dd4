// Progressive enhancement for the filter panel. Without JavaScript the panel is simply open.
// On narrow screens it starts closed so that results come first (unless a filter needs fixing).
(function () {
  "use strict";
  var panel = document.getElementById("filters");
  if (!panel) {
    return;
  }
  if (window.matchMedia("(max-width: 59.99rem)").matches && !panel.querySelector(".field--invalid")) {
    panel.removeAttribute("open");
  }
})();
