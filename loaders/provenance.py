"""Where a source file came from, read from its sidecar ``NAME.meta.json`` (beside the file
``NAME``, e.g. ``notice.txt.meta.json``): the URL it was retrieved from, when, its publisher and
its licence. Written by whoever collected the file; policykg never fetches anything.

```json
{"source_url": "https://www.example.gov.cn/notice.html", "retrieved": "2025-03-05T08:00:00Z",
 "publisher": "Example People's Government", "license": "https://creativecommons.org/licenses/by/4.0/"}
```

Every key is optional; ``retrieved`` is an ISO date or date-time (a date-time without a zone is
taken as UTC); ``license`` is an http(s) IRI, or any other text (a rights statement such as
"All rights reserved"). Contract: :func:`read_provenance` returns None when there is no sidecar
and raises :class:`ProvenanceError` (one sentence) when it cannot be used.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

SIDECAR_SUFFIX = ".meta.json"
KEYS = ("source_url", "retrieved", "publisher", "license")
_HTTP = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


class ProvenanceError(ValueError):
    """A sidecar that cannot be used; str() is one sentence naming the file."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """What a sidecar says about its source file (None where it says nothing)."""

    source_url: str | None = None
    retrieved: dt.date | dt.datetime | None = None
    publisher: str | None = None
    license: str | None = None  # an http(s) IRI, or a rights statement in words

    @property
    def license_is_iri(self) -> bool:
        return self.license is not None and bool(_HTTP.fullmatch(self.license))


def sidecar_of(path: str | Path) -> Path:
    """The sidecar file of the source at ``path`` (which may not exist)."""
    p = Path(path)
    return p.with_name(p.name + SIDECAR_SUFFIX)


def _when(text: str, name: str) -> dt.date | dt.datetime:
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ProvenanceError(f"{name}: \"retrieved\" is {text!r}, not an ISO date or date-time "
                              "(write 2025-03-05 or 2025-03-05T08:00:00Z).") from None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def read_provenance(path: str | Path) -> Provenance | None:
    """The provenance of the source at ``path`` from its sidecar, or None without a sidecar."""
    side = sidecar_of(path)
    try:
        data = json.loads(side.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err).split("\n")[0]
        raise ProvenanceError(f"{side.name} cannot be read as a JSON object ({reason}).") from None
    if not isinstance(data, dict):
        raise ProvenanceError(f"{side.name} must hold a JSON object with the keys "
                              f"{', '.join(KEYS)}.")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ProvenanceError(f"{side.name} has unknown keys ({', '.join(unknown)}); "
                              f"the keys are {', '.join(KEYS)}.")
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise ProvenanceError(f"{side.name}: \"{key}\" must be a non-empty string.")
    url = data.get("source_url")
    if url is not None and not _HTTP.fullmatch(url):
        raise ProvenanceError(f"{side.name}: \"source_url\" {url!r} is not an http(s) URL.")
    retrieved = data.get("retrieved")
    return Provenance(source_url=url,
                      retrieved=_when(retrieved.strip(), side.name) if retrieved else None,
                      publisher=" ".join(data["publisher"].split()) if "publisher" in data else None,
                      license=data.get("license", "").strip() or None)
