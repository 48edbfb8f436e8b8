"""How a scenario reads, on screen and on paper: story text, feedback, path, endings, key.

An ending is always named in words with a message that never blames the character, and
every ending carries the line pointing to help. The worksheet walks the same nodes in
reading order (``reading_order``) and the educator guide adds the best path and what each
choice leads to.
"""

from __future__ import annotations

from markupsafe import Markup

from curriculum.activities.scenario import Step
from curriculum.course.model import Scenario, ScenarioNode

from .html import answer_block, heading
from .strings import t


def story_html(node: ScenarioNode) -> Markup:
    return Markup('<div class="csc-story"><p>{}</p></div>').format(node.text)


def prompt_html() -> Markup:
    return Markup("<strong>{}</strong>").format(t("scenario_prompt"))


def step_html(step: Step) -> Markup:
    """Feedback on the last choice: the choice in words, a verdict when graded, and why."""
    verdict: Markup | str = ""
    if step.correct is True:
        verdict, cls = Markup("<strong>{}</strong> ").format(t("scenario_good_choice")), "csc-good"
    elif step.correct is False:
        verdict, cls = Markup("<strong>{}</strong> ").format(t("scenario_better_choice")), "csc-bad"
    else:
        cls = "csc-note"
    return Markup('<div class="{}" role="status">{}{} <em>{}</em><p>{}</p></div>').format(
        cls, verdict, t("scenario_you_chose"), step.choice.text, step.choice.feedback)


def path_html(steps: list[Step]) -> Markup:
    if not steps:
        return Markup()
    marks = {True: "✓ ", False: "✗ ", None: ""}
    items = Markup("").join(Markup("<li>{}{}</li>").format(marks[s.correct], s.choice.text)
                            for s in steps)
    return Markup("<details open><summary>{}</summary><ol>{}</ol></details>").format(
        t("scenario_path"), items)


def ending_title(kind: str) -> str:
    return t(f"scenario_ending_{kind}")


def ending_html(kind: str, level: int = 4) -> Markup:
    return Markup('<div class="csc-note csc-ending" role="status">{}<p>{}</p><p>{}</p></div>'
                  ).format(heading(level, ending_title(kind)), t(f"scenario_message_{kind}"),
                           t("scenario_support"))


def reading_order(a: Scenario) -> list[ScenarioNode]:
    """Nodes in reading order: breadth-first from the start, following choice order."""
    seen, order, todo = set(), [], [a.start]
    while todo:
        nid = todo.pop(0)
        if nid in seen:
            continue
        seen.add(nid)
        node = a.node(nid)
        order.append(node)
        todo.extend(c.goto for c in node.choices)
    return order


def best_path(a: Scenario) -> list[str]:
    """The texts of the best choices from the start, following them until an ending."""
    path, nid, seen = [], a.start, set()
    while nid not in seen:
        seen.add(nid)
        node = a.node(nid)
        best = next((c for c in node.choices if c.best), None)
        if best is None:
            break
        path.append(best.text)
        nid = best.goto
    return path


def decision_label(number: int) -> str:
    return t("scenario_decision", number=number)


def _leads_to(a: Scenario, goto: str, number: dict[str, int]) -> str:
    node = a.node(goto)
    if node.ending:
        return t("scenario_leads_to_ending", ending=t(f"scenario_ending_name_{node.ending}"))
    return t("scenario_leads_to_decision", number=number[goto])


def decision_key_html(a: Scenario, node: ScenarioNode, number: dict[str, int]) -> Markup:
    """Educator only: each choice at a decision, its feedback and where it leads."""
    rows = Markup("").join(
        Markup("<li>{}{}: {} ({})</li>").format(
            t("scenario_best") + " " if c.best else "", c.text, c.feedback,
            _leads_to(a, c.goto, number)) for c in node.choices)
    return answer_block(Markup('<ul class="csc-feedback">{}</ul>').format(rows))


def story_key_html(a: Scenario) -> Markup:
    """Educator only: the best path through the story, and every ending in words."""
    path = " → ".join(best_path(a))
    endings = Markup("").join(Markup("<li><strong>{}</strong>: {}</li>").format(
        ending_title(n.ending), n.text) for n in reading_order(a) if n.ending)
    return answer_block(Markup("<p>{} {}</p><p>{}</p><ul>{}</ul>").format(
        t("scenario_best_path"), path, t("scenario_endings"), endings))
