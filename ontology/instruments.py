"""The ``pol:FundingInstrument`` class tree (DESIGN §3) by local name.

What an Offer record may name as its instrument class (the model mints ``POL[name]``), and what
statistics count as an instrument. One list, read by the model and by the exports alike.
"""

from __future__ import annotations

INSTRUMENT_CLASSES = frozenset({
    "FundingInstrument", "Grant", "Reward", "Subsidy", "Voucher", "ComputeVoucher",
    "ModelVoucher", "DataVoucher", "SceneVoucher", "CorpusVoucher", "MatchingFunds",
    "InterestSubsidy", "RiskCompensation", "InvestmentFund",
})
