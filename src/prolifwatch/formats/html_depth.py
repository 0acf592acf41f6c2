"""How deeply an HTML page nests, found in linear time before it is parsed.

Why: lexbor, like every HTML5 tree builder, looks through the stack of open
elements (or the list of open formatting elements) at most start tags, so a
page nested N deep costs about N² steps: 200,000 nested ``<div>`` took 235 s,
50,000 unclosed ``<pre>`` 124 s.  Real pages nest a few dozen deep (the
deepest in the corpus: 15; Chromium puts anything past 512 beside, not
inside, its parent), so a page deeper than :data:`MAX_HTML_NESTING` is
refused before lexbor sees it.

The count follows the HTML5 tree builder closely enough to be an upper bound
of the depth lexbor builds (a property test checks that against lexbor on
random tag soup): a start tag opens an element unless it is void; an end tag
closes only what the builder would close (an element in scope, with the
builder's scope boundaries); the sibling tags that close each other (``p``,
``li``, ``td``, ``option``…) do so only where the builder does; formatting
elements the builder would reopen (``<b>`` left open across paragraphs) are
counted as open.  Where the rules are too involved to follow (the adoption
agency), it closes nothing, which counts deeper, never shallower.
"""
from __future__ import annotations

import re

from .errors import FormatError

#: Pages nested deeper than this are refused; the HTML readers take ``max_nesting`` to override it.
MAX_HTML_NESTING = 1000


def _names(words: str) -> frozenset[bytes]:
    return frozenset(words.encode().split())


_VOID = _names("area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr")
# HTML elements whose content is text up to their end tag (plaintext: to the end of the file).
_RAW_TEXT = _names("script style xmp iframe noembed noframes textarea title plaintext")
_FORMATTING = _names("a b big code em font i nobr s small strike strong tt u")
# Elements that put a marker in the list of open formatting elements.
_MARKERS = _names("td th caption applet object marquee template")
_HTML_SCOPE = _names("applet caption html table td th marquee object template")
# Foreign elements that bound a scope and are special, by namespace.
_FOREIGN_SCOPE = {b"math": _names("mi mo mn ms mtext annotation-xml"), b"svg": _names("foreignobject desc title")}
_HTML_SPECIAL = _names(
    "address applet area article aside base basefont bgsound blockquote body br button caption center col "
    "colgroup dd details dialog dir div dl dt embed fieldset figcaption figure footer form frame frameset "
    "h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu "
    "meta nav noembed noframes noscript object ol p param plaintext pre script search section select source "
    "style summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp"
)
_CLOSES_P = _names(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer "
    "header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing form plaintext "
    "xmp li dd dt"
)
_HEADINGS = _names("h1 h2 h3 h4 h5 h6")
_TABLE_SECTIONS = _names("tbody thead tfoot")
# End tags that close an element in (default) scope, with what lies above it.
_BLOCK_ENDS = _names(
    "address article aside blockquote button center details dialog dir div dl fieldset figcaption figure "
    "footer header hgroup listing main menu nav ol pre search section summary ul applet marquee object dd dt"
)
# HTML start tags that end foreign (SVG/MathML) content.
_BREAKOUT = _names(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing "
    "menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var"
)
_MATHML_TEXT = _names("mi mo mn ms mtext")
# Foreign elements whose content is HTML, by namespace (annotation-xml only
# with an HTML encoding: see _start_tag).
_MATHML_TEXT_KEYS = frozenset(b"math:" + name for name in _MATHML_TEXT)
_INTEGRATION_POINTS = {b"math": _MATHML_TEXT, b"svg": _FOREIGN_SCOPE[b"svg"]}
_NOT_PUSHED = _names("html head body frameset")
# Phrasing elements whose start tag closes nothing (see _closes_at_once).
_INLINE = _names("a abbr b bdi bdo big cite code data dfn em font i kbd label mark q s samp small span strike strong sub sup time tt u var")

_S = rb"\t\n\f\r "
# The tokenizer's reading of a tag: a quote opens a value only right after
# "name=" (elsewhere it is part of a name).  Possessive throughout, so a match
# is found in one pass over the tag; a tag that never closes fails to match.
_VALUE = rb"(?:\"[^\"]*+\"|'[^']*+'|[^" + _S + rb">\"'][^" + _S + rb">]*+|(?=>))"
_ATTRIBUTE = rb"[^" + _S + rb"/>][^" + _S + rb"/>=]*+(?:[" + _S + rb"]*+=[" + _S + rb"]*+" + _VALUE + rb")?+"
_TAG = re.compile(
    rb"<(/?)([A-Za-z][^" + _S + rb"/>]*+)((?:[" + _S + rb"]++|/(?!>)|" + _ATTRIBUTE + rb")*+)(/?)>"
)
_ATTRIBUTE_NAME = re.compile(rb"(?:[" + _S + rb"/]*+)(" + _ATTRIBUTE + rb")")
_MARKUP = re.compile(rb"<[!?/A-Za-z]")
_COMMENT_END = re.compile(rb"--!?>")
_RAW_TEXT_END = {name: re.compile(rb"</" + name + rb"[" + _S + rb"/>]", re.I) for name in _RAW_TEXT}


