from .register import register_vector, register_vector_async

__all__ = [
    'register_vector',
    'register_vector_async',
]
