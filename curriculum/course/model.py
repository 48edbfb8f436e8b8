"""The typed content model: what a lesson, an activity, a source and a helpline are.

Everything a learner sees is built from these classes, so the rules that protect
learners live here as types: an unknown key is an error (a typo must not silently hide
a field), text fields must be text, every fact-bearing item names a source, and the
shape rules of each activity (one correct option for single choice, a scenario whose
paths all end) are checked the moment content is loaded.

The classes only check what one object can see on its own. Rules that need the sources
(references, primary sources) live in ``rules.py``; rules that need the whole course
(duplicate ids across files, lessons missing from ``course.yaml``) in ``load.py``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

# ---------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1, max_length=60)]
Text = Annotated[str, Field(min_length=1)]
SourceRef = Annotated[str, Field(min_length=1)]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# Fields that hold ids, references, enums, dates, links or versions: never prose. The
# checker's student-text rules, the readability measure and the translations all skip them.
NOT_TEXT = frozenset({
    "id", "kind", "source", "sources", "also_source", "goto", "start", "first", "then",
    "url", "category", "status", "type", "ending", "date", "end_date", "in_force",
    "notebook", "primary_source", "version", "in_guides",
})


class Strict(BaseModel):
    """Base for every content class: strict types, unknown keys rejected, frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class PartialDate(str):
    """A date known to the year, the month or the day: ``2013``, ``2013-07``, ``2013-07-15``.

    History is often known only to the year ("late 1990s"), so a full date cannot be
    required; but whatever is given must be a real calendar date.
    """

    @property
    def year(self) -> int:
        return int(self[:4])

    @property
    def sort_key(self) -> tuple[int, int, int]:
        m = _DATE.match(self)
        assert m is not None
        return (int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))

    @property
    def as_float_year(self) -> float:
        """Position on a timeline axis: the year plus the fraction of it gone."""
        y, mth, d = self.sort_key
        return y + (mth - 1) / 12 + (d - 1) / 365


