"""What each activity does when a learner uses it: its state and its grading, no widgets.

Each module holds one activity kind's plain model (``QuizModel``, ``ScenarioModel``...).
The live views in ``widgets/`` turn clicks into calls on these models and show what they
return through ``curriculum.present``; tests, benchmarks and a hub's load test drive the
same models directly, with no kernel and no browser. Every graded or ungraded answer is
handed to ``attempts.emit``; whoever records answers subscribes there.
"""
