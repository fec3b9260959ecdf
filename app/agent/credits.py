"""The credits page: who did the museum's work, and on how many public items."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.agent.models import TRAINEE_ROLES, Agent
from app.item.kinds import PUBLISHED
from app.item.models import Item, ItemAgent


def trainee_credits(session: Session) -> list[tuple[Agent, str, int]]:
    """(agent, role, published item count) for the museum's own roles, most active first."""
    count = func.count(ItemAgent.item_id)
    rows = session.execute(
        select(Agent, ItemAgent.role, count)
        .join(ItemAgent, ItemAgent.agent_id == Agent.id)
        .join(Item, Item.id == ItemAgent.item_id)
        .where(ItemAgent.role.in_(TRAINEE_ROLES), Item.status == PUBLISHED)
        .group_by(Agent.id, ItemAgent.role)
        .order_by(count.desc(), Agent.name)
    )
    return [(agent, role, n) for agent, role, n in rows.all()]
