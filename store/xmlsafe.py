"""The one filter that keeps untrusted text valid in XML 1.0 and HTML: every XML/HTML writer
(site pages, RDF/XML and the VoID description built from it, GraphML, GEXF) passes its text
through :func:`xml_safe`.

XML 1.0 allows tab, line feed and carriage return but no other C0 control character, not even
as a character reference, nor lone surrogates or U+FFFE/U+FFFF; a source with a form feed would
otherwise make a writer fail or write a file no parser accepts. Such characters are removed (they
carry no content a reader could see); everything else is left as it is.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (C0 controls but tab/LF/CR, surrogates…)."""
    return _NOT_XML.sub("", text)


def xml_safe_bytes(data: bytes) -> bytes:
    """UTF-8 ``data`` (a whole serialized document) with the same characters removed."""
    text = data.decode("utf-8", errors="surrogateescape")
    return xml_safe(text).encode("utf-8", errors="surrogateescape") if _NOT_XML.search(text) else data
