"""The dataset description (VoID + DCAT) meets the DCAT-AP constraints of
``shapes/dcat-ap.shapes.ttl``, states what the issue asks (publisher, contact, issued,
modified, version, licence, distributions with media type, byte size and SHA-256, the SPARQL
endpoint), and its figures are those of the files actually written."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, XSD

from policykg.graph.publish.void import DATASET, DCAT_VERSION, SPDX, VCARD
from policykg.shapes.dcatap import check_description
from tests.graph.conftest import export

ENDPOINT = "http://127.0.0.1:7878/query"


def test_the_description_meets_dcat_ap(mini_all: Path) -> None:
    void = Graph().parse(mini_all / "void.ttl", format="turtle")
    assert check_description(void) == []


def test_the_shapes_catch_what_dcat_ap_forbids(mini_all: Path) -> None:
    void = Graph().parse(mini_all / "void.ttl", format="turtle")
    publisher = void.value(DATASET, DCTERMS.publisher)
    void.remove((publisher, FOAF.name, None))
    dist = URIRef(f"{DATASET}/distribution/nt")
    void.add((dist, DCAT.byteSize, Literal(1, datatype=XSD.nonNegativeInteger)))
    void.remove((dist, DCAT.accessURL, None))
    found = check_description(void)
    assert ("Violation", str(publisher), "DCAT-AP: an Agent has a name (foaf:name, mandatory).") in found
    assert ("Violation", str(dist),
            "DCAT-AP: a Distribution has an access URL (dcat:accessURL, mandatory).") in found
    assert ("Violation", str(dist), "DCAT-AP: dcat:byteSize is one xsd:nonNegativeInteger.") in found
    assert len(found) == 3


def test_distributions_give_the_size_and_sha256_of_the_written_dumps(mini_all: Path) -> None:
    void = Graph().parse(mini_all / "void.ttl", format="turtle")
    dumps = sorted((mini_all / "dumps").glob("policykg.*"))
    assert len(dumps) == 6
    for path in dumps:
        data = path.read_bytes()
        url = URIRef("https://w3id.org/policykg/dumps/" + path.name)
        (dist,) = void.subjects(DCAT.downloadURL, url)
        assert void.value(dist, DCAT.byteSize).toPython() == len(data)
        checksum = void.value(dist, SPDX.checksum)
        assert void.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(void.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
        assert (dist, DCAT.mediaType, None) in void
    service = void.value(predicate=DCAT.endpointURL, object=URIRef(ENDPOINT), any=False)
    assert (service, RDF.type, DCAT.DataService) in void


def test_publisher_contact_dates_and_version(mini_all: Path, mini_trig: Path,
                                             tmp_path: Path) -> None:
    void = Graph().parse(mini_all / "void.ttl", format="turtle")
    # the mini fixture's newest date (its test report) is 2025-03-05
    day = Literal("2025-03-05", datatype=XSD.date)
    assert void.value(DATASET, DCTERMS.issued) == day and void.value(DATASET, DCTERMS.modified) == day
    nt = (mini_all / "dumps" / "policykg.nt").read_bytes()
    assert str(void.value(DATASET, DCAT_VERSION)) == "sha256-" + hashlib.sha256(nt).hexdigest()[:12]
    assert (DATASET, DCTERMS.rights, None) in void
    out = export(mini_trig, "void", tmp_path / "void.ttl", "--publisher", "Example Policy Lab",
                 "--contact", "mailto:data@example.org", "--dataset-version", "2025.2",
                 "--modified", "2025-06-30")
    given = Graph().parse(out, format="turtle")
    assert str(given.value(given.value(DATASET, DCTERMS.publisher), FOAF.name)) == "Example Policy Lab"
    contact = given.value(DATASET, DCAT.contactPoint)
    assert given.value(contact, VCARD.hasEmail) == URIRef("mailto:data@example.org")
    assert str(given.value(DATASET, DCAT_VERSION)) == "2025.2"
    assert given.value(DATASET, DCTERMS.modified) == Literal("2025-06-30", datatype=XSD.date)
    assert check_description(given) == []
