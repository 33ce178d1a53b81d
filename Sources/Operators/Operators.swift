// Module Operators: see the module's main types.
