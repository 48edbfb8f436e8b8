"""Seeded orders shared by the live widgets and the handouts.

One function, so a handout's ordering task starts in exactly the order the learner saw
in the notebook.
"""

from __future__ import annotations

import random


def seeded_order(n: int, seed: int) -> list[int]:
    """Positions 0..n-1 shuffled by ``seed``; never the identity (for n >= 2)."""
    order = list(range(n))
    rng = random.Random(seed)
    rng.shuffle(order)
    while n >= 2 and order == sorted(order):
        rng.shuffle(order)
    return order
