"""Publishable records: the parts every kind that is edited, revised, reviewed, published and audited reuses.

A kind (items, collections...) is described once by a `RecordKind` (kinds.py) and registered; then the
workflow (workflow.py), its revisions (revisions.py, with the `RevisionMixin` of models.py for its table),
the audit entries of its steps and its permission-table rows (`app.account.permissions.record_rows`)
work for it without further code.
"""
