"""Alert rules and channels, shared by the alerts worker (evaluation, delivery) and the API (CRUD,
validation, "send test"): `conditions` and `area` validate a rule, `matching` matches an image,
`channels` send, `render` writes the message every channel formats."""
