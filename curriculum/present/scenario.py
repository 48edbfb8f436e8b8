"""How a scenario reads, on screen and on paper: story text, feedback, path, endings, key.

An ending is always named in words with a message that never blames the character, and
every ending carries the line pointing to help. The worksheet walks the same nodes in
reading order (``reading_order``) and the educator guide adds the best path and what each
choice leads to.
"""

from __future__ import annotations

from curriculum.activities.scenario import Step
from curriculum.course.model import Scenario, ScenarioNode

from .html import answer_block, esc, heading
from .strings import t


def story_html(node: ScenarioNode) -> str:
    return f'<div class="csc-story"><p>{esc(node.text)}</p></div>'


def prompt_html() -> str:
    return f"<strong>{esc(t('scenario_prompt'))}</strong>"


def step_html(step: Step) -> str:
    """Feedback on the last choice: the choice in words, a verdict when graded, and why."""
    if step.correct is True:
        verdict, cls = f"<strong>{esc(t('scenario_good_choice'))}</strong> ", "csc-good"
    elif step.correct is False:
        verdict, cls = f"<strong>{esc(t('scenario_better_choice'))}</strong> ", "csc-bad"
    else:
        verdict, cls = "", "csc-note"
    return (f'<div class="{cls}" role="status">{verdict}{esc(t("scenario_you_chose"))} '
            f"<em>{esc(step.choice.text)}</em><p>{esc(step.choice.feedback)}</p></div>")


def path_html(steps: list[Step]) -> str:
    if not steps:
        return ""
    marks = {True: "✓ ", False: "✗ ", None: ""}
    items = "".join(f"<li>{marks[s.correct]}{esc(s.choice.text)}</li>" for s in steps)
    return (f"<details open><summary>{esc(t('scenario_path'))}</summary>"
            f"<ol>{items}</ol></details>")


def ending_title(kind: str) -> str:
    return t(f"scenario_ending_{kind}")


def ending_html(kind: str, level: int = 4) -> str:
    return (f'<div class="csc-note csc-ending" role="status">'
            f"{heading(level, esc(ending_title(kind)))}"
            f"<p>{esc(t(f'scenario_message_{kind}'))}</p><p>{esc(t('scenario_support'))}</p></div>")


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


def decision_key_html(a: Scenario, node: ScenarioNode, number: dict[str, int]) -> str:
    """Educator only: each choice at a decision, its feedback and where it leads."""
    rows = "".join(
        f"<li>{esc(t('scenario_best')) + ' ' if c.best else ''}{esc(c.text)}: "
        f"{esc(c.feedback)} ({esc(_leads_to(a, c.goto, number))})</li>" for c in node.choices)
    return answer_block(f'<ul class="csc-feedback">{rows}</ul>')


def story_key_html(a: Scenario) -> str:
    """Educator only: the best path through the story, and every ending in words."""
    path = " → ".join(esc(x) for x in best_path(a))
    endings = "".join(f"<li><strong>{esc(ending_title(n.ending))}</strong>: {esc(n.text)}</li>"
                      for n in reading_order(a) if n.ending)
    return answer_block(f"<p>{esc(t('scenario_best_path'))} {path}</p>"
                        f"<p>{esc(t('scenario_endings'))}</p><ul>{endings}</ul>")