class _OpenElements:
    """The builder's stack of open elements, with what its scope checks need at O(1) a tag."""

    def __init__(self) -> None:
        self.names: list[bytes] = []
        self.namespace: list[bytes] = []  # b"" (HTML), b"svg" or b"math"
        self.integration_point: list[bool] = []
        self.html: list[int] = []  # index of the nearest HTML element at or below
        # Per position: the index of the nearest scope boundary / special element
        # at or below it, so "is X in scope" needs no walk down the stack.
        self.boundary: list[int] = []
        self.special: list[int] = []
        self.special_but_adp: list[int] = []  # special, except address, div, p (the <li> rule)
        self.where: dict[bytes, list[int]] = {}
        # Open formatting elements, by marker segment: per segment, the keys
        # (name + attributes) of its entries by name, and a count per key.
        self.segments: list[tuple[dict[bytes, list[bytes]], dict[bytes, int]]] = [({}, {})]
        self.formatting = 0  # entries in all segments

    def __len__(self) -> int:
        return len(self.names)

    def push(self, name: bytes, namespace: bytes = b"", html_inside: bool = False) -> None:
        index = len(self.names)
        foreign = bool(namespace)
        special = name in (_FOREIGN_SCOPE[namespace] if foreign else _HTML_SPECIAL)
        self.names.append(namespace + b":" + name if foreign else name)
        self.namespace.append(namespace)
        self.html.append(self.below(self.html) if foreign else index)
        self.integration_point.append(html_inside or foreign and name in _INTEGRATION_POINTS[namespace])
        scope = special if foreign else name in _HTML_SCOPE
        self.boundary.append(index if scope else self.below(self.boundary))
        self.special.append(index if special else self.below(self.special))
        adp = special and name not in (b"address", b"div", b"p")
        self.special_but_adp.append(index if adp else self.below(self.special_but_adp))
        self.where.setdefault(self.names[-1], []).append(index)
        if name in _MARKERS and not foreign:
            self.segments.append(({}, {}))

    @staticmethod
    def below(track: list[int]) -> int:
        return track[-1] if track else -1

    def pop(self) -> None:
        name = self.names.pop()
        foreign = bool(self.namespace.pop())
        self.integration_point.pop()
        self.html.pop()
        self.boundary.pop()
        self.special.pop()
        self.special_but_adp.pop()
        self.where[name].pop()
        if name in _MARKERS and not foreign and len(self.segments) > 1:
            by_name, _ = self.segments.pop()  # closing a cell clears its formatting elements
            self.formatting -= sum(len(keys) for keys in by_name.values())

    def pop_to(self, index: int) -> None:
        """Pop the element at ``index`` and everything above it."""
        while len(self.names) > index:
            self.pop()

    def innermost(self, *names: bytes) -> int:
        best = -1
        for name in names:
            found = self.where.get(name)
            if found and found[-1] > best:
                best = found[-1]
        return best

    def in_scope(self, name: bytes, *also_boundaries: bytes) -> int:
        """The index of the innermost ``name`` with no scope boundary above it, else -1."""
        index = self.innermost(name)
        boundary = max(self.below(self.boundary), self.innermost(*also_boundaries))
        return index if index >= 0 and index >= boundary else -1

    def top(self) -> bytes | None:
        return self.names[-1] if self.names else None

    def in_foreign(self) -> bool:
        """Whether a start tag now is read as SVG/MathML (the top is foreign and no integration point)."""
        return bool(self.namespace) and bool(self.namespace[-1]) and not self.integration_point[-1]

    def add_formatting(self, name: bytes, key: bytes) -> None:
        by_name, counts = self.segments[-1]
        if counts.get(key, 0) >= 3:  # Noah's Ark: the oldest same entry makes room
            return
        counts[key] = counts.get(key, 0) + 1
        by_name.setdefault(name, []).append(key)
        self.formatting += 1

    def drop_formatting(self, name: bytes) -> bool:
        """Remove the newest open formatting ``name`` after the last marker; False if none."""
        by_name, counts = self.segments[-1]
        keys = by_name.get(name)
        if not keys:
            return False
        counts[keys.pop()] -= 1
        self.formatting -= 1
        return True


