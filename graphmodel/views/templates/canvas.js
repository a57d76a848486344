/* graphmodel canvas surface: a 2D canvas with a camera, drag to pan, wheel to zoom, click and hover.
 * What is drawn is the page's business (a painter function); this file only moves the camera
 * and keeps frames cheap: while the camera moves, a frame whose full paint would be slow is the
 * last full paint, shifted and scaled, and the full paint follows once the camera rests. */
var GraphmodelSurface = (function () {
  "use strict";

  var REST_MS = 140;  // a full paint this long after the camera last moved
  var SLOW_MS = 12;   // full paints slower than this make moving frames reuse the last one

  function Surface(container, options) {
    this.container = container;
    this.canvas = document.createElement("canvas");
    this.canvas.setAttribute("aria-hidden", "true");
    this.canvas.style.display = "block";
    this.canvas.style.width = "100%";
    this.canvas.style.height = "100%";
    container.appendChild(this.canvas);
    this.ctx = this.canvas.getContext("2d");
    this.paint = options.paint;
    this.onClick = options.click || function () {};
    this.onHover = options.hover || function () {};
    this.cam = { x: 0, y: 0, k: 1 };
    this.snap = document.createElement("canvas");
    this.snapCam = null;
    this.lastPaintMs = 0;
    this.frames = [];  // milliseconds each frame took to produce (for benchmarks)
    this.pending = false;
    this.restTimer = null;
    this.moving = false;
    this.resize();
    this.listen();
  }

  Surface.prototype.resize = function () {
    var box = this.container.getBoundingClientRect();
    this.width = Math.max(1, Math.round(box.width));
    this.height = Math.max(1, Math.round(box.height));
    this.ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.width * this.ratio);
    this.canvas.height = Math.round(this.height * this.ratio);
    this.snapCam = null;
  };

  /* world ↔ screen (CSS pixels inside the container) */
  Surface.prototype.sx = function (x) { return (x - this.cam.x) * this.cam.k + this.width / 2; };
  Surface.prototype.sy = function (y) { return (y - this.cam.y) * this.cam.k + this.height / 2; };
  Surface.prototype.wx = function (sx) { return (sx - this.width / 2) / this.cam.k + this.cam.x; };
  Surface.prototype.wy = function (sy) { return (sy - this.height / 2) / this.cam.k + this.cam.y; };

  Surface.prototype.request = function () {
    if (this.pending) { return; }
    this.pending = true;
    var self = this;
    window.requestAnimationFrame(function () { self.pending = false; self.frame(); });
  };

  Surface.prototype.frame = function () {
    var start = performance.now();
    if (this.moving && this.snapCam && this.lastPaintMs > SLOW_MS) {
      this.blit();
    } else {
      this.full();
    }
    this.frames.push(performance.now() - start);
    if (this.frames.length > 2000) { this.frames.splice(0, 1000); }
  };

  Surface.prototype.full = function () {
    var start = performance.now();
    var ctx = this.ctx;
    ctx.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    this.paint(ctx, this);
    this.lastPaintMs = performance.now() - start;
    if (this.snap.width !== this.canvas.width || this.snap.height !== this.canvas.height) {
      this.snap.width = this.canvas.width;
      this.snap.height = this.canvas.height;
    }
    var s = this.snap.getContext("2d");
    s.setTransform(1, 0, 0, 1, 0, 0);
    s.clearRect(0, 0, this.snap.width, this.snap.height);
    s.drawImage(this.canvas, 0, 0);
    this.snapCam = { x: this.cam.x, y: this.cam.y, k: this.cam.k };
  };

  // The last full paint, moved to where the camera now is.
  Surface.prototype.blit = function () {
    var ctx = this.ctx, old = this.snapCam, cam = this.cam, r = this.ratio;
    var s = cam.k / old.k;
    // screen' = (screen - centre) * s + centre + (old - cam) * k', on both axes.
    var dx = (this.width / 2) * (1 - s) + (old.x - cam.x) * cam.k;
    var dy = (this.height / 2) * (1 - s) + (old.y - cam.y) * cam.k;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.drawImage(this.snap, dx * r, dy * r, this.snap.width * s, this.snap.height * s);
  };

  // The camera moved (drag, wheel, or a script): cheap frames now, a full paint at rest.
  Surface.prototype.moved = function () {
    var self = this;
    this.moving = true;
    if (this.restTimer) { clearTimeout(this.restTimer); }
    this.restTimer = setTimeout(function () { self.moving = false; self.restTimer = null; self.request(); }, REST_MS);
    this.request();
  };

  Surface.prototype.panBy = function (dx, dy) {
    this.cam.x -= dx / this.cam.k;
    this.cam.y -= dy / this.cam.k;
    this.moved();
  };

  Surface.prototype.zoomAt = function (sx, sy, factor) {
    var wx = this.wx(sx), wy = this.wy(sy);
    this.cam.k = Math.min(Math.max(this.cam.k * factor, 1e-4), 40);
    this.cam.x = wx - (sx - this.width / 2) / this.cam.k;
    this.cam.y = wy - (sy - this.height / 2) / this.cam.k;
    this.moved();
  };

  /* Fit the box [x0, y0, x1, y1] (world) into the screen less `cover` pixels on the right. */
  Surface.prototype.fit = function (box, cover, padding) {
    var pad = padding === undefined ? 40 : padding;
    var w = Math.max(this.width - (cover || 0), 80), h = this.height;
    var bw = Math.max(box[2] - box[0], 1), bh = Math.max(box[3] - box[1], 1);
    var k = Math.min((w - 2 * pad) / bw, (h - 2 * pad) / bh);
    this.cam.k = Math.min(Math.max(k, 1e-4), 4);
    var cx = (box[0] + box[2]) / 2, cy = (box[1] + box[3]) / 2;
    // The box's centre goes to the centre of the uncovered part.
    this.cam.x = cx - (w / 2 - this.width / 2) / this.cam.k;
    this.cam.y = cy;
    this.snapCam = null;
    this.moving = false;
    this.request();
  };

  Surface.prototype.listen = function () {
    var self = this, canvas = this.canvas, down = null, hoverPending = null;
    canvas.addEventListener("pointerdown", function (ev) {
      down = { x: ev.clientX, y: ev.clientY, lastX: ev.clientX, lastY: ev.clientY, dragged: false };
      canvas.setPointerCapture(ev.pointerId);
    });
    canvas.addEventListener("pointermove", function (ev) {
      if (down) {
        var dx = ev.clientX - down.lastX, dy = ev.clientY - down.lastY;
        if (Math.abs(ev.clientX - down.x) + Math.abs(ev.clientY - down.y) > 4) { down.dragged = true; }
        if (down.dragged) {
          down.lastX = ev.clientX;
          down.lastY = ev.clientY;
          self.panBy(dx, dy);
        }
        return;
      }
      var box = canvas.getBoundingClientRect();
      if (hoverPending === null) {
        window.requestAnimationFrame(function () {
          var p = hoverPending;
          hoverPending = null;
          if (p) { self.onHover(p.x, p.y); }
        });
      }
      hoverPending = { x: ev.clientX - box.left, y: ev.clientY - box.top };
    });
    canvas.addEventListener("pointerup", function (ev) {
      if (down && !down.dragged) {
        var box = canvas.getBoundingClientRect();
        self.onClick(ev.clientX - box.left, ev.clientY - box.top);
      }
      down = null;
    });
    canvas.addEventListener("pointerleave", function () { if (!down) { self.onHover(-1, -1); } });
    canvas.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var box = canvas.getBoundingClientRect();
      self.zoomAt(ev.clientX - box.left, ev.clientY - box.top, Math.exp(-ev.deltaY * 0.0015));
    }, { passive: false });
    window.addEventListener("resize", function () { self.resize(); self.request(); });
  };

  return Surface;
}());
