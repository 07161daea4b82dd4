// ReDoc's sidebar shows a logo from cdn.redoc.ly, which the site's policy blocks (the page
// works offline and loads nothing from a CDN). Loaded before ReDoc, this hides that one image
// instead of letting the browser request it, however ReDoc sets its address.
(function () {
  "use strict";
  var blocked = "https://cdn.redoc.ly/redoc/logo-mini.svg";
  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (this.tagName === "IMG" && String(name).toLowerCase() === "src" && String(value) === blocked) {
      return setAttribute.call(this, "hidden", "");
    }
    return setAttribute.call(this, name, value);
  };
  var src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    configurable: true,
    enumerable: src.enumerable,
    get: src.get,
    set: function (value) {
      if (String(value) === blocked) {
        this.hidden = true;
        return;
      }
      src.set.call(this, value);
    },
  });
})();
