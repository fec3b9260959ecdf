"""Accounts: users and their roles, login sessions, personal API tokens, password resets, permissions, CSRF.

What other domains use:
- Who may use a route: add a row for its `name=` to `permissions.PERMISSIONS` (a `Rule` of roles, and for
  routes on one object the roles allowed per object state). The app-wide guard enforces the roles; a view
  acting on an object calls `permissions.check(request, obj.status)` after loading it (401/403/404).
- Who is asking: declare `identity: IdentityDep` (`app.account.identity`) and read `identity.user` (None for
  visitors), `identity.role`, `identity.via` ("session" or "token"). Templates have `current_user`.
- Forms: put `{{ csrf_input() }}` in every `<form method="post">`; scripts send `X-CSRF-Token` with the value
  of `<meta name="csrf-token">`. Nothing else to do: the guard checks every non-GET request.
- Links for some roles only: `{% if can("route.name") %}` in templates (`permissions.may` in Python).
- The audit log: `app.audit.service.record(session, "item.publish", actor=user, target=item, details={...})`.
- Tests: `make_user`, `login`, `api_token`/`bearer`, `csrf_token`/`form` in tests/factories.py; the route
  harness (state builders) in tests/account/routes.py.
"""
