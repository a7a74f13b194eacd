"""HTML pages: trafilatura finds the main text, the title and the publication date. A page
trafilatura cannot read (nesting deeper than lxml's parser allows, or a parser failure) falls
back to the plain text of its body."""

from __future__ import annotations

from html.parser import HTMLParser

from .base import ReadProblem, decode, make_input

# Fewer words than this is navigation or boilerplate that trafilatura fell back on, not an article.
MIN_WORDS = 5
# libxml2 stops building the tree at 256 levels; past about this depth trafilatura sees nothing.
DEEP = 200


def extract_html(html: str):
    """(text, title, date, url, sitename) of an HTML page's main content; text may be None."""
    import trafilatura

    failed = False
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True)
    except (ValueError, RecursionError, MemoryError):  # lxml's limits; the fallback still reads it
        doc, failed = None, True
    if doc is None or len((doc.text or "").split()) < MIN_WORDS:
        plain = PlainText.of(html)
        if (failed or plain.depth >= DEEP) and plain.words() >= MIN_WORDS:
            return plain.text(), plain.title or None, None, None, None
        return None, None, None, None, None
    return doc.text, doc.title, doc.date, doc.url, doc.sitename


class PlainText(HTMLParser):
    """The visible text of a page, a paragraph per block element, and its deepest nesting."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
              "article", "header", "footer", "pre", "table", "ul", "ol"}
    HIDDEN = {"script", "style", "noscript", "template", "head", "nav", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.depth = self._level = self._hidden = 0
        self._in_title = False

    @classmethod
    def of(cls, html: str) -> PlainText:
        p = cls()
        p.feed(html)
        p.close()
        return p

    def handle_starttag(self, tag, attrs):
        self._level += 1
        self.depth = max(self.depth, self._level)
        self._hidden += tag in self.HIDDEN
        self._in_title = self._in_title or tag == "title"
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        self._level = max(0, self._level - 1)
        self._hidden = max(0, self._hidden - (tag in self.HIDDEN))
        self._in_title = self._in_title and tag != "title"
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data.strip()
        elif not self._hidden:
            self.parts.append(data)

    def text(self) -> str:
        paras = (" ".join(p.split()) for p in "".join(self.parts).split("\n\n"))
        return "\n\n".join(p for p in paras if p)

    def words(self) -> int:
        return len(self.text().split())


def read_html(data: bytes, origin: str, date: str | None):
    html = decode(data)
    text, title, own_date, url, site = extract_html(html)
    if not text:
        raise ReadProblem("HTML page with no article text")
    yield make_input(text, origin, html, own_date, date, title=title, url=url, source=site)