def nesting_depth(data: bytes, limit: int = MAX_HTML_NESTING) -> int:
    """An upper bound of the depth lexbor builds from ``data``; counting stops past ``limit``."""
    stack = _OpenElements()
    deepest, pos = 0, 0
    while (found := _MARKUP.search(data, pos)) is not None:
        pos = found.start()
        if data.startswith(b"<!--", pos):
            if data.startswith((b"<!-->", b"<!--->"), pos):
                pos = data.index(b">", pos) + 1
                continue
            end = _COMMENT_END.search(data, pos + 4)
            if end is None:
                break
            pos = end.end()
            continue
        tag = _TAG.match(data, pos)
        if tag is None:
            if data[pos + 1 : pos + 2].isalpha() or data[pos + 1 : pos + 3].startswith(b"/") and \
                    data[pos + 2 : pos + 3].isalpha():
                break  # a tag that runs to the end of the file: nothing after it is markup
            if data.startswith(b"</>", pos):
                pos += 3
                continue
            end = data.find(b">", pos)  # <!doctype …>, <?…>, </…>: a bogus comment
            if end < 0:
                break
            pos = end + 1
            continue
        pos = tag.end()
        name = tag[2].lower()
        if tag[1]:
            _end_tag(stack, name)
            continue
        if name in _INLINE and not tag[4] and _closes_at_once(stack, name, data, pos):
            # <a href=…>text</a>: opened and closed with nothing else on the stack
            # in between; a third of a page's tags, so counted without the builder's rules.
            deepest = max(deepest, len(stack) + stack.formatting + 2)
            pos = data.index(b">", pos) + 1
            continue
        raw = _start_tag(stack, name, tag[3], bool(tag[4]))
        deepest = max(deepest, len(stack) + stack.formatting)
        if deepest > limit or raw == b"plaintext":
            break
        if raw is not None:
            # Without its end tag the builder reads text to the end of the file;
            # reading on as markup instead can only count deeper.
            if (end := _RAW_TEXT_END[raw].search(data, pos)) is not None:
                pos = end.start()
    return deepest


def _closes_at_once(stack: _OpenElements, name: bytes, data: bytes, pos: int) -> bool:
    """Whether the next markup after the start tag at ``pos`` is its plain end tag, and opening
    it here has no effect on the stack but its own level (no foreign content, no select, no open <a>)."""
    following = data.find(b"<", pos)
    if following < 0 or data[following : following + len(name) + 3].lower() != b"</" + name + b">":
        return False
    if stack.in_foreign() or stack.innermost(b"select") >= 0:
        return False
    return name != b"a" or not stack.segments[-1][0].get(b"a")


def _attribute(attributes: bytes, wanted: bytes) -> bytes | None:
    """The value of attribute ``wanted`` (lower case) in a tag's attribute text."""
    for m in _ATTRIBUTE_NAME.finditer(attributes):
        name, _, value = m[1].partition(b"=")
        if name.strip().lower() == wanted:
            return value.strip().strip(b"\"'").lower()
    return None


def _start_tag(stack: _OpenElements, name: bytes, attributes: bytes, self_closing: bool) -> bytes | None:
    """Apply a start tag; return the name of an HTML raw-text element whose content is to be skipped."""
    top = stack.top()
    breaks_out = name in _BREAKOUT or name == b"font" and any(
        _attribute(attributes, a) is not None for a in (b"color", b"face", b"size"))
    namespace = stack.namespace[-1] if stack.namespace else b""
    mathml_glyph = top in _MATHML_TEXT_KEYS and name in (b"mglyph", b"malignmark")
    in_foreign = stack.in_foreign() and not breaks_out and not (top == b"math:annotation-xml" and name == b"svg")
    in_foreign = in_foreign or mathml_glyph
    if in_foreign or name in (b"svg", b"math"):
        if not self_closing:
            # <svg> and <math> start their namespace in HTML; inside foreign content they take its namespace.
            namespace = namespace if in_foreign else name
            html_inside = namespace == b"math" and name == b"annotation-xml" and _attribute(
                attributes, b"encoding") in (b"text/html", b"application/xhtml+xml")
            stack.push(name, namespace, html_inside)
        return None
    while stack.in_foreign():
        stack.pop()
    if name in _NOT_PUSHED or name in _VOID:
        return None
    if stack.innermost(b"select") >= 0:  # lexbor's rules inside a <select> differ: close nothing
        stack.push(name)
        return name if name in _RAW_TEXT and _reads_raw_text(stack) else None
    if name in _CLOSES_P and (p := stack.in_scope(b"p", b"button")) >= 0:
        stack.pop_to(p)
    if name in _HEADINGS and stack.top() in _HEADINGS:
        stack.pop()
    elif name in (b"li", b"dd", b"dt"):
        sibling = stack.innermost(b"li") if name == b"li" else stack.innermost(b"dd", b"dt")
        if sibling >= 0 and sibling >= stack.below(stack.special_but_adp):  # no other block above it
            stack.pop_to(sibling)
    elif name in (b"td", b"th", b"tr", b"caption", b"col", b"colgroup") or name in _TABLE_SECTIONS:
        if stack.innermost(b"table", b"template") < 0:
            return None  # outside a table the builder drops rows and cells
        _table_part(stack, name)
    elif name in (b"option", b"optgroup") and stack.top() == b"option":
        stack.pop()
    elif name == b"button" and (button := stack.in_scope(b"button")) >= 0:
        stack.pop_to(button)
    elif name in _FORMATTING:
        if name == b"a" and stack.drop_formatting(b"a"):
            a = stack.innermost(b"a")
            if a > stack.below(stack.special):  # no block above the open <a>: the builder closes it
                stack.pop_to(a)
        stack.add_formatting(name, name + b" " + attributes.strip())
    if name == b"optgroup" and stack.top() == b"optgroup":
        stack.pop()
    stack.push(name)
    return name if name in _RAW_TEXT and _reads_raw_text(stack) else None


