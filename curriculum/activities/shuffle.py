"""Seeded orders shared by the live activities and the handouts.

One function per shuffle, so a printed handout starts in exactly the order the learner
saw in the notebook, and every learner and every test run sees the same order.
"""

from __future__ import annotations

import random

from curriculum.course.model import Option, Quiz


def seeded_order(n: int, seed: int) -> list[int]:
    """Positions 0..n-1 shuffled by ``seed``; never the identity (for n >= 2)."""
    order = list(range(n))
    rng = random.Random(seed)
    rng.shuffle(order)
    while n >= 2 and order == sorted(order):
        rng.shuffle(order)
    return order


def quiz_option_order(quiz: Quiz) -> dict[str, list[Option]]:
    """Each question's options in the order a learner sees them.

    One generator for the whole quiz, seeded by ``shuffle_seed`` and advanced question by
    question; true/false keeps its written order (True first reads naturally), and a quiz
    with no seed keeps every written order.
    """
    rng = random.Random(quiz.shuffle_seed)
    out: dict[str, list[Option]] = {}
    for q in quiz.questions:
        opts = list(q.options)
        if quiz.shuffle_seed is not None and q.type != "true_false":
            rng.shuffle(opts)
        out[q.id] = opts
    return out
