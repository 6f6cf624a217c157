"""Entity descriptions of the 1-Wire half, one module per platform.

A description names the owfs attribute it shows (relative to the device, e.g.
``TAI8570/pressure``), how to turn the polled value into a state
(``value_fn``), and everything Home Assistant shows about it. The tables are
ported from Home Assistant core's ``onewire`` integration so that entities keep
the same device classes, units, categories and enabled-by-default choices.
"""