def _reads_raw_text(stack: _OpenElements) -> bool:
    """Whether the builder surely reads a raw-text element's content as text: in a
    template, a column group or a frameset it may drop the tag and read on as markup."""
    return stack.innermost(b"template", b"colgroup", b"frameset") < 0


def _table_part(stack: _OpenElements, name: bytes) -> None:
    """Rows and cells close their open siblings; the builder adds the tbody and tr a table lacks."""
    table = stack.innermost(b"table", b"template")
    if name in (b"caption", b"colgroup"):
        return
    if name in _TABLE_SECTIONS:
        if stack.innermost(b"td", b"th", b"tr", b"tbody", b"thead", b"tfoot") > table >= 0:
            stack.pop_to(table + 1)
        return
    if (cell := stack.innermost(b"td", b"th")) > table:
        stack.pop_to(cell)
    if name == b"tr" and (row := stack.innermost(b"tr")) > table:
        stack.pop_to(row)
    # The builder first closes what stands above the table; keeping it counts deeper.
    if stack.innermost(b"tbody", b"thead", b"tfoot") < table:
        stack.push(b"tbody")
    if name != b"tr" and stack.innermost(b"tr") < table:
        stack.push(b"tr")


def _end_tag(stack: _OpenElements, name: bytes) -> None:
    """Apply an end tag: close what the builder closes, never more."""
    if stack.namespace and stack.namespace[-1] and name in (b"p", b"br"):
        while stack.in_foreign():  # </p> and </br> end foreign content
            stack.pop()
    if stack.namespace and stack.namespace[-1]:
        # In SVG/MathML: the innermost foreign element of that name above the
        # nearest HTML element; failing that, the HTML rules below.
        index = stack.innermost(b"svg:" + name, b"math:" + name)
        if index > stack.below(stack.html):
            stack.pop_to(index)
            return
    if stack.innermost(b"select") >= 0 and name not in (b"select", b"option", b"optgroup", b"template"):
        return  # inside a <select> the builder ignores most end tags
    if name == b"p":
        found = stack.in_scope(b"p", b"button")
    elif name == b"li":
        found = stack.in_scope(b"li", b"ol", b"ul")
    elif name in _BLOCK_ENDS:
        found = stack.in_scope(name)
    elif name in _HEADINGS:
        heading = max(_HEADINGS, key=lambda h: stack.innermost(h))
        found = stack.in_scope(heading)
    elif name == b"template":
        found = stack.innermost(b"template")
    elif name in (b"td", b"th", b"tr", b"table", b"caption") or name in _TABLE_SECTIONS:
        table = stack.innermost(b"table", b"template")
        index = stack.innermost(name)
        found = index if index >= table >= 0 else -1
    elif name in _FORMATTING and stack.drop_formatting(name):
        # The adoption agency: with no block above the element it closes it and
        # what lies above; otherwise it moves elements without adding depth, so
        # leaving the stack as it is counts no shallower.
        index = stack.innermost(name)
        found = index if index > stack.below(stack.special) else -1
    elif name in (b"html", b"body", b"br", b"form"):
        found = len(stack) - 1 if name == b"form" and stack.top() == b"form" else -1
    else:  # any other end tag: the innermost of its name, if no special element lies above it
        index = stack.innermost(name)
        found = index if index >= 0 and index >= stack.below(stack.special) else -1
    if found >= 0:
        stack.pop_to(found)


def check_nesting(data: bytes, limit: int | None = None) -> None:
    """Raise FormatError for a page nested deeper than ``limit`` (MAX_HTML_NESTING)."""
    limit = MAX_HTML_NESTING if limit is None else limit
    if data.count(b"<") * 3 < limit:  # a tag adds at most three elements (td: tbody, tr, td)
        return
    if nesting_depth(data, limit) > limit:
        raise FormatError(
            f"HTML nested more than {limit:,} elements deep; not read, as parsing it would take minutes "
            "(no real page nests that deep: check the file, or save the page's text and read that)"
        )
