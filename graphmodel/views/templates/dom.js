  // Element helpers both page scripts share (see assets.template).
  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }
  function byId(id) { return document.getElementById(id); }
