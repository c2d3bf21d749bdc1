// Globals the Taro H5 components expect at import time (the H5 build defines them with webpack).
const g = globalThis as Record<string, unknown>
g.ENABLE_INNER_HTML = true
g.ENABLE_ADJACENT_HTML = true
g.ENABLE_SIZE_APIS = true
g.ENABLE_TEMPLATE_CONTENT = true
g.ENABLE_CLONE_NODE = true
g.ENABLE_CONTAINS = true
g.ENABLE_MUTATION_OBSERVER = true
g.CLOUD_ENV = ''
g.DEPRECATED_ADAPTER_COMPONENT = false
g.BOOKING_REMINDER_TEMPLATE = ''
g.QUEUE_SOON_TEMPLATE = ''
