"""Publishable records: the parts every kind that is edited, revised, reviewed, published and audited reuses.

A new kind (collections are the example: app/collection/models.py, publishing.py, editing.py) needs:

1. a status column (`draft` by default) and a revision table from `RevisionMixin` (models.py), three lines;
2. a `RecordKind` registered once (kinds.py): its model, revision model and owner column, how to take its
   snapshot, its title, the message of a step refused for a moved-on state, its audit actions, and the items
   whose search documents show it (an index job is written for them at each step), and optionally its
   `blockers`: what must be completed before it is published (checked at every step that publishes it);
3. its permission-table rows from `app.account.permissions.record_rows` (workflow steps, edit and read routes)
   and a state builder for its target in tests/account/routes.py.

Then `workflow.take(session, record, step, user, comment)` and `revisions.record/lock/latest_number/history/
since/get/start_edit` work for it; items (app/item/publishing.py) go through the same parts.
"""
