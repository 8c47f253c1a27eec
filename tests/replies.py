"""What the tests read in a citizen's reply (shared by the sub-question and benchmark-rule tests)."""

from __future__ import annotations

from bot import texts


def lead(reply) -> str:
    """The direct answer: the reply's first paragraph."""
    return reply.text.split("\n\n")[0]


def last_reply(testbot, *messages, user="u1"):
    """The first reply to the last of ``messages``, said one after the other by one person."""
    replies = None
    for text in messages:
        replies = testbot.say(text, user=user)
    return replies[0]


def ask(testbot, question: str):
    """The reply to ``question``, which must be an answer (not a fallback)."""
    reply = testbot.say(question)[0]
    assert reply.meta is not None and reply.meta.fallback is False, reply.text
    return reply


def declined(testbot, question: str):
    """The reply to ``question``, which must be a fallback (the bot does not answer it from the knowledge base)."""
    reply = testbot.say(question)[0]
    assert reply.meta is not None and reply.meta.fallback is True, reply.text
    return reply


def assert_fact_leads(reply, topic: str, facet: str, facts: tuple[str, ...]) -> None:
    """The reply is the sub-question ``facet`` of ``topic``, and its first paragraph states each of ``facts``."""
    assert (reply.meta.topic, reply.meta.facet) == (topic, facet), (reply.meta.topic, reply.meta.facet)
    for fact in facts:
        assert fact in lead(reply), lead(reply)


def assert_states(reply, topic: str, facts: tuple[str, ...]) -> None:
    """The reply is ``topic``'s, and states each of ``facts`` somewhere in its text."""
    assert reply.meta.topic == topic, reply.meta.topic
    for fact in facts:
        assert fact in reply.text, reply.text


def assert_sub_question_leads(reply, topic: str, facet: str, opening: str, facts: tuple[str, ...]) -> None:
    """The sub-question's direct answer opens the reply and states ``facts``; the whole entry is the first button."""
    assert reply.meta.topic == topic and reply.meta.facet == facet and reply.meta.fallback is False
    assert reply.text.startswith(opening)
    for fact in facts:
        assert fact in lead(reply), fact
    assert reply.buttons[0].payload == f"t:{topic}" and reply.buttons[0].label == texts.FULL_GUIDE_BUTTON
