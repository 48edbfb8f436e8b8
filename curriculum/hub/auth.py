"""How ``make hub`` signs people in: the class's shared password, and the educator's own.

JupyterHub's ``SharedPasswordAuthenticator`` lets anyone who has the class's password sign
in as *any* allowed account. In a class that account list holds the educator, whose server
reads every hand-in, so with it alone any student could sign in as the teacher and read
everyone's work. Its ``admin_password`` keeps admin accounts apart, but it also makes them
hub admins, who can open, start and stop every student's server: the educator teaches the
class, they do not administer the hub, and what they read is decided by the drop-box's
Unix permissions alone.

So ``ClassPasswordAuthenticator`` adds ``own_passwords``: an account named there signs in
with its own password only (never the shared one, and never as a hub admin), and an own
password opens no other account. Every other allowed account signs in with the shared
``user_password``, as with the parent class. The parent's ``admin_password`` and
``password_groups`` are not used: nobody signs in to the demo as a hub admin.

This is for a demo class on one machine. A school's hub signs its students in with its own
authenticator (its directory, Google or Microsoft accounts, ...), see ``deploy/``.
"""

from __future__ import annotations

from hmac import compare_digest

from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
from traitlets import Dict, Unicode, validate


def _same(given: str, expected: str) -> bool:
    """Constant-time comparison that also takes passwords typed in any script
    (``secrets.compare_digest`` refuses non-ASCII ``str``)."""
    return compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class ClassPasswordAuthenticator(SharedPasswordAuthenticator):
    """Shared password for the students; a password of their own for named accounts."""

    own_passwords = Dict(
        key_trait=Unicode(),
        value_trait=Unicode(),
        config=True,
        help="""Accounts that sign in with a password of their own, by user name (the
        educator's). The shared ``user_password`` does not open them, and their password
        opens no other account. They are never hub admins.""",
    )

    @validate("own_passwords")
    def _validate_own_passwords(self, proposal):
        own = proposal.value
        for name, password in own.items():
            if len(password) < self._USER_PASSWORD_MIN_LENGTH:
                raise ValueError(f"{name}'s own password must be at least "
                                 f"{self._USER_PASSWORD_MIN_LENGTH} characters")
            if self.user_password and _same(password, self.user_password):
                raise ValueError(f"{name}'s own password is the class's shared password")
        if len(set(own.values())) != len(own):
            raise ValueError("two accounts have the same own password: each would open the other")
        return own

    @validate("user_password")
    def _validate_password(self, proposal):
        new = super()._validate_password(proposal)
        if new and any(_same(new, own) for own in self.own_passwords.values()):
            raise ValueError("the class's shared password is an account's own password")
        return new

    async def authenticate(self, handler, data):
        name = self.normalize_username(data["username"])
        password = data["password"]
        own = self.own_passwords.get(name)
        if own is not None:
            return {"name": name, "admin": False} if _same(password, own) else None
        if any(_same(password, other) for other in self.own_passwords.values()):
            return None  # someone else's own password opens only their account
        if self.user_password and _same(password, self.user_password):
            return {"name": name, "admin": False}
        return None
