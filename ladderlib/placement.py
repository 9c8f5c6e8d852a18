"""Placing a case on both ladders, with the reasons for each step.

:func:`place` applies the course's decision procedure (design notes, section 4) to a
:class:`~ladderlib.cases.Case` and returns a :class:`Placement`: the direct-economy rung, the
hybrid model, the reasons (each naming the attribute and value that decided a step and the
idea of the essay behind it), the accepted alternatives with the argument that earns each,
and the attributes it needed but did not get.

Examples
--------
>>> from ladderlib.cases import Case
>>> dell = Case(name="Dell", framework_control="firm", consumer_reach="customization",
...             producers="firm", output="firm_product")
>>> p = place(dell)
>>> p.rung, p.model
(<DirectEconomyRung.CO_DESIGN: 4>, None)
>>> print(p.reasons[1])
consumer_reach = 'customization': customers configure the product from the firm's menu of options, so the rung is co-design.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .cases import Case
from .ladders import DirectEconomyRung, HybridModel
from .vocabulary import describe_type

__all__ = ["Alternative", "Lens", "Placement", "Step", "place"]

Lens = Literal["direct_economy", "peer_production"]

FIRM_CONTROL = frozenset({"firm", "firm_platform_owner"})
MARKET_SALE = frozenset({"cooperative_market_sale", "individual_market_sale"})

_REACH: dict[str, tuple[DirectEconomyRung | None, str]] = {
    "none": (
        DirectEconomyRung.PASSIVE_CONSUMPTION,
        "customers take what is offered, with nothing to choose",
    ),
    "choice": (DirectEconomyRung.SELF_SERVICE, "customers pick for themselves among many offers"),
    "transaction_labor": (
        DirectEconomyRung.SELF_SERVICE,
        "customers do part of the transaction work themselves",
    ),
    "production_logistics_labor": (
        DirectEconomyRung.DIY,
        "customers carry out part of the firm's production or logistics",
    ),
    "customization": (
        DirectEconomyRung.CO_DESIGN,
        "customers configure the product from the firm's menu of options",
    ),
    "creation": (
        DirectEconomyRung.CO_CREATION,
        "customers help design or make the product or service itself",
    ),
    "not_applicable": (
        None,
        "the firm only brokers between independent parties, so its customers reach into no "
        "value chain of its own",
    ),
}

_USE_VALUE_MODELS: dict[str, tuple[HybridModel, str]] = {
    "none": (
        HybridModel.USE_VALUE_NO_MONETIZATION,
        "nobody earns from the work: money is kept out on purpose",
    ),
    "producer_controlled_equitable": (
        HybridModel.USE_VALUE_EQUITABLE_MONETIZATION,
        "the producers themselves earn from it, through formats they control",
    ),
    "commons_business_ecology": (
        HybridModel.COMMONS_BUSINESS_ECOLOGY,
        "outside firms earn by selling scarce services around an abundant commons",
    ),
    "attention_sold_by_platform": (
        HybridModel.ATTENTION_PLATFORM,
        "the platform's owner earns by selling the audience's attention",
    ),
}


@dataclass(frozen=True)
class Step:
    """One step of the decision procedure: the attribute and value that decided it, and why."""

    lens: Lens
    attribute: str
    value: str | None
    explanation: str

    def __str__(self) -> str:
        shown = "unknown" if self.value is None else repr(self.value)
        return f"{self.attribute} = {shown}: {self.explanation}"


@dataclass(frozen=True)
class Alternative:
    """An answer other than the procedure's that the course accepts, and what earns it.

    A student who gives ``answer`` earns full credit only when the justification names
    ``deciding_attribute``.
    """

    lens: Lens
    answer: DirectEconomyRung | HybridModel
    deciding_attribute: str
    argument: str


@dataclass(frozen=True)
class Placement:
    """Where a case sits on both ladders, and why.

    Attributes
    ----------
    case
        The case placed.
    rung
        The direct-economy rung, or ``None`` when that lens does not apply or an attribute
        it needs is unknown (then ``missing`` names it).
    model
        The hybrid model of peer production, or ``None`` likewise.
    steps
        The decision steps, direct-economy lens first; ``reasons`` gives them as text.
    alternatives
        Accepted alternatives, each with the argument that earns it.
    missing
        Attributes the procedure needed but the case leaves unknown.
    """

    case: Case
    rung: DirectEconomyRung | None
    model: HybridModel | None
    steps: tuple[Step, ...]
    alternatives: tuple[Alternative, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def reasons(self) -> tuple[str, ...]:
        """Each step as a sentence naming the deciding attribute and value."""
        return tuple(str(step) for step in self.steps)

    def steps_for(self, lens: Lens) -> tuple[Step, ...]:
        """The steps of one lens, in order."""
        return tuple(step for step in self.steps if step.lens == lens)

    def deciding_attribute(self, lens: Lens) -> str:
        """The attribute of the last step on ``lens``: the one that settled the answer."""
        return self.steps_for(lens)[-1].attribute

    def alternatives_for(self, lens: Lens) -> tuple[Alternative, ...]:
        """The accepted alternatives on one lens."""
        return tuple(alt for alt in self.alternatives if alt.lens == lens)

    def __str__(self) -> str:
        rung = self.rung.label if self.rung else "no rung"
        model = f"model {self.model.number} ({self.model.label})" if self.model else "no model"
        return f"{self.case.name}: {rung}; {model}"


def place(case: Case) -> Placement:
    """Place a case on the direct-economy ladder and among the hybrid models.

    Parameters
    ----------
    case
        The case to place. Unknown attributes are allowed: a step that needs one stops
        there, gives no answer on that lens and lists it in ``missing``.

    Returns
    -------
    Placement
        Rung, model, reasons, accepted alternatives and missing attributes.

    Raises
    ------
    TypeError
        When ``case`` is not a :class:`~ladderlib.cases.Case`.

    Examples
    --------
    >>> from ladderlib.cases import Case
    >>> wiki = Case(name="Wikipedia", framework_control="community_with_for_benefit_foundation",
    ...             consumer_reach="creation", value_type="use", producers="individuals",
    ...             output="commons", monetization="none")
    >>> p = place(wiki)
    >>> p.rung is None, p.model.number
    (True, 1)
    >>> p.alternatives[0].answer, p.alternatives[0].deciding_attribute
    (<DirectEconomyRung.CO_CREATION: 5>, 'consumer_reach')
    """
    if not isinstance(case, Case):
        raise TypeError(f"place() needs a Case (got {describe_type(case)})")
    rung_steps, rung, rung_missing = _place_rung(case)
    model_steps, model, model_missing = _place_model(case)
    return Placement(
        case=case,
        rung=rung,
        model=model,
        steps=rung_steps + model_steps,
        alternatives=_alternatives(case, rung) + _model_alternatives(case, model),
        missing=tuple(dict.fromkeys(rung_missing + model_missing)),
    )


def _place_rung(case: Case) -> tuple[tuple[Step, ...], DirectEconomyRung | None, tuple[str, ...]]:
    def step(attribute: str, explanation: str) -> Step:
        return Step("direct_economy", attribute, getattr(case, attribute), explanation)

    control = case.framework_control
    if control is None:
        return (
            (
                step(
                    "framework_control",
                    "without it there is no telling whether a firm sets the "
                    "framework of participation; no rung.",
                ),
            ),
            None,
            ("framework_control",),
        )
    if control not in FIRM_CONTROL:
        return (
            (
                step(
                    "framework_control",
                    "no firm sets the framework of participation, so "
                    "Comtesse's ladder, drawn from the firm's polarity, does not apply; no rung.",
                ),
            ),
            None,
            (),
        )
    first = step(
        "framework_control",
        "a firm sets the framework of participation, so Comtesse's direct-economy ladder applies.",
    )
    reach = case.consumer_reach
    if reach is None:
        return (
            (first, step("consumer_reach", "without it the rung cannot be told.")),
            None,
            ("consumer_reach",),
        )
    rung, what = _REACH[reach]
    verdict = f"so the rung is {rung.label}." if rung else "so there is no rung."
    return (first, step("consumer_reach", f"{what}, {verdict}")), rung, ()


def _place_model(case: Case) -> tuple[tuple[Step, ...], HybridModel | None, tuple[str, ...]]:
    def step(attribute: str, explanation: str) -> Step:
        return Step("peer_production", attribute, getattr(case, attribute), explanation)

    gate = (
        (
            "producers",
            "firm",
            "a firm produces, inside its own hierarchy: this is not peer "
            "production, so no hybrid model.",
        ),
        (
            "output",
            "firm_product",
            "the work becomes a firm's own product: this is not peer "
            "production, so no hybrid model.",
        ),
        (
            "framework_control",
            "firm",
            "a firm runs the framework for its own product: this is "
            "not peer production, so no hybrid model.",
        ),
    )
    for attribute, value, explanation in gate:
        if getattr(case, attribute) == value:
            return (step(attribute, explanation),), None, ()
    unknown = tuple(a for a, _, _ in gate if getattr(case, a) is None)
    if unknown:
        unknown_steps = tuple(
            step(
                a, "without it there is no telling whether peers produce outside a firm; no model."
            )
            for a in unknown
        )
        return unknown_steps, None, unknown
    steps = [
        step(
            "producers",
            f"{str(case.producers).replace('_', ' ')} produce outside a firm's "
            "hierarchy and no firm runs the framework for its own product, so the "
            "peer-production lens (Bauwens) applies.",
        )
    ]
    value_type, money = case.value_type, case.monetization
    if value_type is None or money is None:
        missing = tuple(a for a in ("value_type", "monetization") if getattr(case, a) is None)
        steps += [step(a, "without it the model cannot be told.") for a in missing]
        return tuple(steps), None, missing
    if value_type in ("exchange", "mixed") and money in MARKET_SALE:
        steps.append(
            step(
                "value_type",
                "made to be sold: exchange value, produced without a "
                "corporate intermediary owning the process.",
            )
        )
        if money == "cooperative_market_sale":
            steps.append(
                step(
                    "monetization",
                    "the producers sell through an enterprise they "
                    "own together, so the model is 5, cooperative production.",
                )
            )
            return tuple(steps), HybridModel.COOPERATIVE_PRODUCTION, ()
        if case.platform_ownership is None:
            steps.append(
                step(
                    "platform_ownership",
                    "without it there is no telling whether the "
                    "selling vehicle is a cooperative (model 5) or not (model 6).",
                )
            )
            return tuple(steps), None, ("platform_ownership",)
        if case.platform_ownership == "cooperative":
            steps.append(
                step(
                    "platform_ownership",
                    "the sellers own the platform as a "
                    "cooperative, so the model is 5, cooperative production.",
                )
            )
            return tuple(steps), HybridModel.COOPERATIVE_PRODUCTION, ()
        steps.append(
            step(
                "monetization",
                "independent individuals sell on their own account "
                "through a platform they do not own, so the model is 6.",
            )
        )
        return tuple(steps), HybridModel.INDIVIDUAL_EXCHANGE_VALUE, ()
    if value_type in ("use", "mixed") and money in _USE_VALUE_MODELS:
        steps.append(step("value_type", "made for direct use, not for sale: use value."))
        model, what = _USE_VALUE_MODELS[money]
        steps.append(step("monetization", f"{what}, so the model is {model.number}."))
        return tuple(steps), model, ()
    steps.append(
        step(
            "monetization",
            f"with value_type = {value_type!r}, this way of earning "
            "matches none of the six hybrid models; no model.",
        )
    )
    return tuple(steps), None, ()


def _alternatives(case: Case, rung: DirectEconomyRung | None) -> tuple[Alternative, ...]:
    community_commons = (
        rung is None
        and case.framework_control is not None
        and case.framework_control not in FIRM_CONTROL
        and case.consumer_reach == "creation"
        and case.output == "commons"
    )
    if not community_commons:
        return ()
    return (
        Alternative(
            lens="direct_economy",
            answer=DirectEconomyRung.CO_CREATION,
            deciding_attribute="consumer_reach",
            argument="The essay itself puts open source and Wikipedia on the co-creation rung: "
            "users help make the product (consumer_reach = 'creation'), even though a "
            "community, not a firm, controls the framework.",
        ),
    )


def _model_alternatives(case: Case, model: HybridModel | None) -> tuple[Alternative, ...]:
    """Model 1 for a for-profit platform that refuses advertising and charges only some posters.

    The essay puts Craigslist in model 1 for turning down advertising money, though it charged
    a few commercial posters: the course accepts that reading when it is argued from
    ``monetization``.
    """
    ad_free_platform = (
        model is None
        and case.framework_control == "firm_platform_owner"
        and case.producers not in (None, "firm")
        and case.value_type in ("use", "mixed")
        and case.monetization == "firm_sale"
    )
    if not ad_free_platform:
        return ()
    return (
        Alternative(
            lens="peer_production",
            answer=HybridModel.USE_VALUE_NO_MONETIZATION,
            deciding_attribute="monetization",
            argument="The essay puts Craigslist in model 1 because it turned down advertising: "
            "most people post their listings for free and the platform sells no attention, "
            "even though it charges a few commercial posters (monetization = 'firm_sale').",
        ),
    )
