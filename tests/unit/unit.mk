UNIT_TESTS :=
unit-build:
