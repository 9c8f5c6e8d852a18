"""Benchmark: cold ``import ladderlib``, and ``place()`` over every attribute combination.

Run by hand (not a test): ``python benchmarks/import_and_place.py [--repeat N]``.

Each figure is printed with a ratio against the obvious alternative measured in the same run:

* cold import: ``python -c "import ladderlib"`` against a bare ``python -c pass`` (and, for
  scale, ``python -c "import pandas"``, which ladderlib avoids importing);
* placement: ``place()`` over every combination of the seven deciding attributes (unknown
  included) against a bare if-chain that returns only the rung and model number, with no
  reasons, alternatives or result objects: the price of explaining every answer.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import time

from ladderlib import ATTRIBUTES, DECIDING_ATTRIBUTES, Case, place

REACH = {
    "none": 1,
    "choice": 2,
    "transaction_labor": 2,
    "production_logistics_labor": 3,
    "customization": 4,
    "creation": 5,
    "not_applicable": None,
}
USE = {
    "none": 1,
    "producer_controlled_equitable": 2,
    "commons_business_ecology": 3,
    "attention_sold_by_platform": 4,
}


def bare_decision(a: dict[str, str | None]) -> tuple[int | None, int | None]:
    """The decision procedure with no reasons: the obvious, cheapest alternative."""
    rung = None
    if a["framework_control"] in ("firm", "firm_platform_owner") and a["consumer_reach"]:
        rung = REACH[a["consumer_reach"]]
    model = None
    if None in (a["producers"], a["output"], a["framework_control"]):
        return rung, None
    if (
        a["producers"] == "firm"
        or a["output"] == "firm_product"
        or a["framework_control"] == "firm"
    ):
        return rung, None
    vt, money = a["value_type"], a["monetization"]
    if vt in ("exchange", "mixed") and money in (
        "cooperative_market_sale",
        "individual_market_sale",
    ):
        if money == "cooperative_market_sale" or a["platform_ownership"] == "cooperative":
            model = 5
        elif a["platform_ownership"] is not None:
            model = 6
    elif vt in ("use", "mixed") and money in USE:
        model = USE[money]
    return rung, model


def cold_start(code: str, repeat: int) -> float:
    """Median wall time of a fresh interpreter running ``code``, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="cold starts per command")
    args = parser.parse_args()

    bare = cold_start("pass", args.repeat)
    light = cold_start("import ladderlib", args.repeat)
    pandas = cold_start("import pandas", args.repeat)
    print(f"cold start, median of {args.repeat}:")
    print(f"  python -c pass               {bare:7.1f} ms")
    print(
        f"  python -c 'import ladderlib' {light:7.1f} ms  ({light / bare:.2f}x bare python, "
        f"+{light - bare:.1f} ms)"
    )
    print(f"  python -c 'import pandas'    {pandas:7.1f} ms  ({pandas / bare:.2f}x bare python)")

    choices = [(None, *ATTRIBUTES[name].values) for name in DECIDING_ATTRIBUTES]
    combos = [
        dict(zip(DECIDING_ATTRIBUTES, values, strict=True))
        for values in itertools.product(*choices)
    ]
    print(f"\nplacement over every combination of the deciding attributes: {len(combos):,} cases")

    start = time.perf_counter()
    cases = [Case(name="bench", **combo) for combo in combos]
    build = time.perf_counter() - start

    start = time.perf_counter()
    placements = [place(case) for case in cases]
    placing = time.perf_counter() - start

    start = time.perf_counter()
    bare_results = [bare_decision(combo) for combo in combos]
    baseline = time.perf_counter() - start

    agree = sum(
        (p.rung.level if p.rung else None, p.model.number if p.model else None) == b
        for p, b in zip(placements, bare_results, strict=True)
    )
    n = len(combos)
    print(f"  Case(...) construction   {build:6.2f} s  {build / n * 1e6:6.2f} us/case")
    print(f"  place(case)              {placing:6.2f} s  {placing / n * 1e6:6.2f} us/case")
    print(f"  bare if-chain            {baseline:6.2f} s  {baseline / n * 1e6:6.2f} us/case")
    print(
        f"  place() / bare if-chain  {placing / baseline:6.1f}x  (the price of reasons and results)"
    )
    print(f"  agreement on rung and model: {agree:,} of {n:,}")


if __name__ == "__main__":
    main()
