from .execution import enqueue_query, execute_query
from .maintenance import (
    cleanup_query_results,
    empty_schedules,
    refresh_queries,
    refresh_schemas,
    remove_ghost_locks,
)
