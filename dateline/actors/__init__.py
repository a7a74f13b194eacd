"""Actors: who is who in an article, coded by country and PLOVER sector (stage ``actors``).

The look-ups ``actor_at``, ``actors_at`` and ``actor_for_token`` read a filled record and are
what the quotes and events stages call to turn a span or a token into an actor.
"""

from .lookup import actor_at, actor_for_token, actors_at

__all__ = ["actor_at", "actor_for_token", "actors_at"]
