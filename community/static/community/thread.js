// Live new posts on a community thread (ws/community/threads/<id>/): a post published while
// the page is open is added at the end. The HTML comes sanitised from the server.
(function () {
  var list = document.getElementById("posts");
  if (!list || !window.WebSocket) return;
  var thread = list.getAttribute("data-thread");
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var socket = new WebSocket(scheme + location.host + "/ws/community/threads/" + thread + "/");
  socket.onmessage = function (event) {
    var data = JSON.parse(event.data);
    if (data.type !== "post.created" || document.getElementById("post-" + data.id)) return;
    var article = document.createElement("article");
    article.className = "card post post-published";
    article.id = "post-" + data.id;
    article.setAttribute("data-testid", "post");
    var meta = document.createElement("p");
    meta.className = "meta";
    var strong = document.createElement("strong");
    strong.textContent = data.author;
    meta.appendChild(strong);
    var body = document.createElement("div");
    body.className = "post-body";
    body.innerHTML = data.html;
    article.appendChild(meta);
    article.appendChild(body);
    var images = data.images || [];
    if (images.length) {
      var grid = document.createElement("div");
      grid.className = "post-images post-images-" + images.length;
      images.forEach(function (image) {
        var link = document.createElement("a");
        link.className = "post-image";
        link.href = image.url;
        var img = document.createElement("img");
        img.src = image.url;
        img.width = image.width;
        img.height = image.height;
        img.loading = "lazy";
        img.alt = image.alt;
        link.appendChild(img);
        grid.appendChild(link);
      });
      article.appendChild(grid);
    }
    list.appendChild(article);
  };
})();
