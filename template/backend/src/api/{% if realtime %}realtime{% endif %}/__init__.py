"""Realtime messaging over API Gateway's WebSocket API: chat rooms and notifications.

`authorizer.handler` checks the id token on $connect, `handlers.handler` serves the routes, and
`connections.notify` / `connections.broadcast` push messages from any REST route. `make dev`
serves the same routes locally with the same functions (local/realtime.py).
"""
