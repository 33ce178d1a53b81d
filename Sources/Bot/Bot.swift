// Module Bot: see the module's main types.
