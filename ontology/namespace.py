"""The policykg ontology namespace as code: ``POL.maxAmount`` fails at import on a typo.

Every term here is declared in ``ontology/policy.ttl`` and vice versa; ``tests/test_ontology_lint.py``
keeps the two in step. Instance IRIs live under :data:`ID`.
"""

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

BASE = "https://w3id.org/policykg/"
ID = Namespace(BASE + "id/")
ONTOLOGY_IRI = URIRef(BASE + "ontology")

OA = Namespace("http://www.w3.org/ns/oa#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
PAV = Namespace("http://purl.org/pav/")
VANN = Namespace("http://purl.org/vocab/vann/")
TIME = Namespace("http://www.w3.org/2006/time#")
WD = Namespace("http://www.wikidata.org/entity/")


class POL(DefinedNamespace):
    """Classes, properties and individuals of ``https://w3id.org/policykg/ontology#``."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # --- classes: documents and their parts
    PolicyDocument: URIRef
    Measure: URIRef
    Program: URIRef
    Report: URIRef
    Claim: URIRef
    SourceFile: URIRef
    Evidence: URIRef
    ReportLink: URIRef
    MeasureLink: URIRef
    # --- classes: funding instruments
    FundingInstrument: URIRef
    Grant: URIRef
    Reward: URIRef
    Subsidy: URIRef
    Voucher: URIRef
    ComputeVoucher: URIRef
    ModelVoucher: URIRef
    DataVoucher: URIRef
    SceneVoucher: URIRef
    CorpusVoucher: URIRef
    MatchingFunds: URIRef
    InterestSubsidy: URIRef
    RiskCompensation: URIRef
    InvestmentFund: URIRef
    # --- classes: actors, places, concepts
    Agency: URIRef
    AdministrativeArea: URIRef
    EnterpriseCategory: URIRef
    Sector: URIRef
    Theme: URIRef
    InstrumentType: URIRef
    # --- classes of enumerated individuals
    Period: URIRef
    RecognitionLevel: URIRef
    Verdict: URIRef
    # --- individuals
    PerYear: URIRef
    PerPolicyTerm: URIRef
    OneTime: URIRef
    International: URIRef
    National: URIRef
    Provincial: URIRef
    Municipal: URIRef
    Industry: URIRef
    Consistent: URIRef
    Conflicting: URIRef
    Unverified: URIRef

    # --- document properties
    documentNumber: URIRef
    title: URIRef
    noticeTitle: URIRef
    dateIssued: URIRef
    datePublished: URIRef
    dateAdopted: URIRef
    dateAmended: URIRef
    transmittedFrom: URIRef
    validFrom: URIRef
    validUntil: URIRef
    validityText: URIRef
    issuedBy: URIRef
    approvedBy: URIRef
    addressedTo: URIRef
    contactAgency: URIRef
    jurisdiction: URIRef
    hasMeasure: URIRef
    partOf: URIRef
    supersedes: URIRef
    repeals: URIRef
    repealedBy: URIRef
    basedOn: URIRef
    source: URIRef
    nonCumulative: URIRef
    scopeNote: URIRef
    isStub: URIRef
    attestedBy: URIRef
    # --- measure properties
    ordinal: URIRef
    heading: URIRef
    text: URIRef
    theme: URIRef
    responsibleAgency: URIRef
    cooperatingAgency: URIRef
    leadAgency: URIRef
    targetsCategory: URIRef
    section: URIRef
    providesInstrument: URIRef
    targetsSector: URIRef
    mentions: URIRef
    # --- instrument properties
    currency: URIRef
    instrumentType: URIRef
    maxAmount: URIRef
    maxCostShare: URIRef
    costBasis: URIRef
    maxRecipients: URIRef
    period: URIRef
    totalBudget: URIRef
    matchingRatio: URIRef
    eligibleCategory: URIRef
    recognitionLevel: URIRef
    minThreshold: URIRef
    condition: URIRef
    unitRate: URIRef
    unitStep: URIRef
    minAmount: URIRef
    rateUnit: URIRef
    # --- vocabulary links
    instrumentClass: URIRef
    within: URIRef
    areaLevel: URIRef
    fromVocabulary: URIRef
    # --- reports and claims
    reportsOn: URIRef
    hasLink: URIRef
    linkMethod: URIRef
    linkConfidence: URIRef
    language: URIRef
    author: URIRef
    hasClaim: URIRef
    aboutMeasure: URIRef
    aboutDocument: URIRef
    claimedAmount: URIRef
    claimedShare: URIRef
    claimedCount: URIRef
    claimedDate: URIRef
    claimRole: URIRef
    officialValue: URIRef
    verdict: URIRef
    verdictReason: URIRef
    namedPerson: URIRef
    personRole: URIRef
    # --- evidence and source files
    evidence: URIRef
    fileName: URIRef
    sha256: URIRef
    encoding: URIRef
    script: URIRef
    byteSize: URIRef
    mediaType: URIRef
    reader: URIRef
    pageCount: URIRef
    page: URIRef
    boundingBox: URIRef
    # --- measures compared across documents
    similarTo: URIRef
    linksMeasure: URIRef
    similarityScore: URIRef
    linkFeature: URIRef
    similarityMethod: URIRef
    leader: URIRef
    follower: URIRef
    lagDays: URIRef
    leaderLevel: URIRef
    followerLevel: URIRef
    amountChange: URIRef
    categoryAdded: URIRef
    categoryRemoved: URIRef
    acrossVersions: URIRef
