"""The shared base of cchc: what every other package may import, and which imports
nothing of cchc outside itself.

Vietnamese text rules, the record contract's constants, error reporting, safe file
input and output, the bounded zip reader and the LibreOffice bridge live here, in a
room of their own, so that the layer contract can name the base as one layer.
"""
