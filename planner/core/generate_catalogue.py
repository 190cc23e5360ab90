"""What a generated quarter is made of: the skills, team archetypes, regions, goals,
project topics and segments of a believable sales and marketing organisation.

:mod:`planner.core.generate` draws from them; they are data, kept apart so that the
generator reads as the rules it follows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from planner.core.domain import MARKETING, SALES

SKILL_POOLS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        SALES: (
            "prospecting",
            "discovery",
            "demo",
            "negotiation",
            "solution_design",
            "onboarding",
            "account_management",
            "competitive_intel",
            "analytics",
        ),
        MARKETING: (
            "seo",
            "content",
            "paid_search",
            "events",
            "analytics",
            "copywriting",
            "design",
            "pr",
            "marketing_automation",
            "competitive_intel",
        ),
    }
)


@dataclass(frozen=True)
class Archetype:
    name: str
    core_skills: tuple[str, ...]
    stages: tuple[str, ...]


ARCHETYPES: Mapping[str, tuple[Archetype, ...]] = MappingProxyType(
    {
        SALES: (
            Archetype("SDR Team", ("prospecting", "discovery"), ("nurturing", "qualification")),
            Archetype(
                "Mid-Market AEs",
                ("discovery", "demo", "negotiation", "prospecting"),
                ("qualification", "closing"),
            ),
            Archetype(
                "Enterprise AEs",
                ("negotiation", "discovery", "account_management", "solution_design"),
                ("qualification", "closing"),
            ),
            Archetype("Sales Engineering", ("solution_design", "demo", "competitive_intel"), ()),
            Archetype(
                "Customer Success",
                ("account_management", "onboarding", "negotiation"),
                ("closing", "retention"),
            ),
        ),
        MARKETING: (
            Archetype(
                "Demand Gen",
                ("paid_search", "marketing_automation", "events", "analytics"),
                ("awareness", "lead_generation", "nurturing"),
            ),
            Archetype("Content", ("content", "seo", "copywriting", "design"), ()),
            Archetype(
                "Brand & Comms",
                ("pr", "design", "events", "copywriting"),
                ("awareness", "lead_generation"),
            ),
            Archetype(
                "Product Marketing", ("competitive_intel", "content", "copywriting", "demo"), ()
            ),
            Archetype("Marketing Ops", ("marketing_automation", "analytics", "seo"), ()),
        ),
    }
)

REGIONS = ("NA East", "NA West", "EMEA", "APAC", "LATAM", "DACH", "UK&I", "Nordics", "ANZ")


@dataclass(frozen=True)
class GoalTemplate:
    goal_id: str
    name: str
    kpi: str
    owner: str
    weight: Decimal
    stages: tuple[str, ...]
    rate: float  # KPI units per hour of effort, on average
    decimals: int


# Ordered so that the first few goals already span the whole funnel.
GOAL_TEMPLATES: tuple[GoalTemplate, ...] = (
    GoalTemplate(
        "pipeline",
        "New pipeline created",
        "pipeline $",
        "shared",
        Decimal(3),
        ("qualification",),
        5000.0,
        0,
    ),
    GoalTemplate(
        "mqls",
        "Marketing-qualified leads",
        "MQLs",
        MARKETING,
        Decimal(2),
        ("lead_generation", "nurturing"),
        1.2,
        0,
    ),
    GoalTemplate(
        "new-arr", "Closed-won new ARR", "ARR $", SALES, Decimal(3), ("closing",), 2500.0, 0
    ),
    GoalTemplate(
        "visitors",
        "Website visitors from our ICP",
        "website visitors",
        MARKETING,
        Decimal(1),
        ("awareness",),
        60.0,
        0,
    ),
    GoalTemplate(
        "sqls",
        "Sales-qualified leads",
        "SQLs",
        "shared",
        Decimal(2),
        ("nurturing", "qualification"),
        0.3,
        1,
    ),
    GoalTemplate(
        "expansion",
        "Expansion ARR",
        "expansion ARR $",
        SALES,
        Decimal(2),
        ("retention",),
        2000.0,
        0,
    ),
    GoalTemplate(
        "new-logos", "New logos won", "new customers", SALES, Decimal(2), ("closing",), 0.035, 1
    ),
    GoalTemplate(
        "churn-saved",
        "Churn saved",
        "ARR saved $",
        SALES,
        Decimal("1.5"),
        ("retention",),
        1500.0,
        0,
    ),
)

PROJECT_TOPICS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "awareness": (
            "SEO pillar pages",
            "Thought-leadership podcast",
            "Analyst briefing",
            "Press launch",
            "Sponsored LinkedIn ads",
            "Industry benchmark report",
        ),
        "lead_generation": (
            "Webinar series",
            "Google Ads restructure",
            "Gated ebook",
            "Trade show booth",
            "ROI calculator",
            "Partner co-marketing",
        ),
        "nurturing": (
            "Nurture email track",
            "Lead scoring update",
            "Customer story videos",
            "Outbound sequence refresh",
            "Account-based play",
            "Product newsletter",
        ),
        "qualification": (
            "Discovery talk tracks",
            "Competitive battlecards",
            "Inbound routing SLA",
            "Demo environment refresh",
            "Pipeline blitz",
            "Account mapping",
        ),
        "closing": (
            "Mutual action plans",
            "Deal desk",
            "Security questionnaire kit",
            "Proof-of-concept factory",
            "Win/loss interviews",
            "Executive sponsor program",
        ),
        "retention": (
            "QBR program",
            "Onboarding revamp",
            "Save desk",
            "Expansion plays",
            "Health score model",
            "Renewal playbook",
        ),
    }
)
SEGMENTS = ("FinServ", "Healthcare", "Retail", "Manufacturing", "Public Sector", "Tech")