def parse_partial_date(value: object) -> PartialDate:
    """Turn ``2013`` / ``"2013-07"`` / ``"2013-07-15"`` into a checked PartialDate."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"a date must be written YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    m = _DATE.match(value.strip())
    if not m:
        raise ValueError(f"cannot read {value!r} as a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    y, mth, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        date(y, mth, d)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc})") from None
    return PartialDate(value.strip())


DateField = Annotated[PartialDate, PlainValidator(parse_partial_date)]


def located(message: str, *at: str | int) -> PydanticCustomError:
    """An error from an object-wide check that names the field it is about.

    A model validator sees the whole object, so pydantic reports its errors at the
    object; ``at`` (a path inside the object, e.g. ``"nodes", 2, "id"``) travels in the
    error's context and the checker adds it to the location, so the maintainer reads
    ``nodes[2].id`` and its line instead of the top of the file.
    """
    return PydanticCustomError("located", "{message}", {"message": message, "at": at})


class Source(Strict):
    """Where a fact was read: shown beside the fact as title + link.

    ``educator_only`` marks a page a student must not be sent to (for one, a news
    report that gives the method or place of a suicide): only educator notes and the
    teacher's kit may cite it, and ``note`` says why.

    ``primary`` marks a primary source: the ordinance's own text (e-Legislation, HKLII),
    or the official page of the body that made the fact (the police, LegCo, a government
    department, a service about itself). A settled legal penalty must cite one. A
    secondary source that names ``primary_source`` (the id of the primary one, now in
    the data) may no longer be cited: the checker asks for the primary instead.
    """

    id: Id
    title: Text
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    publisher: str | None = None
    primary: bool = False
    primary_source: Id | None = None
    educator_only: bool = False
    note: str | None = None


class SupportResource(Strict):
    """A helpline or service, shown at the end of every lesson from one list."""

    name: Text
    region: Text
    local: bool = False  # in Hong Kong and reachable there: listed first, shown beside hard stories
    contact: Text
    hours: str | None = None
    description: Text
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    source: SourceRef


class FacilitationStep(Strict):
    """One step of the lesson plan; ``optional`` steps are extensions beyond the core."""

    minutes: Annotated[int, Field(gt=0, le=120)]
    step: Text
    optional: bool = False


class DiscussionPrompt(Strict):
    prompt: Text
    minutes: Annotated[int, Field(gt=0, le=30)]


class ReadAloud(Strict):
    """Words a teacher who never taught this can read out as they stand.

    ``opening`` holds the ground rules (with the limit of confidentiality), the content
    note and where to get help; ``close`` ends the lesson the same way each time.
    """

    opening: list[Text] = Field(min_length=1)
    close: list[Text] = Field(min_length=1)


class GlossaryTerm(Strict):
    """One hard word of a lesson, for S1 and second-language learners.

    ``terms`` gives the word in every course language (``en`` and ``zh-Hant-HK``), so
    each guide can show a student the word they will meet in the other language too;
    ``meaning`` is translated like any text.
    """

    id: Id
    terms: dict[str, Text]
    meaning: Text

    @model_validator(mode="after")
    def _english_term(self) -> GlossaryTerm:
        if "en" not in self.terms:
            raise located("terms needs the English word (en: ...)", "terms")
        return self


class LikelyQuestion(Strict):
    question: Text
    answer: Text
    source: SourceRef | None = None


class EducatorNotes(Strict):
    """What only the educator guide shows: timings, prompts, questions, safeguarding.

    The kit parts a teacher needs on paper live here too: the read-aloud ``script``, the
    ``no_computers`` route through the lesson, and the box for S1 and second-language
    classes (``second_language`` notes and the lesson's ``glossary``).
    """

    facilitation: list[FacilitationStep] = Field(min_length=1)
    discussion_prompts: list[DiscussionPrompt] = Field(min_length=1)
    likely_questions: list[LikelyQuestion] = Field(default_factory=list)
    safeguarding: list[Text] = Field(min_length=1)
    script: ReadAloud | None = None
    no_computers: list[Text] = Field(default_factory=list)
    second_language: list[Text] = Field(default_factory=list)
    glossary: list[GlossaryTerm] = Field(default_factory=list)


# ---------------------------------------------------------------------------
# Activities. Each has ``kind`` (which widget shows it) and ``id`` (its file stem).
# ---------------------------------------------------------------------------


class ActivityBase(Strict):
    id: Id
    title: Text
    instructions: Text


class Option(Strict):
    id: Id
    text: Text
    correct: bool
    feedback: Text


class Question(Strict):
    """One quiz question. ``type`` decides how many options may be correct."""

    id: Id
    type: Literal["single", "multiple", "true_false"]
    prompt: Text
    options: list[Option] = Field(min_length=2)
    explanation: Text
    source: SourceRef

    @model_validator(mode="after")
    def _check_correct_count(self) -> Question:
        n = sum(o.correct for o in self.options)
        if self.type in ("single", "true_false") and n != 1:
            raise ValueError(
                f"a {self.type.replace('_', '/')} question needs exactly one correct option, "
                f"found {n}"
            )
        if self.type == "multiple" and n < 1:
            raise ValueError("a multiple-choice question needs at least one correct option")
        if self.type == "true_false" and len(self.options) != 2:
            raise ValueError("a true/false question has exactly two options")
        ids = [o.id for o in self.options]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"duplicate option id(s): {', '.join(dup)}")
        return self


# A death by suicide is taught in the educator notes, with safe-messaging guidance, never
# tested: a student who is being blackmailed may be in the room.
SUICIDE = re.compile(r"suicid|kill(?:ed|s|ing)? (?:him|her|them)sel|took (?:his|her|their) own life"
                     r"|take (?:his|her|their|your) own life", re.IGNORECASE)


class Quiz(ActivityBase):
    kind: Literal["quiz"]
    shuffle_seed: int | None = None
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _no_question_about_suicide(self) -> Quiz:
        for i, q in enumerate(self.questions):
            texts: list[tuple[tuple[str | int, ...], str]] = [
                (("prompt",), q.prompt), (("explanation",), q.explanation)]
            texts += [(("options", j), f"{o.text} {o.feedback}") for j, o in enumerate(q.options)]
            for at, text in texts:
                if SUICIDE.search(text):
                    raise located("no quiz question may be about a suicide: teach it in the "
                                  "educator notes, with safe-messaging guidance",
                                  "questions", i, *at)
        return self


Category = Literal["technology", "crime", "enforcement", "law", "research"]
CATEGORIES: tuple[str, ...] = get_args(Category)  # in the order the timeline shows them


class TimelineEvent(Strict):
    id: Id
    date: DateField
    date_label: str | None = None
    end_date: DateField | None = None
    title: Text
    description: Text
    category: Category
    source: SourceRef
    also_source: list[SourceRef] = Field(default_factory=list)
    corrects_seed: str | None = None
    sensitive: bool = False


class Timeline(ActivityBase):
    kind: Literal["timeline"]
    events: list[TimelineEvent] = Field(min_length=1)


class FactCard(Strict):
    id: Id
    text: Text
    source: SourceRef


class Facts(ActivityBase):
    """Key facts of a lesson as cards: the figures and dates, each with its source."""

    kind: Literal["facts"]
    facts: list[FactCard] = Field(min_length=1)


class ScenarioChoice(Strict):
    text: Text
    goto: Id
    feedback: Text
    best: bool = False


class ScenarioNode(Strict):
    id: Id
    text: Text
    choices: list[ScenarioChoice] = Field(default_factory=list)
    ending: Literal["good", "okay", "hard"] | None = None

    @model_validator(mode="after")
    def _ending_or_choices(self) -> ScenarioNode:
        if self.choices and self.ending:
            raise located("a node is either an ending or has choices, not both", "ending")
        if not self.choices and not self.ending:
            raise located("a node with no choices must say which ending it is (ending: ...)",
                          "ending")
        return self


class Scenario(ActivityBase):
    """A branching story whose every path ends.

    Checked on load: ids unique, the start and every ``goto`` exist, every node can be
    reached from the start, and from every node some ending can be reached (a loop is
    allowed only while it has a way out), so no learner can get stuck.
    """

    kind: Literal["scenario"]
    start: Id
    sources: list[SourceRef] = Field(min_length=1)
    nodes: list[ScenarioNode] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_graph(self) -> Scenario:
        ids = [n.id for n in self.nodes]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            first = next(k for k, i in enumerate(ids) if i in dup and ids.index(i) != k)
            raise located(f"duplicate node id(s): {', '.join(dup)}", "nodes", first, "id")
        by_id = {n.id: n for n in self.nodes}
        if self.start not in by_id:
            raise located(f"start node {self.start!r} does not exist", "start")
        missing = [(k, j, f"{n.id} -> {c.goto}") for k, n in enumerate(self.nodes)
                   for j, c in enumerate(n.choices) if c.goto not in by_id]
        if missing:
            k, j, _ = missing[0]
            raise located(f"choice(s) lead to a missing node: "
                          f"{', '.join(m[2] for m in missing)}", "nodes", k, "choices", j, "goto")
        reached, todo = set(), [self.start]
        while todo:
            nid = todo.pop()
            if nid not in reached:
                reached.add(nid)
                todo.extend(c.goto for c in by_id[nid].choices)
        unreachable = [i for i in ids if i not in reached]
        if unreachable:
            raise located(f"node(s) not reachable from the start: {', '.join(unreachable)}",
                          "nodes", ids.index(unreachable[0]), "id")
        can_end = {n.id for n in self.nodes if n.ending}
        changed = True
        while changed:
            changed = False
            for n in self.nodes:
                if n.id not in can_end and any(c.goto in can_end for c in n.choices):
                    can_end.add(n.id)
                    changed = True
        if not any(n.ending for n in self.nodes):
            raise located("the scenario has no ending", "nodes")
        stuck = [i for i in ids if i not in can_end]
        if stuck:
            raise located(f"node(s) in a loop with no way to an ending: {', '.join(stuck)}",
                          "nodes", ids.index(stuck[0]), "id")
        return self

    def node(self, node_id: str) -> ScenarioNode:
        return next(n for n in self.nodes if n.id == node_id)


class ChatMessage(Strict):
    """One message of a made-up chat. ``own`` marks the side the learner reads as their own
    (Sam's replies): shown for the story, never marked or scored, so a score counts only
    the messages where spotting a warning sign is the skill."""

    id: Id
    sender: Text
    text: Text
    red_flag: bool
    why: Text
    own: bool = False

    @model_validator(mode="after")
    def _own_is_not_a_flag(self) -> ChatMessage:
        if self.own and self.red_flag:
            raise located("a message of the learner's own side (own: true) is never a warning "
                          "sign", "red_flag")
        return self


class RedFlags(ActivityBase):
    kind: Literal["redflags"]
    sources: list[SourceRef] = Field(min_length=1)
    messages: list[ChatMessage] = Field(min_length=2)


class OrderItem(Strict):
    id: Id
    text: Text
    why: Text


class OrderRule(Strict):
    """What makes an order right: item ``first`` comes before item ``then``, and why."""

    first: Id
    then: Id
    why: Text


class Ordering(ActivityBase):
    """Steps to put in order, graded by the rules that matter, not by exact position.

    ``items`` are listed in one good order (the answer key shows it); ``rules`` say what
    any right order must keep ("save the evidence before blocking"), so every order that
    keeps them is right. The widget starts from a seeded shuffle that breaks a rule.
    """

    kind: Literal["ordering"]
    shuffle_seed: int = 0
    sources: list[SourceRef] = Field(min_length=1)
    items: list[OrderItem] = Field(min_length=3)
    rules: list[OrderRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _rules_name_items_and_fit_the_listed_order(self) -> Ordering:
        position = {item.id: n for n, item in enumerate(self.items)}
        if len(position) < len(self.items):
            return self  # a repeated item id is reported on its own, by the loader
        for i, rule in enumerate(self.rules):
            for field in ("first", "then"):
                if getattr(rule, field) not in position:
                    raise located(f"no item {getattr(rule, field)!r} in this activity",
                                  "rules", i, field)
            if rule.first == rule.then:
                raise located("a rule needs two different items", "rules", i, "then")
            if position[rule.first] > position[rule.then]:
                raise located("the items as listed break this rule: list the items in an "
                              "order that keeps every rule", "rules", i)
        return self


LawStatus = Literal["in_force", "unresolved", "not_an_offence", "no_offence_in_force"]


class LawOffence(Strict):
    id: Id
    offence: Text
    ordinance: Text
    section: Text
    in_force: DateField | None = None
    max_penalty: Text | None = None
    status: LawStatus = "in_force"
    unresolved: str | None = None
    source: SourceRef

    @model_validator(mode="after")
    def _penalty_or_unresolved(self) -> LawOffence:
        if self.status == "unresolved" and not self.unresolved:
            raise located("an unresolved item must say what is unresolved (unresolved: ...)",
                          "unresolved")
        if self.status == "in_force" and not self.max_penalty:
            raise located("an offence in force needs max_penalty (or status: unresolved)",
                          "max_penalty")
        return self


class LawSituation(Strict):
    id: Id
    situation: Text
    plain_language: Text
    offences: list[LawOffence] = Field(min_length=1)


class LawExplorer(ActivityBase):
    kind: Literal["law"]
    disclaimer: Text
    situations: list[LawSituation] = Field(min_length=1)


class Reflection(ActivityBase):
    kind: Literal["reflection"]
    prompts: list[Text] = Field(min_length=1)
    privacy_note: Text


Activity = Annotated[
    Quiz | Timeline | Facts | Scenario | RedFlags | Ordering | LawExplorer | Reflection,
    Field(discriminator="kind"),
]
# The kinds in the union's order, read from each class's ``kind`` Literal.
ACTIVITY_KINDS: tuple[str, ...] = tuple(
    kind for cls in get_args(get_args(Activity)[0])
    for kind in get_args(cls.model_fields["kind"].annotation))


# ---------------------------------------------------------------------------
# Lessons and the course
# ---------------------------------------------------------------------------


class LessonMeta(Strict):
    """``lesson.yaml``: the frame of a lesson around its activities.

    ``period_minutes`` is the school period the lesson is planned for (35-40 minutes in
    most Hong Kong secondary schools); the plan's core steps must fit it and add up to
    ``duration_minutes``, the time a learner is told; optional steps are extensions.
    """

    id: Id
    title: Text
    duration_minutes: Annotated[int, Field(gt=0, le=240)]
    period_minutes: Annotated[int, Field(gt=0, le=120)]
    audience: Text
    objectives: list[Text] = Field(min_length=1)
    content_note: Text
    summary: list[Text] = Field(min_length=1)
    educator: EducatorNotes

    @model_validator(mode="after")
    def _plan_fits_the_period(self) -> LessonMeta:
        core = sum(s.minutes for s in self.educator.facilitation if not s.optional)
        if core > self.period_minutes:
            raise located(f"the core steps take {core} minutes, more than the {self.period_minutes}"
                          "-minute period: shorten them or mark some optional: true",
                          "educator", "facilitation")
        if core != self.duration_minutes:
            raise located(f"the core steps add up to {core} minutes, but duration_minutes says "
                          f"{self.duration_minutes}", "duration_minutes")
        return self


class LessonSources(Strict):
    """``sources.yaml``: the sources one lesson cites beside the course's own."""

    sources: list[Source]


class Lesson(BaseModel):
    """A lesson as loaded: its frame, its sources and its activities by id."""

    model_config = ConfigDict(frozen=True)

    meta: LessonMeta
    sources: dict[str, Source]
    activities: dict[str, Activity]

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title


class LessonEntry(Strict):
    id: Id
    notebook: Text  # checked by the loader with notebook_path_problem


def notebook_path_problem(path: str) -> str | None:
    """Why ``path`` cannot name a lesson notebook, or None when it can.

    A lesson's ``notebook`` is joined to the notebooks folder and read to build the
    handouts, so it must stay in that folder: a relative ``*.ipynb`` path with no ``..``
    (``../../etc/passwd`` would otherwise be read, and quoted in an error). The loader
    names the line; the handout builder refuses the path again before opening anything,
    and refuses a symbolic link that leads out of the folder.
    """
    windows = PureWindowsPath(path)
    if path.startswith(("/", "~")) or windows.drive or windows.root:
        return "must be a path relative to the notebooks/ folder, not an absolute one"
    if "\\" in path:
        return "separate folders with '/', not '\\'"
    if ".." in PurePosixPath(path).parts:
        return "may not contain '..': a lesson's notebook is inside the notebooks/ folder"
    if PurePosixPath(path).suffix != ".ipynb" or PurePosixPath(path).name == ".ipynb":
        return "must name a notebook file ending in .ipynb"
    return None


class SourcedText(Strict):
    text: Text
    source: SourceRef | None = None


class CourseEducator(Strict):
    """Safeguarding that holds for the whole course, printed in every educator guide."""

    before_the_course: list[SourcedText] = Field(min_length=1)
    every_lesson: list[SourcedText] = Field(min_length=1)
    image_incident: list[SourcedText] = Field(min_length=1)
    reporting_duty: list[SourcedText] = Field(min_length=1)


class CourseMeta(Strict):
    """``course.yaml``: lesson order, the shared sources and the support list.

    Support is Hong Kong first: a learner in Hong Kong must meet the services they can
    reach before any service elsewhere, which is labelled with its region.
    """

    title: Text
    version: Text
    lessons: list[LessonEntry] = Field(min_length=1)
    support_intro: Text
    support_in_school: Text
    support: list[SupportResource] = Field(min_length=1)
    educator: CourseEducator
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _hong_kong_first(self) -> CourseMeta:
        seen_elsewhere = False
        for i, r in enumerate(self.support):
            if not r.local:
                seen_elsewhere = True
            elif seen_elsewhere:
                raise located("Hong Kong services (local: true) come first: move this entry "
                              "above every service outside Hong Kong", "support", i, "local")
        if not any(r.local for r in self.support):
            raise located("the support list needs Hong Kong services (local: true)", "support")
        return self


class KitQuestion(Strict):
    """A question students ask (often anonymously) and an answer a teacher can give."""

    id: Id
    question: Text
    answer: Text
    source: SourceRef | None = None


class KitSection(Strict):
    """A part of a kit page: paragraphs, points, lines to fill in, or questions and answers."""

    id: Id
    heading: Text
    paragraphs: list[SourcedText] = Field(default_factory=list)
    points: list[SourcedText] = Field(default_factory=list)
    fill_in: list[Text] = Field(default_factory=list)
    questions: list[KitQuestion] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_content(self) -> KitSection:
        if not (self.paragraphs or self.points or self.fill_in or self.questions):
            raise located("a section needs paragraphs, points, fill_in or questions",
                          "heading")
        return self


class KitPage(Strict):
    """One page of the teacher's kit, printed on its own and in the guides it names.

    ``in_guides`` is ``all`` (every lesson's educator guide carries it) or a list of
    lesson ids; every guide lists every page, so a teacher can always find the rest.
    """

    id: Id
    title: Text
    intro: Text
    in_guides: Literal["all"] | list[Id] = Field(default_factory=list)
    sections: list[KitSection] = Field(min_length=1)


class TeacherKit(Strict):
    """``kit.yaml``: what a teacher who never taught this needs on paper, from the data.

    Its ``sources`` are its own (the laws and guides the pages cite), beside the course's.
    """

    pages: list[KitPage] = Field(min_length=1)
    sources: list[Source] = Field(default_factory=list)

    def page(self, page_id: str) -> KitPage:
        return next(p for p in self.pages if p.id == page_id)

    def pages_for(self, lesson_id: str) -> list[KitPage]:
        """The pages a lesson's educator guide carries in full."""
        return [p for p in self.pages
                if p.in_guides == "all" or lesson_id in p.in_guides]


class Course(BaseModel):
    model_config = ConfigDict(frozen=True)

    meta: CourseMeta
    lessons: dict[str, Lesson]
    kit: TeacherKit | None = None
    # file (relative to the content folder) -> text path -> line, filled by the loader
    _text_lines: dict[str, dict[tuple, int | None]] = PrivateAttr(default_factory=dict)

    def text_line(self, file: str, path: tuple) -> int | None:
        """The line of ``file`` (relative to the content folder) that holds the English text
        at ``path``, as the loader read it: a missing translation is named at its English
        line without reading the file again. None for a course not read from files."""
        return self._text_lines.get(file, {}).get(path)

    @property
    def sources(self) -> dict[str, Source]:
        return {s.id: s for s in self.meta.sources}

    def source(self, lesson_id: str, source_id: str) -> Source:
        """Resolve a source id the way the loader checked it: lesson first, then course."""
        lesson = self.lessons[lesson_id]
        return lesson.sources.get(source_id) or self.sources[source_id]

    def kit_source(self, source_id: str) -> Source:
        """Resolve a source the teacher's kit cites: the kit's own, then the course's."""
        own = {s.id: s for s in self.kit.sources} if self.kit else {}
        return own.get(source_id) or self.sources[source_id]

    def activity(self, lesson_id: str, activity_id: str) -> Activity:
        return self.lessons[lesson_id].activities[activity_id]
