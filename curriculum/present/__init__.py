"""How the course reads, on screen and on paper: the words and HTML fragments of every part.

One module per activity kind (``quiz``, ``timeline``...) plus the lesson frame (``frame``),
shared helpers (``html``), charts and the interface words (``strings``). The live views in
``widgets/`` and the handouts in ``curriculum.handout`` both draw from here, so a question
reads the same in both. Every fragment is a ``markupsafe.Markup``: content is escaped
because it is a ``str``, never because a call was remembered.
"""
