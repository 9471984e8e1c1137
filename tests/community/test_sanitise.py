from community import sanitise


def test_script_is_not_rendered_as_html():
    html = sanitise.render("Hallo <script>alert(1)</script> daar")
    assert "<script" not in html
    assert "Hallo" in html


def test_event_handlers_and_raw_html_are_stripped():
    html = sanitise.render('<img src=x onerror="alert(1)"> <a href="#" onclick="x()">klik</a>')
    assert "onerror=" not in html.replace("&quot;", '"').split("&lt;")[0]
    assert "<img" not in html
    assert '<a href="#" onclick' not in html


def test_javascript_links_are_dropped():
    for body in ("[klik hier](javascript:alert(1))", "[klik](JaVaScRiPt:alert(1))", "<javascript:alert(1)>"):
        html = sanitise.render(body)
        assert "<a" not in html, body
        assert 'href="javascript' not in html.lower(), body


def test_the_sanitiser_itself_drops_what_markdown_might_let_through(monkeypatch):
    # Defence in depth: even HTML the Markdown step passes on is cleaned by nh3.
    monkeypatch.setattr(
        sanitise._md, "render", lambda text: '<p onclick="x()">a<script>b</script><a href="javascript:c">d</a></p>'
    )
    html = sanitise.render("x")
    assert "onclick" not in html and "<script" not in html and "javascript" not in html
    assert html.startswith("<p>a")


def test_links_show_their_domain_and_do_not_pass_rank():
    html = sanitise.render("Lees [dit artikel](https://www.example.org/blog/1) en https://news.example.com/x")
    assert '<span class="domain">(example.org)</span>' in html
    assert '<span class="domain">(news.example.com)</span>' in html
    assert 'rel="nofollow noopener ugc"' in html


def test_markdown_is_rendered():
    assert "<strong>vet</strong>" in sanitise.render("**vet**")


def test_fingerprint_ignores_spacing_and_case():
    assert sanitise.fingerprint("Hallo   Wereld") == sanitise.fingerprint(" hallo wereld ")
    assert sanitise.fingerprint("Hallo") != sanitise.fingerprint("Hoi")


def test_mentions_and_quotes():
    assert sanitise.mentions("Hoi @anna.b en @piet@example.com") == {"anna.b", "piet@example.com"}
    assert sanitise.quote(author_name="Anna", body="regel 1\nregel 2").startswith("> **Anna:**\n> regel 1\n> regel 2")
