// Module Channels: see the module's main types.
